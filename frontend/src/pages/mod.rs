pub mod admin;
pub mod customer;
pub mod customer_form;
pub mod customers;
pub mod login;
