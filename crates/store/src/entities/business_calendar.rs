//! The `business_calendars` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "business_calendars")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    /// An IANA zone name such as `Asia/Shanghai`.
    pub time_zone: String,
    /// Seven lists (Monday first) of `{start, end}` local times as `HH:MM`.
    pub week: Json,
    /// Closed dates, `YYYY-MM-DD`.
    pub holidays: Json,
    /// Make-up working days (调休), `YYYY-MM-DD`; `NULL` for calendars saved
    /// before they existed.
    pub workdays: Option<Json>,
    /// Names of holidays and make-up days, an object from `YYYY-MM-DD` to
    /// the name; `NULL` for calendars saved before names were kept.
    pub day_names: Option<Json>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
