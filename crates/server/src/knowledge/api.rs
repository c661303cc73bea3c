//! The knowledge base: staff list, search, read and write articles; tickets get
//! suggestions; anyone reads published public articles in the help centre.

use actix_web::{HttpRequest, HttpResponse, web};
use kehu_domain::search::terms;
use kehu_domain::validate::Errors;
use kehu_store::articles::{self, ArticleFilter};
use kehu_store::convert;
use kehu_types::{
    ArticlePage, ArticleQuery, ArticleStatus, ArticleSuggestions, ArticleVisibility, CreateArticle, MarkdownPreview,
    PublicArticle, PublicArticlePage, PublicArticleQuery, RenderedMarkdown, UpdateArticle,
};

use crate::desk::tickets;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::{IdPath, decode_cursor, page_limit};
use crate::http::preconditions::{etag, if_match};
use crate::knowledge::{articles as service, markdown};
use crate::state::AppState;

type State = web::Data<AppState>;

/// Longest `q`, in characters.
const QUERY_MAX: usize = 200;
/// Most terms one query or ticket contributes.
const QUERY_TERMS: usize = 16;
/// Articles suggested on a ticket.
const SUGGESTIONS: usize = 5;

/// The terms of a `q` parameter, or `None` when there is none.
fn query_terms(q: Option<&str>) -> ApiResult<Option<Vec<String>>> {
    let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) else { return Ok(None) };
    if q.chars().count() > QUERY_MAX {
        return Err(ApiError::bad_query(format!("q must be at most {QUERY_MAX} characters")));
    }
    Ok(Some(terms(q, QUERY_TERMS)))
}

/// Either a ranked search (one page) or a page of the newest first.
async fn list_rows(
    state: &AppState,
    filter: &ArticleFilter,
    q: Option<&str>,
    limit: Option<u32>,
    cursor: Option<&str>,
) -> ApiResult<(Vec<kehu_store::entities::article::Model>, Option<String>)> {
    let limit = page_limit(limit)?;
    let cursor = decode_cursor(cursor)?;
    match query_terms(q)? {
        Some(terms) => {
            let rows = articles::search(state.db.conn(), filter, &terms, limit as usize).await?;
            Ok((rows, None))
        }
        None => articles::page(state.db.conn(), filter, cursor.as_ref(), limit)
            .await?
            .map_err(|e| ApiError::bad_query(e.to_string())),
    }
}

/// Articles of every status and visibility, newest first — or, with `q`, the
/// best matches first (one page, no cursor).
#[utoipa::path(get, path = "/api/v1/articles", tag = "knowledge", operation_id = "list_articles",
    params(ArticleQuery), responses((status = 200, description = "A page of articles", body = ArticlePage)))]
pub async fn list(state: State, _actor: Actor, query: web::Query<ArticleQuery>) -> ApiResult<web::Json<ArticlePage>> {
    let filter = ArticleFilter {
        status: query.status,
        visibility: query.visibility,
        locale: query.locale,
        category_id: query.category_id,
    };
    let (rows, next) = list_rows(&state, &filter, query.q.as_deref(), query.limit, query.cursor.as_deref()).await?;
    Ok(web::Json(ArticlePage {
        items: rows.iter().map(convert::article_summary).collect(),
        next_cursor: next,
        total: None,
    }))
}

/// Write an article (a draft unless a manager or admin publishes it at once).
#[utoipa::path(post, path = "/api/v1/articles", tag = "knowledge", operation_id = "create_article",
    request_body = CreateArticle,
    responses((status = 201, description = "Created", body = kehu_types::Article, headers(("ETag" = String, description = "The version")))))]
pub async fn create(state: State, actor: Actor, body: web::Json<CreateArticle>) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let row = service::create(&*txn, &actor, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().insert_header(etag(row.version)).json(convert::article(&row)))
}

/// One article with its Markdown source and rendered HTML.
#[utoipa::path(get, path = "/api/v1/articles/{id}", tag = "knowledge", operation_id = "get_article",
    params(IdPath),
    responses((status = 200, description = "The article", body = kehu_types::Article, headers(("ETag" = String, description = "The version")))))]
pub async fn get(state: State, _actor: Actor, path: web::Path<IdPath>) -> ApiResult<HttpResponse> {
    let row = service::load(state.db.conn(), path.id).await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(convert::article(&row)))
}

/// Edit, publish (`status: published`), archive or restore (`status: draft`) an
/// article. `If-Match` is checked when sent.
#[utoipa::path(patch, path = "/api/v1/articles/{id}", tag = "knowledge", operation_id = "update_article",
    params(IdPath, ("If-Match" = Option<String>, Header, description = "Optional version check")),
    request_body = UpdateArticle,
    responses(
        (status = 200, description = "Updated", body = kehu_types::Article, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    state: State,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
    body: web::Json<UpdateArticle>,
) -> ApiResult<HttpResponse> {
    let version = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let row = service::update(&*txn, &actor, path.id, version, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(convert::article(&row)))
}

/// Render Markdown exactly as saving an article would, for the editor's preview.
#[utoipa::path(post, path = "/api/v1/articles/preview", tag = "knowledge", operation_id = "preview_article",
    request_body = MarkdownPreview,
    responses((status = 200, description = "The safe HTML", body = RenderedMarkdown)))]
pub async fn preview(_actor: Actor, body: web::Json<MarkdownPreview>) -> ApiResult<web::Json<RenderedMarkdown>> {
    let mut errors = Errors::default();
    let source = service::check_body(&mut errors, &body.body);
    errors.finish(()).map_err(ApiError::validation)?;
    Ok(web::Json(RenderedMarkdown { html: markdown::render(&source) }))
}

/// Published articles that may help with a ticket: ranked by the words they
/// share with its subject and description, with a bonus for its category.
#[utoipa::path(get, path = "/api/v1/tickets/{id}/suggested-articles", tag = "knowledge",
    operation_id = "suggest_ticket_articles", params(IdPath),
    responses((status = 200, description = "Up to five articles, best first", body = ArticleSuggestions)))]
pub async fn suggested(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
) -> ApiResult<web::Json<ArticleSuggestions>> {
    let ticket = tickets::load_visible(state.db.conn(), &actor, path.id).await?;
    // The subject says what the ticket is about; the description adds detail.
    let text = format!("{} {}", ticket.subject, ticket.description.as_deref().unwrap_or_default());
    let terms = terms(&text, QUERY_TERMS * 2);
    let rows = articles::suggest(state.db.conn(), ticket.category_id, &terms, SUGGESTIONS).await?;
    Ok(web::Json(ArticleSuggestions { items: rows.iter().map(convert::article_summary).collect() }))
}

/// The help centre: published public articles, newest first or best match
/// first with `q`. No sign-in.
#[utoipa::path(get, path = "/api/v1/public/articles", tag = "public", operation_id = "list_public_articles",
    params(PublicArticleQuery), security(()),
    responses((status = 200, description = "A page of public articles", body = PublicArticlePage)))]
pub async fn public_list(
    state: State,
    query: web::Query<PublicArticleQuery>,
) -> ApiResult<web::Json<PublicArticlePage>> {
    let filter = ArticleFilter::public(query.locale);
    let (rows, next) = list_rows(&state, &filter, query.q.as_deref(), query.limit, query.cursor.as_deref()).await?;
    Ok(web::Json(PublicArticlePage {
        items: rows.iter().map(convert::public_article_summary).collect(),
        next_cursor: next,
        total: None,
    }))
}

/// One published public article. Drafts, archived and internal articles are
/// not found here.
#[utoipa::path(get, path = "/api/v1/public/articles/{id}", tag = "public", operation_id = "get_public_article",
    params(IdPath), security(()),
    responses((status = 200, description = "The article", body = PublicArticle)))]
pub async fn public_get(state: State, path: web::Path<IdPath>) -> ApiResult<web::Json<PublicArticle>> {
    let row = service::load(state.db.conn(), path.id).await?;
    if row.status != ArticleStatus::Published.as_str() || row.visibility != ArticleVisibility::Public.as_str() {
        return Err(ApiError::not_found("article"));
    }
    Ok(web::Json(convert::public_article(&row)))
}
