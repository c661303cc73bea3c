//! The knowledge base: articles in Markdown, kept with their rendered HTML and
//! the folded text that search reads, so neither is recomputed on a read.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::support::{index, table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                table("articles")
                    .col(pk_uuid("id"))
                    .col(string("title"))
                    .col(text("body"))
                    .col(text("body_html"))
                    .col(text("summary"))
                    // Folded title and plain body text (see kehu_domain::search).
                    .col(text("search_text"))
                    .col(uuid_null("category_id"))
                    .col(string("locale"))
                    .col(string("visibility"))
                    .col(string("status"))
                    .col(uuid_null("author_id"))
                    .col(uuid_null("updated_by"))
                    .col(timestamp_with_time_zone_null("published_at"))
                    .col(big_integer("version"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .take(),
            )
            .await?;
        for statement in [
            // The staff list (newest first) and the help centre (published, public).
            index("idx_articles_updated", "articles", &["updated_at", "id"]),
            index("idx_articles_status_visibility", "articles", &["status", "visibility", "updated_at", "id"]),
            index("idx_articles_category", "articles", &["category_id", "status"]),
        ] {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("articles").if_exists().take()).await
    }
}
