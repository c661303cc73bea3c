//! Knowledge-base articles: who may write and publish them, and their writes
//! (each with its audit row and outbox event).
//!
//! Every signed-in user reads every article, drafts and internal ones included:
//! the knowledge base is the team's shared memory. Agents write and edit
//! drafts; publishing, and changing what is already published or archived,
//! needs a manager or admin, because published public articles are what
//! customers read.

use kehu_domain::validate::Errors;
use kehu_store::entities::{article, ticket_category};
use kehu_store::{articles, convert, new_id, now};
use kehu_types::{ARTICLE_BODY_MAX, ARTICLE_TITLE_MAX, ArticleStatus, CreateArticle, Role, UpdateArticle, field_codes};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::json;
use uuid::Uuid;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::knowledge::markdown;
use crate::platform::{audit, versioned};

/// Roles that may publish, and change published or archived articles.
const EDITORS: &[Role] = &[Role::Admin, Role::Manager];

pub async fn load(conn: &impl ConnectionTrait, id: Uuid) -> ApiResult<article::Model> {
    article::Entity::find_by_id(id).one(conn).await?.ok_or_else(|| ApiError::not_found("article"))
}

/// A Markdown body: required, within the limit, free of control characters.
pub fn check_body(errors: &mut Errors, body: &str) -> String {
    match errors.optional_body("body", Some(body), ARTICLE_BODY_MAX) {
        Some(body) => body,
        None => {
            errors.add("body", field_codes::REQUIRED, "must not be empty");
            String::new()
        }
    }
}

async fn check_category(conn: &impl ConnectionTrait, category: Option<Uuid>) -> ApiResult<()> {
    if let Some(id) = category
        && ticket_category::Entity::find_by_id(id).one(conn).await?.is_none()
    {
        return Err(ApiError::field("category_id", field_codes::UNKNOWN_REFERENCE, "no such category"));
    }
    Ok(())
}

/// The derived columns of a body: its HTML, summary and search text.
fn render_into(active: &mut article::ActiveModel, title: &str, body: &str) {
    let plain = markdown::plain_text(body);
    active.body_html = Set(markdown::render(body));
    active.summary = Set(markdown::summary(&plain));
    active.search_text = Set(articles::search_text(title, &plain));
}

pub async fn create(conn: &impl ConnectionTrait, actor: &Actor, input: &CreateArticle) -> ApiResult<article::Model> {
    actor.require_writer()?;
    let status = input.status.unwrap_or(ArticleStatus::Draft);
    if status != ArticleStatus::Draft {
        actor.require(EDITORS)?;
    }
    let mut errors = Errors::default();
    let title = errors.required_text("title", &input.title, ARTICLE_TITLE_MAX);
    let body = check_body(&mut errors, &input.body);
    errors.finish(()).map_err(ApiError::validation)?;
    check_category(conn, input.category_id).await?;
    let at = now();
    let mut active = article::ActiveModel {
        id: Set(new_id()),
        title: Set(title.clone()),
        body: Set(body.clone()),
        category_id: Set(input.category_id),
        locale: Set(input.locale.as_str().to_owned()),
        visibility: Set(input.visibility.as_str().to_owned()),
        status: Set(status.as_str().to_owned()),
        author_id: Set(Some(actor.id)),
        updated_by: Set(Some(actor.id)),
        published_at: Set((status == ArticleStatus::Published).then_some(at)),
        version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    };
    render_into(&mut active, &title, &body);
    let row = active.insert(conn).await?;
    let created = json!(convert::article_summary(&row));
    audit::record(conn, Some(actor.id), &actor.meta, "article.create", "article", Some(row.id), created.clone())
        .await?;
    audit::emit(conn, "article.created", "article", row.id, created).await?;
    Ok(row)
}

pub async fn update(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    patch: &UpdateArticle,
) -> ApiResult<article::Model> {
    actor.require_writer()?;
    let row = load(conn, id).await?;
    if let Some(version) = version {
        ApiError::check_version("article", row.version, version)?;
    }
    let current = ArticleStatus::parse(&row.status).unwrap_or(ArticleStatus::Draft);
    let target = patch.status.unwrap_or(current);
    if current != ArticleStatus::Draft || target != ArticleStatus::Draft {
        actor.require(EDITORS).map_err(|_| {
            ApiError::forbidden("only managers and admins may publish, or change a published or archived article")
        })?;
    }
    let mut errors = Errors::default();
    let title = patch.title.as_deref().map(|t| errors.required_text("title", t, ARTICLE_TITLE_MAX));
    let body = patch.body.as_deref().map(|b| check_body(&mut errors, b));
    errors.finish(()).map_err(ApiError::validation)?;
    if let Some(category) = patch.category_id {
        check_category(conn, category).await?;
    }
    let before = convert::article(&row);
    let mut active = row.clone().into_active_model();
    if title.is_some() || body.is_some() {
        let title = title.clone().unwrap_or_else(|| row.title.clone());
        let body = body.clone().unwrap_or_else(|| row.body.clone());
        render_into(&mut active, &title, &body);
        active.title = Set(title);
        active.body = Set(body);
    }
    if let Some(category) = patch.category_id {
        active.category_id = Set(category);
    }
    if let Some(locale) = patch.locale {
        active.locale = Set(locale.as_str().to_owned());
    }
    if let Some(visibility) = patch.visibility {
        active.visibility = Set(visibility.as_str().to_owned());
    }
    let at = now();
    if target != current {
        active.status = Set(target.as_str().to_owned());
        if target == ArticleStatus::Published {
            active.published_at = Set(Some(at));
        }
    }
    active.updated_by = Set(Some(actor.id));
    active.version = Set(row.version + 1);
    active.updated_at = Set(at);
    let updated = versioned::update(conn, active, article::Column::Version, row.version, "article").await?;
    // The body is large and its HTML follows from it: the audit row says that
    // it changed rather than copying it twice.
    let skip = ["version", "updated_at", "updated_by", "body", "body_html", "summary"];
    let mut changes = audit::diff(&json!(before), &json!(convert::article(&updated)), &skip);
    if let Some(map) = changes.as_object_mut()
        && body.is_some_and(|b| b != row.body)
    {
        map.insert("body".to_owned(), json!("changed"));
    }
    let event = match (current, target) {
        (from, ArticleStatus::Published) if from != ArticleStatus::Published => "article.published",
        (from, ArticleStatus::Archived) if from != ArticleStatus::Archived => "article.archived",
        _ => "article.updated",
    };
    audit::record(conn, Some(actor.id), &actor.meta, "article.update", "article", Some(id), changes.clone()).await?;
    audit::emit(conn, event, "article", id, changes).await?;
    Ok(updated)
}
