use kehu_tests::kehu_client::Client;
use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, on_both_databases};

fn named(name: &str) -> CreateCustomer {
    CreateCustomer {
        phones: vec!["13812345678".into()],
        emails: vec!["li.minghua@example.com".into()],
        ..CreateCustomer::named(name)
    }
}

async fn snapshot(admin: &Client, id: uuid::Uuid) -> Customer {
    admin.get_customer(id).await.unwrap_or_else(|e| panic!("{e}")).value
}

/// Every role against every write: what is allowed succeeds, what is denied is
/// 403 and leaves the record exactly as it was.
pub async fn role_matrix_leaves_records_unchanged_when_denied(app: TestApp) {
    let admin = app.admin().await;
    let team = admin.create_team(&CreateTeam::named("华东销售")).await.unwrap_or_else(|e| panic!("{e}"));
    for role in Role::ALL {
        let (client, _) = app.user(*role, Some(team.id)).await;
        let target = admin
            .create_customer(&CreateCustomer { team_id: Some(team.id), ..named("权限测试") }, None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let before = snapshot(&admin, target.id).await;
        let writer = *role != Role::Viewer;
        let admin_only = *role == Role::Admin;

        let created = client.create_customer(&named("新客户"), None).await;
        let updated = client
            .update_customer(
                target.id,
                before.version,
                &UpdateCustomer { region: Some(Some("华南".into())), ..Default::default() },
            )
            .await;
        let moved = client
            .change_customer_stage(target.id, &StageChangeRequest { stage: LifecycleStage::New, reason: "首单".into() })
            .await;
        let noted = client
            .create_customer_interaction(
                target.id,
                &CreateInteraction {
                    channel: Channel::Phone,
                    direction: Direction::Outbound,
                    subject: Some("回访".into()),
                    body: None,
                    occurred_at: None,
                },
            )
            .await;
        if writer {
            created.unwrap_or_else(|e| panic!("{role} create: {e}"));
            updated.unwrap_or_else(|e| panic!("{role} update: {e}"));
            moved.unwrap_or_else(|e| panic!("{role} stage: {e}"));
            noted.unwrap_or_else(|e| panic!("{role} interaction: {e}"));
        } else {
            assert_problem!(created, 403, codes::FORBIDDEN);
            assert_problem!(updated, 403, codes::FORBIDDEN);
            assert_problem!(moved, 403, codes::FORBIDDEN);
            assert_problem!(noted, 403, codes::FORBIDDEN);
            assert_problem!(client.delete_customer(target.id, None).await, 403, codes::FORBIDDEN);
            assert_eq!(snapshot(&admin, target.id).await, before, "a denied write changed the record");
            let timeline =
                admin.get_customer_timeline(target.id, &PageQuery::default()).await.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(timeline.items.len(), 1, "only the creation entry");
        }

        let new_user = CreateUser {
            email: format!("x-{}@test.kehu", uuid::Uuid::now_v7().simple()),
            name: "X".into(),
            password: "long enough pw".into(),
            role: Role::Agent,
            team_id: None,
        };
        let user_result = client.create_user(&new_user).await;
        let team_result = client.create_team(&CreateTeam::named(format!("team {role}"))).await;
        let audit_result = client.list_audit_entries(&AuditQuery::default()).await;
        if admin_only {
            user_result.unwrap_or_else(|e| panic!("{e}"));
            team_result.unwrap_or_else(|e| panic!("{e}"));
            audit_result.unwrap_or_else(|e| panic!("{e}"));
        } else {
            assert_problem!(user_result, 403, codes::FORBIDDEN);
            assert_problem!(team_result, 403, codes::FORBIDDEN);
            assert_problem!(audit_result, 403, codes::FORBIDDEN);
        }
        // Everyone signed in may read the user and team lists (owner pickers).
        client.list_users(&PageQuery::default()).await.unwrap_or_else(|e| panic!("{e}"));
        client.list_teams(&PageQuery::default()).await.unwrap_or_else(|e| panic!("{e}"));
    }
}

pub async fn agents_see_own_team_and_unowned_customers_only(app: TestApp) {
    let admin = app.admin().await;
    let east = admin.create_team(&CreateTeam::named("East")).await.unwrap_or_else(|e| panic!("{e}"));
    let west = admin.create_team(&CreateTeam::named("West")).await.unwrap_or_else(|e| panic!("{e}"));
    let (agent, agent_user) = app.user(Role::Agent, Some(east.id)).await;
    let (_, colleague) = app.user(Role::Agent, Some(east.id)).await;
    let (_, stranger) = app.user(Role::Agent, Some(west.id)).await;

    let create = |name: &str, owner: Option<uuid::Uuid>, team: Option<uuid::Uuid>| CreateCustomer {
        owner_id: owner,
        team_id: team,
        ..CreateCustomer::named(name)
    };
    let own = agent.create_customer(&create("Own", None, None), None).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(own.owner_id, Some(agent_user.id), "an agent's new customer is theirs");
    let team_row = admin
        .create_customer(&create("Team", Some(colleague.id), Some(east.id)), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let unowned = admin.create_customer(&create("Unowned", None, None), None).await.unwrap_or_else(|e| panic!("{e}"));
    let hidden = admin
        .create_customer(&create("Hidden", Some(stranger.id), Some(west.id)), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let page = agent
        .list_customers(&CustomerQuery { count: Some(true), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut names: Vec<_> = page.items.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, vec!["Own", "Team", "Unowned"]);
    assert_eq!(page.total, Some(3));
    for visible in [own.id, team_row.id, unowned.id] {
        agent.get_customer(visible).await.unwrap_or_else(|e| panic!("{e}"));
    }
    // A forbidden record is indistinguishable from a missing one.
    assert_problem!(agent.get_customer(hidden.id).await, 404, codes::NOT_FOUND);
    assert_problem!(agent.get_customer_timeline(hidden.id, &PageQuery::default()).await, 404, codes::NOT_FOUND);
    assert_problem!(agent.update_customer(hidden.id, 1, &UpdateCustomer::default()).await, 404, codes::NOT_FOUND);
    assert_problem!(agent.delete_customer(hidden.id, None).await, 404, codes::NOT_FOUND);
    // Agents cannot hand customers to others (and so lose sight of them).
    let give_away = UpdateCustomer { owner_id: Some(Some(stranger.id)), ..Default::default() };
    assert_problem!(agent.update_customer(own.id, 1, &give_away).await, 422, codes::VALIDATION_FAILED);
    let managers_see_all = admin.list_customers(&CustomerQuery::default()).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(managers_see_all.items.len(), 4);
}

pub async fn viewers_see_masked_contacts(app: TestApp) {
    let admin = app.admin().await;
    let created = admin.create_customer(&named("李明华"), None).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(created.phones, vec!["+8613812345678"]);
    let (viewer, _) = app.user(Role::Viewer, None).await;
    let seen = viewer.get_customer(created.id).await.unwrap_or_else(|e| panic!("{e}")).value;
    assert_eq!(seen.phones, vec!["+86138****5678"]);
    assert_eq!(seen.emails, vec!["l***@example.com"]);
    let listed = viewer.list_customers(&CustomerQuery::default()).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(listed.items[0].phones, vec!["+86138****5678"]);
}

pub async fn admin_endpoints_manage_users_and_teams(app: TestApp) {
    let admin = app.admin().await;
    let team = admin
        .create_team(&CreateTeam { description: Some("售后".into()), ..CreateTeam::named("客服一组") })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_problem!(admin.create_team(&CreateTeam::named("客服一组")).await, 409, codes::CONFLICT);
    let renamed = admin
        .update_team(team.id, &UpdateTeam { name: Some("客服二组".into()), description: Some(None), lead_id: None })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((renamed.name.as_str(), renamed.description), ("客服二组", None));

    let input = CreateUser {
        email: " New.Agent@Test.Kehu ".into(),
        name: "王芳".into(),
        password: "long enough pw".into(),
        role: Role::Agent,
        team_id: Some(team.id),
    };
    let user = admin.create_user(&input).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(user.email, "new.agent@test.kehu");
    assert_problem!(admin.create_user(&input).await, 409, codes::EMAIL_TAKEN);
    let bad = CreateUser {
        email: "not an email".into(),
        password: "short".into(),
        team_id: Some(uuid::Uuid::now_v7()),
        ..input.clone()
    };
    let error = assert_problem!(admin.create_user(&bad).await, 422, codes::VALIDATION_FAILED);
    let fields: Vec<_> =
        error.problem().map(|p| p.errors.iter().map(|e| e.field.clone()).collect()).unwrap_or_default();
    assert_eq!(fields, vec!["email", "password"]);

    let promoted = admin
        .update_user(user.id, &UpdateUser { role: Some(Role::Manager), team_id: Some(None), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((promoted.role, promoted.team_id), (Role::Manager, None));
    assert_problem!(
        admin
            .update_user(user.id, &UpdateUser { team_id: Some(Some(uuid::Uuid::now_v7())), ..Default::default() })
            .await,
        422,
        codes::VALIDATION_FAILED
    );
    assert_problem!(admin.get_user(uuid::Uuid::now_v7()).await, 404, codes::NOT_FOUND);
    let users = admin.list_users(&PageQuery { limit: Some(1), cursor: None }).await.unwrap_or_else(|e| panic!("{e}"));
    let rest = admin
        .list_users(&PageQuery { limit: Some(10), cursor: users.next_cursor.clone() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(users.items.len() + rest.items.len(), 2);
}

on_both_databases!(
    role_matrix_leaves_records_unchanged_when_denied,
    agents_see_own_team_and_unowned_customers_only,
    viewers_see_masked_contacts,
    admin_endpoints_manage_users_and_teams,
);
