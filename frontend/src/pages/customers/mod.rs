//! Customer files: the list, the profile with its timeline, the form, and
//! the custom fields admins define.

pub mod custom_fields;
pub mod details;
pub mod form;
pub mod form_fields;
pub mod list;
pub mod profile;
pub mod timeline;
