//! Customer writes. Each function runs inside the caller's transaction and
//! writes the record, its history, its audit row and its outbox event together.

use chrono::{DateTime, Utc};
use kehu_domain::custom_fields;
use kehu_domain::lifecycle;
use kehu_domain::validate::{self, CustomerDraft, Errors};
use kehu_store::customers::{Visibility, set_tags};
use kehu_store::digit_keys;
use kehu_store::entities::typed_json::TypedJson;
use kehu_store::entities::{consent_event, customer, stage_history};
use kehu_store::search::search_text;
use kehu_store::{convert, new_id, now};
use kehu_types::{
    ConsentEvent, ConsentInput, ConsentPurpose, CreateCustomer, CustomFieldSettings, CustomFields, Customer,
    LifecycleRule, LifecycleStage, MarketingConsent, Role, StageChangeKind, StageChangeRequest, UpdateCustomer, codes,
    field_codes,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::http::actor::{Actor, RequestMeta};
use crate::http::error::{ApiError, ApiResult};
use crate::identity::users;
use crate::platform::{audit, settings};

/// What the actor may see.
pub fn visibility(actor: &Actor) -> Visibility {
    match actor.role {
        Role::Agent => Visibility::Agent { user_id: actor.id, team_id: actor.team_id },
        Role::Admin | Role::Manager | Role::Viewer => Visibility::All,
    }
}

/// Load a customer the actor may see; anything else is "not found" (a
/// forbidden record must not reveal that it exists).
pub async fn load_visible(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    include_deleted: bool,
) -> ApiResult<customer::Model> {
    customer::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|row| visibility(actor).allows(row) && (include_deleted || row.deleted_at.is_none()))
        .ok_or_else(|| ApiError::not_found("customer"))
}

/// Like `load_visible`, but takes the customer's row lock (PostgreSQL; SQLite
/// writes are serialised already and have no row locks, so none is sent), so
/// writes that read and then update a customer happen one at a time: the
/// version a client sent is still the stored one when the change is written,
/// and running sums and stages move from what the last write left.
pub async fn lock_visible(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    include_deleted: bool,
) -> ApiResult<customer::Model> {
    customer::Entity::find_by_id(id)
        .lock_exclusive()
        .one(conn)
        .await?
        .filter(|row| visibility(actor).allows(row) && (include_deleted || row.deleted_at.is_none()))
        .ok_or_else(|| ApiError::not_found("customer"))
}

/// Take the customer's lock (PostgreSQL row lock) without a visibility check,
/// for writes whose visibility was checked through another record.
pub async fn lock(conn: &impl ConnectionTrait, id: Uuid) -> ApiResult<customer::Model> {
    customer::Entity::find_by_id(id).lock_exclusive().one(conn).await?.ok_or_else(|| ApiError::not_found("customer"))
}

/// The wire form of a row as this actor may see it (contacts masked for viewers).
pub fn present(actor: &Actor, row: customer::Model) -> Customer {
    let mut customer = convert::into_customer(row);
    if actor.role == Role::Viewer {
        customer.emails = customer.emails.iter().map(|e| kehu_domain::mask::mask_email(e)).collect();
        customer.phones = customer.phones.iter().map(|p| kehu_domain::mask::mask_phone(p)).collect();
    }
    customer
}

/// Apply the consent changes of a write; returns each purpose that changed
/// (or was first recorded) and its new state, for the consent ledger.
fn apply_consent(current: &mut MarketingConsent, input: Option<&ConsentInput>) -> Vec<(ConsentPurpose, bool)> {
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
async fn record_consent(
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

/// One stage change for the history: who or which rule, why, and when.
struct StageChange<'a> {
    kind: StageChangeKind,
    rule: Option<LifecycleRule>,
    note: &'a str,
    actor_id: Option<Uuid>,
    at: DateTime<Utc>,
}

impl<'a> StageChange<'a> {
    fn manual(note: &'a str, actor_id: Option<Uuid>) -> Self {
        Self { kind: StageChangeKind::Manual, rule: None, note, actor_id, at: now() }
    }
}

async fn record_stage(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    from: Option<LifecycleStage>,
    to: LifecycleStage,
    change: StageChange<'_>,
) -> ApiResult<stage_history::Model> {
    Ok(stage_history::ActiveModel {
        id: Set(new_id()),
        customer_id: Set(customer_id),
        from_stage: Set(from.map(|s| s.as_str().to_owned())),
        to_stage: Set(to.as_str().to_owned()),
        reason_kind: Set(change.kind.as_str().to_owned()),
        note: Set(change.note.to_owned()),
        actor_id: Set(change.actor_id),
        at: Set(change.at),
        rule: Set(change.rule.map(|r| r.as_str().to_owned())),
    }
    .insert(conn)
    .await?)
}

/// 412 unless the client's version is the stored one.
pub fn check_version(row: &customer::Model, expected: i64) -> ApiResult<()> {
    ApiError::check_version("customer", row.version, expected)
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

pub async fn change_stage(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    request: &StageChangeRequest,
) -> ApiResult<(customer::Model, stage_history::Model)> {
    actor.require_writer()?;
    let note = validate::stage_reason(&request.reason).map_err(ApiError::validation)?;
    let row = lock_visible(conn, actor, id, false).await?;
    if let Some(version) = version {
        check_version(&row, version)?;
    }
    let from = convert::customer(&row).stage;
    if !lifecycle::can_move(from, request.stage) {
        let allowed = lifecycle::allowed_next(from).iter().map(|s| s.as_str().to_owned()).collect();
        return Err(ApiError::illegal_transition(
            codes::INVALID_STAGE_TRANSITION,
            format!("a customer cannot move from {from} to {}", request.stage),
            allowed,
        ));
    }
    let next_version = row.version + 1;
    let mut active = row.into_active_model();
    active.stage = Set(request.stage.as_str().to_owned());
    active.version = Set(next_version);
    active.updated_at = Set(now());
    let row = active.update(conn).await?;
    let history = record_stage(conn, id, Some(from), request.stage, StageChange::manual(&note, Some(actor.id))).await?;
    let change = json!({ "from": from, "to": request.stage, "reason": note });
    audit::record(conn, Some(actor.id), &actor.meta, "customer.stage_change", "customer", Some(id), change.clone())
        .await?;
    audit::emit(conn, "customer.stage_changed", "customer", id, change).await?;
    Ok((row, history))
}

/// Move a customer by automatic rules (a paid order, the inactivity sweep):
/// each step gets its history row naming the rule, and the whole move one
/// audit row and one event; `why` says what triggered it.
pub async fn move_by_rules(
    conn: &impl ConnectionTrait,
    row: customer::Model,
    moves: &[(LifecycleStage, LifecycleRule)],
    why: &str,
    at: DateTime<Utc>,
) -> ApiResult<customer::Model> {
    let Some((last, _)) = moves.last() else { return Ok(row) };
    let first = convert::customer(&row).stage;
    let (id, next_version) = (row.id, row.version + 1);
    let mut active = row.into_active_model();
    active.stage = Set(last.as_str().to_owned());
    active.version = Set(next_version);
    active.updated_at = Set(now());
    let row = active.update(conn).await?;
    let mut from = first;
    for (to, rule) in moves {
        let change = StageChange { kind: StageChangeKind::Rule, rule: Some(*rule), note: why, actor_id: None, at };
        record_stage(conn, id, Some(from), *to, change).await?;
        from = *to;
    }
    let rules: Vec<_> = moves.iter().map(|(_, rule)| rule.as_str()).collect();
    let change = json!({ "from": first, "to": last, "reason": why, "rules": rules });
    audit::record(conn, None, &RequestMeta::system(), "customer.stage_change", "customer", Some(id), change.clone())
        .await?;
    audit::emit(conn, "customer.stage_changed", "customer", id, change).await?;
    Ok(row)
}
