//! Teams: anyone signed in may list them; only admins change them.

use actix_web::{HttpResponse, web};
use kehu_store::entities::team;
use kehu_store::{convert, new_id, now};
use kehu_types::{CreateTeam, Team, TeamPage, UpdateTeam, codes};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use serde_json::json;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::{IdPath, PageParams, Paging, next_id_cursor};
use crate::identity::users;
use crate::platform::audit;
use crate::state::AppState;

type State = web::Data<AppState>;

/// List teams, oldest first.
#[utoipa::path(get, path = "/api/v1/teams", tag = "teams", operation_id = "list_teams",
    params(PageParams), responses((status = 200, description = "A page of teams", body = TeamPage)))]
pub async fn list(state: State, _actor: Actor, page: web::Query<PageParams>) -> ApiResult<web::Json<TeamPage>> {
    let limit = page.limit()?;
    let mut select = team::Entity::find().order_by_asc(team::Column::Id);
    if let Some(after) = page.cursor_id()? {
        select = select.filter(team::Column::Id.gt(after));
    }
    let mut rows = select.limit(limit + 1).all(state.db.conn()).await?;
    let next = next_id_cursor(&mut rows, limit, |row| row.id);
    Ok(web::Json(TeamPage { items: rows.iter().map(convert::team).collect(), next_cursor: next, total: None }))
}

async fn ensure_name_free(
    conn: &impl sea_orm::ConnectionTrait,
    name: &str,
    except: Option<uuid::Uuid>,
) -> ApiResult<()> {
    let mut query = team::Entity::find().filter(team::Column::Name.eq(name));
    if let Some(id) = except {
        query = query.filter(team::Column::Id.ne(id));
    }
    if query.count(conn).await? > 0 {
        return Err(ApiError::conflict(codes::CONFLICT, format!("a team named {name} already exists")));
    }
    Ok(())
}

/// Create a team (admin only).
#[utoipa::path(post, path = "/api/v1/teams", tag = "teams", operation_id = "create_team",
    request_body = CreateTeam,
    responses(
        (status = 201, description = "Created", body = Team),
        (status = 409, description = "The name is taken (`conflict`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(state: State, actor: Actor, body: web::Json<CreateTeam>) -> ApiResult<HttpResponse> {
    actor.require_admin()?;
    let name = users::name(&body.name)?;
    let description = users::team_description(body.description.as_deref())?;
    let txn = state.db.begin_write().await?;
    ensure_name_free(&*txn, &name, None).await?;
    if let Some(lead) = body.lead_id {
        users::ensure_active_user(&*txn, lead, "lead_id").await?;
    }
    let at = now();
    let row = team::ActiveModel {
        id: Set(new_id()),
        name: Set(name),
        description: Set(description),
        lead_id: Set(body.lead_id),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&*txn)
    .await?;
    let created = convert::team(&row);
    audit::record(
        &*txn,
        Some(actor.id),
        &actor.meta,
        "team.create",
        "team",
        Some(row.id),
        json!({ "name": created.name }),
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(created))
}

/// One team.
#[utoipa::path(get, path = "/api/v1/teams/{id}", tag = "teams", operation_id = "get_team",
    params(IdPath), responses((status = 200, description = "The team", body = Team)))]
pub async fn get(state: State, _actor: Actor, path: web::Path<IdPath>) -> ApiResult<web::Json<Team>> {
    let row =
        team::Entity::find_by_id(path.id).one(state.db.conn()).await?.ok_or_else(|| ApiError::not_found("team"))?;
    Ok(web::Json(convert::team(&row)))
}

/// Rename a team, change its description or its lead (admin only). The lead
/// is told of SLA warnings and breaches and takes automatic escalations.
#[utoipa::path(patch, path = "/api/v1/teams/{id}", tag = "teams", operation_id = "update_team",
    params(IdPath), request_body = UpdateTeam,
    responses(
        (status = 200, description = "Updated", body = Team),
        (status = 409, description = "The name is taken (`conflict`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<UpdateTeam>,
) -> ApiResult<web::Json<Team>> {
    actor.require_admin()?;
    let txn = state.db.begin_write().await?;
    let row = team::Entity::find_by_id(path.id).one(&*txn).await?.ok_or_else(|| ApiError::not_found("team"))?;
    let before = convert::team(&row);
    let mut active = row.into_active_model();
    if let Some(name) = &body.name {
        let name = users::name(name)?;
        ensure_name_free(&*txn, &name, Some(path.id)).await?;
        active.name = Set(name);
    }
    if let Some(description) = &body.description {
        active.description = Set(users::team_description(description.as_deref())?);
    }
    if let Some(lead) = body.lead_id {
        if let Some(user) = lead {
            users::ensure_active_user(&*txn, user, "lead_id").await?;
        }
        active.lead_id = Set(lead);
    }
    active.updated_at = Set(now());
    let row = active.update(&*txn).await?;
    let after = convert::team(&row);
    audit::record(
        &*txn,
        Some(actor.id),
        &actor.meta,
        "team.update",
        "team",
        Some(row.id),
        audit::diff(&json!(before), &json!(after), &[]),
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(after))
}
