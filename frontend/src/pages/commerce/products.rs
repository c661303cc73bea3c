//! The product catalogue: searched by SKU or name, with inactive products on
//! request. Managers and admins add products and change prices, costs and
//! whether a product is still sold; a shop system usually keeps it in sync
//! through the bulk API instead.

use kehu_types::{FieldError, Product, ProductInput, ProductQuery, Role, UpdateProduct};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Amounts, Commerce, Money, Msg, format_amount, format_money, use_i18n};
use crate::session::use_session;
use crate::widgets::currency::{CurrencySelect, business_currency};
use crate::widgets::dialog::Dialog;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::paged::{MoreButton, Paged};
use crate::widgets::toast::use_toasts;

const PAGE: u32 = 50;
const SEARCH_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// A product's prices as typed, read in the product's currency: `Err` with
/// the refused fields when one is not an amount of it.
fn prices(price: &str, cost: &str, currency: &str) -> Result<(i64, Option<i64>), Vec<FieldError>> {
    let mut amounts = Amounts::default();
    let list_price = amounts.read("list_price", price, Some(currency));
    let unit_cost = amounts.optional("unit_cost", cost, Some(currency));
    if amounts.0.is_empty() { Ok((list_price, unit_cost)) } else { Err(amounts.0) }
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
    let more = Callback::new(move |_| fetch(list.next.get_untracked()));
    view! {
        <section>
            <div class="page-head">
                <h1>{i18n.t(Commerce::Products)}</h1>
                <Show when=may_edit>
                    <button class="button primary" data-testid="new-product" on:click=move |_| editing.set(Some(None))>
                        "+ "{i18n.t(Commerce::NewProduct)}</button>
                </Show>
            </div>
            <div class="toolbar">
                <input type="search" class="search" data-testid="product-search" aria-label=i18n.t(Commerce::SearchProducts)
                    placeholder=i18n.t(Commerce::SearchProducts) prop:value=move || query.get() on:input=move |ev| on_search(event_target_value(&ev))/>
                <label class="check"><input type="checkbox" data-testid="show-inactive" prop:checked=move || with_inactive.get()
                    on:change=move |ev| with_inactive.set(event_target_checked(&ev))/>{i18n.t(Commerce::ShowInactive)}</label>
            </div>
            {move || list.failed.get().map(|msg| view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> })}
            {move || match (list.loaded.get(), list.is_empty()) {
                (false, _) => view! { <div class="state" aria-busy="true"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                (true, true) => view! { <div class="state empty" data-testid="empty-state"><p class="muted">{i18n.t(Commerce::NoProducts)}</p></div> }.into_any(),
                (true, false) => view! {
                    <div class="table-wrap">
                        <table class="table" data-testid="product-table">
                            <thead><tr>
                                <th>"SKU"</th>
                                <th>{i18n.t(Commerce::ProductName)}</th>
                                <th class="hide-narrow">{i18n.t(Commerce::Category)}</th>
                                <th class="number">{i18n.t(Commerce::ListPrice)}</th>
                                <th class="number hide-narrow">{i18n.t(Commerce::UnitCost)}</th>
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
            <MoreButton list=list on_more=more/>
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
                <Show when=move || inactive><span class="badge">{i18n.t(Commerce::Inactive)}</span></Show></td>
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
    // Prices are typed in the product's currency, with its decimals.
    let typed = |amount: i64, currency: &str| format_amount(amount, Some(currency));
    let price = text(product.as_ref().map(|p| typed(p.list_price, &p.currency)));
    let cost = text(product.as_ref().and_then(|p| p.unit_cost.map(|c| typed(c, &p.currency))));
    let currency = text(product.as_ref().map(|p| p.currency.clone()));
    if product.is_none() {
        // A new product is priced in the business currency unless chosen otherwise.
        let business = business_currency();
        Effect::new(move |_| {
            if let Some(code) = business.get()
                && currency.get_untracked().is_empty()
            {
                currency.set(code);
            }
        });
    }
    let active = RwSignal::new(product.as_ref().is_none_or(|p| p.active));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let close = move || editing.set(None);
    let submit = move |_| {
        let unit = currency.get_untracked();
        let (list_price, unit_cost) = match prices(&price.get_untracked(), &cost.get_untracked(), &unit) {
            Ok(read) => read,
            Err(refused) => {
                errors.set(refused);
                toasts.error(Msg::ErrorValidation);
                return;
            }
        };
        let optional = |value: String| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        let session = session.clone();
        let existing = existing.clone();
        let input = ProductInput {
            sku: sku.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            category: optional(category.get_untracked()),
            list_price,
            currency: unit,
            unit_cost,
            active: Some(active.get_untracked()),
        };
        busy.set(true);
        spawn_local(async move {
            let client = &session.client;
            let saved = match existing {
                None => client.create_product(&input).await,
                Some((id, version, was)) => {
                    let patch = UpdateProduct {
                        name: Some(input.name),
                        category: Some(input.category),
                        list_price: Some(input.list_price),
                        currency: (input.currency != was).then_some(input.currency),
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
    let field = move |label: Commerce, value: RwSignal<String>, key: &'static str, mode: &'static str| {
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
            title=if is_new { Commerce::NewProduct } else { Commerce::EditProduct }
            on_close=Callback::new(move |_| close())
            on_submit=Callback::new(submit)
            busy=busy
            save_id="product-save"
        >
            {if is_new {
                field(Commerce::Sku, sku, "sku", "text").into_any()
            } else {
                view! { <p class="muted">"SKU: "<code>{sku.get_untracked()}</code></p> }.into_any()
            }}
            {field(Commerce::ProductName, name, "name", "text")}
            {field(Commerce::Category, category, "category", "text")}
            <div class="grid-3">
                <label class="field"><span>{i18n.t(Money::Currency)}</span>
                    <CurrencySelect value=currency test_id="product-currency"/>
                    <FieldHint errors=errors field="currency"/>
                </label>
                {field(Commerce::ListPrice, price, "list_price", "decimal")}
                {field(Commerce::UnitCost, cost, "unit_cost", "decimal")}
            </div>
            <label class="check"><input type="checkbox" data-testid="product-active" prop:checked=move || active.get()
                on:change=move |ev| active.set(event_target_checked(&ev))/>{i18n.t(Commerce::OnSale)}</label>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_typed_in_the_products_currency() {
        assert_eq!(prices("500", "", "JPY"), Ok((500, None)));
        assert_eq!(prices("268", "19.9", "CNY"), Ok((26_800, Some(1_990))));
        assert_eq!(prices("1.250", "0.5", "KWD"), Ok((1_250, Some(500))));
        let refused = prices("500.5", "免费", "JPY").err().unwrap_or_default();
        let fields: Vec<(&str, &str)> = refused.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(fields, [("list_price", "no_decimals"), ("unit_cost", "not_a_number")]);
    }
}
