use kehu_tests::kehu_types::{Role, UpdateMe, UpdateUser, codes};
use kehu_tests::{ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD, TestApp, assert_problem, must, on_both_databases};

pub async fn login_me_and_logout(app: TestApp) {
    let client = app.admin().await;
    let me = client.get_me().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(me.email, ADMIN_EMAIL);
    assert_eq!(me.role, Role::Admin);
    assert!(me.last_login_at.is_some());

    // Email is case-insensitive; the password is not.
    let other = app.anonymous();
    other.login(&ADMIN_EMAIL.to_uppercase(), ADMIN_PASSWORD).await.unwrap_or_else(|e| panic!("{e}"));
    // `me` answers from the signed-in users the server keeps for a few
    // seconds; a new sign-in shows at once.
    let again = client.get_me().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(again.last_login_at > me.last_login_at, "{:?} after {:?}", again.last_login_at, me.last_login_at);
    assert_problem!(
        app.anonymous().login(ADMIN_EMAIL, &ADMIN_PASSWORD.to_uppercase()).await,
        401,
        codes::INVALID_CREDENTIALS
    );
    assert_problem!(app.anonymous().login("nobody@test.kehu", ADMIN_PASSWORD).await, 401, codes::INVALID_CREDENTIALS);
    assert_problem!(app.anonymous().login("nul\0@test.kehu", ADMIN_PASSWORD).await, 401, codes::INVALID_CREDENTIALS);
    assert_problem!(app.anonymous().get_me().await, 401, codes::UNAUTHENTICATED);

    let refresh = client.tokens().map(|t| t.refresh_token).unwrap_or_default();
    client.logout().await.unwrap_or_else(|e| panic!("{e}"));
    client.set_tokens(Some(kehu_tests::kehu_types::TokenPair {
        access_token: String::new(),
        refresh_token: refresh,
        token_type: "Bearer".into(),
        expires_in: 0,
    }));
    assert_problem!(client.refresh().await, 401, codes::INVALID_REFRESH_TOKEN);
}

pub async fn wrong_passwords_are_throttled(app: TestApp) {
    let (_, user) = app.user(Role::Agent, None).await;
    for _ in 0..5 {
        assert_problem!(app.anonymous().login(&user.email, "wrong password!").await, 401, codes::INVALID_CREDENTIALS);
    }
    // Locked now, even with the right password; another account is unaffected.
    let error = assert_problem!(app.anonymous().login(&user.email, PASSWORD).await, 429, codes::TOO_MANY_ATTEMPTS);
    assert!(error.problem().is_some_and(|p| p.detail.contains("seconds")));
    app.admin().await;

    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", app.base()))
        .json(&serde_json::json!({"email": user.email, "password": PASSWORD}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 429);
    let retry_after: u64 =
        response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0);
    assert!((1..=900).contains(&retry_after), "Retry-After {retry_after}");
    assert!(response.headers().get("x-request-id").is_some());
}

pub async fn refresh_rotates_and_reuse_revokes_the_family(app: TestApp) {
    let client = app.admin().await;
    let first = client.tokens().unwrap_or_else(|| panic!("no tokens"));
    let second = client.refresh().await.unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(first.refresh_token, second.refresh_token);
    let third = client.refresh().await.unwrap_or_else(|e| panic!("{e}"));

    // A thief replays the first (used) token: the whole family is revoked…
    let thief = app.anonymous();
    thief.set_tokens(Some(first));
    assert_problem!(thief.refresh().await, 401, codes::REFRESH_TOKEN_REUSED);
    // …so the latest legitimate token no longer works either.
    let victim = app.anonymous();
    victim.set_tokens(Some(third));
    assert_problem!(victim.refresh().await, 401, codes::INVALID_REFRESH_TOKEN);

    // A separate sign-in is a separate family and still works.
    let other = app.admin().await;
    other.refresh().await.unwrap_or_else(|e| panic!("{e}"));
    let garbage = app.anonymous();
    garbage.set_tokens(Some(kehu_tests::kehu_types::TokenPair {
        access_token: "not.a.jwt".into(),
        refresh_token: "not-a-token".into(),
        token_type: "Bearer".into(),
        expires_in: 0,
    }));
    assert_problem!(garbage.get_me().await, 401, codes::UNAUTHENTICATED);
}

pub async fn deactivated_users_lose_access(app: TestApp) {
    let admin = app.admin().await;
    let (agent, user) = app.user(Role::Agent, None).await;
    agent.get_me().await.unwrap_or_else(|e| panic!("{e}"));
    admin
        .update_user(user.id, &UpdateUser { active: Some(false), ..UpdateUser::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // The access token dies at once and the refresh token was revoked.
    assert_problem!(agent.get_me().await, 401, codes::UNAUTHENTICATED);
    assert_problem!(agent.refresh().await, 401, codes::INVALID_REFRESH_TOKEN);
    assert_problem!(app.anonymous().login(&user.email, PASSWORD).await, 403, codes::ACCOUNT_DISABLED);

    // The last admin cannot lock everyone out.
    let me = admin.get_me().await.unwrap_or_else(|e| panic!("{e}"));
    assert_problem!(
        admin.update_user(me.id, &UpdateUser { active: Some(false), ..UpdateUser::default() }).await,
        409,
        codes::CONFLICT
    );
    assert_problem!(
        admin.update_user(me.id, &UpdateUser { role: Some(Role::Agent), ..UpdateUser::default() }).await,
        409,
        codes::CONFLICT
    );
}

pub async fn password_change_ends_other_sessions(app: TestApp) {
    let (agent, user) = app.user(Role::Agent, None).await;
    let other_session = app.signed_in(&user.email, PASSWORD).await;
    assert_problem!(
        agent.change_password("wrong current pw", "brand-new-password").await,
        422,
        codes::VALIDATION_FAILED
    );
    assert_problem!(agent.change_password(PASSWORD, "short").await, 422, codes::VALIDATION_FAILED);
    agent.change_password(PASSWORD, "brand-new-password").await.unwrap_or_else(|e| panic!("{e}"));
    agent.get_me().await.unwrap_or_else(|e| panic!("{e}"));
    assert_problem!(other_session.refresh().await, 401, codes::INVALID_REFRESH_TOKEN);
    app.signed_in(&user.email, "brand-new-password").await;

    let admin = app.admin().await;
    admin.reset_user_password(user.id, "reset-by-admin-pw").await.unwrap_or_else(|e| panic!("{e}"));
    assert_problem!(agent.refresh().await, 401, codes::INVALID_REFRESH_TOKEN);
    app.signed_in(&user.email, "reset-by-admin-pw").await;
}

pub async fn each_user_keeps_their_own_time_zone(app: TestApp) {
    let admin = app.admin().await;
    let (viewer, _) = app.user(Role::Viewer, None).await;
    assert_eq!(must(viewer.get_me().await).time_zone, None, "the browser's zone until one is chosen");
    let new_york = UpdateMe { time_zone: Some(Some("America/New_York".into())) };
    assert_eq!(must(viewer.update_me(&new_york).await).time_zone.as_deref(), Some("America/New_York"));
    assert_eq!(must(viewer.get_me().await).time_zone.as_deref(), Some("America/New_York"), "read back at once");
    assert_eq!(must(admin.get_me().await).time_zone, None, "another user's choice is theirs");
    let bad = UpdateMe { time_zone: Some(Some("Mars/Olympus".into())) };
    let error = assert_problem!(viewer.update_me(&bad).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(error.problem().map(|p| p.errors[0].field.clone()).as_deref(), Some("time_zone"));
    assert_problem!(app.anonymous().update_me(&new_york).await, 401, codes::UNAUTHENTICATED);
    let browser = UpdateMe { time_zone: Some(None) };
    assert_eq!(must(viewer.update_me(&browser).await).time_zone, None);
    app.assert_invariants().await;
}

on_both_databases!(
    login_me_and_logout,
    wrong_passwords_are_throttled,
    refresh_rotates_and_reuse_revokes_the_family,
    deactivated_users_lose_access,
    password_change_ends_other_sessions,
    each_user_keeps_their_own_time_zone,
);
