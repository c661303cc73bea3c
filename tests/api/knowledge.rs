use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

fn article(title: &str, body: &str, locale: ArticleLocale, visibility: ArticleVisibility) -> CreateArticle {
    CreateArticle { title: title.into(), body: body.into(), category_id: None, locale, visibility, status: None }
}

fn published(mut input: CreateArticle) -> CreateArticle {
    input.status = Some(ArticleStatus::Published);
    input
}

pub async fn agents_draft_and_managers_publish_articles(app: TestApp) {
    let (agent, agent_user) = app.user(Role::Agent, None).await;
    let (manager, _) = app.user(Role::Manager, None).await;
    let (viewer, _) = app.user(Role::Viewer, None).await;
    let draft_input = article("退货流程", "## 步骤\n\n1. 登录", ArticleLocale::ZhCn, ArticleVisibility::Public);

    let draft = must(agent.create_article(&draft_input).await);
    assert_eq!((draft.status, draft.author_id, draft.version), (ArticleStatus::Draft, Some(agent_user.id), 1));
    assert!(draft.body_html.contains("<h2>步骤</h2>"), "{}", draft.body_html);
    assert_eq!(draft.published_at, None);
    assert_problem!(agent.create_article(&published(draft_input.clone())).await, 403, codes::FORBIDDEN);
    assert_problem!(viewer.create_article(&draft_input).await, 403, codes::FORBIDDEN);

    // Agents edit drafts, but publishing and changing published text is for managers.
    let edit = UpdateArticle { body: Some("## 步骤\n\n1. 登录\n2. 申请".into()), ..Default::default() };
    let edited = must(agent.update_article(draft.id, Some(1), &edit).await);
    assert_eq!((edited.version, edited.summary.as_str()), (2, "步骤 登录 申请"));
    let publish = UpdateArticle { status: Some(ArticleStatus::Published), ..Default::default() };
    assert_problem!(agent.update_article(draft.id, None, &publish).await, 403, codes::FORBIDDEN);
    assert_problem!(manager.update_article(draft.id, Some(1), &publish).await, 412, codes::VERSION_MISMATCH);
    let live = must(manager.update_article(draft.id, Some(2), &publish).await);
    assert!(live.published_at.is_some());
    assert_problem!(agent.update_article(draft.id, None, &edit).await, 403, codes::FORBIDDEN);
    let archive = UpdateArticle { status: Some(ArticleStatus::Archived), ..Default::default() };
    let archived = must(manager.update_article(draft.id, None, &archive).await);
    assert_eq!(archived.status, ArticleStatus::Archived);
    let restore = UpdateArticle { status: Some(ArticleStatus::Draft), ..Default::default() };
    assert_eq!(must(manager.update_article(draft.id, None, &restore).await).status, ArticleStatus::Draft);

    // Everyone signed in reads, viewers included; each write left an audit row.
    let read = must(viewer.get_article(draft.id).await);
    assert_eq!((read.version, read.value.version), (Some(5), 5));
    let audit = AuditQuery { entity_id: Some(draft.id), ..Default::default() };
    assert_eq!(must(app.admin().await.list_audit_entries(&audit).await).items.len(), 5);

    // Bad input names its field; nothing is written.
    let too_long = "字".repeat(ARTICLE_BODY_MAX + 1);
    for (bad, field) in [
        (article(" ", "x", ArticleLocale::En, ArticleVisibility::Internal), "title"),
        (article("t", "  ", ArticleLocale::En, ArticleVisibility::Internal), "body"),
        (article("t", &too_long, ArticleLocale::En, ArticleVisibility::Internal), "body"),
        (
            CreateArticle {
                category_id: Some(uuid::Uuid::nil()),
                ..article("t", "x", ArticleLocale::En, ArticleVisibility::Internal)
            },
            "category_id",
        ),
    ] {
        let error = assert_problem!(agent.create_article(&bad).await, 422, codes::VALIDATION_FAILED);
        assert_eq!(error.problem().map(|p| p.errors[0].field.as_str()), Some(field));
    }
    assert_eq!(must(agent.list_articles(&ArticleQuery::default()).await).items.len(), 1);
    assert_problem!(agent.get_article(uuid::Uuid::nil()).await, 404, codes::NOT_FOUND);
}

pub async fn articles_render_safely_and_search_in_chinese_and_english(app: TestApp) {
    let admin = app.admin().await;
    let attack = "你好 <script>alert(1)</script>\n\n[点我](javascript:alert(1)) <img src=x onerror=alert(2)>";
    let hostile =
        must(admin.create_article(&article("安全", attack, ArticleLocale::ZhCn, ArticleVisibility::Internal)).await);
    for html in [hostile.body_html.clone(), must(admin.preview_article(attack).await).html] {
        assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("href"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
    assert_problem!(admin.preview_article(" ").await, 422, codes::VALIDATION_FAILED);

    let refund = published(article(
        "如何申请退款",
        "在订单页点击**申请退款**，填写原因。退款在三个工作日内原路退回。",
        ArticleLocale::ZhCn,
        ArticleVisibility::Public,
    ));
    let refund = must(admin.create_article(&refund).await);
    let delivery = published(article(
        "快递多久送达",
        "一般两到三天送达；偏远地区可能更久。如需退款请见退款说明。",
        ArticleLocale::ZhCn,
        ArticleVisibility::Public,
    ));
    let delivery = must(admin.create_article(&delivery).await);
    let english = published(article(
        "Requesting a refund",
        "Open the order and choose *Request refund*.",
        ArticleLocale::En,
        ArticleVisibility::Internal,
    ));
    let english = must(admin.create_article(&english).await);

    let search = |q: &str| ArticleQuery { q: Some(q.into()), ..Default::default() };
    let ids = |page: ArticlePage| page.items.iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(ids(must(admin.list_articles(&search("怎么申请退款")).await)), [refund.id], "title words rank first");
    let refunds = ids(must(admin.list_articles(&search("退款")).await));
    assert_eq!(refunds, [refund.id, delivery.id], "a title hit outranks a body hit");
    assert_eq!(ids(must(admin.list_articles(&search("REFUND")).await)), [english.id]);
    assert!(must(admin.list_articles(&search("保修期")).await).items.is_empty());
    assert!(must(admin.list_articles(&search("%_")).await).items.is_empty(), "LIKE wildcards are literal");
    let only_en = ArticleQuery { locale: Some(ArticleLocale::En), ..Default::default() };
    assert_eq!(ids(must(admin.list_articles(&only_en).await)), [english.id]);
    let drafts = ArticleQuery { status: Some(ArticleStatus::Draft), ..Default::default() };
    assert_eq!(ids(must(admin.list_articles(&drafts).await)), [hostile.id]);
    assert_problem!(admin.list_articles(&search(&"长".repeat(201))).await, 400, codes::INVALID_QUERY);

    // Pages of the plain list cover every article once, newest first.
    let mut seen = Vec::new();
    let mut query = ArticleQuery { limit: Some(2), ..Default::default() };
    loop {
        let page = must(admin.list_articles(&query).await);
        seen.extend(page.items.iter().map(|a| a.id));
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    assert_eq!(seen, [english.id, delivery.id, refund.id, hostile.id]);
}

pub async fn help_centre_and_ticket_suggestions(app: TestApp) {
    let admin = app.admin().await;
    let anyone = app.anonymous();
    let categories = must(admin.list_ticket_categories().await).items;
    let (quality, delivery) = (categories[0].id, categories[1].id);
    let public = must(
        admin
            .create_article(&CreateArticle {
                category_id: Some(quality),
                ..published(article(
                    "商品破损怎么办",
                    "拍照后提交售后申请，我们会补发或退款。",
                    ArticleLocale::ZhCn,
                    ArticleVisibility::Public,
                ))
            })
            .await,
    );
    let internal = must(
        admin
            .create_article(&CreateArticle {
                category_id: Some(delivery),
                ..published(article(
                    "破损件内部处理规范",
                    "先核对物流记录，再联系仓库。",
                    ArticleLocale::ZhCn,
                    ArticleVisibility::Internal,
                ))
            })
            .await,
    );
    let draft = must(
        admin.create_article(&article("破损草稿", "未完成", ArticleLocale::ZhCn, ArticleVisibility::Public)).await,
    );
    let unrelated = must(
        admin
            .create_article(&published(article(
                "会员积分规则",
                "每消费一元得一分。",
                ArticleLocale::ZhCn,
                ArticleVisibility::Public,
            )))
            .await,
    );

    // The help centre lists and shows only published public articles, without signing in.
    let listed = must(anyone.list_public_articles(&PublicArticleQuery::default()).await);
    assert_eq!(listed.items.iter().map(|a| a.id).collect::<Vec<_>>(), [unrelated.id, public.id]);
    let found =
        must(anyone.list_public_articles(&PublicArticleQuery { q: Some("破损".into()), ..Default::default() }).await);
    assert_eq!(found.items.iter().map(|a| a.id).collect::<Vec<_>>(), [public.id]);
    assert!(must(anyone.get_public_article(public.id).await).body_html.contains("<p>拍照后"));
    for hidden in [internal.id, draft.id] {
        assert_problem!(anyone.get_public_article(hidden).await, 404, codes::NOT_FOUND);
    }
    assert_problem!(anyone.list_articles(&ArticleQuery::default()).await, 401, codes::UNAUTHENTICATED);

    // Suggestions rank by shared words, with a bonus for the ticket's category; never drafts.
    let customer = must(admin.create_customer(&CreateCustomer::named("破损客户"), None).await);
    let mut opening = CreateTicket::new(customer.id, TicketType::Complaint, "包裹破损");
    opening.category_id = Some(delivery);
    let ticket = must(admin.create_ticket(&opening, None).await);
    let suggested = must(admin.suggest_ticket_articles(ticket.id).await);
    assert_eq!(suggested.items.iter().map(|a| a.id).collect::<Vec<_>>(), [internal.id, public.id]);
    let (agent, _) = app.user(Role::Agent, None).await;
    // Another team's customer, and with it its tickets, is hidden from the agent.
    let team = must(admin.create_team(&CreateTeam::named("别的组")).await);
    let (_, their_agent) = app.user(Role::Agent, Some(team.id)).await;
    let theirs =
        CreateCustomer {
            owner_id: Some(their_agent.id), team_id: Some(team.id), ..CreateCustomer::named("别组客户")
        };
    let theirs = must(admin.create_customer(&theirs, None).await);
    let mut elsewhere = CreateTicket::new(theirs.id, TicketType::Inquiry, "别组的工单");
    elsewhere.team_id = Some(team.id);
    let hidden = must(admin.create_ticket(&elsewhere, None).await);
    assert_problem!(agent.suggest_ticket_articles(hidden.id).await, 404, codes::NOT_FOUND);
}

on_both_databases!(
    agents_draft_and_managers_publish_articles,
    articles_render_safely_and_search_in_chinese_and_english,
    help_centre_and_ticket_suggestions,
);
