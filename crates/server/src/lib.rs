//! The Kehu server: configuration, the actix-web application, authentication,
//! the services behind each resource, and the OpenAPI document.

pub mod api;
pub mod app;
pub mod auth;
pub mod bootstrap;
pub mod config;
pub mod demo;
pub mod demo_articles;
pub mod demo_orders;
pub mod demo_tickets;
pub mod error;
pub mod jobs;
pub mod openapi;
pub mod request_id;
pub mod services;
pub mod spa;
pub mod state;
