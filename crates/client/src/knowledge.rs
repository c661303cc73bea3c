//! The knowledge base and the help centre's public articles. One method per
//! operation, named after its OpenAPI operation id.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error, Versioned};

impl Client {
    pub async fn list_articles(&self, query: &ArticleQuery) -> Result<ArticlePage, Error> {
        self.get_query("/api/v1/articles", query).await
    }

    pub async fn create_article(&self, input: &CreateArticle) -> Result<Article, Error> {
        self.call(Method::POST, "/api/v1/articles", Some(input)).await
    }

    /// An article and its version (for `update_article`).
    pub async fn get_article(&self, id: Uuid) -> Result<Versioned<Article>, Error> {
        self.get_versioned(&format!("/api/v1/articles/{id}")).await
    }

    /// Edit an article; with `version`, 412 if someone changed it first.
    pub async fn update_article(
        &self,
        id: Uuid,
        version: Option<i64>,
        input: &UpdateArticle,
    ) -> Result<Article, Error> {
        self.patch_if_match(&format!("/api/v1/articles/{id}"), input, version).await
    }

    pub async fn preview_article(&self, body: &str) -> Result<RenderedMarkdown, Error> {
        let input = MarkdownPreview { body: body.to_owned() };
        self.call(Method::POST, "/api/v1/articles/preview", Some(&input)).await
    }

    pub async fn suggest_ticket_articles(&self, ticket_id: Uuid) -> Result<ArticleSuggestions, Error> {
        self.get(&format!("/api/v1/tickets/{ticket_id}/suggested-articles")).await
    }

    /// The help centre's list; needs no sign-in.
    pub async fn list_public_articles(&self, query: &PublicArticleQuery) -> Result<PublicArticlePage, Error> {
        self.get_query("/api/v1/public/articles", query).await
    }

    /// One help-centre article; needs no sign-in.
    pub async fn get_public_article(&self, id: Uuid) -> Result<PublicArticle, Error> {
        self.get(&format!("/api/v1/public/articles/{id}")).await
    }
}
