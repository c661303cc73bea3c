//! The HTTP machinery every area shares: errors as problem details, paging
//! parameters, `If-Match`/`ETag`, `Idempotency-Key`, who is calling (the
//! bearer-token extractor), request ids, health checks, the web app, and the
//! route table type the areas mount their operations on. Mounting the
//! `/api/v1` table (`configure`) installs the handlers that turn malformed
//! bodies, queries and paths into problems.

pub mod actor;
pub mod actor_cache;
pub mod error;
pub mod health;
pub mod idempotency;
pub mod jwt;
pub mod params;
pub mod preconditions;
pub mod rate_limit;
pub mod request_id;
pub mod routes;
pub mod spa;

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use kehu_types::codes;

use crate::http::error::ApiError;
use routes::{Table, at};

/// Malformed, oversized or mistyped JSON bodies become problems, never 500s.
fn json_error(error: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let api = match &error {
        JsonPayloadError::Overflow { limit } | JsonPayloadError::OverflowKnownLength { limit, .. } => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            codes::PAYLOAD_TOO_LARGE,
            format!("the JSON body is larger than the limit of {limit} bytes"),
        ),
        JsonPayloadError::ContentType => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            codes::INVALID_BODY,
            "send the body as JSON with Content-Type: application/json",
        ),
        JsonPayloadError::Deserialize(inner) if inner.is_data() => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::INVALID_BODY,
            format!("the JSON body does not fit: {inner}"),
        ),
        other => {
            ApiError::new(StatusCode::BAD_REQUEST, codes::INVALID_BODY, format!("the body is not valid JSON: {other}"))
        }
    };
    api.into()
}

fn query_error(error: QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    ApiError::bad_query(format!("invalid query parameters: {error}")).into()
}

fn path_error(_: PathError, _: &HttpRequest) -> actix_web::Error {
    ApiError::not_found("record").into()
}

/// A NUL byte in a query string can never match stored text, and PostgreSQL
/// refuses it outright: answer 400 before any handler runs.
async fn refuse_nul_in_query(
    request: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<
    actix_web::dev::ServiceResponse<actix_web::body::EitherBody<impl actix_web::body::MessageBody>>,
    actix_web::Error,
> {
    let query = request.query_string();
    if query.contains('\0') || query.to_ascii_lowercase().contains("%00") {
        let error = ApiError::bad_query("query parameters must not contain NUL characters");
        return Ok(request.error_response(error).map_into_right_body());
    }
    next.call(request).await.map(actix_web::dev::ServiceResponse::map_into_left_body)
}

/// Unknown paths under the API answer a problem, not an HTML page.
pub async fn not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::not_found("resource"))
}

/// The operations at the root: health and readiness, for load balancers.
pub fn root_table() -> Table {
    Table::new("").mount(at("/healthz").get(health::healthz)).mount(at("/readyz").get(health::readyz))
}

/// Mount the health checks and the areas' `/api/v1` table.
pub fn configure(config: &mut web::ServiceConfig, json_limit: usize, v1: Table) {
    config
        .app_data(web::JsonConfig::default().limit(json_limit).error_handler(json_error))
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(path_error))
        .service(root_table().into_services())
        .service(
            web::scope(v1.prefix())
                .wrap(actix_web::middleware::from_fn(refuse_nul_in_query))
                .service(v1.into_services())
                .default_service(web::to(not_found)),
        );
}
