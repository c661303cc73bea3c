//! The notification bell: the unread count (checked every minute), and a list
//! of the latest notifications that opens the ticket and marks it read.

use std::time::Duration;

use kehu_types::{Notification, NotificationQuery};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Desk, format_datetime, notification_label, use_i18n};
use crate::session::use_session;

const POLL: Duration = Duration::from_secs(60);

#[component]
pub fn NotificationBell() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let unread = RwSignal::new(0u64);
    let open = RwSignal::new(false);
    let items = RwSignal::new(Vec::<Notification>::new());

    let refresh = {
        let session = session.clone();
        move || {
            let session = session.clone();
            spawn_local(async move {
                if let Ok(count) = session.settle(session.client.count_unread_notifications().await) {
                    unread.set(count.unread);
                }
            });
        }
    };
    refresh();
    let poll = set_interval_with_handle(refresh.clone(), POLL).ok();
    on_cleanup(move || {
        if let Some(handle) = poll {
            handle.clear();
        }
    });
    let toggle = {
        let session = session.clone();
        move |_| {
            let opening = !open.get_untracked();
            open.set(opening);
            if opening {
                let session = session.clone();
                spawn_local(async move {
                    let query = NotificationQuery { limit: Some(15), ..Default::default() };
                    if let Ok(page) = session.settle(session.client.list_notifications(&query).await) {
                        items.set(page.items);
                    }
                });
            }
        }
    };
    let read_all = {
        let session = session.clone();
        move |_| {
            let session = session.clone();
            spawn_local(async move {
                if session.settle(session.client.mark_all_notifications_read().await).is_ok() {
                    unread.set(0);
                    items.update(|list| list.iter_mut().for_each(|n| n.read_at = n.read_at.or(Some(n.created_at))));
                }
            });
        }
    };
    // The item is a link: the router opens the ticket; this marks it read.
    let mark_read = Callback::new(move |item: Notification| {
        open.set(false);
        if item.read_at.is_none() {
            unread.update(|n| *n = n.saturating_sub(1));
            let session = session.clone();
            spawn_local(async move {
                let _ = session.settle(session.client.mark_notification_read(item.id).await);
            });
        }
    });
    view! {
        <div class="bell-box" on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
            <button class="button ghost bell" data-testid="notification-bell" aria-haspopup="true"
                aria-expanded=move || open.get().to_string() aria-label=i18n.t(Desk::Notifications) on:click=toggle>
                // Drawn rather than an emoji, which not every system has a font for.
                <svg class="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                    <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16h15.4L18 12.6V9a6 6 0 0 0-6-6zm-2.5 15a2.5 2.5 0 0 0 5 0z" fill="currentColor"/>
                </svg>
                <Show when=move || { unread.get() > 0 }>
                    <span class="bell-count" data-testid="unread-count">{move || unread.get().min(99)}</span>
                </Show>
            </button>
            <Show when=move || open.get()>
                <div class="card bell-menu" role="menu" data-testid="notification-menu">
                    <div class="card-head">
                        <strong>{i18n.t(Desk::Notifications)}</strong>
                        <button class="button small ghost" data-testid="read-all" on:click=read_all.clone()>{i18n.t(Desk::MarkAllRead)}</button>
                    </div>
                    <Show when=move || !items.with(Vec::is_empty) fallback=move || view! { <p class="muted">{i18n.t(Desk::NoNotifications)}</p> }>
                        <ul class="bell-list">
                            <For each=move || items.get() key=|n| (n.id, n.read_at.is_some()) let:item>
                                <li>
                                    <a class="bell-item" class:unread=item.read_at.is_none() role="menuitem" data-testid="notification"
                                        href=item.ticket_id.map(|id| format!("/tickets/{id}")).unwrap_or_else(|| "#".to_owned())
                                        on:click={
                                            let item = item.clone();
                                            move |_| mark_read.run(item.clone())
                                        }>
                                        <span class="strong">{move || notification_label(item.kind, i18n.locale())}</span>
                                        <span>{item.summary.clone()}</span>
                                        <span class="muted small">{move || format_datetime(item.created_at, i18n.locale())}</span>
                                    </a>
                                </li>
                            </For>
                        </ul>
                    </Show>
                </div>
            </Show>
        </div>
    }
}
