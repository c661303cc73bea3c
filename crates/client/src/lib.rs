//! A typed async client for the Kehu REST API, over the same wire types as the
//! server (`kehu-types`). Works natively and on wasm32 (the web app uses it).
//!
//! ```no_run
//! # async fn demo() -> Result<(), kehu_client::Error> {
//! let client = kehu_client::Client::new("http://127.0.0.1:8080");
//! client.login("admin@kehu.local", "secret password").await?;
//! let page = client.list_customers(&kehu_types::CustomerQuery { q: Some("明华".into()), ..Default::default() }).await?;
//! # Ok(()) }
//! ```
//!
//! The client keeps the token pair; when an access token expires it refreshes
//! once and retries the request.

mod audit;
mod commerce;
mod customers;
mod desk;
mod error;
mod identity;
mod knowledge;
mod loyalty;
mod notifications;
mod segments;
mod tasks;
mod value;

use std::sync::{Arc, Mutex};

pub use error::Error;
use kehu_types::TokenPair;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A response body with the record's version from the `ETag` header.
#[derive(Debug, Clone, PartialEq)]
pub struct Versioned<T> {
    pub value: T,
    pub version: Option<i64>,
}

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    tokens: Arc<Mutex<Option<TokenPair>>>,
}

impl Client {
    /// A client for the server at `base_url` (e.g. `http://127.0.0.1:8080`).
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            http: reqwest::Client::new(),
            base: base_url.into().trim_end_matches('/').to_owned(),
            tokens: Arc::default(),
        }
    }

    /// The server address this client talks to.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The current token pair, if signed in.
    pub fn tokens(&self) -> Option<TokenPair> {
        self.tokens.lock().ok().and_then(|guard| guard.clone())
    }

    /// Use tokens obtained elsewhere (e.g. restored from storage), or forget them.
    pub fn set_tokens(&self, tokens: Option<TokenPair>) {
        if let Ok(mut guard) = self.tokens.lock() {
            *guard = tokens;
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn authorized(&self, builder: RequestBuilder) -> RequestBuilder {
        match self.tokens() {
            Some(tokens) => builder.bearer_auth(tokens.access_token),
            None => builder,
        }
    }

    /// Send a request built by `build`, refreshing the access token once on a 401.
    async fn send(&self, build: impl Fn(&Self) -> RequestBuilder) -> Result<reqwest::Response, Error> {
        let response = self.authorized(build(self)).send().await?;
        if response.status() != StatusCode::UNAUTHORIZED || self.tokens().is_none() {
            return Ok(response);
        }
        let Some(refresh_token) = self.tokens().map(|t| t.refresh_token) else { return Ok(response) };
        match self.refresh_with(&refresh_token).await {
            Ok(_) => Ok(self.authorized(build(self)).send().await?),
            Err(_) => Ok(response),
        }
    }

    async fn refresh_with(&self, refresh_token: &str) -> Result<TokenPair, Error> {
        let body = kehu_types::RefreshRequest { refresh_token: refresh_token.to_owned() };
        let response = self.http.post(self.url("/api/v1/auth/refresh")).json(&body).send().await?;
        let pair: TokenPair = decode(response).await?;
        self.set_tokens(Some(pair.clone()));
        Ok(pair)
    }

    async fn call<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, Error> {
        let url = self.url(path);
        let response = self
            .send(|client| {
                let builder = client.http.request(method.clone(), &url);
                match body {
                    Some(body) => builder.json(body),
                    None => builder,
                }
            })
            .await?;
        decode(response).await
    }

    /// POST a create, with an `Idempotency-Key` when given.
    async fn post_idempotent<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        idempotency_key: Option<&str>,
    ) -> Result<T, Error> {
        let url = self.url(path);
        let response = self
            .send(|c| {
                let builder = c.http.post(&url).json(body);
                match idempotency_key {
                    Some(key) => builder.header("idempotency-key", key),
                    None => builder,
                }
            })
            .await?;
        decode(response).await
    }

    /// POST `body`, with `If-Match` when a version is given.
    async fn post_if_match<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        version: Option<i64>,
    ) -> Result<T, Error> {
        self.send_if_match(Method::POST, path, body, version).await
    }

    /// PATCH `body`, with `If-Match` when a version is given.
    async fn patch_if_match<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        version: Option<i64>,
    ) -> Result<T, Error> {
        self.send_if_match(Method::PATCH, path, body, version).await
    }

    async fn send_if_match<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
        version: Option<i64>,
    ) -> Result<T, Error> {
        let url = self.url(path);
        let response = self
            .send(|c| {
                let builder = c.http.request(method.clone(), &url).json(body);
                match version {
                    Some(v) => builder.header("if-match", format!("\"{v}\"")),
                    None => builder,
                }
            })
            .await?;
        decode(response).await
    }

    /// `DELETE path`, with `If-Match` when a version is given.
    async fn delete_if_match(&self, path: &str, version: Option<i64>) -> Result<(), Error> {
        let url = self.url(path);
        let response = self
            .send(|c| {
                let builder = c.http.delete(&url);
                match version {
                    Some(v) => builder.header("if-match", format!("\"{v}\"")),
                    None => builder,
                }
            })
            .await?;
        self.no_content(response).await
    }

    /// GET a record with its version from the `ETag`.
    async fn get_versioned<T: DeserializeOwned>(&self, path: &str) -> Result<Versioned<T>, Error> {
        let url = self.url(path);
        let response = self.send(|c| c.http.get(&url)).await?;
        let version = etag_version(&response);
        Ok(Versioned { value: decode(response).await?, version })
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, Error> {
        self.call::<(), T>(Method::GET, path, None).await
    }

    async fn get_query<Q: Serialize + ?Sized, T: DeserializeOwned>(&self, path: &str, query: &Q) -> Result<T, Error> {
        let url = self.url(path);
        let response = self.send(|client| client.http.get(&url).query(query)).await?;
        decode(response).await
    }

    async fn no_content(&self, response: reqwest::Response) -> Result<(), Error> {
        if response.status().is_success() { Ok(()) } else { Err(Error::from_response(response).await) }
    }
}

/// Decode a success body, or turn an error response into [`Error::Api`].
async fn decode<T: DeserializeOwned>(response: reqwest::Response) -> Result<T, Error> {
    if !response.status().is_success() {
        return Err(Error::from_response(response).await);
    }
    let bytes = response.bytes().await?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Decode(e.to_string()))
}

/// The version in an `ETag` header (`"3"`).
fn etag_version(response: &reqwest::Response) -> Option<i64> {
    response.headers().get("etag")?.to_str().ok()?.trim_start_matches("W/").trim_matches('"').parse().ok()
}
