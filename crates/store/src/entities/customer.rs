//! The `customers` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "customers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub company_name: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub emails: Json,
    #[sea_orm(column_type = "JsonBinary")]
    pub phones: Json,
    #[sea_orm(column_type = "JsonBinary", nullable)]
    pub address: Option<Json>,
    pub region: Option<String>,
    pub industry: Option<String>,
    pub birthday: Option<Date>,
    pub source: Option<String>,
    pub stage: String,
    pub owner_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    #[sea_orm(column_type = "JsonBinary")]
    pub tags: Json,
    #[sea_orm(column_type = "JsonBinary")]
    pub custom: Json,
    #[sea_orm(column_type = "JsonBinary")]
    pub marketing_consent: Json,
    /// Lower-cased names, emails and phones joined for substring search (CJK-safe).
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    pub version: i64,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
