//! Marketing consent: applying a write's consent changes and keeping each
//! change in the ledger, and reading that ledger.

use chrono::{DateTime, Utc};
use kehu_store::entities::consent_event;
use kehu_store::{convert, new_id, now};
use kehu_types::{ConsentEvent, ConsentInput, ConsentPurpose, MarketingConsent};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use uuid::Uuid;

use super::access::load_visible;
use crate::http::actor::Actor;
use crate::http::error::ApiResult;

/// Apply the consent changes of a write; returns each purpose that changed
/// (or was first recorded) and its new state, for the consent ledger.
pub(super) fn apply_consent(
    current: &mut MarketingConsent,
    input: Option<&ConsentInput>,
) -> Vec<(ConsentPurpose, bool)> {
    let Some(input) = input else { return Vec::new() };
    let at = now();
    let mut changed = Vec::new();
    for (purpose, flag, wanted) in [
        (ConsentPurpose::Email, &mut current.email, input.email),
        (ConsentPurpose::Sms, &mut current.sms, input.sms),
        (ConsentPurpose::Phone, &mut current.phone, input.phone),
    ] {
        if let Some(granted) = wanted
            && (flag.granted != granted || flag.updated_at.is_none())
        {
            flag.granted = granted;
            flag.updated_at = Some(at);
            changed.push((purpose, granted));
        }
    }
    changed
}

/// Append the consent changes of a write to the ledger.
pub(super) async fn record_consent(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    changes: &[(ConsentPurpose, bool)],
    actor_id: Option<Uuid>,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    for (purpose, granted) in changes {
        consent_event::ActiveModel {
            id: Set(new_id()),
            customer_id: Set(customer_id),
            purpose: Set(purpose.as_str().to_owned()),
            granted: Set(*granted),
            actor_id: Set(actor_id),
            at: Set(at),
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

/// A customer's consent changes, newest first (whoever may see the customer).
pub async fn consent_history(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> ApiResult<Vec<ConsentEvent>> {
    load_visible(conn, actor, id, true).await?;
    let rows = consent_event::Entity::find()
        .filter(consent_event::Column::CustomerId.eq(id))
        .order_by_desc(consent_event::Column::At)
        .order_by_desc(consent_event::Column::Id)
        .limit(500)
        .all(conn)
        .await?;
    Ok(rows.iter().map(convert::consent_event).collect())
}
