//! Who is calling: the bearer token is verified, then the user is looked up
//! (in the actor cache, else the database) so that a deactivation or a role
//! change takes effect on the very next request.

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};
use kehu_store::convert;
use kehu_store::entities::user;
use kehu_types::{Role, User};
use sea_orm::EntityTrait;
use uuid::Uuid;

use crate::http::error::ApiError;
use crate::http::request_id::RequestId;
use crate::state::AppState;

/// Where a request came from, for audit rows and throttling.
#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub request_id: Option<String>,
    /// The TCP peer address (not a forwarded header, which a client could forge).
    pub ip: Option<String>,
}

impl RequestMeta {
    /// Work the server does on its own (background jobs).
    pub fn system() -> Self {
        Self { request_id: None, ip: None }
    }

    fn of(request: &HttpRequest) -> Self {
        Self {
            request_id: request.extensions().get::<RequestId>().map(|id| id.0.clone()),
            ip: request.peer_addr().map(|addr| addr.ip().to_string()),
        }
    }
}

impl FromRequest for RequestMeta {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Self::of(request)))
    }
}

/// An authenticated, active user and the request they made.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The profile's id, role and team, at hand for access checks.
    pub id: Uuid,
    pub role: Role,
    pub team_id: Option<Uuid>,
    /// The user as the actor cache or the database last read them.
    pub profile: User,
    pub meta: RequestMeta,
}

impl Actor {
    pub fn of(profile: User, meta: RequestMeta) -> Self {
        Self { id: profile.id, role: profile.role, team_id: profile.team_id, profile, meta }
    }

    /// Refuse unless the actor has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!("the {} role may not do this", self.role)))
        }
    }

    pub fn require_admin(&self) -> Result<(), ApiError> {
        self.require(&[Role::Admin])
    }

    /// Anyone but a viewer may write customer records.
    pub fn require_writer(&self) -> Result<(), ApiError> {
        self.require(&[Role::Admin, Role::Manager, Role::Agent])
    }
}

fn bearer(request: &HttpRequest) -> Option<String> {
    let value = request.headers().get(actix_web::http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_owned())
}

impl FromRequest for Actor {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = request.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(request);
        let meta = RequestMeta::of(request);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("application state missing"))?;
            let token =
                token.ok_or_else(|| ApiError::unauthenticated("sign in: send Authorization: Bearer <access token>"))?;
            let user_id = state
                .jwt
                .verify(&token)
                .ok_or_else(|| ApiError::unauthenticated("the access token is invalid or expired"))?;
            let now = Instant::now();
            let profile = match state.actors.get(user_id, now) {
                Some(profile) => profile,
                None => {
                    let row = user::Entity::find_by_id(user_id)
                        .one(state.db.conn())
                        .await?
                        .filter(|row| row.active)
                        .ok_or_else(|| ApiError::unauthenticated("the account no longer exists or is deactivated"))?;
                    let profile = convert::user(&row);
                    state.actors.put(user_id, profile.clone(), now);
                    profile
                }
            };
            Ok(Actor::of(profile, meta))
        })
    }
}
