use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

fn request(name: &str, email: Option<&str>, phone: Option<&str>, message: &str) -> PublicRequest {
    PublicRequest {
        ticket_type: TicketType::Complaint,
        name: name.into(),
        email: email.map(str::to_owned),
        phone: phone.map(str::to_owned),
        subject: None,
        message: message.into(),
    }
}

pub async fn the_public_form_matches_or_creates_the_customer_and_opens_a_ticket(app: TestApp) {
    let admin = app.admin().await;
    let public = app.anonymous();
    let mut known = CreateCustomer::named("林小红");
    known.phones = vec!["13912345678".into()];
    let known = must(admin.create_customer(&known, None).await);

    let receipt = must(
        public.submit_public_request(&request("林小红", None, Some("139 1234 5678"), "上周买的电饭煲\n不加热了")).await,
    );
    assert_eq!(receipt.number, "T-000001");
    let tickets = must(admin.list_tickets(&TicketQuery { customer_id: Some(known.id), ..Default::default() }).await);
    let opened = &tickets.items[0];
    assert_eq!(
        (opened.channel, opened.subject.as_str(), opened.created_by),
        (Channel::WebForm, "上周买的电饭煲", None)
    );
    assert_eq!(opened.description.as_deref(), Some("上周买的电饭煲\n不加热了"));

    let newcomer = must(
        public.submit_public_request(&request("Zoe Park", Some("Zoe@Example.com"), None, "Where is my parcel?")).await,
    );
    let found =
        must(admin.list_customers(&CustomerQuery { q: Some("zoe@example.com".into()), ..Default::default() }).await);
    assert_eq!(found.items.len(), 1, "a new prospect from the web form");
    let prospect = &found.items[0];
    assert_eq!((prospect.stage, prospect.source), (LifecycleStage::Prospect, Some(AcquisitionSource::WebForm)));
    // Writing again with the same email reaches the same customer.
    must(public.submit_public_request(&request("Zoe P.", Some("zoe@example.com"), None, "Any news?")).await);
    let theirs = must(admin.list_tickets(&TicketQuery { customer_id: Some(prospect.id), ..Default::default() }).await);
    assert_eq!(theirs.items.len(), 2);
    assert_ne!(newcomer.number, receipt.number);

    for bad in [
        request("", Some("a@b.cn"), None, "hi"),
        request("No contact", None, None, "hi"),
        request("Bad email", Some("not-an-email"), None, "hi"),
        request("Empty", Some("a@b.cn"), None, "   "),
        request("Long", Some("a@b.cn"), None, &"长".repeat(5001)),
    ] {
        assert_problem!(public.submit_public_request(&bad).await, 422, codes::VALIDATION_FAILED);
    }
    let audit = must(
        admin.list_audit_entries(&AuditQuery { action: Some("ticket.create".into()), ..Default::default() }).await,
    );
    assert!(audit.items.iter().all(|entry| entry.actor_id.is_none()), "the customer wrote in, not a user");
}

pub async fn the_public_form_is_rate_limited_per_address(app: TestApp) {
    let public = app.anonymous();
    let message = request("Spam", Some("spam@example.com"), None, "hello");
    for _ in 0..10 {
        must(public.submit_public_request(&message).await);
    }
    let error = assert_problem!(public.submit_public_request(&message).await, 429, codes::TOO_MANY_REQUESTS);
    assert!(error.to_string().contains("try again"), "{error}");
}

on_both_databases!(
    the_public_form_matches_or_creates_the_customer_and_opens_a_ticket,
    the_public_form_is_rate_limited_per_address,
);
