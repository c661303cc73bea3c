//! Knowledge-base articles: Markdown written by staff, rendered to safe HTML by
//! the server, suggested on tickets and, when public, read in the help centre.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::patch::double_option;
use crate::wire::wire_enum;

/// Longest article title, in characters.
pub const ARTICLE_TITLE_MAX: usize = 200;
/// Longest article body (Markdown), in characters.
pub const ARTICLE_BODY_MAX: usize = 100_000;

/// One article, as staff read and edit it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Article {
    pub id: Uuid,
    pub title: String,
    /// The Markdown source.
    pub body: String,
    /// The body rendered to HTML. Raw HTML in the source is shown as text and
    /// links may only use http, https, mailto or tel, so it is safe to insert.
    pub body_html: String,
    /// The start of the body as plain text, for lists.
    pub summary: String,
    /// A ticket category: tickets in it get this article suggested first.
    pub category_id: Option<Uuid>,
    pub locale: ArticleLocale,
    pub visibility: ArticleVisibility,
    pub status: ArticleStatus,
    pub author_id: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    /// When it was last published; `null` if never.
    pub published_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An article in a list or a suggestion: everything but the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleSummary {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub category_id: Option<Uuid>,
    pub locale: ArticleLocale,
    pub visibility: ArticleVisibility,
    pub status: ArticleStatus,
    pub published_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

/// Articles suggested for a ticket, best match first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleSuggestions {
    pub items: Vec<ArticleSummary>,
}

/// Body of `POST /api/v1/articles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateArticle {
    /// 1–200 characters.
    pub title: String,
    /// Markdown, up to 100 000 characters.
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_id: Option<Uuid>,
    pub locale: ArticleLocale,
    pub visibility: ArticleVisibility,
    /// Default `draft`. Only managers and admins may publish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ArticleStatus>,
}

/// Body of `PATCH /api/v1/articles/{id}`. Agents may edit drafts; changing a
/// published or archived article, and publishing, needs a manager or admin.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateArticle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "uuid", nullable))]
    pub category_id: Option<Option<Uuid>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<ArticleLocale>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<ArticleVisibility>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ArticleStatus>,
}

/// Filters and paging of `GET /api/v1/articles`. With `q` the results are
/// ranked by relevance and come as one page (no cursor); without it, most
/// recently updated first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ArticleQuery {
    /// Words to look for in the title and body; Chinese works without spaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ArticleStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<ArticleVisibility>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<ArticleLocale>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Filters and paging of the public help centre's article list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct PublicArticleQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<ArticleLocale>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// A published public article as anyone may read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicArticle {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    /// Safe HTML (see `Article.body_html`).
    pub body_html: String,
    pub locale: ArticleLocale,
    pub updated_at: DateTime<Utc>,
}

/// A public article in the help centre's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicArticleSummary {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub locale: ArticleLocale,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/articles/preview`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MarkdownPreview {
    /// Markdown, up to 100 000 characters.
    pub body: String,
}

/// Markdown rendered exactly as a saved article would be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenderedMarkdown {
    pub html: String,
}

wire_enum!(
    /// Where a knowledge-base article is in its life. Only published articles
    /// are suggested on tickets and shown in the help centre.
    ArticleStatus {
        Draft => "draft",
        Published => "published",
        /// Withdrawn but kept; it can be brought back as a draft.
        Archived => "archived",
    }
);

wire_enum!(
    /// Who may read an article: staff only, or also the public help centre.
    ArticleVisibility {
        Internal => "internal",
        Public => "public",
    }
);

wire_enum!(
    /// The language an article is written in.
    ArticleLocale {
        #[serde(rename = "zh-CN")]
        ZhCn => "zh-CN",
        En => "en",
    }
);
