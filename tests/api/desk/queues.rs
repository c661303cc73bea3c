//! The ticket queues: views, filters, search and paging.

use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

use super::tickets::{customer, message};

pub async fn queues_filter_search_and_page(app: TestApp) {
    let admin = app.admin().await;
    let alice = customer(&admin, "Alice Zhang").await;
    let bob = customer(&admin, "刘强").await;
    let mut created = Vec::new();
    for n in 0..12 {
        let kind = if n % 3 == 0 { TicketType::Complaint } else { TicketType::Inquiry };
        let mut input = CreateTicket::new(if n % 2 == 0 { alice.id } else { bob.id }, kind, format!("问题 {n}"));
        input.priority = Some(if n < 4 { Priority::Urgent } else { Priority::Low });
        created.push(must(admin.create_ticket(&input, Some(&format!("key-{n}"))).await));
    }
    let replay = CreateTicket {
        priority: Some(Priority::Urgent),
        ..CreateTicket::new(alice.id, TicketType::Complaint, "问题 0")
    };
    assert_eq!(
        must(admin.create_ticket(&replay, Some("key-0")).await).id,
        created[0].id,
        "a retried create returns the first"
    );
    must(
        admin.create_ticket_message(created[5].id, &message(TicketMessageKind::CustomerMessage, "我要申请退款")).await,
    );

    let query = |q: TicketQuery| {
        let admin = admin.clone();
        async move { must(admin.list_tickets(&q).await) }
    };
    let all = query(TicketQuery { count: Some(true), ..Default::default() }).await;
    assert_eq!((all.items.len(), all.total), (12, Some(12)));
    assert_eq!(all.items[0].number, "T-000012", "newest first");
    let complaints =
        query(TicketQuery { ticket_type: Some(TicketType::Complaint), count: Some(true), ..Default::default() }).await;
    assert_eq!(complaints.total, Some(4));
    let urgent_for_alice =
        query(TicketQuery { priority: Some(Priority::Urgent), customer_id: Some(alice.id), ..Default::default() })
            .await;
    assert_eq!(urgent_for_alice.items.len(), 2);
    assert!(urgent_for_alice.items.iter().all(|t| t.customer_name == "Alice Zhang"));
    let by_conversation = query(TicketQuery { q: Some("退款".into()), ..Default::default() }).await;
    assert_eq!(by_conversation.items.iter().map(|t| t.id).collect::<Vec<_>>(), [created[5].id]);
    let by_number = query(TicketQuery { q: Some("T-000007".into()), ..Default::default() }).await;
    assert_eq!(by_number.items.iter().map(|t| t.number.as_str()).collect::<Vec<_>>(), ["T-000007"]);
    let by_subject = query(TicketQuery { q: Some("问题 1".into()), count: Some(true), ..Default::default() }).await;
    assert_eq!(by_subject.total, Some(3), "问题 1, 10 and 11");
    let open = query(TicketQuery { open: Some(false), ..Default::default() }).await;
    assert!(open.items.is_empty());

    for sort in [TicketSort::CreatedAt, TicketSort::CreatedAtDesc, TicketSort::UpdatedAtDesc] {
        let mut seen = Vec::new();
        let mut cursor = None;
        loop {
            let page = query(TicketQuery { sort: Some(sort), limit: Some(5), cursor, ..Default::default() }).await;
            seen.extend(page.items.iter().map(|t| t.id));
            cursor = page.next_cursor;
            if cursor.is_none() {
                break;
            }
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (12, 12), "{sort:?}");
    }
    let garbage = TicketQuery { cursor: Some("garbage".into()), ..Default::default() };
    assert_problem!(admin.list_tickets(&garbage).await, 400, codes::INVALID_QUERY);
    app.assert_invariants().await;
}

on_both_databases!(queues_filter_search_and_page,);
