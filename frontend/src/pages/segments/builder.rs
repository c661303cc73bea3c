//! The segment builder: groups of conditions edited in place, the number of
//! matching customers counted live while the user edits, and saving under a
//! name, private or shared. A segment someone else owns opens read-only.

use std::time::Duration;

use kehu_domain::segments::comparisons;
use kehu_types::{Comparison, CreateSegment, FieldError, Role, SegmentField, UpdateSegment};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

use crate::i18n::{Msg, Segments, choice_label, comparison_label, field_label, use_i18n};
use crate::pages::segments::tree::{Mode, Tree, Unfinished};
use crate::pages::segments::values::{choices, split_list};
use crate::session::use_session;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

/// Pause after the last edit before counting, so typing does not flood the server.
const COUNT_DELAY: Duration = Duration::from_millis(300);
/// Groups nest this deep at most, which keeps every tree within the
/// language's depth limit even when each group is a "none of" (two levels).
const GROUP_DEPTH_MAX: usize = 3;

#[derive(Clone, Copy, PartialEq)]
enum Load {
    Loading,
    Ready,
    Failed(Msg),
}

/// What the live count shows.
#[derive(Clone, Copy, PartialEq)]
enum Count {
    Unfinished(Unfinished),
    /// Counting; the last number stays on screen, dimmed.
    Counting(Option<u64>),
    Ready(u64),
    Failed,
}

#[component]
pub fn SegmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let params = use_params_map();
    // `None` for a new segment.
    let id = params.with_untracked(|p| p.get("id").and_then(|text| Uuid::parse_str(&text).ok()));
    let tree = RwSignal::new(Tree::default());
    let name = RwSignal::new(String::new());
    let shared = RwSignal::new(false);
    let version = RwSignal::new(None::<i64>);
    let owner = RwSignal::new(None::<Uuid>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let load = RwSignal::new(if id.is_some() { Load::Loading } else { Load::Ready });
    let busy = RwSignal::new(false);
    let editable = Signal::derive({
        let user = session.user;
        move || {
            user.with(|u| {
                u.as_ref().is_some_and(|u| {
                    u.role != Role::Viewer && (u.role == Role::Admin || owner.get().is_none_or(|o| o == u.id))
                })
            })
        }
    });

    // Spend is typed in the business currency: known before a saved filter is shown.
    let business = crate::widgets::currency::business_currency();
    if let Some(id) = id {
        let session = session.clone();
        spawn_local(async move {
            let settings = session.settle(session.client.get_value_settings().await);
            let found = match settings {
                Ok(settings) => session.settle(session.client.get_segment(id).await).map(|found| (settings, found)),
                Err(error) => Err(error),
            };
            match found {
                Ok((settings, found)) => {
                    tree.set(Tree::from_filter(&found.value.filter, &settings.value.currency));
                    name.set(found.value.name);
                    shared.set(found.value.shared);
                    owner.set(Some(found.value.owner_id));
                    version.set(found.version);
                    load.set(Load::Ready);
                }
                Err(error) => load.set(Load::Failed(Msg::for_code(error.code()))),
            }
        });
    }

    Effect::new(move |_| {
        if let Some(code) = business.get() {
            tree.update(|tree| tree.set_currency(&code));
        }
    });
    let count = live_count(tree, Signal::derive(move || load.get() == Load::Ready));
    let save = move |event: SubmitEvent| {
        event.prevent_default();
        let filter = match tree.with_untracked(Tree::to_filter) {
            Ok(filter) => filter,
            Err(Unfinished::Incomplete) => return toasts.error(Segments::Incomplete),
            Err(Unfinished::TooComplex) => return toasts.error(Segments::TooComplex),
        };
        let (typed_name, is_shared) = (name.get_untracked(), shared.get_untracked());
        let session = session.clone();
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            let client = &session.client;
            let saved = match id {
                None => {
                    let input = CreateSegment { name: typed_name, filter, shared: is_shared };
                    session.settle(client.create_segment(&input).await)
                }
                Some(id) => {
                    let input = UpdateSegment { name: Some(typed_name), filter: Some(filter), shared: Some(is_shared) };
                    session.settle(client.update_segment(id, version.get_untracked(), &input).await)
                }
            };
            busy.set(false);
            match saved {
                Ok(segment) => {
                    errors.set(Vec::new());
                    version.set(Some(segment.version));
                    toasts.success(Msg::Saved);
                    if id.is_none() {
                        let replace = NavigateOptions { replace: true, ..Default::default() };
                        navigate(&format!("/segments/{}", segment.id), replace);
                    }
                }
                Err(error) => toasts.refused(&error, errors),
            }
        });
    };

    view! {
        <section class="segment-page">
            <A href="/segments" attr:class="back">"← " {i18n.t(Segments::Heading)}</A>
            {move || match load.get() {
                Load::Loading => view! { <div class="state"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                Load::Failed(msg) => view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> }.into_any(),
                Load::Ready => view! {
                    <form class="card form" on:submit=save.clone() data-testid="segment-form">
                        <Show when=move || !editable.get()>
                            <p class="alert warning">{i18n.t(Segments::ReadOnly)}</p>
                        </Show>
                        <div class="segment-head">
                            <label class="field"><span>{i18n.t(Segments::SegmentName)}</span>
                                <input data-testid="segment-name" maxlength="100" required prop:value=move || name.get()
                                    disabled=move || !editable.get()
                                    on:input=move |ev| name.set(event_target_value(&ev))/>
                                <FieldHint errors=errors field="name"/>
                            </label>
                            <LiveCount count=count/>
                        </div>
                        <GroupView id=tree.with_untracked(|t| t.root.id) tree=tree editable=editable/>
                        <label class="check"><input type="checkbox" data-testid="segment-shared" prop:checked=move || shared.get()
                            disabled=move || !editable.get()
                            on:change=move |ev| shared.set(event_target_checked(&ev))/>{i18n.t(Segments::ShareWithEveryone)}</label>
                        <div class="actions">
                            <Show when=move || editable.get()>
                                <button class="button primary" type="submit" data-testid="segment-save" disabled=move || busy.get()>
                                    {i18n.t(Msg::Save)}
                                </button>
                            </Show>
                            {id.map(|id| view! {
                                <A href=format!("/customers?segment={id}") attr:class="button" attr:data-testid="segment-members">
                                    {i18n.t(Segments::Members)}
                                </A>
                            })}
                        </div>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

/// Count the tree's customers a moment after each change, once the segment
/// is `loaded`; answers to superseded trees are dropped.
fn live_count(tree: RwSignal<Tree>, loaded: Signal<bool>) -> RwSignal<Count> {
    let session = use_session();
    let count = RwSignal::new(Count::Counting(None));
    let filter = Memo::new(move |_| tree.with(Tree::to_filter));
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        generation.update_value(|n| *n += 1);
        let current = generation.get_value();
        if !loaded.get() {
            return;
        }
        let filter = match filter.get() {
            Ok(filter) => filter,
            Err(unfinished) => return count.set(Count::Unfinished(unfinished)),
        };
        let last = match count.get_untracked() {
            Count::Ready(n) | Count::Counting(Some(n)) => Some(n),
            _ => None,
        };
        count.set(Count::Counting(last));
        let session = session.clone();
        set_timeout(
            move || {
                if generation.try_get_value() != Some(current) {
                    return;
                }
                spawn_local(async move {
                    let answer = session.settle(session.client.count_segment(&filter).await);
                    if generation.try_get_value() == Some(current) {
                        count.set(answer.map_or(Count::Failed, |found| Count::Ready(found.count)));
                    }
                });
            },
            COUNT_DELAY,
        );
    });
    count
}

#[component]
fn LiveCount(count: RwSignal<Count>) -> impl IntoView {
    let i18n = use_i18n();
    let number = move |n: u64, stale: bool| {
        view! {
            <p class="segment-count" class:stale=stale data-testid="segment-count" data-count=n.to_string()>
                <strong>{n}</strong>" "{i18n.t(Segments::Matching)}
            </p>
        }
        .into_any()
    };
    let note = move |seg: Segments| {
        view! { <p class="segment-count muted" data-testid="segment-count">{i18n.t(seg)}</p> }.into_any()
    };
    view! {
        <div role="status" aria-live="polite">
            {move || match count.get() {
                Count::Ready(n) => number(n, false),
                Count::Counting(Some(n)) => number(n, true),
                Count::Counting(None) => note(Segments::Counting),
                Count::Unfinished(Unfinished::Incomplete) => note(Segments::Incomplete),
                Count::Unfinished(Unfinished::TooComplex) => note(Segments::TooComplex),
                Count::Failed => note(Segments::CountFailed),
            }}
        </div>
    }
}

fn mode_text(mode: Mode) -> Segments {
    match mode {
        Mode::All => Segments::AllOf,
        Mode::Any => Segments::AnyOf,
        Mode::None => Segments::NoneOf,
    }
}

#[component]
fn GroupView(id: u32, tree: RwSignal<Tree>, editable: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let mode = Memo::new(move |_| tree.with(|t| t.mode(id)).unwrap_or(Mode::All));
    let (is_root, depth) = tree.with_untracked(|t| (t.root.id == id, t.depth(id)));
    let add = move |group: bool| move |_| tree.update(|t| t.add(id, group));
    let children = Memo::new(move |_| tree.with(|t| t.children(id)));
    view! {
        <fieldset class="segment-group" data-testid="segment-group">
            <div class="segment-group-head">
                <select class="select" data-testid="group-mode" aria-label=i18n.t(Segments::AllOf) disabled=move || !editable.get()
                    on:change=move |ev| {
                        if let Some(mode) = Mode::parse(&event_target_value(&ev)) {
                            tree.update(|t| t.set_mode(id, mode));
                        }
                    }>
                    {Mode::ALL.map(|m| view! {
                        <option value=m.as_str() prop:selected=move || mode.get() == m>{i18n.t(mode_text(m))}</option>
                    })}
                </select>
                {(!is_root).then(|| view! { <RemoveButton id=id tree=tree editable=editable/> })}
            </div>
            // Re-rendered only when items are added or removed: typing in a
            // condition leaves the list of ids as it was, so inputs keep focus.
            {move || children.get().into_iter().map(|child| view! { <NodeView id=child tree=tree editable=editable/> }).collect_view()}
            <Show when=move || editable.get()>
                <div class="actions">
                    <button type="button" class="button small" data-testid="add-condition" on:click=add(false)>
                        "+ "{i18n.t(Segments::AddCondition)}
                    </button>
                    {(depth < GROUP_DEPTH_MAX).then(|| view! {
                        <button type="button" class="button small" data-testid="add-group" on:click=add(true)>
                            "+ "{i18n.t(Segments::AddGroup)}
                        </button>
                    })}
                </div>
            </Show>
        </fieldset>
    }
}

/// A group or a condition; groups recurse, so this view is type-erased.
#[component]
fn NodeView(id: u32, tree: RwSignal<Tree>, editable: Signal<bool>) -> AnyView {
    if tree.with_untracked(|t| t.mode(id).is_some()) {
        view! { <GroupView id=id tree=tree editable=editable/> }.into_any()
    } else {
        view! { <ConditionView id=id tree=tree editable=editable/> }.into_any()
    }
}

#[component]
fn RemoveButton(id: u32, tree: RwSignal<Tree>, editable: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || editable.get()>
            <button type="button" class="button small ghost" data-testid="remove-node" aria-label=i18n.t(Segments::Remove)
                title=i18n.t(Segments::Remove) on:click=move |_| tree.update(|t| t.remove(id))>"✕"</button>
        </Show>
    }
}

#[component]
fn ConditionView(id: u32, tree: RwSignal<Tree>, editable: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let field = Memo::new(move |_| tree.with(|t| t.condition(id).map(|c| c.field)).unwrap_or(SegmentField::Stage));
    let cmp = Memo::new(move |_| tree.with(|t| t.condition(id).map(|c| c.cmp)).unwrap_or(Comparison::Eq));
    let value = Memo::new(move |_| tree.with(|t| t.condition(id).map(|c| c.value.clone())).unwrap_or_default());
    let set_value = move |text: String| tree.update(|t| t.set_value(id, text));
    let disabled = move || !editable.get();
    view! {
        <div class="segment-condition" data-testid="segment-condition">
            <select class="select" data-testid="condition-field" aria-label=i18n.t(Segments::Field) disabled=disabled
                on:change=move |ev| {
                    if let Some(f) = SegmentField::parse(&event_target_value(&ev)) {
                        tree.update(|t| t.set_field(id, f));
                    }
                }>
                {SegmentField::ALL.iter().map(|f| {
                    let f = *f;
                    view! { <option value=f.as_str() prop:selected=move || field.get() == f>{move || field_label(f, i18n.locale())}</option> }
                }).collect_view()}
            </select>
            {move || (field.get() == SegmentField::Custom).then(|| view! {
                <input class="segment-value" data-testid="condition-key" aria-label=i18n.t(Segments::CustomKey)
                    placeholder=i18n.t(Segments::CustomKey) maxlength="64" disabled=disabled
                    prop:value=move || tree.with_untracked(|t| t.condition(id).map(|c| c.key.clone()).unwrap_or_default())
                    on:input=move |ev| tree.update(|t| t.set_key(id, event_target_value(&ev)))/>
            })}
            {move || {
                let f = field.get();
                view! {
                    <select class="select" data-testid="condition-cmp" aria-label=i18n.t(Segments::Comparison) disabled=disabled
                        on:change=move |ev| {
                            if let Some(c) = Comparison::parse(&event_target_value(&ev)) {
                                tree.update(|t| t.set_cmp(id, c));
                            }
                        }>
                        {comparisons(f).iter().map(|c| {
                            let c = *c;
                            view! { <option value=c.as_str() prop:selected=move || cmp.get() == c>{move || comparison_label(c, i18n.locale())}</option> }
                        }).collect_view()}
                    </select>
                }
            }}
            {move || value_input(field.get(), cmp.get(), value, set_value, editable)}
            <RemoveButton id=id tree=tree editable=editable/>
        </div>
    }
}

/// The value's input: a choice for closed vocabularies (boxes to tick for
/// "is one of"), a number, or a text (comma-separated for "is one of").
fn value_input(
    field: SegmentField,
    cmp: Comparison,
    value: Memo<String>,
    set_value: impl Fn(String) + Copy + Send + Sync + 'static,
    editable: Signal<bool>,
) -> AnyView {
    let i18n = use_i18n();
    let disabled = move || !editable.get();
    match (choices(field), cmp) {
        (Some(options), Comparison::In) => view! {
            <div class="segment-choices" data-testid="condition-value" role="group" aria-label=i18n.t(Segments::Value)>
                {options.into_iter().map(|option| {
                    let ticked = move || value.with(|v| split_list(v).iter().any(|t| t == option));
                    let toggle = move |ev| {
                        let on = event_target_checked(&ev);
                        let mut list: Vec<String> = split_list(&value.get_untracked()).into_iter().filter(|t| t != option).collect();
                        if on {
                            list.push(option.to_owned());
                        }
                        set_value(list.join(","));
                    };
                    view! {
                        <label class="check"><input type="checkbox" prop:checked=ticked disabled=disabled on:change=toggle/>
                            {move || choice_label(field, option, i18n.locale())}</label>
                    }
                }).collect_view()}
            </div>
        }
        .into_any(),
        (Some(options), _) => view! {
            <select class="select" data-testid="condition-value" aria-label=i18n.t(Segments::Value) disabled=disabled
                on:change=move |ev| set_value(event_target_value(&ev))>
                {options.into_iter().map(|option| view! {
                    <option value=option prop:selected=move || value.get() == option>{move || choice_label(field, option, i18n.locale())}</option>
                }).collect_view()}
            </select>
        }
        .into_any(),
        (None, _) => {
            let numeric = kehu_domain::segments::is_numeric(field);
            let hint = move || if cmp == Comparison::In { i18n.t(Segments::ListHint)() } else { "" };
            view! {
                <input class="segment-value" data-testid="condition-value" aria-label=i18n.t(Segments::Value) disabled=disabled
                    inputmode=if numeric { "decimal" } else { "text" } placeholder=hint
                    prop:value=move || value.get() on:input=move |ev| set_value(event_target_value(&ev))/>
            }
            .into_any()
        }
    }
}
