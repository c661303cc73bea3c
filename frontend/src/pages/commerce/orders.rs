//! Every order the user may see, newest first, filtered by status; each
//! links to its customer and can be refunded there or here.

use kehu_types::{Order, OrderQuery, OrderStatus, Role};
use leptos::prelude::*;

use crate::i18n::{Commerce, Msg, use_i18n};
use crate::pages::commerce::customer_orders::OrderRow;
use crate::session::use_session;
use crate::widgets::choice::OptionalChoiceSelect;
use crate::widgets::paged::{MoreButton, Paged};

const PAGE: u32 = 50;

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = Paged::<Order>::new();
    let status = RwSignal::new(None::<OrderStatus>);
    // Bumped after a refund, so the list shows the new status.
    let changes = RwSignal::new(0u32);
    let can_write = {
        let user = session.user;
        move || user.with(|u| u.as_ref().is_some_and(|u| u.role != Role::Viewer))
    };
    let fetch = move |cursor: Option<String>| {
        let query = OrderQuery {
            status: status.get_untracked(),
            limit: Some(PAGE),
            cursor: cursor.clone(),
            ..OrderQuery::default()
        };
        let client = session.client.clone();
        list.load(session.clone(), cursor, async move {
            client.list_orders(&query).await.map(|page| (page.items, page.next_cursor))
        });
    };
    Effect::new({
        let fetch = fetch.clone();
        move |_| {
            status.track();
            changes.track();
            fetch(None);
        }
    });
    let more = Callback::new(move |_| fetch(list.next.get_untracked()));
    view! {
        <section>
            <div class="page-head"><h1>{i18n.t(Commerce::AllOrders)}</h1></div>
            <div class="toolbar">
                <OptionalChoiceSelect value=status any=Commerce::AnyStatus.into() test_id="order-status-filter"/>
            </div>
            {move || list.failed.get().map(|msg| view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> })}
            {move || match (list.loaded.get(), list.is_empty()) {
                (false, _) => view! { <div class="state" aria-busy="true"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                (true, true) => view! { <div class="state empty" data-testid="empty-state"><p class="muted">{i18n.t(Msg::NoOrders)}</p></div> }.into_any(),
                (true, false) => view! {
                    <ul class="order-list card" data-testid="order-list">
                        <For each=move || list.items.get() key=|order| (order.id, order.version) let:order>
                            <OrderRow order=order can_write=can_write changes=changes show_customer=true/>
                        </For>
                    </ul>
                }.into_any(),
            }}
            <MoreButton list=list on_more=more/>
        </section>
    }
}
