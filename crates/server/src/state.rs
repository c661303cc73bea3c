//! What every handler shares.

use std::sync::Arc;

use kehu_store::Db;

use crate::config::Config;
use crate::http::actor_cache::ActorCache;
use crate::http::jwt::JwtKeys;
use crate::http::rate_limit::RateLimit;
use crate::identity::throttle::Throttle;

pub struct AppState {
    pub db: Db,
    pub jwt: JwtKeys,
    pub config: Arc<Config>,
    pub throttle: Throttle,
    /// Requests through the public form, per client address.
    pub public_requests: RateLimit,
    /// Users recently authenticated, so a request needs no lookup of its own.
    pub actors: ActorCache,
}
