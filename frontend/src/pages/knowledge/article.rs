//! One knowledge-base article: read it rendered, edit it with a live preview
//! (rendered by the server exactly as saving would), and — for managers and
//! admins — publish, unpublish, archive or restore it.

use kehu_types::{
    Article, ArticleStatus, ArticleVisibility, CreateArticle, FieldError, Role, TicketCategory, UpdateArticle,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

use crate::i18n::{
    Knowledge, Msg, article_locale_label, article_status_label, format_datetime, use_i18n, visibility_label,
};
use crate::session::use_session;
use crate::widgets::categories::{CategorySelect, category_name, load_categories};
use crate::widgets::choice::ChoiceSelect;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Ready(Box<Article>, i64),
    Failed(Msg),
}

/// `/knowledge/new` writes a new article; `/knowledge/:id` shows one.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").and_then(|text| Uuid::parse_str(&text).ok()));
    let article = RwSignal::new(Load::Loading);
    let editing = RwSignal::new(false);
    let categories = RwSignal::new(Vec::<TicketCategory>::new());
    load_categories(categories);
    Effect::new(move |_| {
        let Some(id) = id.get() else {
            editing.set(true);
            return;
        };
        let session = session.clone();
        spawn_local(async move {
            match session.settle(session.client.get_article(id).await) {
                Ok(found) => {
                    let version = found.version.unwrap_or(found.value.version);
                    article.set(Load::Ready(Box::new(found.value), version));
                }
                Err(error) => article.set(Load::Failed(Msg::for_code(error.code()))),
            }
        });
    });
    view! {
        <section class="ticket-page">
            <A href="/knowledge" attr:class="back">"← " {i18n.t(Knowledge::Heading)}</A>
            {move || match (id.get(), editing.get()) {
                (None, _) => view! { <ArticleEditor existing=None categories=categories article=article editing=editing/> }.into_any(),
                (Some(_), edit) => match article.get() {
                    Load::Loading => view! { <div class="state"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                    Load::Failed(msg) => view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> }.into_any(),
                    Load::Ready(found, version) if edit => view! {
                        <ArticleEditor existing=Some((*found, version)) categories=categories article=article editing=editing/>
                    }.into_any(),
                    Load::Ready(found, version) => view! {
                        <ArticleView article=*found version=version categories=categories loaded=article editing=editing/>
                    }.into_any(),
                },
            }}
        </section>
    }
}

/// Whether the signed-in user may change an article in this status.
fn may_edit(role: Option<Role>, status: ArticleStatus) -> bool {
    match role {
        Some(Role::Admin | Role::Manager) => true,
        Some(Role::Agent) => status == ArticleStatus::Draft,
        _ => false,
    }
}

#[component]
fn ArticleView(
    article: Article,
    version: i64,
    categories: RwSignal<Vec<TicketCategory>>,
    loaded: RwSignal<Load>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let role = move || session.user.get().map(|u| u.role);
    let (id, status, visibility, language) = (article.id, article.status, article.visibility, article.locale);
    let reviewer = move || matches!(role(), Some(Role::Admin | Role::Manager));
    let move_to = {
        let session = session.clone();
        Callback::new(move |(target, done): (ArticleStatus, Knowledge)| {
            busy.set(true);
            let session = session.clone();
            spawn_local(async move {
                let patch = UpdateArticle { status: Some(target), ..Default::default() };
                let result = session.settle(session.client.update_article(id, Some(version), &patch).await);
                busy.set(false);
                match result {
                    Ok(saved) => {
                        toasts.success(done);
                        let version = saved.version;
                        loaded.set(Load::Ready(Box::new(saved), version));
                    }
                    Err(error) => toasts.error(Msg::for_code(error.code())),
                }
            });
        })
    };
    let action = move |label: Knowledge, target: ArticleStatus, done: Knowledge, test_id: &'static str| {
        view! {
            <button class="button small" data-testid=test_id disabled=move || busy.get()
                on:click=move |_| move_to.run((target, done))>{i18n.t(label)}</button>
        }
    };
    let category = article.category_id;
    view! {
        <article class="card profile" data-testid="article-view">
            <div class="profile-head">
                <div>
                    <h1 data-testid="article-title">{article.title.clone()}</h1>
                    <p class="muted small">
                        <span class="pill" data-testid="article-status">{move || article_status_label(status, i18n.locale())}</span> " "
                        <span class="pill">{move || visibility_label(visibility, i18n.locale())}</span> " "
                        <span class="pill">{move || article_locale_label(language, i18n.locale())}</span> " "
                        {move || categories.with(|list| list.iter().find(|c| Some(c.id) == category).map(|c| category_name(c, i18n.locale())))}
                        " · " {i18n.t(Knowledge::UpdatedAt)} " " {move || format_datetime(article.updated_at, i18n.locale())}
                    </p>
                </div>
                <div class="actions">
                    <Show when=move || may_edit(role(), status)>
                        <button class="button small primary" data-testid="edit-article" on:click=move |_| editing.set(true)>{i18n.t(Knowledge::Edit)}</button>
                    </Show>
                    <Show when=reviewer>
                        {match status {
                            ArticleStatus::Draft => view! {
                                {action(Knowledge::Publish, ArticleStatus::Published, Knowledge::Published, "publish-article")}
                                {action(Knowledge::Archive, ArticleStatus::Archived, Knowledge::Archived, "archive-article")}
                            }.into_any(),
                            ArticleStatus::Published => view! {
                                {action(Knowledge::Unpublish, ArticleStatus::Draft, Knowledge::BackToDraft, "unpublish-article")}
                                {action(Knowledge::Archive, ArticleStatus::Archived, Knowledge::Archived, "archive-article")}
                            }.into_any(),
                            ArticleStatus::Archived => action(Knowledge::Restore, ArticleStatus::Draft, Knowledge::BackToDraft, "restore-article").into_any(),
                        }}
                    </Show>
                </div>
            </div>
            <Show when=move || role() == Some(Role::Agent) && status == ArticleStatus::Draft>
                <p class="muted small">{i18n.t(Knowledge::DraftsNeedReview)}</p>
            </Show>
            // Rendered by the server from Markdown with raw HTML neutralised.
            <div class="article-body" data-testid="article-body" inner_html=article.body_html.clone()></div>
        </article>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Pane {
    Write,
    Preview,
}

#[component]
fn ArticleEditor(
    existing: Option<(Article, i64)>,
    categories: RwSignal<Vec<TicketCategory>>,
    article: RwSignal<Load>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let start = existing.as_ref().map(|(a, _)| a);
    let title = RwSignal::new(start.map(|a| a.title.clone()).unwrap_or_default());
    let body = RwSignal::new(start.map(|a| a.body.clone()).unwrap_or_default());
    let category = RwSignal::new(start.and_then(|a| a.category_id));
    let language = RwSignal::new(start.map(|a| a.locale).unwrap_or_else(|| i18n.locale().into()));
    let visibility = RwSignal::new(start.map(|a| a.visibility).unwrap_or(ArticleVisibility::Internal));
    let pane = RwSignal::new(Pane::Write);
    let preview = RwSignal::new(None::<Result<String, Msg>>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let target = existing.as_ref().map(|(a, version)| (a.id, *version));

    let show_preview = {
        let session = session.clone();
        move |_| {
            pane.set(Pane::Preview);
            let text = body.get_untracked();
            if text.trim().is_empty() {
                preview.set(Some(Ok(String::new())));
                return;
            }
            preview.set(None);
            let session = session.clone();
            spawn_local(async move {
                let result = session.settle(session.client.preview_article(&text).await);
                preview.set(Some(result.map(|r| r.html).map_err(|e| Msg::for_code(e.code()))));
            });
        }
    };
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        busy.set(true);
        let session = session.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = match target {
                None => {
                    let input = CreateArticle {
                        title: title.get_untracked(),
                        body: body.get_untracked(),
                        category_id: category.get_untracked(),
                        locale: language.get_untracked(),
                        visibility: visibility.get_untracked(),
                        status: None,
                    };
                    session.settle(session.client.create_article(&input).await)
                }
                Some((id, version)) => {
                    let patch = UpdateArticle {
                        title: Some(title.get_untracked()),
                        body: Some(body.get_untracked()),
                        category_id: Some(category.get_untracked()),
                        locale: Some(language.get_untracked()),
                        visibility: Some(visibility.get_untracked()),
                        status: None,
                    };
                    session.settle(session.client.update_article(id, Some(version), &patch).await)
                }
            };
            busy.set(false);
            match result {
                Ok(saved) => {
                    toasts.success(Knowledge::Saved);
                    if target.is_none() {
                        navigate(&format!("/knowledge/{}", saved.id), Default::default());
                    } else {
                        let version = saved.version;
                        article.set(Load::Ready(Box::new(saved), version));
                        editing.set(false);
                    }
                }
                Err(error) => {
                    toasts.refused(&error, errors);
                }
            }
        });
    };
    view! {
        <form class="card form article-editor" on:submit=submit novalidate>
            <h1>{move || if target.is_some() { Knowledge::Edit.text(i18n.locale()) } else { Knowledge::NewArticle.text(i18n.locale()) }}</h1>
            <label class="field">
                <span>{i18n.t(Knowledge::Title)} " *"</span>
                <input data-testid="article-title-input" maxlength="200" required prop:value=move || title.get()
                    on:input=move |ev| {
                        title.set(event_target_value(&ev));
                        errors.update(|list| list.retain(|e| e.field != "title"));
                    }/>
                <FieldHint errors=errors field="title"/>
            </label>
            <div class="grid-3">
                <label class="field">
                    <span>{i18n.t(crate::i18n::Desk::Category)}</span>
                    <CategorySelect categories=categories value=category test_id="article-category"/>
                    <FieldHint errors=errors field="category_id"/>
                </label>
                <label class="field">
                    <span>{i18n.t(Knowledge::Language)}</span>
                    <ChoiceSelect value=language test_id="article-locale"/>
                </label>
                <label class="field">
                    <span>{i18n.t(Knowledge::Visibility)}</span>
                    <ChoiceSelect value=visibility test_id="article-visibility"/>
                </label>
            </div>
            <div class="field">
                <nav class="queue-tabs" role="tablist">
                    <button type="button" class="tab-button" role="tab" data-testid="article-write"
                        aria-selected=move || (pane.get() == Pane::Write).to_string() on:click=move |_| pane.set(Pane::Write)>{i18n.t(Knowledge::Write)}</button>
                    <button type="button" class="tab-button" role="tab" data-testid="article-preview"
                        aria-selected=move || (pane.get() == Pane::Preview).to_string() on:click=show_preview>{i18n.t(Knowledge::Preview)}</button>
                </nav>
                <Show when=move || pane.get() == Pane::Write fallback=move || view! {
                    <div class="article-body preview" data-testid="article-preview-body">
                        {move || match preview.get() {
                            None => view! { <p class="muted">{i18n.t(Msg::Loading)}</p> }.into_any(),
                            Some(Ok(html)) if html.is_empty() => view! { <p class="muted">{i18n.t(Knowledge::PreviewEmpty)}</p> }.into_any(),
                            Some(Ok(html)) => view! { <div inner_html=html></div> }.into_any(),
                            Some(Err(msg)) => view! { <p class="field-error" role="alert">{move || msg.text(i18n.locale())}</p> }.into_any(),
                        }}
                    </div>
                }>
                    <textarea rows="16" class="mono" data-testid="article-body-input" aria-label=i18n.t(Knowledge::Body)
                        prop:value=move || body.get() on:input=move |ev| {
                            body.set(event_target_value(&ev));
                            errors.update(|list| list.retain(|e| e.field != "body"));
                        }></textarea>
                </Show>
                <span class="muted small">{i18n.t(Knowledge::BodyHint)}</span>
                <FieldHint errors=errors field="body"/>
            </div>
            <div class="actions">
                <button class="button primary" type="submit" data-testid="save-article" disabled=move || busy.get()>
                    <Show when=move || busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                    {i18n.t(Knowledge::Save)}
                </button>
                <Show when=move || target.is_some()>
                    <button class="button" type="button" data-testid="cancel-edit" on:click=move |_| editing.set(false)>{i18n.t(Knowledge::Cancel)}</button>
                </Show>
            </div>
        </form>
    }
}
