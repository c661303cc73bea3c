//! Teams: anyone signed in may list them; only admins change them.

use actix_web::{HttpResponse, web};
use kehu_store::convert;
use kehu_store::entities::team;
use kehu_types::{CreateTeam, Team, TeamPage, UpdateTeam};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::{IdPath, PageParams, Paging, next_id_cursor};
use crate::identity::{teams, users};
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
    let row = teams::create(&*txn, &actor, name, description, body.lead_id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(convert::team(&row)))
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
    let row = teams::update(&*txn, &actor, path.id, &body).await?;
    txn.commit().await?;
    Ok(web::Json(convert::team(&row)))
}
