//! Schema migrations, one set for SQLite and PostgreSQL. Migrations are append-only:
//! a released one is never edited, a change is a new file.

use sea_orm_migration::prelude::*;

mod support;

mod m0001_foundation;
mod m0002_service_desk;
mod m0003_sla;
mod m0004_tasks;
mod m0005_knowledge;
mod m0006_queue_indexes;
mod m0007_products;
mod m0008_orders;
mod m0009_refunds;
mod m0010_value_rules;
mod m0011_loyalty;
mod m0012_segments;
mod m0013_segment_trash;
mod m0014_customer_search;
mod m0015_customer_list_search;
mod m0016_team_due_tickets;
mod m0017_customer_digit_keys;
mod m0018_customer_external_ids;
mod m0019_calendar_workdays;
mod m0020_user_time_zones;
mod m0021_consent_events;
mod m0022_compensation_approval;
mod m0023_calendar_day_names;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_service_desk::Migration),
            Box::new(m0003_sla::Migration),
            Box::new(m0004_tasks::Migration),
            Box::new(m0005_knowledge::Migration),
            Box::new(m0006_queue_indexes::Migration),
            Box::new(m0007_products::Migration),
            Box::new(m0008_orders::Migration),
            Box::new(m0009_refunds::Migration),
            Box::new(m0010_value_rules::Migration),
            Box::new(m0011_loyalty::Migration),
            Box::new(m0012_segments::Migration),
            Box::new(m0013_segment_trash::Migration),
            Box::new(m0014_customer_search::Migration),
            Box::new(m0015_customer_list_search::Migration),
            Box::new(m0016_team_due_tickets::Migration),
            Box::new(m0017_customer_digit_keys::Migration),
            Box::new(m0018_customer_external_ids::Migration),
            Box::new(m0019_calendar_workdays::Migration),
            Box::new(m0020_user_time_zones::Migration),
            Box::new(m0021_consent_events::Migration),
            Box::new(m0022_compensation_approval::Migration),
            Box::new(m0023_calendar_day_names::Migration),
        ]
    }
}
