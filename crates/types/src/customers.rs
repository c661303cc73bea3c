//! Customers: the customer file and its lifecycle stage, the list, custom
//! fields and consent, interactions and the timeline.

mod custom_fields;
mod interactions;
mod list;

pub use custom_fields::*;
pub use interactions::*;
pub use list::*;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::patch::double_option;
use crate::wire::wire_enum;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// Free-form custom fields: a JSON object.
pub type CustomFields = serde_json::Map<String, serde_json::Value>;

/// A postal address. Every part is optional; CJK text is welcome in all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Address {
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 code, e.g. `CN`.
    #[serde(default)]
    pub country: Option<String>,
}

/// One marketing-consent flag and when it last changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentFlag {
    pub granted: bool,
    /// When the customer last granted or withdrew this consent.
    pub updated_at: Option<DateTime<Utc>>,
}

/// Marketing consent per channel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarketingConsent {
    pub email: ConsentFlag,
    pub sms: ConsentFlag,
    pub phone: ConsentFlag,
}

/// Consent changes in a write: only the channels given change, and each change
/// is stamped with the time of the write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<bool>,
}

/// A customer: a person or a company, with everything the business knows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Customer {
    pub id: Uuid,
    pub kind: CustomerKind,
    /// Display name (a person's full name, or the company's name).
    #[cfg_attr(feature = "openapi", schema(example = "李明华"))]
    pub name: String,
    /// For a person: the company they work for.
    pub company_name: Option<String>,
    /// Lower-cased email addresses; the first is the primary one.
    /// Masked (`l***@example.com`) for viewers.
    pub emails: Vec<String>,
    /// E.164 phone numbers; the first is the primary one. Masked for viewers.
    #[cfg_attr(feature = "openapi", schema(example = json!(["+8613812345678"])))]
    pub phones: Vec<String>,
    pub address: Option<Address>,
    pub region: Option<String>,
    pub industry: Option<String>,
    pub birthday: Option<NaiveDate>,
    pub source: Option<AcquisitionSource>,
    pub stage: LifecycleStage,
    /// The user accountable for this customer.
    pub owner_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    pub tags: Vec<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::HashMap<String, serde_json::Value>))]
    pub custom: CustomFields,
    pub marketing_consent: MarketingConsent,
    /// The system that knows this customer by `external_id` (a shop, an ERP).
    pub external_source: Option<String>,
    /// The customer's id in `external_source`, unique there; orders and tickets
    /// may name the customer by the pair instead of Kehu's id.
    pub external_id: Option<String>,
    /// Optimistic-concurrency version; send it back in `If-Match` to update.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when the customer is in the trash; `POST …/restore` brings it back.
    pub deleted_at: Option<DateTime<Utc>>,
}

/// Body of `POST /api/v1/customers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateCustomer {
    #[serde(default = "default_kind")]
    pub kind: CustomerKind,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    /// 1–200 characters.
    pub name: String,
    #[serde(default)]
    pub company_name: Option<String>,
    /// Up to 10; validated, lower-cased, duplicates removed.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Up to 10; normalised to E.164. Mainland China numbers are recognised
    /// without a country code (`13812345678` → `+8613812345678`).
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub address: Option<Address>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub industry: Option<String>,
    #[serde(default)]
    pub birthday: Option<NaiveDate>,
    #[serde(default)]
    pub source: Option<AcquisitionSource>,
    /// Starting stage; `prospect` when absent.
    #[serde(default)]
    pub stage: Option<LifecycleStage>,
    /// Defaults to nobody for managers and admins, to the creator for agents.
    #[serde(default)]
    pub owner_id: Option<Uuid>,
    #[serde(default)]
    pub team_id: Option<Uuid>,
    /// Up to 30 tags of at most 50 characters each.
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::HashMap<String, serde_json::Value>))]
    pub custom: CustomFields,
    #[serde(default)]
    pub marketing_consent: Option<ConsentInput>,
    /// With `external_id`: the system that knows the customer by it (1–50 characters).
    #[serde(default)]
    pub external_source: Option<String>,
    /// With `external_source`: the customer's id there (1–100 characters), unique per source.
    #[serde(default)]
    pub external_id: Option<String>,
}

fn default_kind() -> CustomerKind {
    CustomerKind::Person
}

impl CreateCustomer {
    /// A minimal person with just a name; fill the rest with struct update syntax.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            kind: CustomerKind::Person,
            name: name.into(),
            company_name: None,
            emails: Vec::new(),
            phones: Vec::new(),
            address: None,
            region: None,
            industry: None,
            birthday: None,
            source: None,
            stage: None,
            owner_id: None,
            team_id: None,
            tags: Vec::new(),
            custom: CustomFields::new(),
            marketing_consent: None,
            external_source: None,
            external_id: None,
        }
    }
}

/// Body of `PATCH /api/v1/customers/{id}`. Absent fields stay as they are; `null`
/// clears a nullable field. The stage changes only through `POST …/stage`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateCustomer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CustomerKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub company_name: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Address>, nullable))]
    pub address: Option<Option<Address>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub region: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub industry: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>, nullable))]
    pub birthday: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<AcquisitionSource>, nullable))]
    pub source: Option<Option<AcquisitionSource>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>, nullable))]
    pub owner_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>, nullable))]
    pub team_id: Option<Option<Uuid>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Replaces the whole custom-field object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<std::collections::HashMap<String, serde_json::Value>>))]
    pub custom: Option<CustomFields>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketing_consent: Option<ConsentInput>,
    /// Set both or clear both with `null`.
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub external_source: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub external_id: Option<Option<String>>,
}

/// A customer named by the id another system gives them, in a write that
/// names a customer (`customer: {source, external_id}` instead of
/// `customer_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ExternalCustomerRef {
    /// The system, as stored on the customer (`external_source`).
    #[cfg_attr(feature = "openapi", schema(example = "shop"))]
    pub source: String,
    /// The customer's id in that system.
    #[cfg_attr(feature = "openapi", schema(example = "C-10086"))]
    pub external_id: String,
}

/// Body of `POST /api/v1/customers/{id}/stage`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StageChangeRequest {
    /// The stage to move to; must be allowed from the current one.
    pub stage: LifecycleStage,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    /// Why: required, 1–1000 characters.
    pub reason: String,
}

/// One append-only row of a customer's stage history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageHistoryEntry {
    pub id: Uuid,
    pub customer_id: Uuid,
    /// `null` for the stage a customer was created in.
    pub from_stage: Option<LifecycleStage>,
    pub to_stage: LifecycleStage,
    pub reason_kind: StageChangeKind,
    /// The reason given, or what made the rule fire.
    pub note: String,
    /// The automatic rule that moved the customer; `null` for manual moves.
    #[serde(default)]
    pub rule: Option<crate::LifecycleRule>,
    /// Who moved the customer; `null` for automatic rules.
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

wire_enum!(
    /// A customer is a person or a company.
    CustomerKind {
        Person => "person",
        Company => "company",
    }
);

wire_enum!(
    /// Where a customer stands in the relationship: `prospect → new → active →
    /// loyal`, `new|active|loyal → at_risk → churned`, `at_risk|churned → active`.
    LifecycleStage {
        Prospect => "prospect",
        New => "new",
        Active => "active",
        Loyal => "loyal",
        AtRisk => "at_risk",
        Churned => "churned",
    }
);

wire_enum!(
    /// Why a stage changed: a person decided, or an automatic rule fired.
    StageChangeKind {
        Manual => "manual",
        Rule => "rule",
    }
);

wire_enum!(
    /// How the customer was acquired.
    AcquisitionSource {
        Survey => "survey",
        Event => "event",
        Referral => "referral",
        WebForm => "web_form",
        Import => "import",
        Website => "website",
        Advertising => "advertising",
        WalkIn => "walk_in",
        Phone => "phone",
        Social => "social",
        Other => "other",
    }
);

wire_enum!(
    /// The medium of an interaction.
    Channel {
        Phone => "phone",
        Email => "email",
        Sms => "sms",
        Wechat => "wechat",
        Chat => "chat",
        Visit => "visit",
        WebForm => "web_form",
        Social => "social",
        Other => "other",
    }
);

wire_enum!(
    /// Who started an interaction: the customer (inbound) or us (outbound).
    Direction {
        Inbound => "inbound",
        Outbound => "outbound",
    }
);
