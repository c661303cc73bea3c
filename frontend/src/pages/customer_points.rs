//! A customer's loyalty points and tier on their page, with a hand
//! adjustment for managers and admins (the points themselves are on the
//! timeline).

use kehu_types::{AdjustPoints, FieldError, LoyaltyAccount, Role};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::customer_form::FieldHint;
use crate::i18n::{Msg, Val, use_i18n};
use crate::session::use_session;
use crate::toast::use_toasts;

#[component]
pub fn PointsPanel(customer_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let account = RwSignal::new(None::<LoyaltyAccount>);
    let changes = RwSignal::new(0u32);
    Effect::new({
        let session = session.clone();
        move |_| {
            changes.track();
            let session = session.clone();
            spawn_local(async move {
                if let Ok(found) = session.settle(session.client.get_loyalty_account(customer_id).await) {
                    account.set(Some(found));
                }
            });
        }
    });
    let may_adjust = move || session.user.get().is_some_and(|u| matches!(u.role, Role::Admin | Role::Manager));
    let points = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let adjust = move |event: SubmitEvent| {
        event.prevent_default();
        let input =
            AdjustPoints { points: points.get_untracked().trim().parse().unwrap_or(0), reason: reason.get_untracked() };
        let session = use_session();
        spawn_local(async move {
            match session.settle(session.client.adjust_points(customer_id, &input).await) {
                Ok(_) => {
                    points.set(String::new());
                    reason.set(String::new());
                    errors.set(Vec::new());
                    toasts.success(Val::PointsAdjusted);
                    changes.update(|n| *n += 1);
                }
                Err(error) => {
                    toasts.refused(&error, errors);
                }
            }
        });
    };
    view! {
        {move || account.get().map(|a| view! {
            <dl class="details" data-testid="customer-points">
                <div class="detail"><dt>{i18n.t(Val::PointsBalance)}</dt><dd data-testid="points-balance">{a.balance}</dd></div>
                <div class="detail"><dt>{i18n.t(Val::Tier)}</dt><dd>{a.tier.map(|tier| view! {
                    <span class="badge" data-testid="points-tier" title=a.tier_benefits.unwrap_or_default()>{tier}</span>
                })}</dd></div>
            </dl>
        })}
        <Show when=may_adjust>
            <details class="inline-details">
                <summary data-testid="adjust-points">{i18n.t(Val::AdjustPoints)}</summary>
                <form class="form" on:submit=adjust>
                    <label class="field"><span>{i18n.t(Val::PointsDelta)}</span>
                        <input inputmode="numeric" data-testid="adjust-points-amount" prop:value=move || points.get()
                            on:input=move |ev| points.set(event_target_value(&ev))/>
                        <FieldHint errors=errors field="points"/>
                    </label>
                    <label class="field"><span>{i18n.t(Val::Reason)}</span>
                        <input data-testid="adjust-points-reason" prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))/>
                        <FieldHint errors=errors field="reason"/>
                    </label>
                    <button class="button primary" type="submit" data-testid="adjust-points-save">{i18n.t(Msg::Save)}</button>
                </form>
            </details>
        </Show>
    }
}
