//! The public help centre: articles and the request form, without signing in.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(kehu_web::help_app::HelpApp);
}
