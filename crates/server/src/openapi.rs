//! The OpenAPI document, assembled from the handlers' annotations: the
//! document's own parts here (info, tags, shared schemas, the health checks),
//! each area's paths merged in (`areas`), then the bearer scheme and the
//! errors every operation can answer. It is served at `/api/openapi.json`,
//! committed as `openapi/openapi.json`, and the test command fails when the
//! committed copy is stale.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Response};
use utoipa::{Modify, OpenApi};

use crate::areas;

/// The document's own parts, without the areas' paths.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kehu API",
        description = "Kehu (客户) is a self-hosted CRM for customer service. All times are RFC 3339 UTC, ids are UUIDv7, \
errors are RFC 9457 problem details with a stable `code`. Lists are cursor-paged: pass `next_cursor` back as `cursor`.",
        license(name = "AGPL-3.0-or-later"),
    ),
    paths(crate::http::health::healthz, crate::http::health::readyz),
    // Types that only appear inside other schemas or query parameters are
    // not collected by the derives; listing them here defines every `$ref`.
    components(schemas(
        kehu_types::Problem, kehu_types::FieldError, kehu_types::Comparison, kehu_types::FilterValue,
        kehu_types::SegmentField, kehu_types::TicketView,
    )),
    security(("bearer" = [])),
    tags(
        (name = "auth", description = "Sign-in, tokens and the current user"),
        (name = "users", description = "Users and their roles (admin writes)"),
        (name = "teams", description = "Teams (admin writes)"),
        (name = "customers", description = "Customer files, lifecycle stages, timeline and trash"),
        (name = "interactions", description = "Calls, emails, visits, chats… with a customer"),
        (name = "tickets", description = "Complaints, inquiries, requests and feedback through the service process"),
        (name = "products", description = "The product catalogue, kept by hand or synced in bulk from a shop system"),
        (name = "orders", description = "Purchases, and the customer value and lifecycle stage they drive"),
        (name = "settings", description = "The lifecycle and value rules' settings (admin writes), and their daily work on demand"),
        (name = "loyalty", description = "Points on an append-only ledger, tiers and the loyalty program"),
        (name = "segments", description = "Customers chosen by a filter tree over their profile, value, RFM and loyalty"),
        (name = "tasks", description = "Follow-up tasks: calls, emails, visits, reviews"),
        (name = "sla", description = "Service levels: policies, business calendars and each ticket's clocks"),
        (name = "knowledge", description = "Knowledge-base articles: Markdown, search (Chinese too), suggestions on tickets"),
        (name = "notifications", description = "Your in-app notifications"),
        (name = "public", description = "For customers, without signing in: the help centre's articles and request form"),
        (name = "audit", description = "Who changed what (admin)"),
        (name = "operations", description = "Health and readiness"),
    ),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("An access token from POST /api/v1/auth/login"))
                    .build(),
            ),
        );
    }
}

/// Documents the errors any operation can answer, so every response a client
/// can receive is in the spec: bad input (400/413/415/422), auth (401/403),
/// missing records (404), throttling (429) and the internal error (500).
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let problem = || {
            let mut response = Response::new("");
            response.content.insert(
                "application/problem+json".into(),
                RefOr::T(Content::new(Some(Ref::from_schema_name("Problem")))),
            );
            response
        };
        let common: &[(&str, &str, bool)] = &[
            ("400", "Malformed request or query (`invalid_body`, `invalid_query`)", false),
            ("401", "Not signed in or the token is invalid (`unauthenticated`)", true),
            ("403", "Your role may not do this (`forbidden`)", true),
            ("404", "No such record, or not visible to you (`not_found`)", false),
            ("405", "Method not allowed here (`method_not_allowed`)", false),
            ("413", "The body is too large (`payload_too_large`)", false),
            ("415", "The body is not JSON (`invalid_body`)", false),
            (
                "422",
                "Invalid fields (`validation_failed`, with `errors`) or a body that does not fit (`invalid_body`)",
                false,
            ),
            ("500", "Internal error; quote the `request_id`", false),
        ];
        for item in openapi.paths.paths.values_mut() {
            let operations = [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete];
            for operation in operations.into_iter().flatten() {
                let public =
                    operation.security.as_ref().is_some_and(|list| list.iter().all(|s| *s == Default::default()));
                for (status, description, needs_auth) in common {
                    if *needs_auth && public {
                        continue;
                    }
                    operation.responses.responses.entry((*status).to_owned()).or_insert_with(|| {
                        let mut response = problem();
                        response.description = (*description).to_owned();
                        RefOr::T(response)
                    });
                }
            }
        }
    }
}

/// The committed document, which is what the server serves: its typed form
/// would take about 9 MB of the server's memory (more than everything else
/// at idle) to produce the same text. CI fails when it differs from the
/// code's (`cargo xtask openapi --check`, and `tests/api/spec.rs`).
pub const COMMITTED_JSON: &str = include_str!("../../../openapi/openapi.json");

/// The whole document. The common errors are added after the areas' paths
/// are merged, so that every operation gets them.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut document = areas::merge_documents(ApiDoc::openapi());
    BearerAuth.modify(&mut document);
    CommonErrors.modify(&mut document);
    document
}

/// The spec as pretty JSON with a trailing newline (the committed form).
pub fn spec_json() -> String {
    let mut text = document().to_pretty_json().unwrap_or_default();
    text.push('\n');
    text
}
