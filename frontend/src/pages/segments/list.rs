//! The saved segments the user may use: their own and the shared ones. A
//! deleted segment goes to the trash, with an undo right on the page.

use kehu_types::{Role, Segment, User};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::i18n::{Msg, Segments, colon, format_date, use_i18n};
use crate::session::use_session;
use crate::widgets::toast::use_toasts;

#[derive(Clone, Copy, PartialEq)]
enum Load {
    Loading,
    Ready,
    Failed(Msg),
}

/// Whether `user` may change (and so delete) `segment`.
fn may_change(user: Option<&User>, segment: &Segment) -> bool {
    user.is_some_and(|u| u.role == Role::Admin || (u.role != Role::Viewer && u.id == segment.owner_id))
}

#[component]
pub fn SegmentList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let items = RwSignal::new(Vec::<Segment>::new());
    let load = RwSignal::new(Load::Loading);
    let reloads = RwSignal::new(0u32);
    // The last segment moved to the trash, offered for undo.
    let trashed = RwSignal::new(None::<Segment>);
    let can_write = {
        let user = session.user;
        move || user.with(|u| u.as_ref().is_some_and(|u| u.role != Role::Viewer))
    };

    Effect::new({
        let session = session.clone();
        move |_| {
            reloads.track();
            let session = session.clone();
            spawn_local(async move {
                match session.settle(session.client.list_segments().await) {
                    Ok(page) => {
                        items.set(page.items);
                        load.set(Load::Ready);
                    }
                    Err(error) => load.set(Load::Failed(Msg::for_code(error.code()))),
                }
            });
        }
    });

    let delete = {
        let session = session.clone();
        move |segment: Segment| {
            let session = session.clone();
            spawn_local(async move {
                match session.settle(session.client.delete_segment(segment.id, Some(segment.version)).await) {
                    Ok(()) => {
                        items.update(|list| list.retain(|s| s.id != segment.id));
                        trashed.set(Some(segment));
                    }
                    Err(error) => toasts.error(Msg::for_code(error.code())),
                }
            });
        }
    };
    let undo = move |_| {
        let Some(segment) = trashed.get_untracked() else { return };
        let session = session.clone();
        spawn_local(async move {
            match session.settle(session.client.restore_segment(segment.id).await) {
                Ok(_) => {
                    trashed.set(None);
                    toasts.success(Segments::Restored);
                    reloads.update(|n| *n += 1);
                }
                Err(error) => toasts.error(Msg::for_code(error.code())),
            }
        });
    };

    view! {
        <section>
            <div class="page-head">
                <h1>{i18n.t(Segments::Heading)}</h1>
                <Show when=can_write>
                    <A href="/segments/new" attr:class="button primary" attr:data-testid="new-segment">"+ "{i18n.t(Segments::NewSegment)}</A>
                </Show>
            </div>
            {move || trashed.get().map(|segment| view! {
                <div class="alert warning" role="status" data-testid="segment-undo">
                    <span>{i18n.t(Segments::Deleted)}{move || colon(i18n.locale())}{segment.name}</span>
                    <button class="button small" data-testid="undo-delete" on:click=undo.clone()>{i18n.t(Segments::Undo)}</button>
                </div>
            })}
            {move || match load.get() {
                Load::Loading => view! { <div class="state" aria-busy="true"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                Load::Failed(msg) => view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> }.into_any(),
                Load::Ready if items.with(Vec::is_empty) => view! {
                    <div class="state empty" data-testid="empty-state"><p class="muted">{i18n.t(Segments::NoSegments)}</p></div>
                }.into_any(),
                Load::Ready => {
                    let delete = delete.clone();
                    view! {
                        <div class="table-wrap">
                            <table class="table" data-testid="segment-table">
                                <thead><tr>
                                    <th>{i18n.t(Segments::SegmentName)}</th>
                                    <th>{i18n.t(Segments::Shared)}</th>
                                    <th class="hide-narrow">{i18n.t(Segments::UpdatedAt)}</th>
                                    <th></th>
                                </tr></thead>
                                <tbody>
                                    {move || {
                                        let delete = delete.clone();
                                        items.get().into_iter().map(|segment| view! { <SegmentRow segment=segment delete=delete.clone()/> }).collect_view()
                                    }}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn SegmentRow(segment: Segment, delete: impl Fn(Segment) + Clone + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Reactive: on a fresh load the list can arrive before the signed-in user.
    let changeable = {
        let segment = segment.clone();
        move || session.user.with(|u| may_change(u.as_ref(), &segment))
    };
    let sharing = if segment.shared { Segments::Shared } else { Segments::Private };
    let (updated, name, id) = (segment.updated_at, segment.name.clone(), segment.id);
    view! {
        <tr data-testid="segment-row">
            <td class="strong"><A href=format!("/segments/{id}")>{name}</A></td>
            <td class="muted">{i18n.t(sharing)}</td>
            <td class="hide-narrow muted">{move || format_date(updated, i18n.locale())}</td>
            <td class="row-actions">
                <A href=format!("/customers?segment={id}") attr:class="button small">{i18n.t(Segments::Members)}</A>
                <Show when=changeable>
                    {
                        let (delete, segment) = (delete.clone(), segment.clone());
                        view! {
                            <button class="button small" data-testid="delete-segment" on:click=move |_| delete(segment.clone())>
                                {i18n.t(Msg::Delete)}
                            </button>
                        }
                    }
                </Show>
            </td>
        </tr>
    }
}

/// Above the customer list when it shows a segment's members: the segment's
/// name, linking back to its builder, and a way back to everyone.
#[component]
pub fn SegmentChip(id: uuid::Uuid, clear: impl Fn() + Clone + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let name = RwSignal::new(String::new());
    spawn_local(async move {
        if let Ok(found) = session.settle(session.client.get_segment(id).await) {
            name.set(found.value.name);
        }
    });
    view! {
        <div class="alert info segment-chip" data-testid="segment-chip">
            <span>{i18n.t(Segments::Heading)}{move || colon(i18n.locale())}<A href=format!("/segments/{id}")>{move || name.get()}</A></span>
            <button class="button small" on:click=move |_| clear()>{i18n.t(Segments::ShowAll)}</button>
        </div>
    }
}
