//! The HTTP surface: one module per resource, mounted here through the route
//! table (`routes`). Every operation of the table is also listed in
//! `openapi::ApiDoc`, and nothing else is: `tests/api/spec.rs` checks both ways.

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
pub mod routes;
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
use routes::{Operation, Table, at};

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

pub(crate) async fn method_not_allowed() -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(StatusCode::METHOD_NOT_ALLOWED, codes::METHOD_NOT_ALLOWED, "this method is not allowed here"))
}

/// The operations under `/api/v1`, in matching order.
pub fn v1_table() -> Table {
    Table::new("/api/v1")
        .add(at("/auth/login").post(auth::login))
        .add(at("/auth/refresh").post(auth::refresh))
        .add(at("/auth/logout").post(auth::logout))
        .add(at("/me").get(auth::me))
        .add(at("/me/password").post(auth::change_password))
        .add(at("/users").get(users::list).post(users::create))
        .add(at("/users/{id}").get(users::get).patch(users::update))
        .add(at("/users/{id}/password").post(users::reset_password))
        .add(at("/teams").get(teams::list).post(teams::create))
        .add(at("/teams/{id}").get(teams::get).patch(teams::update))
        .add(at("/customers").get(customers::list).post(customers::create))
        .add(at("/customers/{id}").get(customers::get).patch(customers::update).delete(customers::delete))
        .add(at("/customers/{id}/restore").post(customers::restore))
        .add(at("/customers/{id}/stage").post(customers::change_stage))
        .add(at("/customers/{id}/stage-history").get(customers::stage_history))
        .add(at("/customers/{id}/interactions").get(interactions::list).post(interactions::create))
        .add(at("/customers/{id}/timeline").get(interactions::timeline))
        .add(at("/ticket-categories").get(ticket_categories::list).post(ticket_categories::create))
        .add(at("/ticket-categories/{id}").patch(ticket_categories::update))
        .add(at("/tickets").get(tickets::list).post(tickets::create))
        .add(at("/tickets/{id}").get(tickets::get).patch(tickets::update))
        .add(at("/tickets/{id}/status").post(tickets::change_status))
        .add(at("/tickets/{id}/assign").post(tickets::assign))
        .add(at("/tickets/{id}/escalation").post(tickets::escalate))
        .add(at("/tickets/{id}/events").get(tickets::events))
        .add(at("/tickets/{id}/messages").post(tickets::add_message))
        .add(at("/tickets/{id}/compensations").get(tickets::compensations).post(tickets::add_compensation))
        .add(at("/tickets/{id}/sla").get(sla::ticket_sla))
        .add(at("/sla-policies").get(sla::list_policies).post(sla::create_policy))
        .add(at("/sla-policies/{id}").patch(sla::update_policy))
        .add(at("/business-calendars").get(sla::list_calendars).post(sla::create_calendar))
        .add(at("/business-calendars/{id}").put(sla::replace_calendar))
        .add(at("/notifications").get(notifications::list))
        .add(at("/notifications/unread-count").get(notifications::unread_count))
        .add(at("/notifications/read-all").post(notifications::mark_all_read))
        .add(at("/notifications/{id}/read").post(notifications::mark_read))
        .add(at("/public/requests").post(public::submit))
        .add(at("/public/articles").get(articles::public_list))
        .add(at("/public/articles/{id}").get(articles::public_get))
        .add(at("/articles").get(articles::list).post(articles::create))
        // Before `/articles/{id}`, which would otherwise take "preview" for an id.
        .add(at("/articles/preview").post(articles::preview))
        .add(at("/articles/{id}").get(articles::get).patch(articles::update))
        .add(at("/tickets/{id}/suggested-articles").get(articles::suggested))
        .add(at("/tasks").get(tasks::list).post(tasks::create))
        .add(at("/tasks/{id}").get(tasks::get).patch(tasks::update))
        .add(at("/products").get(products::list).post(products::create))
        // Before `/products/{id}`, which would otherwise take "bulk" for an id.
        .add(at("/products/bulk").post(products::bulk))
        .add(at("/products/{id}").get(products::get).patch(products::update))
        .add(at("/orders").get(orders::list).post(orders::create))
        // Before `/orders/{id}`, which would otherwise take "bulk" for an id.
        .add(at("/orders/bulk").post(orders::bulk))
        .add(at("/orders/{id}").get(orders::get))
        .add(at("/orders/{id}/refunds").post(orders::refund))
        .add(at("/customers/{id}/value").get(orders::value))
        .add(at("/settings/lifecycle").get(value_rules::get_lifecycle).put(value_rules::put_lifecycle))
        .add(at("/settings/value").get(value_rules::get_value).put(value_rules::put_value))
        .add(at("/customers/{id}/loyalty").get(loyalty::account))
        .add(at("/customers/{id}/points").get(loyalty::ledger))
        .add(at("/customers/{id}/points/adjustments").post(loyalty::adjust))
        .add(at("/customers/{id}/points/redemptions").post(loyalty::redeem))
        .add(at("/settings/loyalty").get(loyalty::get_settings).put(loyalty::put_settings))
        .add(at("/loyalty/expire").post(loyalty::expire))
        .add(at("/segments").get(segments::list).post(segments::create))
        // Before `/segments/{id}`, which would otherwise take "count" for an id.
        .add(at("/segments/count").post(segments::count))
        .add(at("/segments/{id}").get(segments::get).patch(segments::update).delete(segments::delete))
        .add(at("/segments/{id}/restore").post(segments::restore))
        .add(at("/lifecycle/sweep").post(value_rules::sweep))
        .add(at("/customer-value/rfm").post(value_rules::score_rfm))
        .add(at("/audit").get(audit::list))
}

/// The operations at the root: health and readiness, for load balancers.
pub fn root_table() -> Table {
    Table::new("").add(at("/healthz").get(health::healthz)).add(at("/readyz").get(health::readyz))
}

/// Every operation the server mounts, as the OpenAPI document should list them.
pub fn operations() -> Vec<Operation> {
    let mut all = root_table().operations();
    all.extend(v1_table().operations());
    all
}

/// Mount the health checks and `/api/v1`.
pub fn configure(config: &mut web::ServiceConfig, json_limit: usize) {
    let v1 = v1_table();
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
