//! The Kehu server: one folder per area of the business (its handlers, its
//! services, its job kinds), the HTTP machinery and the platform they share,
//! and what assembles them: configuration, the actix-web application, the
//! list of areas and the OpenAPI document.

pub mod app;
pub mod areas;
pub mod bootstrap;
pub mod config;
pub mod demo;
pub mod demo_articles;
pub mod demo_orders;
pub mod demo_tickets;
pub mod openapi;
pub mod state;

pub mod http;
pub mod platform;

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
