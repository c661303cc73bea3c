//! Segments: customers chosen by a filter tree.

use actix_web::web;
use kehu_types::{SegmentCount, SegmentCountRequest};

use crate::auth::Actor;
use crate::error::ApiResult;
use crate::services::segments;
use crate::state::AppState;

/// How many customers you may see a filter selects. The filter is a tree of
/// `and`/`or`/`not` groups over `compare` conditions on the customer's
/// stage, tags, region, source, kind, value (orders, spend, days since the
/// last purchase), RFM scores and segment, loyalty tier and points. A bad
/// tree is a 422 naming the faulty node, e.g. `filter.items[1].value`.
#[utoipa::path(post, path = "/api/v1/segments/count", tag = "segments", operation_id = "count_segment",
    request_body = SegmentCountRequest,
    responses((status = 200, description = "The number of customers", body = SegmentCount)))]
pub async fn count(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<SegmentCountRequest>,
) -> ApiResult<web::Json<SegmentCount>> {
    Ok(web::Json(SegmentCount { count: segments::count(state.db.conn(), &actor, &body.filter).await? }))
}
