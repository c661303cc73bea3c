//! Black-box API tests over real HTTP, by area. Every scenario runs on SQLite
//! and on PostgreSQL: each file registers its own with `on_both_databases!`,
//! so `cargo test --test api desk::` runs the service desk's alone.

mod audit;
mod commerce;
mod customers;
mod desk;
mod identity;
mod knowledge;
mod loyalty;
mod notifications;
mod segments;
mod tasks;
mod value;

// Checks of the whole server rather than of one area: the OpenAPI document
// against the route table, the query plans of the hottest lists, the web app
// as served, and the Docker image's contents.
mod packaging;
mod plans;
mod spec;
mod web;
