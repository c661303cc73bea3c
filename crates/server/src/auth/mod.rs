//! Authentication: access JWTs, rotating refresh tokens, password hashing,
//! login throttling, and the extractor that turns a bearer token into an actor.

pub mod actor;
pub mod actor_cache;
pub mod jwt;
pub mod password;
pub mod rate_limit;
pub mod throttle;
pub mod tokens;

pub use actor::{Actor, RequestMeta};
