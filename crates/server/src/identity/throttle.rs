//! Failed-login throttling, per account and per client address.
//!
//! After `ACCOUNT_LIMIT` failures for one email (or `ADDRESS_LIMIT` from one
//! address) within the window, further attempts are refused with 429 and
//! `Retry-After` until the window of the oldest counted failure ends. A success
//! clears the account's count. Kept in memory: each instance throttles on its own.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const ACCOUNT_LIMIT: usize = 5;
pub const ADDRESS_LIMIT: usize = 30;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Throttle {
    fn keys(email: &str, address: &str) -> [(String, usize); 2] {
        [
            (format!("account:{}", email.trim().to_lowercase()), ACCOUNT_LIMIT),
            (format!("address:{address}"), ADDRESS_LIMIT),
        ]
    }

    /// Seconds to wait when either key is over its limit.
    pub fn retry_after(&self, email: &str, address: &str) -> Option<u64> {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Self::keys(email, address)
            .iter()
            .filter_map(|(key, limit)| {
                let list = failures.get_mut(key)?;
                list.retain(|at| now.duration_since(*at) < WINDOW);
                (list.len() >= *limit).then(|| {
                    let oldest = list.first().copied().unwrap_or(now);
                    (WINDOW.saturating_sub(now.duration_since(oldest))).as_secs().max(1)
                })
            })
            .max()
    }

    pub fn record_failure(&self, email: &str, address: &str) {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if failures.len() > 100_000 {
            failures.retain(|_, list| list.last().is_some_and(|at| now.duration_since(*at) < WINDOW));
        }
        for (key, _) in Self::keys(email, address) {
            failures.entry(key).or_default().push(now);
        }
    }

    pub fn record_success(&self, email: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        failures.remove(&format!("account:{}", email.trim().to_lowercase()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_locks_after_the_limit_and_unlocks_on_success() {
        let throttle = Throttle::default();
        for _ in 0..ACCOUNT_LIMIT {
            assert_eq!(throttle.retry_after("A@x.com", "1.2.3.4"), None);
            throttle.record_failure("a@x.com", "1.2.3.4");
        }
        assert!(throttle.retry_after("a@x.com", "5.6.7.8").is_some_and(|s| s > 0 && s <= 900));
        assert_eq!(throttle.retry_after("b@x.com", "5.6.7.8"), None);
        throttle.record_success("a@x.com");
        assert_eq!(throttle.retry_after("a@x.com", "5.6.7.8"), None);
    }

    #[test]
    fn an_address_locks_across_accounts() {
        let throttle = Throttle::default();
        for n in 0..ADDRESS_LIMIT {
            throttle.record_failure(&format!("user{n}@x.com"), "9.9.9.9");
        }
        assert!(throttle.retry_after("fresh@x.com", "9.9.9.9").is_some());
        assert_eq!(throttle.retry_after("fresh@x.com", "8.8.8.8"), None);
    }
}
