//! Identity: roles, users and teams, signing in and the tokens of a session.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::patch::double_option;
use crate::wire::wire_enum;

/// A person who signs in to Kehu.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub team_id: Option<Uuid>,
    /// Deactivated users cannot sign in; their records stay.
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    /// The IANA time zone the user reads times in, e.g. `Asia/Shanghai`;
    /// `null` follows their browser.
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// Body of `PATCH /api/v1/me`: your own preferences.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateMe {
    /// An IANA time zone; `null` to follow the browser.
    #[serde(default, deserialize_with = "crate::patch::double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable, example = "Asia/Shanghai"))]
    pub time_zone: Option<Option<String>>,
}

/// Body of `POST /api/v1/users` (admin only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    #[cfg_attr(feature = "openapi", schema(format = "email", max_length = 254))]
    pub email: String,
    /// 1–100 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 200))]
    /// At least 10 characters.
    pub password: String,
    pub role: Role,
    #[serde(default)]
    pub team_id: Option<Uuid>,
}

/// Body of `PATCH /api/v1/users/{id}` (admin only). Absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// `null` removes the user from their team.
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>, nullable))]
    pub team_id: Option<Option<Uuid>>,
    /// `false` deactivates the user and ends their sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// Body of `POST /api/v1/users/{id}/password` (admin only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 200))]
    /// At least 10 characters.
    pub new_password: String,
}

/// A group of users sharing customers and queues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    /// The team lead: told of SLA warnings and breaches, takes automatic escalations.
    pub lead_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/teams` (admin only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTeam {
    /// 1–100 characters, unique.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_id: Option<Uuid>,
}

impl CreateTeam {
    /// A team with only a name.
    pub fn named(name: impl Into<String>) -> Self {
        Self { name: name.into(), description: None, lead_id: None }
    }
}

/// Body of `PATCH /api/v1/teams/{id}` (admin only).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateTeam {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub description: Option<Option<String>>,
    /// `null` removes the lead.
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>, nullable))]
    pub lead_id: Option<Option<Uuid>>,
}

wire_enum!(
    /// What a user may do. Admins and managers see every customer; agents see
    /// their own, their team's and unowned customers; viewers only read, with
    /// contact details masked.
    Role {
        Admin => "admin",
        Manager => "manager",
        Agent => "agent",
        Viewer => "viewer",
    }
);

/// Credentials for `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The user's email address (case-insensitive).
    #[cfg_attr(feature = "openapi", schema(example = "admin@example.com"))]
    pub email: String,
    pub password: String,
}

/// A fresh access token and its rotating refresh token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenPair {
    /// Short-lived JWT for `Authorization: Bearer …`.
    pub access_token: String,
    /// Single-use token for `POST /api/v1/auth/refresh`. Using one twice
    /// revokes its whole family: every session descended from that sign-in.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

/// Body of `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Body of `POST /api/v1/me/password`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 200))]
    /// At least 10 characters.
    pub new_password: String,
}
