//! The Kehu web app: Leptos, rendered in the browser, talking to the API through
//! kehu-client with the same wire types as the server.

mod app;
mod choice;
mod dialog;
mod i18n;
mod pages;
mod session;
mod toast;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
