//! Ticket categories: everyone signed in reads them; admins manage them.

use actix_web::{HttpResponse, web};
use kehu_domain::validate::Errors;
use kehu_store::entities::ticket_category;
use kehu_store::{convert, new_id, now};
use kehu_types::{CreateTicketCategory, TicketCategory, TicketCategoryList, UpdateTicketCategory, codes};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::IdPath;
use crate::platform::audit;
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

async fn ensure_name_free(conn: &impl ConnectionTrait, name: &str, except: Option<uuid::Uuid>) -> ApiResult<()> {
    let mut query = ticket_category::Entity::find().filter(ticket_category::Column::Name.eq(name));
    if let Some(id) = except {
        query = query.filter(ticket_category::Column::Id.ne(id));
    }
    if query.count(conn).await? > 0 {
        return Err(ApiError::conflict(codes::NAME_TAKEN, format!("a category named {name} already exists")));
    }
    Ok(())
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
    ensure_name_free(&*txn, &name, None).await?;
    let position = match body.position {
        Some(position) => position,
        None => {
            let last = ticket_category::Entity::find()
                .select_only()
                .column_as(ticket_category::Column::Position.max(), "max")
                .into_tuple::<Option<i32>>()
                .one(&*txn)
                .await?
                .flatten();
            last.unwrap_or(0).saturating_add(1)
        }
    };
    let at = now();
    let row = ticket_category::ActiveModel {
        id: Set(new_id()),
        name: Set(name),
        name_en: Set(name_en),
        active: Set(true),
        position: Set(position),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&*txn)
    .await?;
    let created = convert::ticket_category(&row);
    let payload = serde_json::to_value(&created).unwrap_or_default();
    audit::record(
        &*txn,
        Some(actor.id),
        &actor.meta,
        "ticket_category.create",
        "ticket_category",
        Some(row.id),
        payload,
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(created))
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
    let txn = state.db.begin_write().await?;
    let row = ticket_category::Entity::find_by_id(path.id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ApiError::not_found("ticket category"))?;
    if let Some(name) = &name {
        ensure_name_free(&*txn, name, Some(row.id)).await?;
    }
    let before = convert::ticket_category(&row);
    let mut active = row.into_active_model();
    if let Some(name) = name {
        active.name = Set(name);
    }
    if let Some(name_en) = name_en {
        active.name_en = Set(name_en);
    }
    if let Some(flag) = body.active {
        active.active = Set(flag);
    }
    if let Some(position) = body.position {
        active.position = Set(position);
    }
    active.updated_at = Set(now());
    let row = active.update(&*txn).await?;
    let after = convert::ticket_category(&row);
    let changes = audit::diff(&json!(before), &json!(after), &[]);
    audit::record(
        &*txn,
        Some(actor.id),
        &actor.meta,
        "ticket_category.update",
        "ticket_category",
        Some(row.id),
        changes,
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(after))
}
