//! Signed-in users as a recent request found them, kept for a few seconds so
//! that authenticating a request (and answering `GET /me`) does not cost a
//! database round trip each time. Changing a user through this server, or
//! their signing in, forgets them at once, so a deactivation or a role change
//! still holds from the very next request; another server sharing the
//! database sees it within `FRESH_FOR`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use kehu_types::User;
use uuid::Uuid;

const FRESH_FOR: Duration = Duration::from_secs(5);
/// More distinct users than this within `FRESH_FOR` start the cache afresh.
const CAPACITY: usize = 10_000;

#[derive(Default)]
pub struct ActorCache {
    users: Mutex<HashMap<Uuid, (Instant, User)>>,
}

impl ActorCache {
    /// The user, if seen active less than `FRESH_FOR` ago.
    pub fn get(&self, id: Uuid, now: Instant) -> Option<User> {
        let users = self.users.lock().ok()?;
        users.get(&id).filter(|(seen, _)| now.duration_since(*seen) < FRESH_FOR).map(|(_, user)| user.clone())
    }

    /// Remember an active user as read at `now`.
    pub fn put(&self, id: Uuid, user: User, now: Instant) {
        if let Ok(mut users) = self.users.lock() {
            if users.len() >= CAPACITY {
                users.retain(|_, (seen, _)| now.duration_since(*seen) < FRESH_FOR);
                if users.len() >= CAPACITY {
                    users.clear();
                }
            }
            users.insert(id, (now, user));
        }
    }

    /// Read the user from the database on their next request.
    pub fn forget(&self, id: Uuid) {
        if let Ok(mut users) = self.users.lock() {
            users.remove(&id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent() -> User {
        User {
            id: Uuid::nil(),
            email: "a@kehu.local".into(),
            name: "A".into(),
            role: kehu_types::Role::Agent,
            team_id: None,
            active: true,
            created_at: chrono::DateTime::UNIX_EPOCH,
            last_login_at: None,
            time_zone: None,
        }
    }

    #[test]
    fn a_user_is_known_for_a_few_seconds_and_forgotten_on_change() {
        let cache = ActorCache::default();
        let (id, start) = (kehu_store::new_id(), Instant::now());
        assert_eq!(cache.get(id, start), None);
        cache.put(id, agent(), start);
        assert_eq!(cache.get(id, start + Duration::from_secs(4)), Some(agent()));
        assert_eq!(cache.get(id, start + FRESH_FOR), None);
        cache.put(id, agent(), start);
        cache.forget(id);
        assert_eq!(cache.get(id, start), None);
    }

    #[test]
    fn a_full_cache_drops_what_is_stale_first() {
        let cache = ActorCache::default();
        let start = Instant::now();
        let stale = kehu_store::new_id();
        cache.put(stale, agent(), start);
        for _ in 1..CAPACITY {
            cache.put(kehu_store::new_id(), agent(), start + FRESH_FOR);
        }
        let newest = kehu_store::new_id();
        cache.put(newest, agent(), start + FRESH_FOR);
        assert_eq!(cache.get(newest, start + FRESH_FOR), Some(agent()));
        assert!(cache.users.lock().map(|users| !users.contains_key(&stale)).unwrap_or(false));
    }
}
