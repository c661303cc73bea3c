//! Bulk order import for shop systems: up to 500 orders per request, each
//! recorded exactly as `POST /orders` would (value, stage, audit), all in the
//! caller's one transaction, so a bad item leaves nothing written.

use kehu_types::{BULK_MAX, FieldError, OrderBatch, OrderBatchResult, field_codes};
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::commerce::orders;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::platform::audit;

/// An item's failure as field errors under `items[i]`.
fn item_errors(index: usize, error: ApiError) -> Vec<FieldError> {
    if error.errors.is_empty() {
        return vec![FieldError::new(format!("items[{index}]"), error.code, error.detail)];
    }
    error.errors.into_iter().map(|e| FieldError { field: format!("items[{index}].{}", e.field), ..e }).collect()
}

/// Record the batch's orders in request order. Re-sent orders (same source
/// and number) count as unchanged. Any client error in any item fails the
/// whole batch with every item's errors; the caller's transaction then rolls
/// back what the valid items wrote.
pub async fn bulk(conn: &impl ConnectionTrait, actor: &Actor, batch: &OrderBatch) -> ApiResult<OrderBatchResult> {
    actor.require_writer()?;
    if batch.items.is_empty() || batch.items.len() > BULK_MAX {
        let code = if batch.items.is_empty() { field_codes::REQUIRED } else { field_codes::TOO_MANY };
        return Err(ApiError::field("items", code, &format!("send 1 to {BULK_MAX} orders")));
    }
    let mut result = OrderBatchResult { created: 0, unchanged: 0, items: Vec::with_capacity(batch.items.len()) };
    let mut errors = Vec::new();
    let mut recorded_items = Vec::with_capacity(batch.items.len());
    for (index, input) in batch.items.iter().enumerate() {
        match orders::create(conn, actor, input).await {
            Ok((recorded, created)) => {
                if created {
                    result.created += 1
                } else {
                    result.unchanged += 1
                }
                recorded_items.push(recorded);
            }
            Err(error) if error.status.is_client_error() => errors.extend(item_errors(index, error)),
            Err(error) => return Err(error),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    result.items = orders::present(conn, &recorded_items).await?;
    let summary = json!({ "created": result.created, "unchanged": result.unchanged,
        "numbers": result.items.iter().map(|o| o.number.as_str()).collect::<Vec<_>>() });
    audit::record(conn, Some(actor.id), &actor.meta, "order.bulk", "order", None, summary).await?;
    Ok(result)
}
