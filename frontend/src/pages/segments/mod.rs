//! Segments: the saved list, the builder and its filter tree.

pub mod builder;
pub mod list;
pub mod tree;
pub mod values;
