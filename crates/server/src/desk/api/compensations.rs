//! Compensation approvals: the queue of compensations waiting for a manager,
//! their decisions, and each role's limits.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use kehu_domain::tickets::format_number;
use kehu_store::convert;
use kehu_store::entities::{ticket, ticket_compensation};
use kehu_types::{CompensationDecision, CompensationEntry, CompensationLimits, CompensationPage, CompensationQuery};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::desk::compensation_approvals as service;
use crate::http::actor::Actor;
use crate::http::error::ApiResult;
use crate::http::params::{IdPath, decode_cursor, next_id_cursor, page_limit};
use crate::state::AppState;

type State = web::Data<AppState>;

/// Compensations on tickets you may see, newest first; `status=requested`
/// is the queue of those waiting for a manager's approval.
#[utoipa::path(get, path = "/api/v1/compensations", tag = "tickets", operation_id = "list_compensations",
    params(CompensationQuery),
    responses((status = 200, description = "A page of compensations", body = CompensationPage)))]
pub async fn list(
    state: State,
    actor: Actor,
    query: web::Query<CompensationQuery>,
) -> ApiResult<web::Json<CompensationPage>> {
    let limit = page_limit(query.limit)?;
    let after = decode_cursor(query.cursor.as_deref())?.map(|cursor| cursor.id);
    let conn = state.db.conn();
    let mut rows = service::page(conn, &actor, query.status, after, limit).await?;
    let next_cursor = next_id_cursor(&mut rows, limit, |row| row.id);
    let items = entries(conn, rows).await?;
    Ok(web::Json(CompensationPage { items, next_cursor }))
}

/// The rows with their tickets' numbers and subjects and customers' names.
async fn entries(
    conn: &impl sea_orm::ConnectionTrait,
    rows: Vec<ticket_compensation::Model>,
) -> ApiResult<Vec<CompensationEntry>> {
    let ids: Vec<Uuid> = rows.iter().map(|row| row.ticket_id).collect();
    let tickets: HashMap<Uuid, ticket::Model> = if ids.is_empty() {
        HashMap::new()
    } else {
        ticket::Entity::find()
            .filter(ticket::Column::Id.is_in(ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect()
    };
    let shown: Vec<ticket::Model> = tickets.values().cloned().collect();
    let names: HashMap<Uuid, String> = crate::desk::tickets::present(conn, &shown)
        .await?
        .into_iter()
        .map(|ticket| (ticket.id, ticket.customer_name))
        .collect();
    Ok(rows
        .iter()
        .map(|row| {
            let ticket = tickets.get(&row.ticket_id);
            CompensationEntry {
                compensation: convert::compensation(row),
                ticket_number: ticket.map(|t| format_number(t.number)).unwrap_or_default(),
                ticket_subject: ticket.map(|t| t.subject.clone()).unwrap_or_default(),
                customer_name: names.get(&row.ticket_id).cloned().unwrap_or_default(),
            }
        })
        .collect())
}

/// Approve a requested compensation (managers and admins, not the requester):
/// it takes effect now (points reach the balance, money counts as given).
#[utoipa::path(post, path = "/api/v1/compensations/{id}/approve", tag = "tickets", operation_id = "approve_compensation",
    params(IdPath), request_body = CompensationDecision,
    responses(
        (status = 200, description = "Approved", body = kehu_types::Compensation),
        (status = 409, description = "Already approved or rejected (`compensation_decided`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn approve(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<CompensationDecision>,
) -> ApiResult<HttpResponse> {
    decide(&state, &actor, path.id, true, &body).await
}

/// Reject a requested compensation (managers and admins, not the requester):
/// it never takes effect.
#[utoipa::path(post, path = "/api/v1/compensations/{id}/reject", tag = "tickets", operation_id = "reject_compensation",
    params(IdPath), request_body = CompensationDecision,
    responses(
        (status = 200, description = "Rejected", body = kehu_types::Compensation),
        (status = 409, description = "Already approved or rejected (`compensation_decided`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn reject(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<CompensationDecision>,
) -> ApiResult<HttpResponse> {
    decide(&state, &actor, path.id, false, &body).await
}

async fn decide(
    state: &State,
    actor: &Actor,
    id: Uuid,
    approve: bool,
    body: &CompensationDecision,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let row = service::decide(&*txn, actor, id, approve, body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(convert::compensation(&row)))
}

/// How much each role may give before a manager must approve; everyone
/// signed in reads them. The `ETag` carries the version (0 for the defaults).
#[utoipa::path(get, path = "/api/v1/settings/compensation-limits", tag = "settings", operation_id = "get_compensation_limits",
    responses((status = 200, description = "The limits", body = CompensationLimits, headers(("ETag" = String, description = "The version")))))]
pub async fn get_limits(state: State, _actor: Actor) -> ApiResult<HttpResponse> {
    crate::platform::settings::read::<CompensationLimits>(&state).await
}

/// Replace the compensation limits (admins). Compensations already recorded
/// keep their status.
#[utoipa::path(put, path = "/api/v1/settings/compensation-limits", tag = "settings", operation_id = "update_compensation_limits",
    params(("If-Match" = Option<String>, Header, description = "The version from the ETag, e.g. \"3\"")),
    request_body = CompensationLimits,
    responses(
        (status = 200, description = "Saved", body = CompensationLimits, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_limits(
    state: State,
    actor: Actor,
    request: HttpRequest,
    body: web::Json<CompensationLimits>,
) -> ApiResult<HttpResponse> {
    crate::platform::settings::write(&state, &actor, &request, &*body).await
}
