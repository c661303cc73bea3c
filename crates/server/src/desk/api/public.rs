//! What anyone may call without signing in: the help centre's request form.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use kehu_domain::tickets::format_number;
use kehu_types::{PublicRequest, PublicRequestReceipt, codes};

use crate::desk::public;
use crate::http::actor::RequestMeta;
use crate::http::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Send a complaint, request, question or feedback as a customer.
///
/// No sign-in. The customer is matched by email or phone, or recorded as a
/// new prospect; a ticket opens on the `web_form` channel and its number is
/// returned for the customer to quote. Limited to 10 requests per hour from
/// one address (429 with `Retry-After` beyond that).
#[utoipa::path(post, path = "/api/v1/public/requests", tag = "public", operation_id = "submit_public_request",
    request_body = PublicRequest, security(()),
    responses(
        (status = 201, description = "Received", body = PublicRequestReceipt),
        (status = 429, description = "Too many requests from this address (`too_many_requests`); see `Retry-After`", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn submit(
    state: web::Data<AppState>,
    meta: RequestMeta,
    body: web::Json<PublicRequest>,
) -> ApiResult<HttpResponse> {
    if let Err(seconds) = state.public_requests.hit(meta.ip.as_deref().unwrap_or_default()) {
        let mut error = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            codes::TOO_MANY_REQUESTS,
            format!("too many requests from your address; try again in {seconds} seconds"),
        );
        error.retry_after = Some(seconds);
        return Err(error);
    }
    let txn = state.db.begin_write().await?;
    let row = public::submit(&*txn, &body, &meta).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created()
        .json(PublicRequestReceipt { number: format_number(row.number), received_at: row.created_at }))
}
