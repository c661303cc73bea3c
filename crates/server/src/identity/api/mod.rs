//! The identity handlers: sign-in and the current user, users, teams.

pub mod auth;
pub mod teams;
pub mod users;
