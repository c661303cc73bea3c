//! The knowledge base for staff: search and filter articles, open one, start a
//! new one; and the "suggested articles" panel on a ticket's page.

use kehu_types::{ArticleLocale, ArticleQuery, ArticleStatus, ArticleSummary, ArticleVisibility, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

use crate::i18n::{Knowledge, Msg, article_status_label, format_date, use_i18n, visibility_label};
use crate::session::use_session;
use crate::widgets::choice::OptionalChoiceSelect;
use crate::widgets::paged::{MoreButton, Paged};

#[component]
pub fn KnowledgePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let q = RwSignal::new(String::new());
    let status = RwSignal::new(None::<ArticleStatus>);
    let visibility = RwSignal::new(None::<ArticleVisibility>);
    let locale = RwSignal::new(None::<ArticleLocale>);
    let list = Paged::<ArticleSummary>::new();
    let can_write = {
        let session = session.clone();
        move || session.user.get().is_some_and(|u| u.role != Role::Viewer)
    };
    let query = move |cursor: Option<String>| ArticleQuery {
        q: Some(q.get()).filter(|text| !text.trim().is_empty()),
        status: status.get(),
        visibility: visibility.get(),
        locale: locale.get(),
        category_id: None,
        limit: Some(50),
        cursor,
    };
    // A slower answer to an earlier keystroke never replaces a newer one (`Paged`).
    let fetch = move |query: ArticleQuery| {
        let (client, cursor) = (session.client.clone(), query.cursor.clone());
        list.load(session.clone(), cursor, async move {
            client.list_articles(&query).await.map(|page| (page.items, page.next_cursor))
        });
    };
    Effect::new({
        let fetch = fetch.clone();
        move |_| fetch(query(None))
    });
    let more = Callback::new(move |_| fetch(query(list.next.get_untracked())));
    let searching = move || !q.get().trim().is_empty();
    view! {
        <section class="list-page">
            <div class="page-head">
                <h1>{i18n.t(Knowledge::Heading)}</h1>
                <Show when=can_write>
                    <A href="/knowledge/new" attr:class="button primary" attr:data-testid="new-article">{i18n.t(Knowledge::NewArticle)}</A>
                </Show>
            </div>
            <div class="toolbar">
                <input class="search" type="search" data-testid="article-search" placeholder=i18n.t(Knowledge::SearchArticles)
                    aria-label=i18n.t(Knowledge::SearchArticles) prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))/>
                <OptionalChoiceSelect value=status any=Knowledge::AnyStatus.into() test_id="article-status-filter"/>
                <OptionalChoiceSelect value=visibility any=Knowledge::AnyVisibility.into() test_id="article-visibility-filter"/>
                <OptionalChoiceSelect value=locale any=Knowledge::AnyLanguage.into() test_id="article-locale-filter"/>
            </div>
            {move || match (list.failed.get(), list.loaded.get()) {
                (None, false) => view! { <div class="state" aria-busy="true"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                (Some(msg), _) => view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> }.into_any(),
                (None, true) if list.is_empty() => view! {
                    <div class="state empty" data-testid="no-articles">
                        <p class="state-title">{move || if searching() { Knowledge::NoMatches.text(i18n.locale()) } else { Knowledge::NoArticles.text(i18n.locale()) }}</p>
                        <Show when=move || !searching()><p class="muted">{i18n.t(Knowledge::NoArticlesHint)}</p></Show>
                    </div>
                }.into_any(),
                (None, true) => view! { <ArticleList items=list.items.get()/> }.into_any(),
            }}
            <MoreButton list=list on_more=more/>
        </section>
    }
}

/// Articles as cards: title, status and audience, summary, last update.
#[component]
fn ArticleList(items: Vec<ArticleSummary>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="article-list" data-testid="article-list">
            {items.into_iter().map(|article| {
                let (status, visibility, updated) = (article.status, article.visibility, article.updated_at);
                view! {
                    <li class="card article-card" data-testid="article">
                        <A href=format!("/knowledge/{}", article.id) attr:class="strong">{article.title.clone()}</A>
                        <span class="pill" class:pill-draft=status != ArticleStatus::Published>{move || article_status_label(status, i18n.locale())}</span>
                        <span class="pill">{move || visibility_label(visibility, i18n.locale())}</span>
                        <p class="muted small">{article.summary.clone()}</p>
                        <p class="muted small">{i18n.t(Knowledge::UpdatedAt)} " " {move || format_date(updated, i18n.locale())}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Published articles that may help with a ticket.
#[component]
pub fn SuggestedArticles(ticket_id: Uuid, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let items = RwSignal::new(None::<Vec<ArticleSummary>>);
    Effect::new(move |_| {
        // Triage sets the category, which changes the suggestions.
        changes.track();
        let session = session.clone();
        spawn_local(async move {
            if let Ok(found) = session.settle(session.client.suggest_ticket_articles(ticket_id).await) {
                items.set(Some(found.items));
            }
        });
    });
    view! {
        <div class="card" data-testid="suggested-articles">
            <h2>{i18n.t(Knowledge::Suggested)}</h2>
            {move || match items.get() {
                None => view! { <p class="muted">{i18n.t(Msg::Loading)}</p> }.into_any(),
                Some(list) if list.is_empty() => view! { <p class="muted">{i18n.t(Knowledge::NoSuggestions)}</p> }.into_any(),
                Some(list) => view! {
                    <ul class="history">
                        {list.into_iter().map(|article| view! {
                            <li>
                                <A href=format!("/knowledge/{}", article.id) attr:data-testid="suggested-article">{article.title.clone()}</A>
                                <div class="muted small">{article.summary.clone()}</div>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </div>
    }
}
