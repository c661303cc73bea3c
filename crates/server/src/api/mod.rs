//! The HTTP surface: one module per resource, mounted here. Every route below
//! is also listed in `openapi::ApiDoc`; a test checks the two agree.

pub mod articles;
pub mod audit;
pub mod auth;
pub mod customers;
pub mod health;
pub mod interactions;
pub mod loyalty;
pub mod notifications;
pub mod orders;
pub mod params;
pub mod preconditions;
pub mod products;
pub mod public;
pub mod segments;
pub mod sla;
pub mod tasks;
pub mod teams;
pub mod ticket_categories;
pub mod tickets;
pub mod users;
pub mod value_rules;

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use kehu_types::codes;

use crate::error::ApiError;

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

async fn method_not_allowed() -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(StatusCode::METHOD_NOT_ALLOWED, codes::METHOD_NOT_ALLOWED, "this method is not allowed here"))
}

fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(method_not_allowed))
}

/// Mount `/api/v1`.
pub fn configure(config: &mut web::ServiceConfig, json_limit: usize) {
    config
        .app_data(web::JsonConfig::default().limit(json_limit).error_handler(json_error))
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(path_error))
        .service(
            web::scope("/api/v1")
                .wrap(actix_web::middleware::from_fn(refuse_nul_in_query))
                .service(resource("/auth/login").route(web::post().to(auth::login)))
                .service(resource("/auth/refresh").route(web::post().to(auth::refresh)))
                .service(resource("/auth/logout").route(web::post().to(auth::logout)))
                .service(resource("/me").route(web::get().to(auth::me)))
                .service(resource("/me/password").route(web::post().to(auth::change_password)))
                .service(resource("/users").route(web::get().to(users::list)).route(web::post().to(users::create)))
                .service(resource("/users/{id}").route(web::get().to(users::get)).route(web::patch().to(users::update)))
                .service(resource("/users/{id}/password").route(web::post().to(users::reset_password)))
                .service(resource("/teams").route(web::get().to(teams::list)).route(web::post().to(teams::create)))
                .service(resource("/teams/{id}").route(web::get().to(teams::get)).route(web::patch().to(teams::update)))
                .service(
                    resource("/customers")
                        .route(web::get().to(customers::list))
                        .route(web::post().to(customers::create)),
                )
                .service(
                    resource("/customers/{id}")
                        .route(web::get().to(customers::get))
                        .route(web::patch().to(customers::update))
                        .route(web::delete().to(customers::delete)),
                )
                .service(resource("/customers/{id}/restore").route(web::post().to(customers::restore)))
                .service(resource("/customers/{id}/stage").route(web::post().to(customers::change_stage)))
                .service(resource("/customers/{id}/stage-history").route(web::get().to(customers::stage_history)))
                .service(
                    resource("/customers/{id}/interactions")
                        .route(web::get().to(interactions::list))
                        .route(web::post().to(interactions::create)),
                )
                .service(resource("/customers/{id}/timeline").route(web::get().to(interactions::timeline)))
                .service(
                    resource("/ticket-categories")
                        .route(web::get().to(ticket_categories::list))
                        .route(web::post().to(ticket_categories::create)),
                )
                .service(resource("/ticket-categories/{id}").route(web::patch().to(ticket_categories::update)))
                .service(
                    resource("/tickets").route(web::get().to(tickets::list)).route(web::post().to(tickets::create)),
                )
                .service(
                    resource("/tickets/{id}")
                        .route(web::get().to(tickets::get))
                        .route(web::patch().to(tickets::update)),
                )
                .service(resource("/tickets/{id}/status").route(web::post().to(tickets::change_status)))
                .service(resource("/tickets/{id}/assign").route(web::post().to(tickets::assign)))
                .service(resource("/tickets/{id}/escalation").route(web::post().to(tickets::escalate)))
                .service(resource("/tickets/{id}/events").route(web::get().to(tickets::events)))
                .service(resource("/tickets/{id}/messages").route(web::post().to(tickets::add_message)))
                .service(
                    resource("/tickets/{id}/compensations")
                        .route(web::get().to(tickets::compensations))
                        .route(web::post().to(tickets::add_compensation)),
                )
                .service(resource("/tickets/{id}/sla").route(web::get().to(sla::ticket_sla)))
                .service(
                    resource("/sla-policies")
                        .route(web::get().to(sla::list_policies))
                        .route(web::post().to(sla::create_policy)),
                )
                .service(resource("/sla-policies/{id}").route(web::patch().to(sla::update_policy)))
                .service(
                    resource("/business-calendars")
                        .route(web::get().to(sla::list_calendars))
                        .route(web::post().to(sla::create_calendar)),
                )
                .service(resource("/business-calendars/{id}").route(web::put().to(sla::replace_calendar)))
                .service(resource("/notifications").route(web::get().to(notifications::list)))
                .service(resource("/notifications/unread-count").route(web::get().to(notifications::unread_count)))
                .service(resource("/notifications/read-all").route(web::post().to(notifications::mark_all_read)))
                .service(resource("/notifications/{id}/read").route(web::post().to(notifications::mark_read)))
                .service(resource("/public/requests").route(web::post().to(public::submit)))
                .service(resource("/public/articles").route(web::get().to(articles::public_list)))
                .service(resource("/public/articles/{id}").route(web::get().to(articles::public_get)))
                .service(
                    resource("/articles").route(web::get().to(articles::list)).route(web::post().to(articles::create)),
                )
                // Before `/articles/{id}`, which would otherwise take "preview" for an id.
                .service(resource("/articles/preview").route(web::post().to(articles::preview)))
                .service(
                    resource("/articles/{id}")
                        .route(web::get().to(articles::get))
                        .route(web::patch().to(articles::update)),
                )
                .service(resource("/tickets/{id}/suggested-articles").route(web::get().to(articles::suggested)))
                .service(resource("/tasks").route(web::get().to(tasks::list)).route(web::post().to(tasks::create)))
                .service(resource("/tasks/{id}").route(web::get().to(tasks::get)).route(web::patch().to(tasks::update)))
                .service(
                    resource("/products").route(web::get().to(products::list)).route(web::post().to(products::create)),
                )
                // Before `/products/{id}`, which would otherwise take "bulk" for an id.
                .service(resource("/products/bulk").route(web::post().to(products::bulk)))
                .service(
                    resource("/products/{id}")
                        .route(web::get().to(products::get))
                        .route(web::patch().to(products::update)),
                )
                .service(resource("/orders").route(web::get().to(orders::list)).route(web::post().to(orders::create)))
                // Before `/orders/{id}`, which would otherwise take "bulk" for an id.
                .service(resource("/orders/bulk").route(web::post().to(orders::bulk)))
                .service(resource("/orders/{id}").route(web::get().to(orders::get)))
                .service(resource("/orders/{id}/refunds").route(web::post().to(orders::refund)))
                .service(resource("/customers/{id}/value").route(web::get().to(orders::value)))
                .service(
                    resource("/settings/lifecycle")
                        .route(web::get().to(value_rules::get_lifecycle))
                        .route(web::put().to(value_rules::put_lifecycle)),
                )
                .service(
                    resource("/settings/value")
                        .route(web::get().to(value_rules::get_value))
                        .route(web::put().to(value_rules::put_value)),
                )
                .service(resource("/customers/{id}/loyalty").route(web::get().to(loyalty::account)))
                .service(resource("/customers/{id}/points").route(web::get().to(loyalty::ledger)))
                .service(resource("/customers/{id}/points/adjustments").route(web::post().to(loyalty::adjust)))
                .service(resource("/customers/{id}/points/redemptions").route(web::post().to(loyalty::redeem)))
                .service(
                    resource("/settings/loyalty")
                        .route(web::get().to(loyalty::get_settings))
                        .route(web::put().to(loyalty::put_settings)),
                )
                .service(resource("/loyalty/expire").route(web::post().to(loyalty::expire)))
                .service(
                    resource("/segments").route(web::get().to(segments::list)).route(web::post().to(segments::create)),
                )
                // Before `/segments/{id}`, which would otherwise take "count" for an id.
                .service(resource("/segments/count").route(web::post().to(segments::count)))
                .service(
                    resource("/segments/{id}")
                        .route(web::get().to(segments::get))
                        .route(web::patch().to(segments::update))
                        .route(web::delete().to(segments::delete)),
                )
                .service(resource("/segments/{id}/restore").route(web::post().to(segments::restore)))
                .service(resource("/lifecycle/sweep").route(web::post().to(value_rules::sweep)))
                .service(resource("/customer-value/rfm").route(web::post().to(value_rules::score_rfm)))
                .service(resource("/audit").route(web::get().to(audit::list)))
                .default_service(web::to(not_found)),
        );
}
