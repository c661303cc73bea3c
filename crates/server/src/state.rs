//! What every handler shares.

use std::sync::Arc;

use kehu_store::Db;

use crate::auth::actor_cache::ActorCache;
use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::RateLimit;
use crate::auth::throttle::Throttle;
use crate::config::Config;

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
