pub mod admin;
pub mod customer;
pub mod customer_form;
pub mod customer_timeline;
pub mod customers;
pub mod login;
