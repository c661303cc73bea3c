//! The public help centre: customers search and read published public
//! articles without an account, and reach the request form from there.

use kehu_client::Client;
use kehu_types::{ArticleLocale, PublicArticle, PublicArticleQuery, PublicArticleSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::i18n::{Desk, Knowledge, Msg, format_date, use_i18n};
use crate::session::origin;
use crate::widgets::language::LanguageSwitch;

/// A client without a session: the help centre is for anyone.
fn anonymous() -> Client {
    Client::new(origin())
}

/// The page frame shared by the help centre's pages.
#[component]
fn HelpFrame(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="help-page">
            <header class="help-head">
                <A href="/help" attr:class="brand"><span class="brand-mark">"客"</span><span>{i18n.t(Desk::HelpCentre)}</span></A>
                <LanguageSwitch/>
            </header>
            <main class="help-main">{children()}</main>
            <footer class="help-foot">
                <A href="/help/request" attr:class="button primary" attr:data-testid="help-contact">{i18n.t(Knowledge::StillNeedHelp)}</A>
            </footer>
        </div>
    }
}

#[component]
pub fn HelpCentre() -> impl IntoView {
    let i18n = use_i18n();
    let client = anonymous();
    let q = RwSignal::new(String::new());
    let items = RwSignal::new(None::<Result<Vec<PublicArticleSummary>, Msg>>);
    // Answers in the reader's language; the search box looks in every language.
    let seq = StoredValue::new(0u32);
    Effect::new(move |_| {
        let text = q.get();
        let locale: ArticleLocale = i18n.locale().into();
        let searching = !text.trim().is_empty();
        let query = PublicArticleQuery {
            q: searching.then_some(text),
            locale: (!searching).then_some(locale),
            limit: Some(100),
            cursor: None,
        };
        let client = client.clone();
        seq.update_value(|n| *n += 1);
        let mine = seq.get_value();
        spawn_local(async move {
            let result = client.list_public_articles(&query).await;
            // A slower answer to an earlier keystroke must not replace a newer
            // one, and an answer arriving after the page closed is dropped.
            if seq.try_get_value() == Some(mine) {
                items.set(Some(result.map(|page| page.items).map_err(|e| Msg::for_code(e.code()))));
            }
        });
    });
    view! {
        <HelpFrame>
            <section class="help-search">
                <h1>{i18n.t(Knowledge::HelpArticles)}</h1>
                <input class="search wide" type="search" data-testid="help-search" placeholder=i18n.t(Knowledge::HelpSearch)
                    aria-label=i18n.t(Knowledge::HelpSearch) prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))/>
            </section>
            {move || match items.get() {
                None => view! { <div class="state"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                Some(Err(msg)) => view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <div class="state empty" data-testid="help-empty">
                        <p class="state-title">{move || if q.with(|t| t.trim().is_empty()) { Knowledge::HelpNoArticles.text(i18n.locale()) } else { Knowledge::NoMatches.text(i18n.locale()) }}</p>
                    </div>
                }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="article-list" data-testid="help-articles">
                        {list.into_iter().map(|article| view! {
                            <li class="card article-card">
                                <A href=format!("/help/articles/{}", article.id) attr:class="strong" attr:data-testid="help-article-link">{article.title.clone()}</A>
                                <p class="muted small">{article.summary.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </HelpFrame>
    }
}

#[component]
pub fn HelpArticle() -> impl IntoView {
    let i18n = use_i18n();
    let client = anonymous();
    let params = use_params_map();
    let article = RwSignal::new(None::<Result<PublicArticle, Msg>>);
    Effect::new(move |_| {
        let Some(id) = params.get().get("id").and_then(|text| Uuid::parse_str(&text).ok()) else {
            article.set(Some(Err(Msg::ErrorNotFound)));
            return;
        };
        let client = client.clone();
        spawn_local(async move {
            let result = client.get_public_article(id).await;
            article.set(Some(result.map_err(|e| Msg::for_code(e.code()))));
        });
    });
    view! {
        <HelpFrame>
            <A href="/help" attr:class="back">"← " {i18n.t(Knowledge::BackToHelp)}</A>
            {move || match article.get() {
                None => view! { <div class="state"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                Some(Err(msg)) => view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> }.into_any(),
                Some(Ok(found)) => view! {
                    <article class="card">
                        <h1 data-testid="help-article-title">{found.title.clone()}</h1>
                        <p class="muted small">{i18n.t(Knowledge::UpdatedAt)} " " {move || format_date(found.updated_at, i18n.locale())}</p>
                        // Rendered by the server from Markdown with raw HTML neutralised.
                        <div class="article-body" data-testid="help-article-body" inner_html=found.body_html.clone()></div>
                    </article>
                }.into_any(),
            }}
        </HelpFrame>
    }
}
