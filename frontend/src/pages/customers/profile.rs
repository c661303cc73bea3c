//! The customer 360° page: profile, lifecycle stage (changed through a dialog
//! that offers only the moves the stage graph allows), stage history, the trash
//! banner, and the timeline (in `customer_timeline`).

use kehu_domain::contact::display_phone;
use kehu_domain::lifecycle::allowed_next;
use kehu_types::{Customer, FieldError, LifecycleStage, PageQuery, Role, StageChangeRequest, StageHistoryEntry};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::i18n::{Msg, format_datetime, source_label, stage_label, use_i18n};
use crate::pages::commerce::customer_orders::CustomerOrders;
use crate::pages::customers::details::{ConsentPanel, MoreDetails};
use crate::pages::customers::timeline::{AddInteraction, Timeline, note_text};
use crate::pages::desk::list::CustomerTickets;
use crate::pages::value::customer_value::ValuePanel;
use crate::session::use_session;
use crate::widgets::badges::StageBadge;
use crate::widgets::dialog::Dialog;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

#[derive(Clone, PartialEq)]
enum Load<T> {
    Loading,
    Ready(T),
    Failed(Msg),
}

#[component]
pub fn CustomerPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").and_then(|text| Uuid::parse_str(&text).ok()));
    let customer = RwSignal::new(Load::<Customer>::Loading);
    // Bumped after every change so the history and the timeline reload.
    let changes = RwSignal::new(0u32);
    let can_write = {
        let user = session.user;
        move || user.get().is_some_and(|u| u.role != Role::Viewer)
    };

    Effect::new({
        let session = session.clone();
        move |_| {
            changes.track();
            let Some(id) = id.get() else {
                customer.set(Load::Failed(Msg::ErrorNotFound));
                return;
            };
            let session = session.clone();
            spawn_local(async move {
                match session.settle(session.client.get_customer(id).await) {
                    Ok(found) => customer.set(Load::Ready(found.value)),
                    Err(error) => customer.set(Load::Failed(Msg::for_code(error.code()))),
                }
            });
        }
    });

    view! {
        <section class="customer-page">
            <A href="/customers" attr:class="back">"← " {i18n.t(Msg::Back)}</A>
            {move || match customer.get() {
                Load::Loading => view! { <div class="state"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                Load::Failed(msg) => view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> }.into_any(),
                Load::Ready(found) => {
                    let id = found.id;
                    let trashed = found.deleted_at.is_some();
                    view! {
                        <Show when=move || trashed>
                            <TrashBanner id=id can_write=can_write changes=changes/>
                        </Show>
                        <div class="customer-layout">
                            <div class="column">
                                <Profile customer=found.clone() can_write=can_write changes=changes/>
                                <ConsentPanel customer=found.clone() changes=changes/>
                                <ValuePanel customer_id=id/>
                                <CustomerOrders customer_id=id can_write=can_write changes=changes/>
                                <CustomerTickets customer_id=id can_write=can_write/>
                                <History id=id changes=changes/>
                            </div>
                            <div class="column wide">
                                <Show when=can_write>
                                    <AddInteraction id=id changes=changes/>
                                </Show>
                                <Timeline id=id changes=changes/>
                            </div>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn Profile(
    customer: Customer,
    can_write: impl Fn() -> bool + Send + Sync + Copy + 'static,
    changes: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog_open = RwSignal::new(false);
    let delete_open = RwSignal::new(false);
    let stage = customer.stage;
    let (id, version) = (customer.id, customer.version);
    let row = |label: Msg, value: String| {
        view! {
            <div class="detail">
                <dt>{i18n.t(label)}</dt>
                <dd>{if value.is_empty() { i18n.t(Msg::None)().to_owned() } else { value }}</dd>
            </div>
        }
    };
    let source = customer.source;
    view! {
        <div class="card profile">
            <div class="profile-head">
                <div>
                    <h1 data-testid="customer-name">{customer.name.clone()}</h1>
                    <p class="muted">{customer.company_name.clone().unwrap_or_default()}</p>
                </div>
                <div class="stage-box">
                    <span data-testid="customer-stage"><StageBadge stage=stage/></span>
                    <Show when=can_write>
                        <div class="actions">
                            <A href=format!("/customers/{}/edit", customer.id) attr:class="button small" attr:data-testid="edit-customer">
                                {i18n.t(Msg::Edit)}
                            </A>
                            <button class="button small" data-testid="change-stage" on:click=move |_| dialog_open.set(true)>
                                {i18n.t(Msg::ChangeStage)}
                            </button>
                            <button class="button small danger" data-testid="delete-customer" on:click=move |_| delete_open.set(true)>
                                {i18n.t(Msg::Delete)}
                            </button>
                        </div>
                    </Show>
                </div>
            </div>
            <dl class="details">
                {row(Msg::Phones, customer.phones.iter().map(|p| display_phone(p)).collect::<Vec<_>>().join(", "))}
                {row(Msg::Emails, customer.emails.join(", "))}
                {row(Msg::Region, customer.region.clone().unwrap_or_default())}
                <div class="detail">
                    <dt>{i18n.t(Msg::Source)}</dt>
                    <dd>{move || source.map(|s| source_label(s, i18n.locale())).unwrap_or(i18n.t(Msg::None)())}</dd>
                </div>
                {row(Msg::Tags, customer.tags.join(", "))}
                <MoreDetails customer=customer.clone()/>
            </dl>
            <Show when=move || dialog_open.get()>
                <StageDialog id=id current=stage open=dialog_open changes=changes/>
            </Show>
            <Show when=move || delete_open.get()>
                <DeleteDialog id=id version=version open=delete_open changes=changes/>
            </Show>
        </div>
    }
}

#[component]
fn StageDialog(id: Uuid, current: LifecycleStage, open: RwSignal<bool>, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let choices = allowed_next(current);
    let target = RwSignal::new(choices.first().copied());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let submit = move |_: SubmitEvent| {
        let Some(stage) = target.get_untracked() else { return };
        if let Err(found) = kehu_domain::validate::stage_reason(&reason.get_untracked()) {
            errors.set(found);
            return;
        }
        busy.set(true);
        let session = session.clone();
        let request = StageChangeRequest { stage, reason: reason.get_untracked() };
        spawn_local(async move {
            let result = session.settle(session.client.change_customer_stage(id, &request).await);
            busy.set(false);
            match result {
                Ok(_) => {
                    toasts.success(Msg::StageChanged);
                    open.set(false);
                    changes.update(|n| *n += 1);
                }
                Err(error) => {
                    toasts.refused(&error, errors);
                }
            }
        });
    };
    view! {
        <Dialog
            title=Msg::ChangeStage
            on_close=Callback::new(move |_| open.set(false))
            on_submit=Callback::new(submit)
            busy=busy
            save_id="stage-save"
        >
                <label class="field">
                    <span>{i18n.t(Msg::NewStage)}</span>
                    <select data-testid="stage-select" on:change=move |ev| target.set(LifecycleStage::parse(&event_target_value(&ev)))>
                        {choices.iter().map(|s| {
                            let s = *s;
                            view! { <option value=s.as_str()>{move || stage_label(s, i18n.locale())}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{i18n.t(Msg::Reason)} " *"</span>
                    <textarea data-testid="stage-reason" rows="3" autofocus prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <FieldHint errors=errors field="reason"/>
                </label>
        </Dialog>
    }
}

/// Moving to the trash is undoable: the page stays, with a Restore button.
#[component]
fn DeleteDialog(id: Uuid, version: i64, open: RwSignal<bool>, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let submit = move |_: SubmitEvent| {
        busy.set(true);
        let session = session.clone();
        spawn_local(async move {
            let result = session.settle(session.client.delete_customer(id, Some(version)).await);
            busy.set(false);
            match result {
                Ok(()) => {
                    toasts.success(Msg::CustomerDeleted);
                    open.set(false);
                    changes.update(|n| *n += 1);
                }
                Err(error) => toasts.error(Msg::for_code(error.code())),
            }
        });
    };
    view! {
        <Dialog
            title=Msg::Delete
            on_close=Callback::new(move |_| open.set(false))
            on_submit=Callback::new(submit)
            busy=busy
            save_id="delete-confirm"
        >
            <p>{i18n.t(Msg::ConfirmDelete)}</p>
        </Dialog>
    }
}

#[component]
fn TrashBanner(
    id: Uuid,
    can_write: impl Fn() -> bool + Send + Sync + Copy + 'static,
    changes: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let restore = move |_| {
        busy.set(true);
        let session = session.clone();
        spawn_local(async move {
            let result = session.settle(session.client.restore_customer(id).await);
            busy.set(false);
            match result {
                Ok(_) => {
                    toasts.success(Msg::CustomerRestored);
                    changes.update(|n| *n += 1);
                }
                Err(error) => toasts.error(Msg::for_code(error.code())),
            }
        });
    };
    view! {
        <div class="alert warning" role="status" data-testid="trash-banner">
            <span>{i18n.t(Msg::InTrash)}</span>
            " "
            <Show when=can_write>
                <button class="button small" data-testid="restore-customer" disabled=move || busy.get() on:click=restore.clone()>
                    {i18n.t(Msg::Restore)}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn History(id: Uuid, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let rows = RwSignal::new(Load::<Vec<StageHistoryEntry>>::Loading);
    Effect::new(move |_| {
        changes.track();
        let session = session.clone();
        spawn_local(async move {
            let page = PageQuery { limit: Some(100), cursor: None };
            match session.settle(session.client.list_customer_stage_history(id, &page).await) {
                Ok(found) => rows.set(Load::Ready(found.items)),
                Err(error) => rows.set(Load::Failed(Msg::for_code(error.code()))),
            }
        });
    });
    view! {
        <div class="card">
            <h2>{i18n.t(Msg::StageHistory)}</h2>
            {move || match rows.get() {
                Load::Loading => view! { <p class="muted">{i18n.t(Msg::Loading)}</p> }.into_any(),
                Load::Failed(msg) => view! { <p class="field-error">{move || msg.text(i18n.locale())}</p> }.into_any(),
                Load::Ready(entries) => view! {
                    <ol class="history" data-testid="stage-history">
                        {entries.into_iter().map(|entry| view! {
                            <li>
                                <div class="history-move">
                                    {entry.from_stage.map(|s| view! { <StageBadge stage=s/><span class="arrow">"→"</span> })}
                                    <StageBadge stage=entry.to_stage/>
                                </div>
                                <div class="history-note">{note_text(&entry, i18n)}</div>
                                <div class="muted small">{move || format_datetime(entry.at, i18n.locale())}</div>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </div>
    }
}
