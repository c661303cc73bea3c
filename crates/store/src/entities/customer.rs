//! The `customers` table.

use kehu_types::{Address, CustomFields, MarketingConsent};
use sea_orm::entity::prelude::*;

use super::typed_json::TypedJson;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "customers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub company_name: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub emails: TypedJson<Vec<String>>,
    #[sea_orm(column_type = "JsonBinary")]
    pub phones: TypedJson<Vec<String>>,
    #[sea_orm(column_type = "JsonBinary", nullable)]
    pub address: Option<TypedJson<Address>>,
    pub region: Option<String>,
    pub industry: Option<String>,
    pub birthday: Option<Date>,
    pub source: Option<String>,
    pub stage: String,
    pub owner_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    #[sea_orm(column_type = "JsonBinary")]
    pub tags: TypedJson<Vec<String>>,
    #[sea_orm(column_type = "JsonBinary")]
    pub custom: TypedJson<CustomFields>,
    #[sea_orm(column_type = "JsonBinary")]
    pub marketing_consent: TypedJson<MarketingConsent>,
    pub external_source: Option<String>,
    pub external_id: Option<String>,
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
