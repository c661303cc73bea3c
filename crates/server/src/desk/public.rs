//! Requests customers send through the public help centre: they are matched to
//! their customer file by email or phone (or become a new prospect), and each
//! opens a ticket on the `web_form` channel.

use chrono::Utc;
use kehu_domain::contact::{ContactError, normalize_email, normalize_phone};
use kehu_domain::validate::{self, CustomerDraft, Errors};
use kehu_store::convert;
use kehu_store::entities::{customer, ticket};
use kehu_store::search::search_key;
use kehu_types::{
    AcquisitionSource, Channel, CustomerKind, LifecycleStage, MarketingConsent, Priority, PublicRequest, field_codes,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::customers::service as customers;
use crate::customers::service::Placement;
use crate::desk::tickets::{self, Opening};
use crate::http::actor::RequestMeta;
use crate::http::error::{ApiError, ApiResult};

const NAME_MAX: usize = 100;
const SUBJECT_MAX: usize = 200;
const MESSAGE_MAX: usize = 5000;
/// The subject taken from the message when none is given.
const SUBJECT_FROM_MESSAGE: usize = 40;

fn contact(
    errors: &mut Errors,
    field: &str,
    value: Option<&str>,
    normalize: fn(&str) -> Result<String, ContactError>,
    code: &str,
) -> Option<String> {
    match normalize(value?) {
        Ok(clean) => Some(clean),
        Err(ContactError::Empty) => None,
        Err(ContactError::Invalid) => {
            errors.add(field, code, "is not valid");
            None
        }
    }
}

/// A live customer whose emails or phones hold `value` exactly.
async fn find_by_contact(
    conn: &impl ConnectionTrait,
    value: &str,
    is_email: bool,
) -> ApiResult<Option<customer::Model>> {
    let needle = if is_email { search_key(value) } else { search_key(value.trim_start_matches('+')) };
    let Some(needle) = needle else { return Ok(None) };
    let candidates = customer::Entity::find()
        .filter(customer::Column::DeletedAt.is_null())
        .filter(customer::Column::SearchText.contains(needle.as_str()))
        .order_by_asc(customer::Column::CreatedAt)
        .limit(50)
        .all(conn)
        .await?;
    Ok(candidates.into_iter().find(|row| {
        let wire = convert::customer(row);
        let list = if is_email { &wire.emails } else { &wire.phones };
        list.iter().any(|item| item == value)
    }))
}

/// Check the request, find or create the customer, and open the ticket.
pub async fn submit(
    conn: &impl ConnectionTrait,
    input: &PublicRequest,
    meta: &RequestMeta,
) -> ApiResult<ticket::Model> {
    let mut errors = Errors::default();
    let name = errors.required_text("name", &input.name, NAME_MAX);
    let email = contact(&mut errors, "email", input.email.as_deref(), normalize_email, field_codes::INVALID_EMAIL);
    let phone = contact(&mut errors, "phone", input.phone.as_deref(), normalize_phone, field_codes::INVALID_PHONE);
    if email.is_none() && phone.is_none() && errors.0.iter().all(|e| e.field != "email" && e.field != "phone") {
        errors.add("email", field_codes::REQUIRED, "give an email or a phone number so we can answer");
    }
    let message = errors.optional_body("message", Some(&input.message), MESSAGE_MAX);
    if message.is_none() {
        errors.add("message", field_codes::REQUIRED, "must not be empty");
    }
    let subject = errors.optional_text("subject", input.subject.as_deref(), SUBJECT_MAX);
    errors.finish(()).map_err(ApiError::validation)?;
    let message = message.unwrap_or_default();
    let subject = subject.unwrap_or_else(|| {
        let first_line = message.lines().next().unwrap_or_default().trim();
        let short: String = first_line.chars().take(SUBJECT_FROM_MESSAGE).collect();
        if short.chars().count() < first_line.chars().count() { format!("{short}…") } else { short }
    });

    let mut found = None;
    if let Some(email) = &email {
        found = find_by_contact(conn, email, true).await?;
    }
    if found.is_none()
        && let Some(phone) = &phone
    {
        found = find_by_contact(conn, phone, false).await?;
    }
    let customer = match found {
        Some(row) => row,
        None => {
            let draft = CustomerDraft {
                kind: CustomerKind::Person,
                name,
                company_name: None,
                emails: email.into_iter().collect(),
                phones: phone.into_iter().collect(),
                address: None,
                region: None,
                industry: None,
                birthday: None,
                source: Some(AcquisitionSource::WebForm),
                tags: Vec::new(),
                custom: serde_json::Map::new(),
                external_source: None,
                external_id: None,
            };
            let clean = validate::customer(&draft, Utc::now().date_naive()).map_err(ApiError::validation)?;
            let placement = Placement {
                stage: LifecycleStage::Prospect,
                owner_id: None,
                team_id: None,
                consent: MarketingConsent::default(),
            };
            customers::insert(conn, &clean, placement, None, meta).await?
        }
    };
    let opening = Opening {
        ticket_type: input.ticket_type,
        subject,
        description: Some(message),
        priority: Priority::Normal,
        category_id: None,
        channel: Channel::WebForm,
        assignee_id: None,
        team_id: customer.team_id,
    };
    tickets::open(conn, &customer, opening, None, meta).await
}
