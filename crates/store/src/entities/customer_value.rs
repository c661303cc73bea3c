//! The `customer_values` table: running sums kept by the order writes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "customer_values")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub customer_id: Uuid,
    pub currency: Option<String>,
    pub order_count: i64,
    pub total_spent: i64,
    pub costed_revenue: i64,
    pub cost_of_goods: i64,
    pub first_purchase_at: Option<DateTimeUtc>,
    pub last_purchase_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
    pub r_score: Option<i16>,
    pub f_score: Option<i16>,
    pub m_score: Option<i16>,
    pub rfm_segment: Option<String>,
    pub rfm_scored_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
