//! The screens, one folder (or file) per area, named as the server's areas
//! are. A screen composes its own area's parts and, where the product joins
//! areas (a customer's tickets and orders on the customer page), the panels
//! other areas offer; shared building blocks live in `crate::widgets`.

pub mod audit;
pub mod commerce;
pub mod customers;
pub mod desk;
pub mod identity;
pub mod knowledge;
pub mod loyalty;
pub mod notifications;
pub mod segments;
pub mod tasks;
pub mod value;
