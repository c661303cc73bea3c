//! Demo tickets for `kehu --demo`: complaints, inquiries, requests and feedback
//! at every step of the process, written through the ticket services so their
//! events, SLA clocks and audit rows are exactly what real use produces.

use kehu_store::Db;
use kehu_store::entities::{customer, ticket, ticket_category, user};
use kehu_types::{
    CreateTicket, CreateTicketMessage, Priority, Role, TicketMessageKind, TicketStatus, TicketStatusChange, TicketType,
};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::desk::tickets;
use crate::http::actor::{Actor, RequestMeta};

/// What customers write in about: (type, subject, description).
pub const ISSUES: &[(TicketType, &str, &str)] = &[
    (TicketType::Complaint, "收到的商品有破损", "包装盒压坏，杯子有裂痕，要求换货。"),
    (TicketType::Complaint, "快递三天未更新物流", "订单显示已发货但物流信息一直没有更新。"),
    (TicketType::Complaint, "客服电话无人接听", "下午多次拨打客服热线都没有人接。"),
    (TicketType::Complaint, "Charged twice for one order", "My card shows two charges for the same order."),
    (TicketType::Inquiry, "咨询企业采购折扣", "想了解 50 台以上的批量采购价格。"),
    (TicketType::Inquiry, "How do I reset the device?", "The screen froze after the last update."),
    (TicketType::Inquiry, "发票什么时候开具", "上月订单的增值税专用发票还没收到。"),
    (TicketType::Request, "希望增加微信支付分期", "很多客户问能不能分期付款。"),
    (TicketType::Request, "Add an English manual", "Our overseas team needs the manual in English."),
    (TicketType::Feedback, "新版包装很环保", "新包装用纸质材料，非常喜欢。"),
    (TicketType::Feedback, "安装师傅很专业", "上门安装准时，讲解清楚。"),
];

/// How far along the process a demo ticket goes: 0 new … 5 closed.
fn steps(rng: &mut StdRng) -> usize {
    *[0usize, 1, 2, 2, 3, 3, 4, 5, 5].choose(rng).unwrap_or(&0)
}

/// The first admin, as the actor demo data is written by.
pub async fn admin_actor(db: &Db) -> Result<Actor, String> {
    let admin = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin.as_str()))
        .order_by_asc(user::Column::CreatedAt)
        .one(db.conn())
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no admin to write demo data")?;
    Ok(Actor::of(kehu_store::convert::user(&admin), RequestMeta::system()))
}

/// Open about one ticket for every five customers, unless tickets exist.
pub async fn load(db: &Db) -> Result<u64, String> {
    let conn = db.conn();
    if ticket::Entity::find().count(conn).await.map_err(|e| e.to_string())? > 0 {
        return Ok(0);
    }
    let actor = admin_actor(db).await?;
    let customers = customer::Entity::find()
        .order_by_asc(customer::Column::Id)
        .limit(2000)
        .all(conn)
        .await
        .map_err(|e| e.to_string())?;
    let categories = ticket_category::Entity::find().all(conn).await.map_err(|e| e.to_string())?;
    let mut rng = StdRng::seed_from_u64(0x7469_636b);
    let mut opened = 0;
    for customer in customers.iter().filter(|c| c.id.as_u128() % 5 == 0) {
        let Some((kind, subject, description)) = ISSUES.choose(&mut rng).copied() else { continue };
        let input = CreateTicket {
            description: Some(description.to_owned()),
            priority: Priority::ALL.choose(&mut rng).copied(),
            channel: kehu_types::Channel::ALL.choose(&mut rng).copied(),
            ..CreateTicket::new(customer.id, kind, subject)
        };
        let txn = db.begin_write().await.map_err(|e| e.to_string())?;
        let row = tickets::create(&*txn, &actor, &input).await.map_err(|e| e.detail)?;
        let goal = steps(&mut rng);
        let moves = [
            TicketStatusChange {
                category_id: categories.choose(&mut rng).map(|c| c.id),
                ..TicketStatusChange::to(TicketStatus::Triaged)
            },
            TicketStatusChange::to(TicketStatus::InProgress),
            TicketStatusChange::to(TicketStatus::AwaitingCustomer),
            TicketStatusChange {
                resolution_summary: Some("已为客户处理完毕 / handled".into()),
                ..TicketStatusChange::to(TicketStatus::Resolved)
            },
            TicketStatusChange {
                root_cause: Some("流程疏漏 / process gap".into()),
                ..TicketStatusChange::to(TicketStatus::Closed)
            },
        ];
        for (step, change) in moves.iter().enumerate().take(goal) {
            if step == 2 {
                let reply = CreateTicketMessage {
                    kind: TicketMessageKind::Reply,
                    body: "您好，我们已收到并在处理。Thanks, we are on it.".into(),
                };
                tickets::add_message(&*txn, &actor, row.id, &reply).await.map_err(|e| e.detail)?;
            }
            if step == 3 && rng.random_bool(0.5) {
                let answer = CreateTicketMessage {
                    kind: TicketMessageKind::CustomerMessage,
                    body: "好的，谢谢。OK, thank you.".into(),
                };
                tickets::add_message(&*txn, &actor, row.id, &answer).await.map_err(|e| e.detail)?;
            }
            let current = tickets::load_visible(&*txn, &actor, row.id).await.map_err(|e| e.detail)?;
            if kehu_domain::tickets::can_move(tickets::status_of(&current), change.status) {
                tickets::change_status(&*txn, &actor, row.id, None, change).await.map_err(|e| e.detail)?;
            }
        }
        txn.commit().await.map_err(|e| e.to_string())?;
        opened += 1;
    }
    Ok(opened)
}
