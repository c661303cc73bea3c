//! A list read page by page with cursors, shared by the lists that only
//! show what the server sends (orders, products). A new first page replaces
//! the list; an answer to a request that a newer one has replaced is dropped,
//! so fast typing or filtering never shows an older result last.

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
        spawn_local(async move {
            let answer = session.settle(request.await);
            if self.requests.try_get_value() != Some(generation) {
                return;
            }
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

    /// Whether the list has arrived and holds nothing.
    pub fn is_empty(self) -> bool {
        self.loaded.get() && self.items.with(Vec::is_empty)
    }
}
