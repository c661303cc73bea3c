//! The staff app: customers, tickets, knowledge base, tasks and administration.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(kehu_web::app::App);
}
