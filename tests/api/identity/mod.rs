//! Identity: signing in, sessions and passwords, roles and what each may
//! see and do, users and teams.

mod access;
mod auth;
