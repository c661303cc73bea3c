//! Service levels: a ticket's SLA, and the policies (everyone signed in
//! reads them; admins change them). Business calendars are in `calendars`.

use actix_web::{HttpResponse, web};
use kehu_store::convert;
use kehu_store::entities::sla_policy;
use kehu_types::{CreateSlaPolicy, SlaPolicy, SlaPolicyList, TicketSla, UpdateSlaPolicy};
use sea_orm::{EntityTrait, QueryOrder};

use crate::desk::{sla, sla_policies, tickets};
use crate::http::actor::Actor;
use crate::http::error::ApiResult;
use crate::http::params::IdPath;
use crate::state::AppState;

type State = web::Data<AppState>;

const PROBLEM: &str = "application/problem+json";

/// A ticket's SLA: the policy that applies, each metric's clock, and the ledger.
#[utoipa::path(get, path = "/api/v1/tickets/{id}/sla", tag = "sla", operation_id = "get_ticket_sla",
    params(IdPath), responses((status = 200, description = "The SLA", body = TicketSla)))]
pub async fn ticket_sla(state: State, actor: Actor, path: web::Path<IdPath>) -> ApiResult<web::Json<TicketSla>> {
    let row = tickets::load_visible(state.db.conn(), &actor, path.id).await?;
    Ok(web::Json(sla::status(state.db.conn(), &row).await?))
}

/// Every SLA policy, in matching order.
#[utoipa::path(get, path = "/api/v1/sla-policies", tag = "sla", operation_id = "list_sla_policies",
    responses((status = 200, description = "All policies", body = SlaPolicyList)))]
pub async fn list_policies(state: State, _actor: Actor) -> ApiResult<web::Json<SlaPolicyList>> {
    let rows = sla_policy::Entity::find()
        .order_by_asc(sla_policy::Column::Position)
        .order_by_asc(sla_policy::Column::Id)
        .all(state.db.conn())
        .await?;
    Ok(web::Json(SlaPolicyList { items: rows.iter().map(convert::sla_policy).collect() }))
}

/// Create a policy (admin). It applies to tickets opened or re-prioritised afterwards.
#[utoipa::path(post, path = "/api/v1/sla-policies", tag = "sla", operation_id = "create_sla_policy",
    request_body = CreateSlaPolicy,
    responses(
        (status = 201, description = "Created", body = SlaPolicy),
        (status = 409, description = "The name is taken (`name_taken`)", body = kehu_types::Problem, content_type = PROBLEM),
    ))]
pub async fn create_policy(state: State, actor: Actor, body: web::Json<CreateSlaPolicy>) -> ApiResult<HttpResponse> {
    actor.require_admin()?;
    let txn = state.db.begin_write().await?;
    let row = sla_policies::create(&*txn, &actor, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(convert::sla_policy(&row)))
}

/// Change a policy (admin). Running clocks keep their targets until the
/// ticket's priority or type changes.
#[utoipa::path(patch, path = "/api/v1/sla-policies/{id}", tag = "sla", operation_id = "update_sla_policy",
    params(IdPath), request_body = UpdateSlaPolicy,
    responses(
        (status = 200, description = "Updated", body = SlaPolicy),
        (status = 409, description = "The name is taken (`name_taken`)", body = kehu_types::Problem, content_type = PROBLEM),
    ))]
pub async fn update_policy(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<UpdateSlaPolicy>,
) -> ApiResult<web::Json<SlaPolicy>> {
    actor.require_admin()?;
    let txn = state.db.begin_write().await?;
    let row = sla_policies::update(&*txn, &actor, path.id, &body).await?;
    txn.commit().await?;
    Ok(web::Json(convert::sla_policy(&row)))
}
