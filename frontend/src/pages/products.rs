//! The product catalogue: searched by SKU or name, with inactive products on
//! request. Managers and admins add products and change prices, costs and
//! whether a product is still sold; a shop system usually keeps it in sync
//! through the bulk API instead.

use kehu_types::{FieldError, Product, ProductInput, ProductQuery, Role, UpdateProduct};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::customer_form::FieldHint;
use super::paged::Paged;
use crate::dialog::Dialog;
use crate::i18n::{Msg, Val, format_amount, format_money, parse_money, use_i18n};
use crate::session::use_session;
use crate::toast::use_toasts;

const PAGE: u32 = 50;
const SEARCH_DELAY: std::time::Duration = std::time::Duration::from_millis(300);
const CURRENCY: &str = "CNY";

/// An amount typed in yuan; -1 (refused by the server, which names the field) when it is not one.
fn yuan(text: &str) -> i64 {
    parse_money(text, Some(CURRENCY)).unwrap_or(-1)
}

/// An amount as it is typed back in: `268.00`.
fn yuan_text(amount: i64, currency: &str) -> String {
    format_amount(amount, Some(currency))
}

#[component]
pub fn ProductsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = Paged::<Product>::new();
    let query = RwSignal::new(String::new());
    let with_inactive = RwSignal::new(false);
    // The product being edited (`Some(None)` for a new one).
    let editing = RwSignal::new(None::<Option<Product>>);
    let reloads = RwSignal::new(0u32);
    let may_edit = {
        let user = session.user;
        move || user.with(|u| u.as_ref().is_some_and(|u| matches!(u.role, Role::Admin | Role::Manager)))
    };
    let fetch = move |cursor: Option<String>| {
        let filter = ProductQuery {
            q: Some(query.get_untracked().trim().to_owned()).filter(|q| !q.is_empty()),
            active: (!with_inactive.get_untracked()).then_some(true),
            limit: Some(PAGE),
            cursor: cursor.clone(),
            ..ProductQuery::default()
        };
        let client = session.client.clone();
        list.load(session.clone(), cursor, async move {
            client.list_products(&filter).await.map(|page| (page.items, page.next_cursor))
        });
    };
    Effect::new({
        let fetch = fetch.clone();
        move |_| {
            reloads.track();
            with_inactive.track();
            fetch(None);
        }
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_search = move |text: String| {
        query.set(text);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        pending.set_value(set_timeout_with_handle(move || reloads.update(|n| *n += 1), SEARCH_DELAY).ok());
    };
    let more = move |_| fetch(list.next.get_untracked());
    view! {
        <section>
            <div class="page-head">
                <h1>{i18n.t(Val::Products)}</h1>
                <Show when=may_edit>
                    <button class="button primary" data-testid="new-product" on:click=move |_| editing.set(Some(None))>
                        "+ "{i18n.t(Val::NewProduct)}</button>
                </Show>
            </div>
            <div class="toolbar">
                <input type="search" class="search" data-testid="product-search" aria-label=i18n.t(Val::SearchProducts)
                    placeholder=i18n.t(Val::SearchProducts) prop:value=move || query.get() on:input=move |ev| on_search(event_target_value(&ev))/>
                <label class="check"><input type="checkbox" data-testid="show-inactive" prop:checked=move || with_inactive.get()
                    on:change=move |ev| with_inactive.set(event_target_checked(&ev))/>{i18n.t(Val::ShowInactive)}</label>
            </div>
            {move || list.failed.get().map(|msg| view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> })}
            {move || match (list.loaded.get(), list.is_empty()) {
                (false, _) => view! { <div class="state" aria-busy="true"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                (true, true) => view! { <div class="state empty" data-testid="empty-state"><p class="muted">{i18n.t(Val::NoProducts)}</p></div> }.into_any(),
                (true, false) => view! {
                    <div class="table-wrap">
                        <table class="table" data-testid="product-table">
                            <thead><tr>
                                <th>"SKU"</th>
                                <th>{i18n.t(Val::ProductName)}</th>
                                <th class="hide-narrow">{i18n.t(Val::Category)}</th>
                                <th class="number">{i18n.t(Val::ListPrice)}</th>
                                <th class="number hide-narrow">{i18n.t(Val::UnitCost)}</th>
                                <th></th>
                            </tr></thead>
                            <tbody>
                                <For each=move || list.items.get() key=|p| (p.id, p.version) let:product>
                                    <ProductRow product=product may_edit=may_edit editing=editing/>
                                </For>
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
            <Show when=move || list.next.with(Option::is_some)>
                <button class="button" on:click=more.clone()>{i18n.t(Msg::LoadMore)}</button>
            </Show>
            {move || editing.get().map(|product| view! { <ProductDialog product=product editing=editing reloads=reloads/> })}
        </section>
    }
}

#[component]
fn ProductRow(
    product: Product,
    may_edit: impl Fn() -> bool + Copy + Send + Sync + 'static,
    editing: RwSignal<Option<Option<Product>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let money = |amount: i64| format_money(amount, Some(&product.currency));
    let cost = product.unit_cost.map(money).unwrap_or_else(|| "—".into());
    let price = money(product.list_price);
    let inactive = !product.active;
    view! {
        <tr data-testid="product-row" class:muted=inactive>
            <td><code>{product.sku.clone()}</code></td>
            <td class="strong">{product.name.clone()}
                <Show when=move || inactive><span class="badge">{i18n.t(Val::Inactive)}</span></Show></td>
            <td class="hide-narrow muted">{product.category.clone()}</td>
            <td class="number">{price}</td>
            <td class="number hide-narrow muted">{cost}</td>
            <td class="row-actions">
                <Show when=may_edit>
                    <button class="button small" data-testid="edit-product" on:click={
                        let product = product.clone();
                        move |_| editing.set(Some(Some(product.clone())))
                    }>{i18n.t(Msg::Edit)}</button>
                </Show>
            </td>
        </tr>
    }
}

/// Adding a product, or changing one at the version it was listed with.
#[component]
fn ProductDialog(
    product: Option<Product>,
    editing: RwSignal<Option<Option<Product>>>,
    reloads: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let existing = product.as_ref().map(|p| (p.id, p.version, p.currency.clone()));
    let text = |value: Option<String>| RwSignal::new(value.unwrap_or_default());
    let sku = text(product.as_ref().map(|p| p.sku.clone()));
    let name = text(product.as_ref().map(|p| p.name.clone()));
    let category = text(product.as_ref().and_then(|p| p.category.clone()));
    let price = text(product.as_ref().map(|p| yuan_text(p.list_price, &p.currency)));
    let cost = text(product.as_ref().and_then(|p| p.unit_cost.map(|c| yuan_text(c, &p.currency))));
    let active = RwSignal::new(product.as_ref().is_none_or(|p| p.active));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let close = move || editing.set(None);
    let submit = move |_| {
        let optional = |value: String| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        let (category, cost) = (optional(category.get_untracked()), optional(cost.get_untracked()).map(|c| yuan(&c)));
        let (name, list_price) = (name.get_untracked().trim().to_owned(), yuan(&price.get_untracked()));
        let session = session.clone();
        let existing = existing.clone();
        let input = ProductInput {
            sku: sku.get_untracked().trim().to_owned(),
            name,
            category,
            list_price,
            currency: existing.as_ref().map_or_else(|| CURRENCY.to_owned(), |(_, _, c)| c.clone()),
            unit_cost: cost,
            active: Some(active.get_untracked()),
        };
        busy.set(true);
        spawn_local(async move {
            let client = &session.client;
            let saved = match existing {
                None => client.create_product(&input).await,
                Some((id, version, _)) => {
                    let patch = UpdateProduct {
                        name: Some(input.name),
                        category: Some(input.category),
                        list_price: Some(input.list_price),
                        currency: None,
                        unit_cost: Some(input.unit_cost),
                        active: input.active,
                    };
                    client.update_product(id, Some(version), &patch).await
                }
            };
            busy.try_set(false);
            match session.settle(saved) {
                Ok(_) => {
                    toasts.success(Msg::Saved);
                    close();
                    reloads.update(|n| *n += 1);
                }
                Err(error) => toasts.refused(&error, errors),
            }
        });
    };
    let field = move |label: Val, value: RwSignal<String>, key: &'static str, mode: &'static str| {
        view! {
            <label class="field"><span>{i18n.t(label)}</span>
                <input data-testid=format!("product-{key}") inputmode=mode prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
                <FieldHint errors=errors field=key/>
            </label>
        }
    };
    let is_new = product.is_none();
    view! {
        <Dialog
            title=if is_new { Val::NewProduct } else { Val::EditProduct }
            on_close=Callback::new(move |_| close())
            on_submit=Callback::new(submit)
            busy=busy
            save_id="product-save"
        >
            {if is_new {
                field(Val::Sku, sku, "sku", "text").into_any()
            } else {
                view! { <p class="muted">"SKU: "<code>{sku.get_untracked()}</code></p> }.into_any()
            }}
            {field(Val::ProductName, name, "name", "text")}
            {field(Val::Category, category, "category", "text")}
            <div class="grid-2">
                {field(Val::ListPrice, price, "list_price", "decimal")}
                {field(Val::UnitCost, cost, "unit_cost", "decimal")}
            </div>
            <label class="check"><input type="checkbox" data-testid="product-active" prop:checked=move || active.get()
                on:change=move |ev| active.set(event_target_checked(&ev))/>{i18n.t(Val::OnSale)}</label>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_typed_in_yuan() {
        assert_eq!((yuan("268"), yuan("19.9"), yuan("免费")), (26_800, 1_990, -1));
        assert_eq!(yuan_text(26_800, "CNY"), "268.00");
        assert_eq!(yuan_text(500, "JPY"), "500");
    }
}
