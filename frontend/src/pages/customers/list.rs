//! The customer list: debounced search (CJK works), stage filter, stage badges,
//! "load more" paging, and empty, loading and error states. The URL carries the
//! search and the filter, so a view can be bookmarked and shared.

use kehu_domain::contact::display_phone;
use kehu_types::{AcquisitionSource, Customer, CustomerQuery, LifecycleStage, Team, User};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::i18n::{Msg, format_date, source_label, stage_label, use_i18n};
use crate::pages::segments::list::SegmentChip;
use crate::session::use_session;
use crate::widgets::badges::StageBadge;
use crate::widgets::list_url::{debounced_search, url_setter};
use crate::widgets::paged::{MoreButton, Paged};

const PAGE_SIZE: u32 = 50;

/// The URL parameters of the list, in the order they are written.
const FILTER_KEYS: [&str; 8] = ["q", "stage", "owner", "team", "source", "tag", "sort", "segment"];

/// Sort choices: the wire value (empty for the default, newest first) and its label.
const SORTS: [(&str, Msg); 4] = [
    ("", Msg::SortNewest),
    ("created_at", Msg::SortOldest),
    ("-updated_at", Msg::SortUpdated),
    ("name", Msg::SortName),
];

/// The list query a URL asks for; unknown or malformed values are ignored.
fn filters_from(get: impl Fn(&str) -> Option<String>) -> CustomerQuery {
    let text = |key: &str| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let id = |key: &str| text(key).and_then(|v| uuid::Uuid::parse_str(&v).ok());
    CustomerQuery {
        q: text("q"),
        stage: text("stage").and_then(|v| LifecycleStage::parse(&v)),
        owner_id: id("owner"),
        team_id: id("team"),
        source: text("source").and_then(|v| AcquisitionSource::parse(&v)),
        tag: text("tag"),
        sort: text("sort").and_then(|v| serde_json::from_value(serde_json::Value::String(v)).ok()),
        segment: id("segment"),
        ..CustomerQuery::default()
    }
}

#[component]
pub fn CustomerList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();

    let q = Memo::new(move |_| query.get().get("q").unwrap_or_default());
    let filters = Memo::new(move |_| query.with(|map| filters_from(|key| map.get(key))));
    let typed = RwSignal::new(q.get_untracked());
    let list = Paged::<Customer>::new();
    let users = RwSignal::new(Vec::<User>::new());
    let teams = RwSignal::new(Vec::<Team>::new());
    session.load_directory(users, teams);

    // The URL is the state: changing one filter keeps the others.
    let set_param = url_setter("/customers", &FILTER_KEYS);

    let fetch = {
        let session = session.clone();
        move |cursor: Option<String>| {
            let request = CustomerQuery { limit: Some(PAGE_SIZE), cursor: cursor.clone(), ..filters.get_untracked() };
            let client = session.client.clone();
            list.load(session.clone(), cursor, async move {
                client.list_customers(&request).await.map(|page| (page.items, page.next_cursor))
            });
        }
    };

    // A new search or filter starts from the first page.
    Effect::new({
        let fetch = fetch.clone();
        move |_| {
            filters.track();
            list.restart();
            fetch(None);
        }
    });

    // The URL (and so the search) follows once typing pauses.
    let on_search = {
        let search = debounced_search(set_param.clone(), "q");
        move |text: String| {
            typed.set(text.clone());
            search(text);
        }
    };
    let clear_segment = {
        let set_param = set_param.clone();
        move || set_param("segment", None)
    };
    let on_filter = move |key: &'static str| {
        let set_param = set_param.clone();
        move |ev: leptos::ev::Event| set_param(key, Some(event_target_value(&ev)))
    };
    let load_more = Callback::new({
        let fetch = fetch.clone();
        move |_| fetch(list.next.get_untracked())
    });
    let retry = move |_| {
        list.restart();
        fetch(None);
    };

    view! {
        <section class="list-page">
            <div class="page-head">
                <h1>{i18n.t(Msg::Customers)}</h1>
                <Show when=move || session.user.get().is_some_and(|u| u.role != kehu_types::Role::Viewer)>
                    <A href="/customers/new" attr:class="button primary" attr:data-testid="new-customer">
                        "+ " {i18n.t(Msg::NewCustomer)}
                    </A>
                </Show>
            </div>
            {move || filters.with(|f| f.segment).map(|id| view! { <SegmentChip id=id clear=clear_segment.clone()/> })}
            <div class="toolbar">
                <input
                    class="search"
                    type="search"
                    data-testid="customer-search"
                    aria-label=i18n.t(Msg::SearchPlaceholder)
                    placeholder=i18n.t(Msg::SearchPlaceholder)
                    prop:value=move || typed.get()
                    on:input=move |ev| on_search(event_target_value(&ev))
                />
                <select
                    class="select"
                    data-testid="stage-filter"
                    aria-label=i18n.t(Msg::Stage)
                    prop:value=move || filters.with(|f| f.stage.map(|s| s.as_str()).unwrap_or_default())
                    on:change=on_filter("stage")
                >
                    <option value="">{i18n.t(Msg::AllStages)}</option>
                    {LifecycleStage::ALL
                        .iter()
                        .map(|s| {
                            let s = *s;
                            view! { <option value=s.as_str()>{move || stage_label(s, i18n.locale())}</option> }
                        })
                        .collect_view()}
                </select>
                <select
                    class="select"
                    data-testid="owner-filter"
                    aria-label=i18n.t(Msg::Owner)
                    prop:value=move || filters.with(|f| f.owner_id.map(|id| id.to_string()).unwrap_or_default())
                    on:change=on_filter("owner")
                >
                    <option value="">{i18n.t(Msg::AnyOwner)}</option>
                    {move || users.get().into_iter().map(|u| view! { <option value=u.id.to_string()>{u.name}</option> }).collect_view()}
                </select>
                <select
                    class="select"
                    data-testid="team-filter"
                    aria-label=i18n.t(Msg::Team)
                    prop:value=move || filters.with(|f| f.team_id.map(|id| id.to_string()).unwrap_or_default())
                    on:change=on_filter("team")
                >
                    <option value="">{i18n.t(Msg::AnyTeam)}</option>
                    {move || teams.get().into_iter().map(|t| view! { <option value=t.id.to_string()>{t.name}</option> }).collect_view()}
                </select>
                <select
                    class="select"
                    data-testid="source-filter"
                    aria-label=i18n.t(Msg::Source)
                    prop:value=move || filters.with(|f| f.source.map(|s| s.as_str()).unwrap_or_default())
                    on:change=on_filter("source")
                >
                    <option value="">{i18n.t(Msg::AnySource)}</option>
                    {AcquisitionSource::ALL
                        .iter()
                        .map(|s| {
                            let s = *s;
                            view! { <option value=s.as_str()>{move || source_label(s, i18n.locale())}</option> }
                        })
                        .collect_view()}
                </select>
                <input
                    class="tag-filter"
                    data-testid="tag-filter"
                    aria-label=i18n.t(Msg::Tags)
                    placeholder=i18n.t(Msg::Tags)
                    prop:value=move || filters.with(|f| f.tag.clone().unwrap_or_default())
                    on:change=on_filter("tag")
                />
                <select
                    class="select"
                    data-testid="sort"
                    aria-label=i18n.t(Msg::SortBy)
                    prop:value=move || query.with(|m| m.get("sort").unwrap_or_default())
                    on:change=on_filter("sort")
                >
                    {SORTS
                        .iter()
                        .map(|(value, msg)| {
                            let msg = *msg;
                            view! { <option value=*value>{i18n.t(msg)}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            {move || match (list.failed.get(), list.loaded.get()) {
                (None, false) => view! { <div class="state" aria-busy="true"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                (Some(msg), _) => view! {
                    <div class="state error" role="alert">
                        <p>{move || msg.text(i18n.locale())}</p>
                        <button class="button" on:click=retry.clone()>{i18n.t(Msg::Retry)}</button>
                    </div>
                }.into_any(),
                (None, true) if list.is_empty() => view! {
                    <div class="state empty" data-testid="empty-state">
                        <p class="state-title">{i18n.t(Msg::NoCustomers)}</p>
                        <p class="muted">{i18n.t(Msg::NoCustomersHint)}</p>
                    </div>
                }.into_any(),
                (None, true) => view! { <CustomerTable items=list.items/> }.into_any(),
            }}
            <MoreButton list=list on_more=load_more/>
        </section>
    }
}

#[component]
fn CustomerTable(items: RwSignal<Vec<Customer>>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="customer-table">
                <thead>
                    <tr>
                        <th>{i18n.t(Msg::Name)}</th>
                        <th class="hide-narrow">{i18n.t(Msg::Company)}</th>
                        <th>{i18n.t(Msg::Phone)}</th>
                        <th>{i18n.t(Msg::Stage)}</th>
                        <th class="hide-narrow">{i18n.t(Msg::Region)}</th>
                        <th class="hide-narrow">{i18n.t(Msg::Created)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || items.get() key=|c| (c.id, c.version) let:customer>
                        <tr class="clickable" on:click={
                            let navigate = navigate.clone();
                            let href = format!("/customers/{}", customer.id);
                            move |_| navigate(&href, Default::default())
                        }>
                            <td class="strong">
                                <A href=format!("/customers/{}", customer.id)>{customer.name.clone()}</A>
                            </td>
                            <td class="hide-narrow">{customer.company_name.clone().unwrap_or_default()}</td>
                            <td class="mono">{customer.phones.first().map(|p| display_phone(p)).unwrap_or_default()}</td>
                            <td><StageBadge stage=customer.stage/></td>
                            <td class="hide-narrow">{customer.region.clone().unwrap_or_default()}</td>
                            <td class="hide-narrow muted">{move || format_date(customer.created_at, i18n.locale())}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
        <p class="muted count">{move || format!("{} {}", i18n.t(Msg::Shown)(), items.with(Vec::len))}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::filters_from;
    use kehu_types::{AcquisitionSource, CustomerSort, LifecycleStage};

    fn map<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn a_shared_url_restores_every_filter() {
        let owner = "01a20539-cc28-700e-a0f0-1186bed11968";
        let query = filters_from(map(&[
            ("q", " 明华 "),
            ("stage", "at_risk"),
            ("owner", owner),
            ("source", "referral"),
            ("tag", "VIP"),
            ("sort", "-updated_at"),
            ("segment", owner),
        ]));
        assert_eq!(query.q.as_deref(), Some("明华"));
        assert_eq!(query.stage, Some(LifecycleStage::AtRisk));
        assert_eq!(query.owner_id.map(|id| id.to_string()).as_deref(), Some(owner));
        assert_eq!(query.source, Some(AcquisitionSource::Referral));
        assert_eq!(query.tag.as_deref(), Some("VIP"));
        assert_eq!(query.sort, Some(CustomerSort::UpdatedAtDesc));
        assert_eq!(query.segment.map(|id| id.to_string()).as_deref(), Some(owner));
    }

    #[test]
    fn malformed_values_are_ignored_not_fatal() {
        let query = filters_from(map(&[("stage", "vip"), ("owner", "nobody"), ("sort", "size"), ("q", "  ")]));
        assert_eq!((query.stage, query.owner_id, query.sort, query.q), (None, None, None, None));
    }
}
