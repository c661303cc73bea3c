//! Compensation approvals: the decision a manager takes on a compensation
//! above its giver's limits (on the ticket page and in the queue), and the
//! queue of everything still waiting.

use kehu_types::{
    Compensation, CompensationDecision, CompensationEntry, CompensationQuery, CompensationStatus, FieldError, Role,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

use crate::i18n::{
    Approval, Msg, approval_reason_label, compensation_label, compensation_status_label, format_datetime, format_money,
    use_i18n,
};
use crate::session::use_session;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::paged::{MoreButton, Paged};
use crate::widgets::toast::use_toasts;

/// Whether the signed-in user may decide `item`: a manager or admin, on
/// someone else's request that still waits.
pub fn may_decide(role: Option<Role>, me: Option<Uuid>, item: &Compensation) -> bool {
    item.status == CompensationStatus::Requested
        && matches!(role, Some(Role::Manager | Role::Admin))
        && item.created_by.is_some()
        && item.created_by != me
}

/// A compensation's status, and why it waits or who decided.
#[component]
pub fn CompensationStatusLine(item: Compensation) -> impl IntoView {
    let i18n = use_i18n();
    let class = match item.status {
        CompensationStatus::Requested => "badge amber",
        CompensationStatus::Approved => "badge",
        CompensationStatus::Rejected => "badge red",
    };
    let why = item.approval_needed;
    let decision = item.decision_reason.clone();
    view! {
        <div class="small" data-testid="compensation-status" data-status=item.status.as_str()>
            <span class=class>{move || compensation_status_label(item.status, i18n.locale())}</span>
            {move || why.map(|why| view! { " " <span class="muted">{approval_reason_label(why, i18n.locale())}</span> })}
            {move || decision.clone().map(|text| view! { " · " <span>{text}</span> })}
        </div>
    }
}

/// Approve or reject with a reason; `decided` runs after either succeeded.
#[component]
pub fn DecideCompensation(id: Uuid, decided: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let decide = Callback::new(move |approve: bool| {
        let session = session.clone();
        let input = CompensationDecision { reason: reason.get_untracked() };
        busy.set(true);
        spawn_local(async move {
            let call = if approve {
                session.client.approve_compensation(id, &input).await
            } else {
                session.client.reject_compensation(id, &input).await
            };
            busy.set(false);
            match session.settle(call) {
                Ok(_) => {
                    toasts.success(if approve { Approval::Approved } else { Approval::Rejected });
                    decided.run(());
                }
                Err(error) => toasts.refused(&error, errors),
            }
        });
    });
    let field = format!("decision-reason-{id}");
    view! {
        <div class="decision" data-testid="compensation-decision">
            <label for=field.clone()>{i18n.t(Approval::DecisionReason)}</label>
            <input id=field maxlength="1000" data-testid="decision-reason" placeholder=move || i18n.t(Approval::DecisionReasonHint)
                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
            <FieldHint errors=errors field="reason"/>
            <div class="actions">
                <button class="button small primary" data-testid="approve-compensation" disabled=move || busy.get()
                    on:click=move |_| decide.run(true)>{i18n.t(Approval::Approve)}</button>
                <button class="button small" data-testid="reject-compensation" disabled=move || busy.get()
                    on:click=move |_| decide.run(false)>{i18n.t(Approval::Reject)}</button>
            </div>
        </div>
    }
}

/// The queue: compensations waiting for approval on tickets you may see.
#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = Paged::<CompensationEntry>::new();
    let load = Callback::new({
        let session = session.clone();
        move |cursor: Option<String>| {
            let client = session.client.clone();
            let query = CompensationQuery {
                status: Some(CompensationStatus::Requested),
                limit: Some(50),
                cursor: cursor.clone(),
            };
            list.load(session.clone(), cursor, async move {
                client.list_compensations(&query).await.map(|page| (page.items, page.next_cursor))
            });
        }
    });
    load.run(None);
    let reload = Callback::new(move |()| load.run(None));
    let role = move || session.user.get().map(|u| u.role);
    let me = move || session.user.get().map(|u| u.id);
    view! {
        <section>
            <div class="page-head">
                <h1>{i18n.t(Approval::Queue)}</h1>
            </div>
            <p class="muted">{i18n.t(Approval::QueueHint)}</p>
            {move || list.failed.get().map(|msg| view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> })}
            <Show when=move || list.loaded.get() fallback=move || view! { <div class="state" aria-busy="true"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }>
                <Show when=move || !list.is_empty() fallback=move || view! { <p class="muted" data-testid="approvals-empty">{i18n.t(Approval::NoneWaiting)}</p> }>
                    <ul class="history card" data-testid="approvals">
                        <For each=move || list.items.get() key=|e| e.compensation.id let:entry>
                            <li data-testid="approval">
                                <div class="strong">
                                    {move || compensation_label(entry.compensation.kind, i18n.locale())} " · "
                                    {format_money(entry.compensation.amount, entry.compensation.currency.as_deref())}
                                </div>
                                <div>
                                    <A href=format!("/tickets/{}", entry.compensation.ticket_id)>{entry.ticket_number.clone()} " " {entry.ticket_subject.clone()}</A>
                                    " · " {entry.customer_name.clone()}
                                </div>
                                <div>{entry.compensation.reason.clone()}</div>
                                <div class="muted small">{move || format_datetime(entry.compensation.created_at, i18n.locale())}</div>
                                <CompensationStatusLine item=entry.compensation.clone()/>
                                {
                                    let item = entry.compensation.clone();
                                    move || may_decide(role(), me(), &item).then(|| view! { <DecideCompensation id=item.id decided=reload/> })
                                }
                            </li>
                        </For>
                    </ul>
                    <MoreButton list=list on_more=Callback::new(move |_| load.run(list.next.get_untracked()))/>
                </Show>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kehu_types::CompensationKind;

    fn requested(by: Option<Uuid>) -> Compensation {
        Compensation {
            id: Uuid::nil(),
            ticket_id: Uuid::nil(),
            customer_id: Uuid::nil(),
            kind: CompensationKind::Refund,
            amount: 1,
            currency: Some("CNY".into()),
            reason: "r".into(),
            created_by: by,
            created_at: chrono::Utc::now(),
            status: CompensationStatus::Requested,
            approval_needed: None,
            decided_by: None,
            decided_at: None,
            decision_reason: None,
        }
    }

    #[test]
    fn only_other_managers_and_admins_decide_what_waits() {
        let (me, other) = (Some(Uuid::from_u128(1)), Some(Uuid::from_u128(2)));
        assert!(may_decide(Some(Role::Manager), me, &requested(other)));
        assert!(may_decide(Some(Role::Admin), me, &requested(other)));
        assert!(!may_decide(Some(Role::Manager), me, &requested(me)));
        assert!(!may_decide(Some(Role::Agent), me, &requested(other)));
        assert!(!may_decide(Some(Role::Viewer), me, &requested(other)));
        let decided = Compensation { status: CompensationStatus::Approved, ..requested(other) };
        assert!(!may_decide(Some(Role::Manager), me, &decided));
    }
}
