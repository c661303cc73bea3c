//! The knowledge base for staff (list, article editor, suggestions on
//! tickets) and the public help centre's screens.

pub mod article;
pub mod help;
pub mod help_centre;
pub mod list;
