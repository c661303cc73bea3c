//! The loyalty program for admins: how many points an order earns, when they
//! lapse, and the tiers with their thresholds and benefits.

use kehu_types::{FieldError, LoyaltySettings, PointsRounding, Tier, TierBasis};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Amounts, Loyalty, Msg, colon, use_i18n};
use crate::session::use_session;
use crate::widgets::admin_frame::AdminFrame;
use crate::widgets::choice::ChoiceSelect;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::numbers::{number, shown};
use crate::widgets::toast::use_toasts;

const TIERS_MAX: usize = 10;

/// A tier threshold as typed: an amount of the business currency when tiers
/// go by spend, points otherwise.
fn threshold(amounts: &mut Amounts, field: &str, text: &str, basis: TierBasis, currency: &str) -> i64 {
    match basis {
        TierBasis::Spend12m => amounts.read(field, text, Some(currency)),
        TierBasis::LifetimePoints => number(text),
    }
}

fn threshold_text(value: i64, basis: TierBasis, currency: &str) -> String {
    match basis {
        TierBasis::Spend12m => shown(value, currency),
        TierBasis::LifetimePoints => value.to_string(),
    }
}

/// One tier being edited; `key` keeps its inputs in place while others are
/// added or removed.
#[derive(Clone, Copy)]
struct TierRow {
    key: u32,
    name: RwSignal<String>,
    threshold: RwSignal<String>,
    benefits: RwSignal<String>,
}

impl TierRow {
    fn new(key: u32, name: String, threshold: String, benefits: String) -> Self {
        Self { key, name: RwSignal::new(name), threshold: RwSignal::new(threshold), benefits: RwSignal::new(benefits) }
    }

    /// The tier at `index`; a threshold that is not an amount goes to `amounts`.
    fn tier(&self, index: usize, basis: TierBasis, currency: &str, amounts: &mut Amounts) -> Tier {
        let field = format!("tiers[{index}].threshold");
        Tier {
            name: self.name.get_untracked().trim().to_owned(),
            threshold: threshold(amounts, &field, &self.threshold.get_untracked(), basis, currency),
            benefits: self.benefits.get_untracked().trim().to_owned(),
        }
    }
}

#[component]
pub fn LoyaltySettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let per_unit = RwSignal::new(String::new());
    let rounding = RwSignal::new(PointsRounding::Down);
    let expiry = RwSignal::new(String::new());
    let basis = RwSignal::new(TierBasis::Spend12m);
    let rows = RwSignal::new(Vec::<TierRow>::new());
    let next_key = StoredValue::new(0u32);
    let version = RwSignal::new(None::<i64>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let loaded = RwSignal::new(false);
    let changes = RwSignal::new(0u32);
    // Spend thresholds are in the business currency.
    let currency = RwSignal::new(String::new());
    let new_row = move |tier: Tier, basis: TierBasis| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        TierRow::new(key, tier.name, threshold_text(tier.threshold, basis, &currency.get_untracked()), tier.benefits)
    };
    Effect::new({
        let session = session.clone();
        move |_| {
            changes.track();
            let session = session.clone();
            spawn_local(async move {
                let program = match session.settle(session.client.get_value_settings().await) {
                    Ok(business) => {
                        currency.set(business.value.currency);
                        session.settle(session.client.get_loyalty_settings().await)
                    }
                    Err(error) => Err(error),
                };
                match program {
                    Ok(found) => {
                        let program = found.value;
                        per_unit.set(program.points_per_unit.to_string());
                        rounding.set(program.rounding);
                        expiry.set(program.expiry_months.to_string());
                        basis.set(program.tier_basis);
                        rows.set(program.tiers.into_iter().map(|tier| new_row(tier, program.tier_basis)).collect());
                        version.set(found.version);
                        loaded.set(true);
                    }
                    Err(error) => toasts.error(Msg::for_code(error.code())),
                }
            });
        }
    });
    let save = {
        let session = session.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            let (tier_basis, unit) = (basis.get_untracked(), currency.get_untracked());
            let mut amounts = Amounts::default();
            let typed = rows.get_untracked();
            let tiers: Vec<Tier> =
                typed.iter().enumerate().map(|(i, row)| row.tier(i, tier_basis, &unit, &mut amounts)).collect();
            if amounts.refused(errors) {
                return toasts.error(Msg::ErrorValidation);
            }
            let program = LoyaltySettings {
                points_per_unit: number(&per_unit.get_untracked()),
                rounding: rounding.get_untracked(),
                expiry_months: number(&expiry.get_untracked()),
                tier_basis,
                tiers,
            };
            let session = session.clone();
            spawn_local(async move {
                match session.settle(session.client.update_loyalty_settings(version.get_untracked(), &program).await) {
                    Ok(_) => {
                        errors.set(Vec::new());
                        toasts.success(Msg::Saved);
                        changes.update(|n| *n += 1);
                    }
                    Err(error) => toasts.refused(&error, errors),
                }
            });
        }
    };
    let add = move |_| {
        let row = new_row(Tier { name: String::new(), threshold: 0, benefits: String::new() }, basis.get_untracked());
        rows.update(|list| list.push(row));
    };
    let outcome = RwSignal::new(String::new());
    let expire = move |_| {
        let session = session.clone();
        spawn_local(async move {
            match session.settle(session.client.expire_points().await) {
                Ok(run) => {
                    let locale = i18n.locale();
                    outcome.set(format!(
                        "{}{}{} / {}",
                        Loyalty::ExpiryDone.text(locale),
                        colon(locale),
                        run.customers,
                        run.points
                    ))
                }
                Err(error) => toasts.error(Msg::for_code(error.code())),
            }
        });
    };
    let threshold_label = move || match basis.get() {
        TierBasis::Spend12m => i18n.t(Loyalty::ThresholdAmount)(),
        TierBasis::LifetimePoints => i18n.t(Loyalty::ThresholdPoints)(),
    };
    view! {
        <AdminFrame>
            <form class="card form" on:submit=save data-testid="loyalty-settings" aria-busy=move || (!loaded.get()).to_string()>
                <h2>{i18n.t(Loyalty::LoyaltyProgram)}</h2>
                <p class="muted">{i18n.t(Loyalty::LoyaltyHint)}</p>
                <div class="grid-3">
                    <label class="field"><span>{i18n.t(Loyalty::PointsPerUnit)}</span>
                        <input inputmode="numeric" data-testid="points_per_unit" prop:value=move || per_unit.get()
                            on:input=move |ev| per_unit.set(event_target_value(&ev))/>
                        <FieldHint errors=errors field="points_per_unit"/>
                    </label>
                    <label class="field"><span>{i18n.t(Loyalty::Rounding)}</span>
                        <ChoiceSelect value=rounding test_id="rounding"/>
                    </label>
                    <label class="field"><span>{i18n.t(Loyalty::ExpiryMonths)}</span>
                        <input inputmode="numeric" data-testid="expiry_months" prop:value=move || expiry.get()
                            on:input=move |ev| expiry.set(event_target_value(&ev))/>
                        <FieldHint errors=errors field="expiry_months"/>
                    </label>
                    <label class="field"><span>{i18n.t(Loyalty::TierBasis)}</span>
                        <ChoiceSelect value=basis test_id="tier_basis"/>
                    </label>
                </div>
                <h2>{i18n.t(Loyalty::Tiers)}</h2>
                <FieldHint errors=errors field="tiers"/>
                <Show when=move || loaded.get() && rows.with(Vec::is_empty)>
                    <p class="muted" data-testid="no-tiers">{i18n.t(Loyalty::NoTiers)}</p>
                </Show>
                <div class="tier-rows">
                    <For each=move || rows.get() key=|row| row.key let:row>
                        <TierEditor row=row rows=rows errors=errors threshold_label=threshold_label/>
                    </For>
                </div>
                <div class="actions">
                    <button class="button" type="button" data-testid="add-tier" on:click=add
                        disabled=move || rows.with(|list| list.len() >= TIERS_MAX)>"+ "{i18n.t(Loyalty::AddTier)}</button>
                </div>
                <div class="actions">
                    <button class="button primary" type="submit" data-testid="loyalty-save">{i18n.t(Msg::Save)}</button>
                    <button class="button" type="button" data-testid="run-expiry" on:click=expire>{i18n.t(Loyalty::RunExpiry)}</button>
                </div>
                <p class="muted" role="status" data-testid="loyalty-run-outcome">{move || outcome.get()}</p>
            </form>
        </AdminFrame>
    }
}

/// One tier's inputs; errors are matched by the tier's current position, as
/// the server names them (`tiers[1].threshold`).
#[component]
fn TierEditor(
    row: TierRow,
    rows: RwSignal<Vec<TierRow>>,
    errors: RwSignal<Vec<FieldError>>,
    threshold_label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let index = Memo::new(move |_| rows.with(|list| list.iter().position(|r| r.key == row.key).unwrap_or_default()));
    let hint = move |part: &'static str| {
        view! { {move || view! { <FieldHint errors=errors field=format!("tiers[{}].{part}", index.get())/> }} }
    };
    let remove = move |_| rows.update(|list| list.retain(|r| r.key != row.key));
    view! {
        <fieldset class="tier-row" data-testid="tier-row">
            <label class="field"><span>{i18n.t(Loyalty::TierName)}</span>
                <input data-testid="tier-name" prop:value=move || row.name.get() on:input=move |ev| row.name.set(event_target_value(&ev))/>
                {hint("name")}
            </label>
            <label class="field"><span>{threshold_label}</span>
                <input inputmode="decimal" data-testid="tier-threshold" prop:value=move || row.threshold.get()
                    on:input=move |ev| row.threshold.set(event_target_value(&ev))/>
                {hint("threshold")}
            </label>
            <label class="field wide"><span>{i18n.t(Loyalty::Benefits)}</span>
                <input data-testid="tier-benefits" prop:value=move || row.benefits.get()
                    on:input=move |ev| row.benefits.set(event_target_value(&ev))/>
                {hint("benefits")}
            </label>
            <button class="button small" type="button" data-testid="remove-tier" aria-label=i18n.t(Loyalty::RemoveTier) on:click=remove>"×"</button>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_amounts_of_the_business_currency_or_points() {
        let mut amounts = Amounts::default();
        let mut read =
            |text: &str, basis: TierBasis, currency: &str| threshold(&mut amounts, "t", text, basis, currency);
        assert_eq!(read("1000", TierBasis::Spend12m, "CNY"), 100_000);
        assert_eq!(read("19.9", TierBasis::Spend12m, "CNY"), 1_990);
        assert_eq!(read("1000", TierBasis::Spend12m, "JPY"), 1_000);
        assert_eq!(read("500", TierBasis::LifetimePoints, "CNY"), 500);
        assert_eq!(read("19.9", TierBasis::LifetimePoints, "CNY"), -1);
        assert!(amounts.0.is_empty());
        assert_eq!(threshold(&mut amounts, "t", "19.9", TierBasis::Spend12m, "JPY"), 0);
        assert_eq!(threshold(&mut amounts, "t", "一千", TierBasis::Spend12m, "CNY"), 0);
        assert_eq!(amounts.0.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(), ["no_decimals", "not_a_number"]);
        assert_eq!(threshold_text(500_000, TierBasis::Spend12m, "CNY"), "5000.00");
        assert_eq!(threshold_text(5_000, TierBasis::Spend12m, "JPY"), "5000");
        assert_eq!(threshold_text(500, TierBasis::LifetimePoints, "CNY"), "500");
    }

    #[test]
    fn tiers_are_read_from_their_rows() {
        let owner = Owner::new();
        owner.with(|| {
            let row = TierRow::new(0, " gold ".into(), "5000".into(), " 优先客服 ".into());
            let mut amounts = Amounts::default();
            let tier = row.tier(0, TierBasis::Spend12m, "CNY", &mut amounts);
            assert_eq!((tier.name.as_str(), tier.threshold, tier.benefits.as_str()), ("gold", 500_000, "优先客服"));
            assert_eq!(row.tier(0, TierBasis::LifetimePoints, "CNY", &mut amounts).threshold, 5000);
            let half = TierRow::new(1, "silver".into(), "0.5".into(), String::new());
            half.tier(1, TierBasis::Spend12m, "JPY", &mut amounts);
            assert_eq!(amounts.0.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["tiers[1].threshold"]);
        });
    }
}
