//! Who works here: signing in, and the admin pages of users and teams.

pub mod login;
pub mod teams;
pub mod users;
