//! Request ids: taken from an incoming `x-request-id` (when sane) or generated,
//! echoed in the response header, attached to every log line of the request (a
//! tracing span) and to every error body (a task-local read by `ApiError`).

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage};
use tracing::Instrument;

pub const HEADER: &str = "x-request-id";

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being handled, if any.
pub fn current() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// The request id, stored in request extensions for handlers (audit rows).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

fn accept(incoming: Option<&HeaderValue>) -> Option<String> {
    let text = incoming?.to_str().ok()?;
    let sane =
        !text.is_empty() && text.len() <= 64 && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    sane.then(|| text.to_owned())
}

pub async fn middleware(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = accept(request.headers().get(HEADER)).unwrap_or_else(|| uuid::Uuid::now_v7().simple().to_string());
    request.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.path());
    let started = Instant::now();
    let result = REQUEST_ID.scope(id.clone(), next.call(request)).instrument(span.clone()).await;
    let _entered = span.enter();
    match result {
        Ok(mut response) => {
            let status = response.status().as_u16();
            let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
            if status >= 500 {
                tracing::error!(status, elapsed_ms, "request failed");
            } else {
                tracing::info!(status, elapsed_ms, "request done");
            }
            if let Ok(value) = HeaderValue::from_str(&id) {
                response.headers_mut().insert(HeaderName::from_static(HEADER), value);
            }
            Ok(response)
        }
        Err(error) => {
            tracing::error!(%error, "request errored");
            Err(error)
        }
    }
}
