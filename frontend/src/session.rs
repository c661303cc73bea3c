//! The signed-in session: one API client for the whole app, its tokens kept in
//! local storage (so a reload stays signed in), and the current user.

use kehu_client::{Client, Error};
use kehu_types::{PageQuery, Team, TokenPair, User};
use leptos::prelude::*;
use leptos::task::spawn_local;

const TOKENS_KEY: &str = "kehu.tokens";
const LOCALE_KEY: &str = "kehu.locale";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn write(key: &str, value: Option<&str>) {
    if let Some(storage) = storage() {
        let _ = match value {
            Some(value) => storage.set_item(key, value),
            None => storage.remove_item(key),
        };
    }
}

/// The remembered language, or the browser's.
pub fn saved_locale() -> Option<String> {
    read(LOCALE_KEY).or_else(|| web_sys::window()?.navigator().language())
}

pub fn save_locale(tag: &str) {
    write(LOCALE_KEY, Some(tag));
}

/// Where the app was loaded from, which serves the API too.
pub fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

#[derive(Clone)]
pub struct Session {
    pub client: Client,
    pub user: RwSignal<Option<User>>,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

impl Session {
    pub fn new() -> Self {
        let client = Client::new(origin());
        client.set_tokens(read(TOKENS_KEY).and_then(|text| serde_json::from_str::<TokenPair>(&text).ok()));
        Self { client, user: RwSignal::new(None) }
    }

    pub fn has_tokens(&self) -> bool {
        self.client.tokens().is_some()
    }

    /// Keep whatever tokens the client holds now (they rotate on refresh).
    pub fn persist(&self) {
        let text = self.client.tokens().and_then(|tokens| serde_json::to_string(&tokens).ok());
        write(TOKENS_KEY, text.as_deref());
    }

    /// Remember the outcome of a call: persist rotated tokens, and forget the
    /// session when the server no longer accepts it.
    pub fn settle<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
        if let Err(error) = &result
            && error.status() == Some(401)
        {
            self.forget();
            send_to_sign_in();
        } else {
            self.persist();
        }
        result
    }

    /// Load users and teams (owner and team pickers, admin pages) into signals.
    pub fn load_directory(&self, users: RwSignal<Vec<User>>, teams: RwSignal<Vec<Team>>) {
        let session = self.clone();
        spawn_local(async move {
            let page = PageQuery { limit: Some(200), cursor: None };
            if let Ok(found) = session.settle(session.client.list_users(&page).await) {
                users.set(found.items);
            }
            if let Ok(found) = session.settle(session.client.list_teams(&page).await) {
                teams.set(found.items);
            }
        });
    }

    pub fn forget(&self) {
        self.client.set_tokens(None);
        self.user.set(None);
        write(TOKENS_KEY, None);
    }
}

/// The server no longer accepts the session: sign in again, then come back here.
fn send_to_sign_in() {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return };
    let path = location.pathname().unwrap_or_default();
    if path.starts_with("/login") {
        return;
    }
    let here = format!("{path}{}", location.search().unwrap_or_default());
    let next = js_sys::encode_uri_component(&here);
    let _ = location.set_href(&format!("/login?next={next}"));
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// A user's name from the directory, or "unassigned".
pub fn user_name(users: &[User], id: Option<uuid::Uuid>) -> Option<String> {
    id.and_then(|id| users.iter().find(|u| u.id == id).map(|u| u.name.clone()))
}
