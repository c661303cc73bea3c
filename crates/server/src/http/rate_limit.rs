//! A sliding-window rate limit per key (a client address), for endpoints
//! anyone may call. Kept in memory: each instance counts on its own.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimit {
    limit: usize,
    window: Duration,
    hits: Mutex<HashMap<String, Vec<Instant>>>,
}

impl RateLimit {
    pub fn new(limit: usize, window: Duration) -> Self {
        Self { limit, window, hits: Mutex::new(HashMap::new()) }
    }

    /// Count a hit for `key`; `Err(seconds)` to wait when over the limit
    /// (a refused hit is not counted).
    pub fn hit(&self, key: &str) -> Result<(), u64> {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if hits.len() > 100_000 {
            hits.retain(|_, list| list.last().is_some_and(|at| now.duration_since(*at) < self.window));
        }
        let list = hits.entry(key.to_owned()).or_default();
        list.retain(|at| now.duration_since(*at) < self.window);
        if list.len() >= self.limit {
            let oldest = list.first().copied().unwrap_or(now);
            return Err(self.window.saturating_sub(now.duration_since(oldest)).as_secs().max(1));
        }
        list.push(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_refused_past_the_limit_and_others_are_not() {
        let limit = RateLimit::new(3, Duration::from_secs(3600));
        for _ in 0..3 {
            assert_eq!(limit.hit("1.2.3.4"), Ok(()));
        }
        assert!(limit.hit("1.2.3.4").is_err_and(|wait| wait > 0 && wait <= 3600));
        assert_eq!(limit.hit("5.6.7.8"), Ok(()));
    }
}
