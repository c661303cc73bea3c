//! Building blocks every area uses: dialogs, toasts, field errors, selects
//! of closed vocabularies and currencies, badges, cursor paging, the admin
//! frame and the language switch.

pub mod admin_frame;
pub mod badges;
pub mod categories;
pub mod choice;
pub mod currency;
pub mod dialog;
pub mod form_errors;
pub mod language;
pub mod list_url;
pub mod numbers;
pub mod paged;
pub mod toast;
