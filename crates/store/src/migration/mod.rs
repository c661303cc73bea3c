//! Schema migrations, one set for SQLite and PostgreSQL. Migrations are append-only:
//! a released one is never edited, a change is a new file.

use sea_orm_migration::prelude::*;

mod m0001_foundation;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m0001_foundation::Migration)]
    }
}
