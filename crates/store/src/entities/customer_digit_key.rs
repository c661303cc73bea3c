//! The `customer_digit_keys` table: the digits a phone-number search can
//! find each customer by (`kehu_store::digit_keys`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "customer_digit_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub digits: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub customer_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
