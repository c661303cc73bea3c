//! The HTTP surface: one module per resource, mounted here through the route
//! table (`routes`). Every operation of the table is also listed in
//! `openapi::ApiDoc`, and nothing else is: `tests/api/spec.rs` checks both ways.

pub mod articles;
pub mod audit;
pub mod auth;
pub mod calendars;
pub mod compensations;
pub mod customers;
pub mod health;
pub mod holidays;
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
        .mount(at("/auth/login").post(auth::login))
        .mount(at("/auth/refresh").post(auth::refresh))
        .mount(at("/auth/logout").post(auth::logout))
        .mount(at("/me").get(auth::me).patch(auth::update_me))
        .mount(at("/me/password").post(auth::change_password))
        .mount(at("/users").get(users::list).post(users::create))
        .mount(at("/users/{id}").get(users::get).patch(users::update))
        .mount(at("/users/{id}/password").post(users::reset_password))
        .mount(at("/teams").get(teams::list).post(teams::create))
        .mount(at("/teams/{id}").get(teams::get).patch(teams::update))
        .mount(at("/customers").get(customers::list).post(customers::create))
        // Before `/customers/{id}`, which would otherwise take "by-external-id" for an id.
        .mount(at("/customers/by-external-id").get(customers::by_external_id))
        .mount(at("/customers/{id}").get(customers::get).patch(customers::update).delete(customers::delete))
        .mount(at("/customers/{id}/restore").post(customers::restore))
        .mount(at("/customers/{id}/stage").post(customers::change_stage))
        .mount(at("/customers/{id}/stage-history").get(customers::stage_history))
        .mount(at("/customers/{id}/consent-history").get(customers::consent_history))
        .mount(at("/customers/{id}/interactions").get(interactions::list).post(interactions::create))
        .mount(at("/interactions").post(interactions::record))
        .mount(at("/customers/{id}/timeline").get(interactions::timeline))
        .mount(at("/ticket-categories").get(ticket_categories::list).post(ticket_categories::create))
        .mount(at("/ticket-categories/{id}").patch(ticket_categories::update))
        .mount(at("/tickets").get(tickets::list).post(tickets::create))
        .mount(at("/tickets/{id}").get(tickets::get).patch(tickets::update))
        .mount(at("/tickets/{id}/status").post(tickets::change_status))
        .mount(at("/tickets/{id}/assign").post(tickets::assign))
        .mount(at("/tickets/{id}/escalation").post(tickets::escalate))
        .mount(at("/tickets/{id}/events").get(tickets::events))
        .mount(at("/tickets/{id}/messages").post(tickets::add_message))
        .mount(at("/tickets/{id}/compensations").get(tickets::compensations).post(tickets::add_compensation))
        .mount(at("/compensations").get(compensations::list))
        .mount(at("/compensations/{id}/approve").post(compensations::approve))
        .mount(at("/compensations/{id}/reject").post(compensations::reject))
        .mount(at("/tickets/{id}/sla").get(sla::ticket_sla))
        .mount(at("/sla-policies").get(sla::list_policies).post(sla::create_policy))
        .mount(at("/sla-policies/{id}").patch(sla::update_policy))
        .mount(at("/business-calendars").get(calendars::list_calendars).post(calendars::create_calendar))
        .mount(at("/business-calendars/{id}").put(calendars::replace_calendar))
        .mount(at("/business-calendars/{id}/due-time").post(calendars::due_time))
        .mount(at("/business-calendars/{id}/holidays/import").post(holidays::import))
        .mount(at("/notifications").get(notifications::list))
        .mount(at("/notifications/unread-count").get(notifications::unread_count))
        .mount(at("/notifications/read-all").post(notifications::mark_all_read))
        .mount(at("/notifications/{id}/read").post(notifications::mark_read))
        .mount(at("/public/requests").post(public::submit))
        .mount(at("/public/articles").get(articles::public_list))
        .mount(at("/public/articles/{id}").get(articles::public_get))
        .mount(at("/articles").get(articles::list).post(articles::create))
        // Before `/articles/{id}`, which would otherwise take "preview" for an id.
        .mount(at("/articles/preview").post(articles::preview))
        .mount(at("/articles/{id}").get(articles::get).patch(articles::update))
        .mount(at("/tickets/{id}/suggested-articles").get(articles::suggested))
        .mount(at("/tasks").get(tasks::list).post(tasks::create))
        .mount(at("/tasks/{id}").get(tasks::get).patch(tasks::update))
        .mount(at("/products").get(products::list).post(products::create))
        // Before `/products/{id}`, which would otherwise take "bulk" for an id.
        .mount(at("/products/bulk").post(products::bulk))
        .mount(at("/products/{id}").get(products::get).patch(products::update))
        .mount(at("/orders").get(orders::list).post(orders::create))
        // Before `/orders/{id}`, which would otherwise take "bulk" for an id.
        .mount(at("/orders/bulk").post(orders::bulk))
        .mount(at("/orders/{id}").get(orders::get))
        .mount(at("/orders/{id}/refunds").post(orders::refund))
        .mount(at("/customers/{id}/value").get(orders::value))
        .mount(at("/settings/lifecycle").get(value_rules::get_lifecycle).put(value_rules::put_lifecycle))
        .mount(at("/settings/value").get(value_rules::get_value).put(value_rules::put_value))
        .mount(at("/customers/{id}/loyalty").get(loyalty::account))
        .mount(at("/customers/{id}/points").get(loyalty::ledger))
        .mount(at("/customers/{id}/points/adjustments").post(loyalty::adjust))
        .mount(at("/customers/{id}/points/redemptions").post(loyalty::redeem))
        .mount(at("/settings/loyalty").get(loyalty::get_settings).put(loyalty::put_settings))
        .mount(at("/loyalty/expire").post(loyalty::expire))
        .mount(at("/segments").get(segments::list).post(segments::create))
        // Before `/segments/{id}`, which would otherwise take "count" for an id.
        .mount(at("/segments/count").post(segments::count))
        .mount(at("/segments/{id}").get(segments::get).patch(segments::update).delete(segments::delete))
        .mount(at("/segments/{id}/restore").post(segments::restore))
        .mount(at("/settings/custom-fields").get(customers::get_custom_fields).put(customers::put_custom_fields))
        .mount(at("/settings/compensation-limits").get(compensations::get_limits).put(compensations::put_limits))
        .mount(at("/settings/daily-jobs").get(value_rules::get_daily_jobs).put(value_rules::put_daily_jobs))
        .mount(at("/lifecycle/sweep").post(value_rules::sweep))
        .mount(at("/customer-value/rfm").post(value_rules::score_rfm))
        .mount(at("/audit").get(audit::list))
}

/// The operations at the root: health and readiness, for load balancers.
pub fn root_table() -> Table {
    Table::new("").mount(at("/healthz").get(health::healthz)).mount(at("/readyz").get(health::readyz))
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
