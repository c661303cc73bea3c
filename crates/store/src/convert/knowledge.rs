//! Knowledge-base articles, in full and as summaries, for agents and the public.

use kehu_types as t;

use super::parse_or;
use crate::entities::article;

fn article_enums(row: &article::Model) -> (t::ArticleLocale, t::ArticleVisibility, t::ArticleStatus) {
    (
        parse_or(t::ArticleLocale::parse, &row.locale, t::ArticleLocale::ZhCn, "articles.locale"),
        // An unreadable visibility must never leak an article to the public.
        parse_or(t::ArticleVisibility::parse, &row.visibility, t::ArticleVisibility::Internal, "articles.visibility"),
        parse_or(t::ArticleStatus::parse, &row.status, t::ArticleStatus::Draft, "articles.status"),
    )
}

pub fn article(row: &article::Model) -> t::Article {
    let (locale, visibility, status) = article_enums(row);
    t::Article {
        id: row.id,
        title: row.title.clone(),
        body: row.body.clone(),
        body_html: row.body_html.clone(),
        summary: row.summary.clone(),
        category_id: row.category_id,
        locale,
        visibility,
        status,
        author_id: row.author_id,
        updated_by: row.updated_by,
        published_at: row.published_at,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub fn article_summary(row: &article::Model) -> t::ArticleSummary {
    let (locale, visibility, status) = article_enums(row);
    t::ArticleSummary {
        id: row.id,
        title: row.title.clone(),
        summary: row.summary.clone(),
        category_id: row.category_id,
        locale,
        visibility,
        status,
        published_at: row.published_at,
        version: row.version,
        updated_at: row.updated_at,
    }
}

pub fn public_article(row: &article::Model) -> t::PublicArticle {
    t::PublicArticle {
        id: row.id,
        title: row.title.clone(),
        summary: row.summary.clone(),
        body_html: row.body_html.clone(),
        locale: article_enums(row).0,
        updated_at: row.updated_at,
    }
}

pub fn public_article_summary(row: &article::Model) -> t::PublicArticleSummary {
    t::PublicArticleSummary {
        id: row.id,
        title: row.title.clone(),
        summary: row.summary.clone(),
        locale: article_enums(row).0,
        updated_at: row.updated_at,
    }
}
