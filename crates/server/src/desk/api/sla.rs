//! Service levels: a ticket's SLA, and the policies (everyone signed in
//! reads them; admins change them). Business calendars are in `calendars`.

use actix_web::{HttpResponse, web};
use kehu_domain::validate::Errors;
use kehu_store::entities::{business_calendar, sla_policy};
use kehu_store::{convert, new_id, now};
use kehu_types::{CreateSlaPolicy, SlaPolicy, SlaPolicyList, TicketSla, UpdateSlaPolicy, codes, field_codes};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;

use crate::desk::{sla, tickets};
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::IdPath;
use crate::platform::audit;
use crate::state::AppState;

type State = web::Data<AppState>;

const PROBLEM: &str = "application/problem+json";
/// Longest target: a year.
const MINUTES_MAX: i32 = 525_600;
const NAME_MAX: usize = 100;

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

fn check_minutes(errors: &mut Errors, field: &str, value: Option<i32>) {
    if value.is_some_and(|m| !(1..=MINUTES_MAX).contains(&m)) {
        errors.add(field, field_codes::OUT_OF_RANGE, format!("must be between 1 and {MINUTES_MAX} minutes"));
    }
}

fn check_policy_numbers(errors: &mut Errors, policy: &SlaPolicy) {
    check_minutes(errors, "first_response_minutes", policy.first_response_minutes);
    check_minutes(errors, "next_response_minutes", policy.next_response_minutes);
    check_minutes(errors, "resolution_minutes", policy.resolution_minutes);
    if !(1..=99).contains(&policy.warn_percent) {
        errors.add("warn_percent", field_codes::OUT_OF_RANGE, "must be between 1 and 99");
    }
    if !(0..=10_000).contains(&policy.position) {
        errors.add("position", field_codes::OUT_OF_RANGE, "must be between 0 and 10000");
    }
    if policy.match_tiers.len() > 20 || policy.match_tiers.iter().any(|t| t.trim().is_empty() || t.chars().count() > 50)
    {
        errors.add("match_tiers", field_codes::INVALID_FORMAT, "at most 20 tier names of 1–50 characters");
    }
}

async fn check_policy_refs(
    conn: &impl ConnectionTrait,
    policy: &SlaPolicy,
    except: Option<uuid::Uuid>,
) -> ApiResult<()> {
    if let Some(calendar) = policy.calendar_id
        && business_calendar::Entity::find_by_id(calendar).one(conn).await?.is_none()
    {
        return Err(ApiError::field(
            "calendar_id",
            field_codes::UNKNOWN_REFERENCE,
            "no business calendar with this id",
        ));
    }
    let mut taken = sla_policy::Entity::find().filter(sla_policy::Column::Name.eq(policy.name.as_str()));
    if let Some(id) = except {
        taken = taken.filter(sla_policy::Column::Id.ne(id));
    }
    if taken.count(conn).await? > 0 {
        return Err(ApiError::conflict(codes::NAME_TAKEN, format!("a policy named {} already exists", policy.name)));
    }
    Ok(())
}

fn write_policy(active: &mut sla_policy::ActiveModel, policy: &SlaPolicy) {
    active.name = Set(policy.name.clone());
    active.position = Set(policy.position);
    active.active = Set(policy.active);
    active.match_priorities = Set(json!(policy.match_priorities));
    active.match_types = Set(json!(policy.match_types));
    active.match_tiers = Set(json!(policy.match_tiers));
    active.first_response_minutes = Set(policy.first_response_minutes);
    active.next_response_minutes = Set(policy.next_response_minutes);
    active.resolution_minutes = Set(policy.resolution_minutes);
    active.calendar_id = Set(policy.calendar_id);
    active.warn_percent = Set(policy.warn_percent);
    active.escalate_on_breach = Set(policy.escalate_on_breach);
    active.updated_at = Set(now());
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
    let mut errors = Errors::default();
    let name = errors.required_text("name", &body.name, NAME_MAX);
    let txn = state.db.begin_write().await?;
    let position = match body.position {
        Some(position) => position,
        None => {
            let last: Option<i32> = sla_policy::Entity::find()
                .select_only()
                .column_as(sla_policy::Column::Position.max(), "max")
                .into_tuple::<Option<i32>>()
                .one(&*txn)
                .await?
                .flatten();
            last.unwrap_or(0).saturating_add(1)
        }
    };
    let id = new_id();
    let policy = SlaPolicy {
        id,
        name,
        position,
        active: true,
        match_priorities: body.match_priorities.clone(),
        match_types: body.match_types.clone(),
        match_tiers: body.match_tiers.clone(),
        first_response_minutes: body.first_response_minutes,
        next_response_minutes: body.next_response_minutes,
        resolution_minutes: body.resolution_minutes,
        calendar_id: body.calendar_id,
        warn_percent: body.warn_percent.unwrap_or(80),
        escalate_on_breach: body.escalate_on_breach.unwrap_or(true),
    };
    check_policy_numbers(&mut errors, &policy);
    errors.finish(()).map_err(ApiError::validation)?;
    check_policy_refs(&*txn, &policy, None).await?;
    let mut active = sla_policy::ActiveModel { id: Set(id), created_at: Set(now()), ..Default::default() };
    write_policy(&mut active, &policy);
    let row = active.insert(&*txn).await?;
    let created = convert::sla_policy(&row);
    audit::record(&*txn, Some(actor.id), &actor.meta, "sla_policy.create", "sla_policy", Some(id), json!(created))
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(created))
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
    let row =
        sla_policy::Entity::find_by_id(path.id).one(&*txn).await?.ok_or_else(|| ApiError::not_found("SLA policy"))?;
    let before = convert::sla_policy(&row);
    let mut policy = before.clone();
    let mut errors = Errors::default();
    if let Some(name) = &body.name {
        policy.name = errors.required_text("name", name, NAME_MAX);
    }
    macro_rules! take {
        ($($field:ident),*) => { $(if let Some(value) = body.$field.clone() { policy.$field = value; })* };
    }
    take!(
        position,
        active,
        match_priorities,
        match_types,
        match_tiers,
        first_response_minutes,
        next_response_minutes,
        resolution_minutes,
        calendar_id,
        warn_percent,
        escalate_on_breach
    );
    check_policy_numbers(&mut errors, &policy);
    errors.finish(()).map_err(ApiError::validation)?;
    check_policy_refs(&*txn, &policy, Some(row.id)).await?;
    let mut active = row.into_active_model();
    write_policy(&mut active, &policy);
    let row = active.update(&*txn).await?;
    let after = convert::sla_policy(&row);
    let changes = audit::diff(&json!(before), &json!(after), &[]);
    audit::record(&*txn, Some(actor.id), &actor.meta, "sla_policy.update", "sla_policy", Some(row.id), changes).await?;
    txn.commit().await?;
    Ok(web::Json(after))
}
