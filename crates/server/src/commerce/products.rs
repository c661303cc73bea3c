//! The product catalogue: managers and admins keep it, one product at a time or
//! in bulk from a shop system (created or updated by SKU, all or none).

use std::collections::{HashMap, HashSet};

use kehu_domain::validate::{Errors, NAME_MAX, SHORT_TEXT_MAX};
use kehu_store::entities::product;
use kehu_store::{convert, new_id, now};
use kehu_types::{BULK_MAX, ProductBatch, ProductBatchResult, ProductInput, Role, UpdateProduct, codes, field_codes};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::json;
use uuid::Uuid;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::platform::{audit, versioned};

/// Who keeps the catalogue.
const CATALOGUE_KEEPERS: &[Role] = &[Role::Admin, Role::Manager];

/// A product's fields after validation.
#[derive(Debug, Clone, PartialEq)]
struct Clean {
    sku: String,
    name: String,
    category: Option<String>,
    list_price: i64,
    currency: String,
    unit_cost: Option<i64>,
    active: bool,
}

/// Validate one product; field names start with `prefix` (`items[3].` in bulk).
fn clean(errors: &mut Errors, prefix: &str, input: &ProductInput) -> Clean {
    let field = |name: &str| format!("{prefix}{name}");
    let clean = Clean {
        sku: errors.sku(&field("sku"), &input.sku),
        name: errors.required_text(&field("name"), &input.name, NAME_MAX),
        category: errors.optional_text(&field("category"), input.category.as_deref(), SHORT_TEXT_MAX),
        list_price: input.list_price,
        currency: errors.currency(&field("currency"), &input.currency),
        unit_cost: input.unit_cost,
        active: input.active.unwrap_or(true),
    };
    errors.money(&field("list_price"), input.list_price, 0);
    if let Some(cost) = input.unit_cost {
        errors.money(&field("unit_cost"), cost, 0);
    }
    clean
}

pub fn search_text(sku: &str, name: &str) -> String {
    format!("{} {}", sku.to_lowercase(), name.to_lowercase())
}

fn apply(active: &mut product::ActiveModel, clean: &Clean) {
    active.sku = Set(clean.sku.clone());
    active.name = Set(clean.name.clone());
    active.category = Set(clean.category.clone());
    active.list_price = Set(clean.list_price);
    active.currency = Set(clean.currency.clone());
    active.unit_cost = Set(clean.unit_cost);
    active.active = Set(clean.active);
    active.search_text = Set(search_text(&clean.sku, &clean.name));
}

fn matches(row: &product::Model, clean: &Clean) -> bool {
    row.name == clean.name
        && row.category == clean.category
        && row.list_price == clean.list_price
        && row.currency == clean.currency
        && row.unit_cost == clean.unit_cost
        && row.active == clean.active
}

async fn insert(conn: &impl ConnectionTrait, clean: &Clean) -> ApiResult<product::Model> {
    let at = now();
    let mut active = product::ActiveModel {
        id: Set(new_id()),
        version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    };
    apply(&mut active, clean);
    Ok(active.insert(conn).await?)
}

async fn replace(conn: &impl ConnectionTrait, row: product::Model, clean: &Clean) -> ApiResult<product::Model> {
    let version = row.version;
    let mut active = row.into_active_model();
    apply(&mut active, clean);
    active.version = Set(version + 1);
    active.updated_at = Set(now());
    versioned::update(conn, active, product::Column::Version, version, "product").await
}

pub async fn load(conn: &impl ConnectionTrait, id: Uuid) -> ApiResult<product::Model> {
    product::Entity::find_by_id(id).one(conn).await?.ok_or_else(|| ApiError::not_found("product"))
}

async fn by_sku(conn: &impl ConnectionTrait, skus: Vec<String>) -> ApiResult<HashMap<String, product::Model>> {
    let rows = product::Entity::find().filter(product::Column::Sku.is_in(skus)).all(conn).await?;
    Ok(rows.into_iter().map(|row| (row.sku.clone(), row)).collect())
}

pub async fn create(conn: &impl ConnectionTrait, actor: &Actor, input: &ProductInput) -> ApiResult<product::Model> {
    actor.require(CATALOGUE_KEEPERS)?;
    let mut errors = Errors::default();
    let clean = clean(&mut errors, "", input);
    errors.finish(()).map_err(ApiError::validation)?;
    if !by_sku(conn, vec![clean.sku.clone()]).await?.is_empty() {
        return Err(ApiError::conflict(codes::SKU_TAKEN, format!("a product with SKU {} already exists", clean.sku)));
    }
    let row = insert(conn, &clean).await?;
    let created = json!(convert::product(&row));
    audit::record(conn, Some(actor.id), &actor.meta, "product.create", "product", Some(row.id), created.clone())
        .await?;
    audit::emit(conn, "product.created", "product", row.id, created).await?;
    Ok(row)
}

pub async fn update(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    patch: &UpdateProduct,
) -> ApiResult<product::Model> {
    actor.require(CATALOGUE_KEEPERS)?;
    let row = load(conn, id).await?;
    if let Some(version) = version {
        ApiError::check_version("product", row.version, version)?;
    }
    let merged = ProductInput {
        sku: row.sku.clone(),
        name: patch.name.clone().unwrap_or_else(|| row.name.clone()),
        category: patch.category.clone().unwrap_or_else(|| row.category.clone()),
        list_price: patch.list_price.unwrap_or(row.list_price),
        currency: patch.currency.clone().unwrap_or_else(|| row.currency.clone()),
        unit_cost: patch.unit_cost.unwrap_or(row.unit_cost),
        active: Some(patch.active.unwrap_or(row.active)),
    };
    let mut errors = Errors::default();
    let clean = clean(&mut errors, "", &merged);
    errors.finish(()).map_err(ApiError::validation)?;
    let before = json!(convert::product(&row));
    let updated = replace(conn, row, &clean).await?;
    let changes = audit::diff(&before, &json!(convert::product(&updated)), &["version", "updated_at"]);
    audit::record(conn, Some(actor.id), &actor.meta, "product.update", "product", Some(id), changes.clone()).await?;
    audit::emit(conn, "product.updated", "product", id, changes).await?;
    Ok(updated)
}

/// Create or update up to `BULK_MAX` products by SKU. Any invalid item fails
/// the whole request with every item's errors (`items[i].field`).
pub async fn bulk(conn: &impl ConnectionTrait, actor: &Actor, batch: &ProductBatch) -> ApiResult<ProductBatchResult> {
    actor.require(CATALOGUE_KEEPERS)?;
    let mut errors = Errors::default();
    if batch.items.is_empty() || batch.items.len() > BULK_MAX {
        let code = if batch.items.is_empty() { field_codes::REQUIRED } else { field_codes::TOO_MANY };
        errors.add("items", code, format!("send 1 to {BULK_MAX} products"));
        return Err(ApiError::validation(errors.0));
    }
    let mut seen = HashSet::new();
    let cleaned: Vec<Clean> = batch
        .items
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let clean = clean(&mut errors, &format!("items[{i}]."), input);
            if !clean.sku.is_empty() && !seen.insert(clean.sku.clone()) {
                errors.add(format!("items[{i}].sku"), field_codes::DUPLICATE, "this SKU is already in the request");
            }
            clean
        })
        .collect();
    errors.finish(()).map_err(ApiError::validation)?;
    let mut existing = by_sku(conn, cleaned.iter().map(|c| c.sku.clone()).collect()).await?;
    let mut result =
        ProductBatchResult { created: 0, updated: 0, unchanged: 0, items: Vec::with_capacity(cleaned.len()) };
    for clean in &cleaned {
        let row = match existing.remove(&clean.sku) {
            None => {
                result.created += 1;
                let row = insert(conn, clean).await?;
                audit::emit(conn, "product.created", "product", row.id, json!(convert::product(&row))).await?;
                row
            }
            Some(row) if matches(&row, clean) => {
                result.unchanged += 1;
                row
            }
            Some(row) => {
                result.updated += 1;
                let row = replace(conn, row, clean).await?;
                audit::emit(conn, "product.updated", "product", row.id, json!(convert::product(&row))).await?;
                row
            }
        };
        result.items.push(convert::product(&row));
    }
    let summary = json!({ "created": result.created, "updated": result.updated, "unchanged": result.unchanged,
        "skus": cleaned.iter().map(|c| c.sku.as_str()).collect::<Vec<_>>() });
    audit::record(conn, Some(actor.id), &actor.meta, "product.bulk", "product", None, summary).await?;
    Ok(result)
}
