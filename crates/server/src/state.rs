//! What every handler shares.

use std::sync::Arc;

use kehu_store::Db;

use crate::auth::jwt::JwtKeys;
use crate::auth::throttle::Throttle;
use crate::config::Config;

pub struct AppState {
    pub db: Db,
    pub jwt: JwtKeys,
    pub config: Arc<Config>,
    pub throttle: Throttle,
}
