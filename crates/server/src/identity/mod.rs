//! Identity: signing in and out, refresh tokens, passwords and login
//! throttling, the current user (`/me`), and the users and teams admins keep.
//! Who is calling on each request is worked out by `http::actor`.

pub mod api;
pub mod password;
pub mod sessions;
pub mod teams;
pub mod throttle;
pub mod tokens;
pub mod users;

use utoipa::OpenApi;

use crate::http::routes::{Table, at};

/// Mount the identity operations.
pub fn routes(table: Table) -> Table {
    use api::{auth, teams, users};
    table
        .mount(at("/auth/login").post(auth::login))
        .mount(at("/auth/refresh").post(auth::refresh))
        .mount(at("/auth/logout").post(auth::logout))
        .mount(at("/me").get(auth::me).patch(auth::update_me))
        .mount(at("/me/password").post(auth::change_password))
        .mount(at("/users").get(users::list).post(users::create))
        .mount(at("/users/{id}").get(users::get).patch(users::update))
        .mount(at("/users/{id}/password").post(users::reset_password))
        .mount(at("/teams").get(teams::list).post(teams::create))
        .mount(at("/teams/{id}").get(teams::get).patch(teams::update))
}

#[derive(OpenApi)]
#[openapi(paths(
    api::auth::login,
    api::auth::refresh,
    api::auth::logout,
    api::auth::me,
    api::auth::update_me,
    api::auth::change_password,
    api::users::list,
    api::users::create,
    api::users::get,
    api::users::update,
    api::users::reset_password,
    api::teams::list,
    api::teams::create,
    api::teams::get,
    api::teams::update,
))]
pub struct ApiDoc;
