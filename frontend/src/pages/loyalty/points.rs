//! A customer's loyalty points and tier on their page, with a redemption
//! for anyone who may write and a hand adjustment for managers and admins
//! (the ledger itself is on the timeline).

use kehu_types::{AdjustPoints, FieldError, LoyaltyAccount, RedeemPoints, Role};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::i18n::{Loyalty, Msg, tier_label, use_i18n};
use crate::session::use_session;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

#[component]
pub fn PointsPanel(customer_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
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
    let user = session.user;
    let may_adjust = move || user.with(|u| u.as_ref().is_some_and(|u| matches!(u.role, Role::Admin | Role::Manager)));
    let may_redeem = move || {
        user.with(|u| u.as_ref().is_some_and(|u| u.role != Role::Viewer))
            && account.with(|a| a.as_ref().is_some_and(|a| a.balance > 0))
    };
    let changed = move || changes.update(|n| *n += 1);
    view! {
        {move || account.get().map(|a| view! {
            <dl class="details" data-testid="customer-points">
                <div class="detail"><dt>{i18n.t(Loyalty::PointsBalance)}</dt><dd data-testid="points-balance">{a.balance}</dd></div>
                <div class="detail"><dt>{i18n.t(Loyalty::Tier)}</dt><dd>{a.tier.map(|tier| view! {
                    <span class="badge" data-testid="points-tier" title=a.tier_benefits.unwrap_or_default()>{move || tier_label(&tier, i18n.locale())}</span>
                })}</dd></div>
                {a.next_tier.map(|next| view! {
                    <div class="detail"><dt>{i18n.t(Loyalty::NextTier)}</dt><dd>{move || tier_label(&next.name, i18n.locale())}</dd></div>
                })}
                {(a.expiring_soon > 0).then(|| view! {
                    <div class="detail"><dt>{i18n.t(Loyalty::ExpiringSoon)}</dt><dd class="expiring">{a.expiring_soon}</dd></div>
                })}
            </dl>
        })}
        <Show when=may_redeem>
            <PointsForm customer_id=customer_id action=PointsAction::Redeem done=changed/>
        </Show>
        <Show when=may_adjust>
            <PointsForm customer_id=customer_id action=PointsAction::Adjust done=changed/>
        </Show>
    }
}

/// What a points form does: spend points (anyone who may write) or correct
/// the balance by hand (managers and admins).
#[derive(Clone, Copy, PartialEq)]
enum PointsAction {
    Redeem,
    Adjust,
}

impl PointsAction {
    /// Summary, points label, reason label, success message, test id prefix.
    fn texts(self) -> (Loyalty, Loyalty, Loyalty, Loyalty, &'static str) {
        match self {
            Self::Redeem => (
                Loyalty::Redeem,
                Loyalty::RedeemPoints,
                Loyalty::RedeemReason,
                Loyalty::PointsRedeemed,
                "redeem-points",
            ),
            Self::Adjust => {
                (Loyalty::AdjustPoints, Loyalty::PointsDelta, Loyalty::Reason, Loyalty::PointsAdjusted, "adjust-points")
            }
        }
    }
}

#[component]
fn PointsForm(
    customer_id: Uuid,
    action: PointsAction,
    done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let (summary, points_label, reason_label, success, id) = action.texts();
    let points = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        // Not a number: sent as 0, which the server names as the faulty field.
        let (amount, why) = (points.get_untracked().trim().parse().unwrap_or(0), reason.get_untracked());
        let session = use_session();
        spawn_local(async move {
            let client = &session.client;
            let sent = match action {
                PointsAction::Redeem => {
                    client.redeem_points(customer_id, &RedeemPoints { points: amount, reason: why }).await
                }
                PointsAction::Adjust => {
                    client.adjust_points(customer_id, &AdjustPoints { points: amount, reason: why }).await
                }
            };
            match session.settle(sent) {
                Ok(_) => {
                    points.set(String::new());
                    reason.set(String::new());
                    errors.set(Vec::new());
                    toasts.success(success);
                    done();
                }
                Err(error) => toasts.refused(&error, errors),
            }
        });
    };
    view! {
        <details class="inline-details">
            <summary data-testid=id>{i18n.t(summary)}</summary>
            <form class="form" on:submit=submit>
                <label class="field"><span>{i18n.t(points_label)}</span>
                    <input inputmode="numeric" data-testid=format!("{id}-amount") prop:value=move || points.get()
                        on:input=move |ev| points.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="points"/>
                </label>
                <label class="field"><span>{i18n.t(reason_label)}</span>
                    <input data-testid=format!("{id}-reason") prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="reason"/>
                </label>
                <button class="button primary" type="submit" data-testid=format!("{id}-save")>{i18n.t(Msg::Save)}</button>
            </form>
        </details>
    }
}
