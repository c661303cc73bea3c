//! Customer writes: create, update, trash and restore. Each function runs
//! inside the caller's transaction and writes the record, its history, its
//! audit row and its outbox event together. Reading rights are in `access`,
//! consent in `consent`, stage moves in `stages`; they are re-exported here so
//! the area's callers find every customer operation in one place.

use chrono::{DateTime, Utc};
use kehu_domain::custom_fields;
use kehu_domain::validate::{self, CustomerDraft, Errors};
use kehu_store::customers::set_tags;
use kehu_store::digit_keys;
use kehu_store::entities::customer;
use kehu_store::entities::typed_json::TypedJson;
use kehu_store::search::search_text;
use kehu_store::{convert, new_id, now};
use kehu_types::{
    CreateCustomer, CustomFieldSettings, CustomFields, LifecycleStage, MarketingConsent, Role, UpdateCustomer, codes,
    field_codes,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::json;
use uuid::Uuid;

pub use super::access::{check_version, load_visible, lock, lock_visible, present, visibility};
pub use super::consent::consent_history;
use super::consent::{apply_consent, record_consent};
use super::stages::{StageChange, record_stage};
pub use super::stages::{change_stage, move_by_rules};
use crate::http::actor::{Actor, RequestMeta};
use crate::http::error::{ApiError, ApiResult};
use crate::identity::users;
use crate::platform::{audit, settings};

/// Validate a draft, with its custom fields checked against their
/// definitions. `before` (on an update) limits that check to the values the
/// write changes, so a field whose type an admin changed later does not block
/// unrelated edits.
async fn validated(
    conn: &impl ConnectionTrait,
    draft: &CustomerDraft,
    before: Option<&CustomFields>,
) -> ApiResult<CustomerDraft> {
    let (fields, _) = settings::load::<CustomFieldSettings>(conn).await?;
    let changed: CustomFields = draft
        .custom
        .iter()
        .filter(|(key, value)| before.is_none_or(|old| old.get(*key) != Some(*value)))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let mut custom_errors = Errors::default();
    custom_fields::check_values(&mut custom_errors, &changed, &fields);
    match validate::customer(draft, today()) {
        Ok(clean) if custom_errors.0.is_empty() => Ok(clean),
        Ok(_) => Err(ApiError::validation(custom_errors.0)),
        Err(mut errors) => {
            errors.extend(custom_errors.0);
            Err(ApiError::validation(errors))
        }
    }
}

/// Agents may only give customers to themselves or their team, so that they
/// never create or edit a record into one they cannot see.
async fn check_assignment(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    owner_id: Option<Uuid>,
    team_id: Option<Uuid>,
) -> ApiResult<()> {
    if actor.role == Role::Agent {
        if owner_id.is_some_and(|owner| owner != actor.id) {
            return Err(ApiError::field(
                "owner_id",
                field_codes::NOT_ALLOWED,
                "agents may only assign customers to themselves",
            ));
        }
        if team_id.is_some() && team_id != actor.team_id {
            return Err(ApiError::field(
                "team_id",
                field_codes::NOT_ALLOWED,
                "agents may only assign customers to their own team",
            ));
        }
    }
    if let Some(owner) = owner_id {
        users::ensure_active_user(conn, owner, "owner_id").await?;
    }
    if let Some(team) = team_id {
        users::ensure_team(conn, team, "team_id").await?;
    }
    Ok(())
}

/// 409 when another customer (in the trash too) has the draft's external id.
async fn ensure_external_id_free(
    conn: &impl ConnectionTrait,
    clean: &CustomerDraft,
    this: Option<Uuid>,
) -> ApiResult<()> {
    let (Some(source), Some(external_id)) = (&clean.external_source, &clean.external_id) else { return Ok(()) };
    let mut holder = customer::Entity::find()
        .filter(customer::Column::ExternalSource.eq(source.as_str()))
        .filter(customer::Column::ExternalId.eq(external_id.as_str()));
    if let Some(this) = this {
        holder = holder.filter(customer::Column::Id.ne(this));
    }
    if holder.one(conn).await?.is_some() {
        return Err(ApiError::conflict(
            codes::EXTERNAL_ID_TAKEN,
            format!("another customer already has the id {external_id} of {source}"),
        ));
    }
    Ok(())
}

/// A write that lost a race for an external id to another one that checked
/// at the same time: the database's unique index answers, and the caller is
/// told the same as when the check itself found the holder.
fn unique_external_id(error: sea_orm::DbErr, clean: &CustomerDraft) -> ApiError {
    let lost_race =
        matches!(error.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(ref m)) if m.contains("external_"));
    match (&clean.external_source, &clean.external_id) {
        (Some(source), Some(external_id)) if lost_race => ApiError::conflict(
            codes::EXTERNAL_ID_TAKEN,
            format!("another customer already has the id {external_id} of {source}"),
        ),
        _ => error.into(),
    }
}

fn today() -> chrono::NaiveDate {
    Utc::now().date_naive()
}

fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn write_draft(row: &mut customer::ActiveModel, draft: &CustomerDraft) {
    row.kind = Set(draft.kind.as_str().to_owned());
    row.name = Set(draft.name.clone());
    row.company_name = Set(draft.company_name.clone());
    row.emails = Set(TypedJson(draft.emails.clone()));
    row.phones = Set(TypedJson(draft.phones.clone()));
    row.address = Set(draft.address.clone().map(TypedJson));
    row.region = Set(draft.region.clone());
    row.industry = Set(draft.industry.clone());
    row.birthday = Set(draft.birthday);
    row.source = Set(draft.source.map(|s| s.as_str().to_owned()));
    row.tags = Set(TypedJson(draft.tags.clone()));
    row.custom = Set(TypedJson(draft.custom.clone()));
    row.external_source = Set(draft.external_source.clone());
    row.external_id = Set(draft.external_id.clone());
    row.search_text = Set(search_text(&draft.name, draft.company_name.as_deref(), &draft.emails, &draft.phones));
}

pub async fn create(conn: &impl ConnectionTrait, actor: &Actor, input: &CreateCustomer) -> ApiResult<customer::Model> {
    actor.require_writer()?;
    let draft = CustomerDraft {
        kind: input.kind,
        name: input.name.clone(),
        company_name: input.company_name.clone(),
        emails: input.emails.clone(),
        phones: input.phones.clone(),
        address: input.address.clone(),
        region: input.region.clone(),
        industry: input.industry.clone(),
        birthday: input.birthday,
        source: input.source,
        tags: input.tags.clone(),
        custom: input.custom.clone(),
        external_source: input.external_source.clone(),
        external_id: input.external_id.clone(),
    };
    let clean = validated(conn, &draft, None).await?;
    ensure_external_id_free(conn, &clean, None).await?;
    let owner_id = match (input.owner_id, actor.role) {
        (None, Role::Agent) => Some(actor.id),
        (owner, _) => owner,
    };
    check_assignment(conn, actor, owner_id, input.team_id).await?;
    let mut consent = MarketingConsent::default();
    let consent_changes = apply_consent(&mut consent, input.marketing_consent.as_ref());
    let stage = input.stage.unwrap_or(LifecycleStage::Prospect);
    let placement = Placement { stage, owner_id, team_id: input.team_id, consent };
    let row = insert(conn, &clean, placement, Some(actor.id), &actor.meta).await?;
    record_consent(conn, row.id, &consent_changes, Some(actor.id), row.created_at).await?;
    Ok(row)
}

/// Where a new customer starts: stage, owner, team and consent.
pub struct Placement {
    pub stage: LifecycleStage,
    pub owner_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    pub consent: MarketingConsent,
}

/// The row of a new, validated customer at version 1, created at `at`. The
/// demo data and the data generator build their rows here too, so that what
/// they store is what the API would store.
pub fn new_row(
    id: Uuid,
    clean: &CustomerDraft,
    placement: &Placement,
    creator: Option<Uuid>,
    at: DateTime<Utc>,
) -> customer::ActiveModel {
    let mut row = customer::ActiveModel {
        id: Set(id),
        stage: Set(placement.stage.as_str().to_owned()),
        owner_id: Set(placement.owner_id),
        team_id: Set(placement.team_id),
        marketing_consent: Set(TypedJson(placement.consent.clone())),
        version: Set(1),
        created_by: Set(creator),
        created_at: Set(at),
        updated_at: Set(at),
        deleted_at: Set(None),
        ..Default::default()
    };
    write_draft(&mut row, clean);
    row
}

/// Insert a validated customer with its tags, first stage-history row, audit
/// row and event. `creator` is `None` when the customer came in by themselves
/// (the public request form).
pub async fn insert(
    conn: &impl ConnectionTrait,
    clean: &CustomerDraft,
    placement: Placement,
    creator: Option<Uuid>,
    meta: &RequestMeta,
) -> ApiResult<customer::Model> {
    let at = now();
    let id = new_id();
    let row =
        new_row(id, clean, &placement, creator, at).insert(conn).await.map_err(|e| unique_external_id(e, clean))?;
    set_tags(conn, id, &clean.tags).await?;
    digit_keys::replace(conn, id, &row.search_text).await?;
    record_stage(conn, id, None, placement.stage, StageChange::manual("created", creator)).await?;
    let created = convert::customer(&row);
    audit::record(conn, creator, meta, "customer.create", "customer", Some(id), to_json(&created)).await?;
    audit::emit(conn, "customer.created", "customer", id, to_json(&created)).await?;
    Ok(row)
}

pub async fn update(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: i64,
    patch: &UpdateCustomer,
) -> ApiResult<customer::Model> {
    actor.require_writer()?;
    let row = lock_visible(conn, actor, id, false).await?;
    check_version(&row, version)?;
    let before = convert::customer(&row);
    let draft = CustomerDraft {
        kind: patch.kind.unwrap_or(before.kind),
        name: patch.name.clone().unwrap_or_else(|| before.name.clone()),
        company_name: patch.company_name.clone().unwrap_or_else(|| before.company_name.clone()),
        emails: patch.emails.clone().unwrap_or_else(|| before.emails.clone()),
        phones: patch.phones.clone().unwrap_or_else(|| before.phones.clone()),
        address: patch.address.clone().unwrap_or_else(|| before.address.clone()),
        region: patch.region.clone().unwrap_or_else(|| before.region.clone()),
        industry: patch.industry.clone().unwrap_or_else(|| before.industry.clone()),
        birthday: patch.birthday.unwrap_or(before.birthday),
        source: patch.source.unwrap_or(before.source),
        tags: patch.tags.clone().unwrap_or_else(|| before.tags.clone()),
        custom: patch.custom.clone().unwrap_or_else(|| before.custom.clone()),
        external_source: patch.external_source.clone().unwrap_or_else(|| before.external_source.clone()),
        external_id: patch.external_id.clone().unwrap_or_else(|| before.external_id.clone()),
    };
    let clean = validated(conn, &draft, Some(&before.custom)).await?;
    ensure_external_id_free(conn, &clean, Some(id)).await?;
    let owner_id = patch.owner_id.unwrap_or(before.owner_id);
    let team_id = patch.team_id.unwrap_or(before.team_id);
    if owner_id != before.owner_id || team_id != before.team_id {
        check_assignment(conn, actor, owner_id, team_id).await?;
    }
    let mut consent = before.marketing_consent.clone();
    let consent_changes = apply_consent(&mut consent, patch.marketing_consent.as_ref());

    let searched_before = row.search_text.clone();
    let mut active = row.into_active_model();
    write_draft(&mut active, &clean);
    active.owner_id = Set(owner_id);
    active.team_id = Set(team_id);
    active.marketing_consent = Set(TypedJson(consent));
    active.version = Set(version + 1);
    active.updated_at = Set(now());
    let row = active.update(conn).await.map_err(|e| unique_external_id(e, &clean))?;
    record_consent(conn, id, &consent_changes, Some(actor.id), row.updated_at).await?;
    if clean.tags != before.tags {
        set_tags(conn, id, &clean.tags).await?;
    }
    if row.search_text != searched_before {
        digit_keys::replace(conn, id, &row.search_text).await?;
    }
    let after = convert::customer(&row);
    let changes = audit::diff(&to_json(&before), &to_json(&after), &["version", "updated_at"]);
    audit::record(conn, Some(actor.id), &actor.meta, "customer.update", "customer", Some(id), changes.clone()).await?;
    audit::emit(conn, "customer.updated", "customer", id, json!({ "customer": after, "changes": changes })).await?;
    Ok(row)
}

/// Move to the trash (`deleted = true`) or back out of it.
pub async fn set_deleted(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    deleted: bool,
) -> ApiResult<customer::Model> {
    actor.require_writer()?;
    let row = lock_visible(conn, actor, id, true).await?;
    if let Some(version) = version {
        check_version(&row, version)?;
    }
    if row.deleted_at.is_some() == deleted {
        // Already where the caller wants it: nothing to write.
        return if deleted { Err(ApiError::not_found("customer")) } else { Ok(row) };
    }
    let next_version = row.version + 1;
    let mut active = row.into_active_model();
    let at = now();
    active.deleted_at = Set(deleted.then_some(at));
    active.version = Set(next_version);
    active.updated_at = Set(at);
    let row = active.update(conn).await?;
    let (action, event) =
        if deleted { ("customer.delete", "customer.deleted") } else { ("customer.restore", "customer.restored") };
    audit::record(conn, Some(actor.id), &actor.meta, action, "customer", Some(id), json!({ "name": row.name })).await?;
    audit::emit(conn, event, "customer", id, json!({ "id": id })).await?;
    Ok(row)
}
