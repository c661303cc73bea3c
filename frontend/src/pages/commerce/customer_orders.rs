//! A customer's orders on their page: newest first with their refunds, a
//! refund action per order, and recording an order by hand (as a phone or
//! in-store sale) from the products on sale. Recording or refunding moves
//! the customer's value, points and stage, so the page reloads after both.

use kehu_types::{CreateOrder, CreateRefund, FieldError, Order, OrderItemInput, OrderQuery, OrderStatus, Product};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

use crate::i18n::{Amounts, Commerce, Msg, colon, format_date, format_money, order_status_label, use_i18n};
use crate::session::use_session;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::paged::{MoreButton, Paged};
use crate::widgets::toast::use_toasts;

const PAGE: u32 = 5;
const SEARCH_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

#[component]
pub fn CustomerOrders(
    customer_id: Uuid,
    can_write: impl Fn() -> bool + Copy + Send + Sync + 'static,
    changes: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = Paged::<Order>::new();
    let fetch = move |cursor: Option<String>| {
        let query = OrderQuery {
            customer_id: Some(customer_id),
            limit: Some(PAGE),
            cursor: cursor.clone(),
            ..OrderQuery::default()
        };
        let client = session.client.clone();
        list.load(session.clone(), cursor, async move {
            client.list_orders(&query).await.map(|page| (page.items, page.next_cursor))
        });
    };
    fetch(None);
    let more = Callback::new({
        let fetch = fetch.clone();
        move |_| fetch(list.next.get_untracked())
    });
    view! {
        <div class="card" data-testid="customer-orders">
            <h2>{i18n.t(Commerce::Orders)}</h2>
            {move || list.failed.get().map(|msg| view! { <p class="field-error" role="alert">{move || msg.text(i18n.locale())}</p> })}
            <Show when=move || list.is_empty()>
                <p class="muted">{i18n.t(Msg::NoOrders)}</p>
            </Show>
            <ul class="order-list">
                <For each=move || list.items.get() key=|order| (order.id, order.version) let:order>
                    <OrderRow order=order can_write=can_write changes=changes/>
                </For>
            </ul>
            <MoreButton list=list on_more=more label=Commerce::MoreOrders.into()/>
            <Show when=can_write>
                <NewOrderForm customer_id=customer_id changes=changes/>
            </Show>
        </div>
    }
}

/// One order; `show_customer` links to its customer (on the list of all orders).
#[component]
pub fn OrderRow(
    order: Order,
    can_write: impl Fn() -> bool + Copy + Send + Sync + 'static,
    changes: RwSignal<u32>,
    #[prop(optional)] show_customer: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let currency = Some(order.currency.clone());
    let money = move |amount: i64| format_money(amount, currency.as_deref());
    let lines =
        order.items.iter().map(|line| format!("{} × {}", line.name, line.quantity)).collect::<Vec<_>>().join("、");
    let refundable = order.total > order.refunded && order.status != OrderStatus::Cancelled;
    let (id, status, ordered_at) = (order.id, order.status, order.ordered_at);
    view! {
        <li class="order" data-testid="order-row">
            <div class="order-head">
                <strong>{order.number.clone()}</strong>
                <span class="badge">{move || order_status_label(status, i18n.locale())}</span>
                <span class="muted">{move || format_date(ordered_at, i18n.locale())}</span>
                {show_customer.then(|| view! {
                    <A href=format!("/customers/{}", order.customer_id) attr:data-testid="order-customer"
                        attr:title=i18n.t(Commerce::Customer)>{order.customer_name.clone()}</A>
                })}
                <span class="order-total" data-testid="order-total">{money(order.total)}</span>
            </div>
            <div class="muted small">{lines}</div>
            {(order.refunded > 0).then(|| view! {
                <div class="small">{i18n.t(Commerce::Refunded)}{move || colon(i18n.locale())}{money(order.refunded)}</div>
            })}
            <Show when=move || refundable && can_write()>
                <RefundForm order_id=id currency=order.currency.clone() changes=changes/>
            </Show>
        </li>
    }
}

#[component]
fn RefundForm(order_id: Uuid, currency: String, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let unit = currency.clone();
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        // Empty: everything not yet refunded; typed in the order's currency.
        let mut amounts = Amounts::default();
        let amount = amounts.optional("amount", &amount.get_untracked(), Some(&currency));
        if amounts.refused(errors) {
            return toasts.error(Msg::ErrorValidation);
        }
        let input = CreateRefund { amount, reason: reason.get_untracked() };
        let session = use_session();
        spawn_local(async move {
            match session.settle(session.client.refund_order(order_id, &input).await) {
                Ok(_) => {
                    toasts.success(Commerce::OrderRefunded);
                    changes.update(|n| *n += 1);
                }
                Err(error) => toasts.refused(&error, errors),
            }
        });
    };
    view! {
        <details class="inline-details">
            <summary data-testid="refund-order">{i18n.t(Msg::Refund)}</summary>
            <form class="form" on:submit=submit>
                <label class="field"><span>{i18n.t(Commerce::RefundAmount)} " (" {unit} ")"</span>
                    <input inputmode="decimal" data-testid="refund-amount" prop:value=move || amount.get()
                        on:input=move |ev| amount.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="amount"/>
                </label>
                <label class="field"><span>{i18n.t(Commerce::RefundReason)}</span>
                    <input data-testid="refund-reason" prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="reason"/>
                </label>
                <button class="button primary" type="submit" data-testid="refund-save">{i18n.t(Msg::Save)}</button>
            </form>
        </details>
    }
}

/// A product on the order being written, with its quantity as typed.
#[derive(Clone)]
struct Line {
    product: Product,
    quantity: RwSignal<String>,
}

/// Quantity as typed; 0 (refused by the server for that line) when it is not a number.
fn quantity(text: &str) -> i32 {
    text.trim().parse().unwrap_or(0)
}

/// What the order comes to at list prices, for the preview.
fn total(lines: &[(i64, i32)]) -> i64 {
    lines.iter().map(|(price, quantity)| price.saturating_mul(i64::from((*quantity).max(0)))).sum()
}

/// A number for an order entered by hand, unique to the millisecond (a
/// number already recorded would return that order instead).
fn manual_number(at: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    // Spelled out: chrono's format strings would add their parser to the app.
    let millis = at.timestamp_subsec_millis().min(999);
    format!(
        "M{:04}{:02}{:02}-{:02}{:02}{:02}{millis:03}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[component]
fn NewOrderForm(customer_id: Uuid, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let number = RwSignal::new(manual_number(chrono::Utc::now()));
    let lines = RwSignal::new(Vec::<Line>::new());
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Vec<Product>>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    // Typing searches 300 ms after the last key; an answer to an older query is dropped.
    let searches = StoredValue::new(0u32);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let search = {
        let session = session.clone();
        move |text: String| {
            query.set(text.clone());
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let generation = searches.get_value() + 1;
            searches.set_value(generation);
            let session = session.clone();
            let run = move || {
                spawn_local(async move {
                    let filter = kehu_types::ProductQuery {
                        q: Some(text.trim().to_owned()).filter(|q| !q.is_empty()),
                        active: Some(true),
                        limit: Some(8),
                        ..kehu_types::ProductQuery::default()
                    };
                    let answer = session.settle(session.client.list_products(&filter).await);
                    if searches.try_get_value() == Some(generation) {
                        found.set(answer.ok().map(|page| page.items));
                    }
                });
            };
            pending.set_value(set_timeout_with_handle(run, SEARCH_DELAY).ok());
        }
    };
    let add = move |product: Product| {
        lines.update(|list| match list.iter().find(|line| line.product.id == product.id) {
            Some(line) => line.quantity.update(|q| *q = (quantity(q) + 1).to_string()),
            None => list.push(Line { product, quantity: RwSignal::new("1".into()) }),
        });
    };
    let preview = move || {
        lines.with(|list| {
            let priced: Vec<_> =
                list.iter().map(|line| (line.product.list_price, quantity(&line.quantity.get()))).collect();
            let currency = list.first().map(|line| line.product.currency.clone());
            format_money(total(&priced), currency.as_deref())
        })
    };
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let chosen = lines.get_untracked();
        let Some(first) = chosen.first() else {
            toasts.error(Commerce::PickProducts);
            return;
        };
        let input = CreateOrder {
            customer_id: Some(customer_id),
            customer: None,
            number: number.get_untracked().trim().to_owned(),
            source: None,
            items: chosen
                .iter()
                .map(|line| OrderItemInput {
                    product_id: Some(line.product.id),
                    sku: None,
                    quantity: quantity(&line.quantity.get_untracked()),
                    unit_price: None,
                })
                .collect(),
            currency: first.product.currency.clone(),
            status: None,
            channel: None,
            ordered_at: None,
        };
        let session = session.clone();
        busy.set(true);
        spawn_local(async move {
            match session.settle(session.client.create_order(&input).await) {
                Ok(_) => {
                    toasts.success(Commerce::OrderRecorded);
                    changes.update(|n| *n += 1);
                }
                Err(error) => toasts.refused(&error, errors),
            }
            busy.try_set(false);
        });
    };
    view! {
        <details class="inline-details">
            <summary data-testid="new-order">{i18n.t(Commerce::NewOrder)}</summary>
            <form class="form" on:submit=submit>
                <label class="field"><span>{i18n.t(Commerce::OrderNumber)}</span>
                    <input data-testid="order-number" prop:value=move || number.get() on:input=move |ev| number.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="number"/>
                </label>
                <label class="field"><span>{i18n.t(Commerce::SearchProducts)}</span>
                    <input type="search" data-testid="order-product-search" prop:value=move || query.get()
                        on:input=move |ev| search(event_target_value(&ev))/>
                </label>
                {move || found.get().map(|products| if products.is_empty() {
                    view! { <p class="muted small">{i18n.t(Commerce::NoProductsFound)}</p> }.into_any()
                } else {
                    view! {
                        <div class="product-picks">
                            {products.into_iter().map(|product| {
                                let label = format!("{} · {} · {}", product.name, product.sku, format_money(product.list_price, Some(&product.currency)));
                                view! { <button type="button" class="button small" data-testid="order-product" on:click=move |_| add(product.clone())>"+ "{label}</button> }
                            }).collect_view()}
                        </div>
                    }.into_any()
                })}
                <FieldHint errors=errors field="items"/>
                <table class="table order-lines">
                    <tbody>
                        <For each=move || lines.get() key=|line| line.product.id let:line>
                            <OrderLine line=line lines=lines errors=errors/>
                        </For>
                    </tbody>
                </table>
                <p><strong>{i18n.t(Commerce::OrderTotal)}{move || colon(i18n.locale())}</strong><span data-testid="order-preview-total">{preview}</span></p>
                <button class="button primary" type="submit" data-testid="order-save" disabled=move || busy.get()>{i18n.t(Msg::Save)}</button>
            </form>
        </details>
    }
}

#[component]
fn OrderLine(line: Line, lines: RwSignal<Vec<Line>>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = line.product.id;
    let index = Memo::new(move |_| lines.with(|list| list.iter().position(|l| l.product.id == id).unwrap_or_default()));
    let quantity = line.quantity;
    view! {
        <tr data-testid="order-line">
            <td>{line.product.name.clone()}<div class="muted small">{line.product.sku.clone()}</div></td>
            <td class="muted">{format_money(line.product.list_price, Some(&line.product.currency))}</td>
            <td>
                <input class="narrow" inputmode="numeric" aria-label=i18n.t(Commerce::Quantity) data-testid="order-quantity"
                    prop:value=move || quantity.get() on:input=move |ev| quantity.set(event_target_value(&ev))/>
                {move || view! { <FieldHint errors=errors field=format!("items[{}].quantity", index.get())/> }}
            </td>
            <td><button type="button" class="button small" on:click=move |_| lines.update(|list| list.retain(|l| l.product.id != id))>
                {i18n.t(Commerce::RemoveLine)}</button></td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_adds_lines_and_ignores_bad_quantities() {
        assert_eq!(total(&[(1_990, 2), (500, 1)]), 4_480);
        assert_eq!(total(&[(1_990, -3)]), 0);
        assert_eq!(total(&[]), 0);
        assert_eq!((quantity(" 3 "), quantity("三"), quantity("")), (3, 0, 0));
    }

    #[test]
    fn manual_numbers_are_unique_to_the_millisecond() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T08:05:09.123Z").map(|t| t.to_utc());
        assert_eq!(at.map(manual_number).as_deref(), Ok("M20261123-080509123"));
    }
}
