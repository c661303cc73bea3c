//! The Kehu web apps: Leptos, rendered in the browser, talking to the API
//! through kehu-client with the same wire types as the server. Two apps share
//! this library: the staff app (`src/main.rs`) and the public help centre
//! (`src/bin/kehu-help.rs`), so customers download only what they use.

pub mod app;
pub mod help_app;
pub mod i18n;
pub mod pages;
pub mod session;
pub mod time;
pub mod widgets;
