//! Badges of the values lists and pages show at a glance: a customer's
//! lifecycle stage, a ticket's status and priority.

use kehu_types::{LifecycleStage, Priority, TicketStatus};
use leptos::prelude::*;

use crate::i18n::{priority_label, stage_label, status_label, use_i18n};

#[component]
pub fn StageBadge(stage: LifecycleStage) -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class=format!("badge stage-{}", stage.as_str())>{move || stage_label(stage, i18n.locale())}</span> }
}

#[component]
pub fn StatusBadge(status: TicketStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class=format!("badge status-{}", status.as_str())>{move || status_label(status, i18n.locale())}</span> }
}

#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class=format!("pill priority-{}", priority.as_str())>{move || priority_label(priority, i18n.locale())}</span> }
}
