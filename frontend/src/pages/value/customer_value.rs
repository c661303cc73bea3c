//! A customer's value on their page: paid orders, spend, average order, last
//! purchase, gross margin, RFM segment, lifetime value, cost to serve and
//! profit (the orders themselves are on the timeline), and the compensation
//! given, per currency.

use kehu_types::{CustomerValue, MoneyTotal};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::i18n::{Money, Msg, Value, format_date, format_money, rfm_label, use_i18n};
use crate::pages::loyalty::points::PointsPanel;
use crate::session::use_session;

/// Compensation given, one amount per currency (`¥20.00 · JP¥500`): amounts
/// in different currencies are never added up.
fn compensation(totals: &[MoneyTotal]) -> String {
    totals.iter().map(|total| format_money(total.amount, Some(&total.currency))).collect::<Vec<_>>().join(" · ")
}

#[component]
pub fn ValuePanel(customer_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let value = RwSignal::new(None::<CustomerValue>);
    spawn_local(async move {
        if let Ok(found) = session.settle(session.client.get_customer_value(customer_id).await) {
            value.set(Some(found));
        }
    });
    let money = move |amount: i64| value.with(|v| format_money(amount, v.as_ref().and_then(|v| v.currency.as_deref())));
    view! {
        <div class="card" data-testid="customer-value">
            <h2>{i18n.t(Msg::CustomerValue)}</h2>
            <Show when=move || value.with(|v| v.as_ref().is_some_and(|v| v.order_count == 0))>
                <p class="muted">{i18n.t(Msg::NoOrders)}</p>
            </Show>
            {move || value.get().filter(|v| v.order_count > 0).map(|v| view! {
                <dl class="details">
                    <div class="detail"><dt>{i18n.t(Msg::PaidOrders)}</dt><dd data-testid="value-orders">{v.order_count}</dd></div>
                    <div class="detail"><dt>{i18n.t(Msg::TotalSpent)}</dt><dd data-testid="value-spent">{money(v.total_spent)}</dd></div>
                    <div class="detail"><dt>{i18n.t(Msg::AverageOrder)}</dt><dd>{money(v.average_order_value)}</dd></div>
                    <div class="detail"><dt>{i18n.t(Msg::GrossMargin)}</dt><dd>{money(v.gross_margin)}</dd></div>
                    <div class="detail"><dt>{i18n.t(Msg::LastPurchase)}</dt>
                        <dd>{move || v.last_purchase_at.map(|at| format_date(at, i18n.locale())).unwrap_or_else(|| "—".into())}</dd></div>
                    <div class="detail"><dt>{i18n.t(Value::Rfm)}</dt><dd data-testid="value-rfm">{v.rfm.map(|rfm| view! {
                        <span class="badge" title=format!("R{} F{} M{}", rfm.recency, rfm.frequency, rfm.monetary)>
                            {move || rfm_label(rfm.segment, i18n.locale())}</span>
                    })}</dd></div>
                    <div class="detail"><dt>{i18n.t(Value::LifetimeValue)}</dt><dd>{money(v.historical_value)}</dd></div>
                    <div class="detail"><dt>{i18n.t(Value::PredictedValue)}</dt><dd>{money(v.predicted_value)}</dd></div>
                    <div class="detail"><dt>{i18n.t(Value::CostToServe)}</dt><dd>{money(v.cost_to_serve)}</dd></div>
                    <div class="detail"><dt>{i18n.t(Value::Profit)}</dt><dd data-testid="value-profit">{money(v.profit)}</dd></div>
                </dl>
            })}
            {move || value.get().filter(|v| !v.compensation_by_currency.is_empty()).map(|v| view! {
                <dl class="details">
                    <div class="detail"><dt>{i18n.t(Money::CompensationGiven)}</dt>
                        <dd data-testid="value-compensation">{move || compensation(&v.compensation_by_currency)}</dd></div>
                </dl>
            })}
            <PointsPanel customer_id=customer_id/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compensation_is_listed_per_currency() {
        let total = |currency: &str, amount| MoneyTotal { currency: currency.into(), amount };
        let totals = [total("CNY", 2_000), total("JPY", 500), total("RMB", 300)];
        assert_eq!(compensation(&totals), "20.00 CNY · 500 JPY · 3.00 RMB");
    }
}
