//! Identity: signing in and out, the current user, users and teams. One method
//! per operation, named after its OpenAPI operation id.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error, decode};

impl Client {
    /// Sign in; the client keeps the tokens for later calls.
    pub async fn login(&self, email: &str, password: &str) -> Result<TokenPair, Error> {
        let body = LoginRequest { email: email.to_owned(), password: password.to_owned() };
        let response = self.http.post(self.url("/api/v1/auth/login")).json(&body).send().await?;
        let pair: TokenPair = decode(response).await?;
        self.set_tokens(Some(pair.clone()));
        Ok(pair)
    }

    /// Rotate the refresh token now.
    pub async fn refresh(&self) -> Result<TokenPair, Error> {
        let token = self.tokens().map(|t| t.refresh_token).unwrap_or_default();
        self.refresh_with(&token).await
    }

    /// Sign out and forget the tokens.
    pub async fn logout(&self) -> Result<(), Error> {
        let token = self.tokens().map(|t| t.refresh_token).unwrap_or_default();
        let body = RefreshRequest { refresh_token: token };
        let url = self.url("/api/v1/auth/logout");
        let response = self.send(|c| c.http.post(&url).json(&body)).await?;
        self.set_tokens(None);
        self.no_content(response).await
    }

    pub async fn get_me(&self) -> Result<User, Error> {
        self.get("/api/v1/me").await
    }

    /// Change your own preferences (the time zone you read times in).
    pub async fn update_me(&self, patch: &UpdateMe) -> Result<User, Error> {
        self.call(Method::PATCH, "/api/v1/me", Some(patch)).await
    }

    /// Change your password; the client switches to the returned tokens.
    pub async fn change_password(&self, current_password: &str, new_password: &str) -> Result<TokenPair, Error> {
        let body = ChangePasswordRequest {
            current_password: current_password.to_owned(),
            new_password: new_password.to_owned(),
        };
        let pair: TokenPair = self.call(Method::POST, "/api/v1/me/password", Some(&body)).await?;
        self.set_tokens(Some(pair.clone()));
        Ok(pair)
    }

    pub async fn list_users(&self, page: &PageQuery) -> Result<UserPage, Error> {
        self.get_query("/api/v1/users", page).await
    }

    pub async fn create_user(&self, input: &CreateUser) -> Result<User, Error> {
        self.call(Method::POST, "/api/v1/users", Some(input)).await
    }

    pub async fn get_user(&self, id: Uuid) -> Result<User, Error> {
        self.get(&format!("/api/v1/users/{id}")).await
    }

    pub async fn update_user(&self, id: Uuid, input: &UpdateUser) -> Result<User, Error> {
        self.call(Method::PATCH, &format!("/api/v1/users/{id}"), Some(input)).await
    }

    pub async fn reset_user_password(&self, id: Uuid, new_password: &str) -> Result<(), Error> {
        let body = ResetPasswordRequest { new_password: new_password.to_owned() };
        let url = self.url(&format!("/api/v1/users/{id}/password"));
        let response = self.send(|c| c.http.post(&url).json(&body)).await?;
        self.no_content(response).await
    }

    pub async fn list_teams(&self, page: &PageQuery) -> Result<TeamPage, Error> {
        self.get_query("/api/v1/teams", page).await
    }

    pub async fn create_team(&self, input: &CreateTeam) -> Result<Team, Error> {
        self.call(Method::POST, "/api/v1/teams", Some(input)).await
    }

    pub async fn get_team(&self, id: Uuid) -> Result<Team, Error> {
        self.get(&format!("/api/v1/teams/{id}")).await
    }

    pub async fn update_team(&self, id: Uuid, input: &UpdateTeam) -> Result<Team, Error> {
        self.call(Method::PATCH, &format!("/api/v1/teams/{id}"), Some(input)).await
    }
}
