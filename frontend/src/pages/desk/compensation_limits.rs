//! Compensation limits for admins: how much an agent or a manager may give
//! of each kind (and currency) before a manager or admin must approve it.
//! Shown on the service-desk settings page.

use kehu_types::{CompensationKind, CompensationLimit, CompensationLimits, FieldError, Role};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Amounts, Approval, Msg, Text, format_amount, role_label, use_i18n};
use crate::session::use_session;
use crate::widgets::choice::ChoiceSelect;
use crate::widgets::currency::{CurrencySelect, business_currency};
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

/// The roles that have limits: admins give without one, viewers give nothing.
const LIMITED_ROLES: [Role; 2] = [Role::Agent, Role::Manager];

/// The currency a limit of `kind` is kept in, from what its select holds:
/// points never have one, gifts have one only when counted by value.
fn currency_of(kind: CompensationKind, chosen: &str) -> Option<String> {
    match kind {
        CompensationKind::Points => None,
        _ if chosen.is_empty() => None,
        _ => Some(chosen.to_owned()),
    }
}

/// One limit being edited; `key` keeps its inputs in place while others are
/// added or removed.
#[derive(Clone, Copy)]
struct LimitRow {
    key: u32,
    role: RwSignal<Role>,
    kind: RwSignal<CompensationKind>,
    currency: RwSignal<String>,
    per_compensation: RwSignal<String>,
    per_customer: RwSignal<String>,
}

impl LimitRow {
    fn new(key: u32, limit: &CompensationLimit) -> Self {
        let currency = limit.currency.as_deref();
        Self {
            key,
            role: RwSignal::new(limit.role),
            kind: RwSignal::new(limit.kind),
            currency: RwSignal::new(currency.unwrap_or_default().to_owned()),
            per_compensation: RwSignal::new(format_amount(limit.per_compensation, currency)),
            per_customer: RwSignal::new(format_amount(limit.per_customer_30_days, currency)),
        }
    }

    /// The limit at `index`; an amount that is not one of its currency goes
    /// to `amounts`, named as the server names it (`limits[1].per_compensation`).
    fn limit(&self, index: usize, amounts: &mut Amounts) -> CompensationLimit {
        let kind = self.kind.get_untracked();
        let currency = currency_of(kind, &self.currency.get_untracked());
        let mut read =
            |name: &str, text: String| amounts.read(&format!("limits[{index}].{name}"), &text, currency.as_deref());
        let per_compensation = read("per_compensation", self.per_compensation.get_untracked());
        let per_customer_30_days = read("per_customer_30_days", self.per_customer.get_untracked());
        CompensationLimit { role: self.role.get_untracked(), kind, currency, per_compensation, per_customer_30_days }
    }
}

#[component]
pub fn CompensationLimitsEditor() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let rows = RwSignal::new(Vec::<LimitRow>::new());
    let next_key = StoredValue::new(0u32);
    let version = RwSignal::new(None::<i64>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let loaded = RwSignal::new(false);
    let changes = RwSignal::new(0u32);
    let currency = business_currency();
    let new_row = move |limit: &CompensationLimit| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        LimitRow::new(key, limit)
    };
    Effect::new({
        let session = session.clone();
        move |_| {
            changes.track();
            let session = session.clone();
            spawn_local(async move {
                match session.settle(session.client.get_compensation_limits().await) {
                    Ok(found) => {
                        rows.set(found.value.limits.iter().map(new_row).collect());
                        version.set(found.version);
                        loaded.set(true);
                    }
                    Err(error) => toasts.error(Msg::for_code(error.code())),
                }
            });
        }
    });
    let save = move |event: SubmitEvent| {
        event.prevent_default();
        let mut amounts = Amounts::default();
        let limits = rows.get_untracked().iter().enumerate().map(|(i, row)| row.limit(i, &mut amounts)).collect();
        if amounts.refused(errors) {
            return toasts.error(Msg::ErrorValidation);
        }
        let settings = CompensationLimits { limits };
        let session = session.clone();
        spawn_local(async move {
            match session.settle(session.client.update_compensation_limits(version.get_untracked(), &settings).await) {
                Ok(_) => {
                    errors.set(Vec::new());
                    toasts.success(Msg::Saved);
                    changes.update(|n| *n += 1);
                }
                Err(error) => toasts.refused(&error, errors),
            }
        });
    };
    let add = move |_| {
        let limit = CompensationLimit {
            role: Role::Agent,
            kind: CompensationKind::Refund,
            currency: currency.get_untracked(),
            per_compensation: 0,
            per_customer_30_days: 0,
        };
        let row = new_row(&limit);
        row.per_compensation.set(String::new());
        row.per_customer.set(String::new());
        rows.update(|list| list.push(row));
    };
    view! {
        <form class="card form" on:submit=save data-testid="compensation-limits" aria-busy=move || (!loaded.get()).to_string()>
            <h2>{i18n.t(Approval::Limits)}</h2>
            <p class="muted">{i18n.t(Approval::LimitsHint)}</p>
            <FieldHint errors=errors field="limits"/>
            <Show when=move || loaded.get() && rows.with(Vec::is_empty)>
                <p class="muted" data-testid="no-limits">{i18n.t(Approval::NoLimits)}</p>
            </Show>
            <div class="table-wrap">
                <table class="table limits-table">
                    <thead><tr>
                        <th>{i18n.t(Approval::Role)}</th><th>{i18n.t(Approval::Kind)}</th><th>{i18n.t(Approval::Currency)}</th>
                        <th>{i18n.t(Approval::PerCompensation)}</th><th>{i18n.t(Approval::PerCustomer30Days)}</th><th></th>
                    </tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=|row| row.key let:row>
                            <LimitEditor row=row rows=rows errors=errors business=currency/>
                        </For>
                    </tbody>
                </table>
            </div>
            <div class="actions">
                <button class="button" type="button" data-testid="add-limit" on:click=add
                    disabled=move || rows.with(|list| list.len() >= kehu_domain::compensation::LIMITS_MAX)>"+ "{i18n.t(Approval::AddLimit)}</button>
                <button class="button primary" type="submit" data-testid="limits-save">{i18n.t(Msg::Save)}</button>
            </div>
        </form>
    }
}

/// One limit's inputs; errors are matched by the row's current position.
#[component]
fn LimitEditor(
    row: LimitRow,
    rows: RwSignal<Vec<LimitRow>>,
    errors: RwSignal<Vec<FieldError>>,
    business: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Refunds and coupons always have a currency: one chosen as a gift's
    // "in pieces" becomes the business currency, never an empty select.
    Effect::new(move |_| {
        let needs_currency = matches!(row.kind.get(), CompensationKind::Refund | CompensationKind::Coupon);
        if needs_currency
            && row.currency.with_untracked(String::is_empty)
            && let Some(code) = business.get()
        {
            row.currency.set(code);
        }
    });
    let index = Memo::new(move |_| rows.with(|list| list.iter().position(|r| r.key == row.key).unwrap_or_default()));
    let hint = move |part: &'static str| {
        view! { {move || view! { <FieldHint errors=errors field=format!("limits[{}].{part}", index.get())/> }} }
    };
    let remove = move |_| rows.update(|list| list.retain(|r| r.key != row.key));
    let is_points = move || row.kind.get() == CompensationKind::Points;
    let pieces = move || (row.kind.get() == CompensationKind::Gift).then_some(Text::from(Approval::Pieces));
    let role_options = move || {
        LIMITED_ROLES.map(|role| {
            view! { <option value=role.as_str() selected=move || row.role.get() == role>{move || role_label(role, i18n.locale())}</option> }
        })
    };
    view! {
        <tr data-testid="limit-row">
            <td>
                <select data-testid="limit-role" aria-label=i18n.t(Approval::Role)
                    on:change=move |ev| if let Some(role) = Role::parse(&event_target_value(&ev)) { row.role.set(role) }>
                    {role_options}
                </select>
                {hint("role")}
            </td>
            <td><ChoiceSelect value=row.kind test_id="limit-kind"/>{hint("kind")}</td>
            <td>
                <Show when=is_points fallback=move || view! {
                    <CurrencySelect value=row.currency test_id="limit-currency" blank=Signal::derive(pieces)/>
                }>
                    <span class="muted">{i18n.t(Approval::NoCurrency)}</span>
                </Show>
                {hint("currency")}
            </td>
            <td>
                <input inputmode="decimal" data-testid="limit-per-compensation" aria-label=i18n.t(Approval::PerCompensation)
                    prop:value=move || row.per_compensation.get() on:input=move |ev| row.per_compensation.set(event_target_value(&ev))/>
                {hint("per_compensation")}
            </td>
            <td>
                <input inputmode="decimal" data-testid="limit-per-customer" aria-label=i18n.t(Approval::PerCustomer30Days)
                    prop:value=move || row.per_customer.get() on:input=move |ev| row.per_customer.set(event_target_value(&ev))/>
                {hint("per_customer_30_days")}
            </td>
            <td>
                <button class="button small" type="button" data-testid="remove-limit" aria-label=i18n.t(Approval::RemoveLimit)
                    title=i18n.t(Approval::RemoveLimit) on:click=remove>"×"</button>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(kind: CompensationKind, currency: Option<&str>, each: i64, month: i64) -> CompensationLimit {
        CompensationLimit {
            role: Role::Manager,
            kind,
            currency: currency.map(str::to_owned),
            per_compensation: each,
            per_customer_30_days: month,
        }
    }

    #[test]
    fn limits_read_back_in_their_currency_units() {
        Owner::new().with(|| {
            let mut amounts = Amounts::default();
            for kept in [
                limit(CompensationKind::Refund, Some("CNY"), 20_000, 50_000),
                limit(CompensationKind::Coupon, Some("JPY"), 3_000, 9_000),
                limit(CompensationKind::Refund, Some("KWD"), 1_234, 5_000),
                limit(CompensationKind::Points, None, 2_000, 5_000),
                limit(CompensationKind::Gift, None, 1, 2),
                limit(CompensationKind::Gift, Some("USD"), 5_000, 10_000),
            ] {
                assert_eq!(LimitRow::new(0, &kept).limit(0, &mut amounts), kept);
            }
            assert!(amounts.0.is_empty());
        });
    }

    #[test]
    fn an_amount_finer_than_its_currency_is_named_by_its_place() {
        Owner::new().with(|| {
            let row = LimitRow::new(0, &limit(CompensationKind::Refund, Some("JPY"), 0, 0));
            row.per_compensation.set("10.5".into());
            row.per_customer.set("100".into());
            let mut amounts = Amounts::default();
            row.limit(3, &mut amounts);
            assert_eq!(amounts.0.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["limits[3].per_compensation"]);
        });
    }

    #[test]
    fn points_carry_no_currency_and_gifts_only_when_chosen() {
        assert_eq!(currency_of(CompensationKind::Points, "CNY"), None);
        assert_eq!(currency_of(CompensationKind::Gift, ""), None);
        assert_eq!(currency_of(CompensationKind::Gift, "CNY").as_deref(), Some("CNY"));
        assert_eq!(currency_of(CompensationKind::Refund, "EUR").as_deref(), Some("EUR"));
    }
}
