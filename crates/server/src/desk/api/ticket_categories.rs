//! Ticket categories: everyone signed in reads them; admins manage them.

use actix_web::{HttpResponse, web};
use kehu_domain::validate::Errors;
use kehu_store::convert;
use kehu_store::entities::ticket_category;
use kehu_types::{CreateTicketCategory, TicketCategory, TicketCategoryList, UpdateTicketCategory};
use sea_orm::{EntityTrait, QueryOrder};

use crate::desk::ticket_categories::{self as categories, CategoryChange};
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::IdPath;
use crate::state::AppState;

type State = web::Data<AppState>;

/// Longest category name.
const NAME_MAX: usize = 100;

/// Every category (there are few), in display order, inactive ones included.
#[utoipa::path(get, path = "/api/v1/ticket-categories", tag = "tickets", operation_id = "list_ticket_categories",
    responses((status = 200, description = "All categories", body = TicketCategoryList)))]
pub async fn list(state: State, _actor: Actor) -> ApiResult<web::Json<TicketCategoryList>> {
    let rows = ticket_category::Entity::find()
        .order_by_asc(ticket_category::Column::Position)
        .order_by_asc(ticket_category::Column::Id)
        .all(state.db.conn())
        .await?;
    Ok(web::Json(TicketCategoryList { items: rows.iter().map(convert::ticket_category).collect() }))
}

fn check_position(errors: &mut Errors, position: Option<i32>) {
    if position.is_some_and(|p| !(0..=10_000).contains(&p)) {
        errors.add("position", kehu_types::field_codes::OUT_OF_RANGE, "must be between 0 and 10000");
    }
}

/// Create a category (admin only).
#[utoipa::path(post, path = "/api/v1/ticket-categories", tag = "tickets", operation_id = "create_ticket_category",
    request_body = CreateTicketCategory,
    responses(
        (status = 201, description = "Created", body = TicketCategory),
        (status = 409, description = "The name is taken (`name_taken`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(state: State, actor: Actor, body: web::Json<CreateTicketCategory>) -> ApiResult<HttpResponse> {
    actor.require_admin()?;
    let mut errors = Errors::default();
    let name = errors.required_text("name", &body.name, NAME_MAX);
    let name_en = errors.optional_text("name_en", body.name_en.as_deref(), NAME_MAX);
    check_position(&mut errors, body.position);
    errors.finish(()).map_err(ApiError::validation)?;
    let txn = state.db.begin_write().await?;
    let row = categories::create(&*txn, &actor, name, name_en, body.position).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(convert::ticket_category(&row)))
}

/// Rename, reorder, retire or revive a category (admin only).
#[utoipa::path(patch, path = "/api/v1/ticket-categories/{id}", tag = "tickets", operation_id = "update_ticket_category",
    params(IdPath), request_body = UpdateTicketCategory,
    responses(
        (status = 200, description = "Updated", body = TicketCategory),
        (status = 409, description = "The name is taken (`name_taken`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<UpdateTicketCategory>,
) -> ApiResult<web::Json<TicketCategory>> {
    actor.require_admin()?;
    let mut errors = Errors::default();
    let name = body.name.as_deref().map(|name| errors.required_text("name", name, NAME_MAX));
    let name_en = body.name_en.as_ref().map(|name| errors.optional_text("name_en", name.as_deref(), NAME_MAX));
    check_position(&mut errors, body.position);
    errors.finish(()).map_err(ApiError::validation)?;
    let change = CategoryChange { name, name_en, active: body.active, position: body.position };
    let txn = state.db.begin_write().await?;
    let row = categories::update(&*txn, &actor, path.id, change).await?;
    txn.commit().await?;
    Ok(web::Json(convert::ticket_category(&row)))
}
