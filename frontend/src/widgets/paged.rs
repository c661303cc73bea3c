//! A list read page by page with cursors, used by every list of the app, and
//! its "load more" button. A new first page replaces the list; an answer to
//! a request that a newer one has replaced is dropped, so fast typing or
//! filtering never shows an older result last.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::Msg;
use crate::session::Session;

pub struct Paged<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    /// The cursor of the next page, if there is one.
    pub next: RwSignal<Option<String>>,
    pub failed: RwSignal<Option<Msg>>,
    /// Whether a first page has arrived (before, the list shows it is loading).
    pub loaded: RwSignal<bool>,
    /// Whether a request is on its way (the "load more" button waits).
    pub busy: RwSignal<bool>,
    requests: StoredValue<u32>,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Paged<T> {}

impl<T: Send + Sync + 'static> Default for Paged<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Send + Sync + 'static> Paged<T> {
    pub fn new() -> Self {
        Self {
            items: RwSignal::new(Vec::new()),
            next: RwSignal::new(None),
            failed: RwSignal::new(None),
            loaded: RwSignal::new(false),
            busy: RwSignal::new(false),
            requests: StoredValue::new(0),
        }
    }

    /// Send `request` for the page at `cursor` (`None`: the first page) and
    /// show its answer, unless another request was sent meanwhile.
    pub fn load<F>(self, session: Session, cursor: Option<String>, request: F)
    where
        F: Future<Output = Result<(Vec<T>, Option<String>), kehu_client::Error>> + 'static,
    {
        let generation = self.requests.get_value() + 1;
        self.requests.set_value(generation);
        self.busy.set(true);
        spawn_local(async move {
            let answer = session.settle(request.await);
            if self.requests.try_get_value() != Some(generation) {
                return;
            }
            self.busy.set(false);
            match answer {
                Ok((items, next)) => {
                    if cursor.is_some() {
                        self.items.update(|list| list.extend(items));
                    } else {
                        self.items.set(items);
                    }
                    self.next.set(next);
                    self.failed.set(None);
                    self.loaded.set(true);
                }
                Err(error) => self.failed.set(Some(Msg::for_code(error.code()))),
            }
        });
    }

    /// Show the list as loading until its next first page arrives: for a
    /// new search or filter, where the old rows would mislead.
    pub fn restart(self) {
        self.loaded.set(false);
        self.failed.set(None);
    }

    /// Whether the list has arrived and holds nothing.
    pub fn is_empty(self) -> bool {
        self.loaded.get() && self.items.with(Vec::is_empty)
    }
}

/// "Load more" under a list while the server has another page; it waits,
/// with a spinner, while a page is on its way.
#[component]
pub fn MoreButton<T: Send + Sync + 'static>(
    list: Paged<T>,
    on_more: Callback<()>,
    /// What the button says; "Load more" unless the list names its rows.
    #[prop(optional)]
    label: Option<crate::i18n::Text>,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let label = label.unwrap_or(Msg::LoadMore.into());
    view! {
        <Show when=move || list.loaded.get() && list.next.with(Option::is_some)>
            <div class="more">
                <button class="button" data-testid="load-more" on:click=move |_| on_more.run(()) disabled=move || list.busy.get()>
                    <Show when=move || list.busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                    {i18n.t(label)}
                </button>
            </div>
        </Show>
    }
}
