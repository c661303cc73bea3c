//! A customer's timeline: interactions, stage changes, ticket events, orders,
//! refunds and points merged newest first.
//!
//! Each source is read with the same keyset (time, id) and one row more than the
//! page; merging and cutting at the page size gives an exact page. Later
//! capabilities (tickets, orders, surveys…) add a source here.

use chrono::{DateTime, Utc};
use kehu_types::{TimelineEntry, TimelineKind};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::convert;
use crate::cursor::{Cursor, finish_page, older_than};
use crate::entities::{interaction, order, order_refund, points_entry, stage_history, ticket, ticket_event};
use crate::tickets::TicketVisibility;

/// An entry with no payload yet.
fn blank(id: Uuid, kind: TimelineKind, at: DateTime<Utc>) -> TimelineEntry {
    TimelineEntry {
        id,
        kind,
        at,
        interaction: None,
        stage_change: None,
        ticket_event: None,
        order: None,
        refund: None,
        points: None,
    }
}

/// One page of the timeline of `customer_id`, after `cursor` (exclusive).
pub async fn page(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    cursor: Option<(DateTime<Utc>, Uuid)>,
    limit: u64,
    tickets_visible: TicketVisibility,
) -> Result<(Vec<TimelineEntry>, Option<String>), DbErr> {
    let mut interactions = interaction::Entity::find().filter(interaction::Column::CustomerId.eq(customer_id));
    let mut stages = stage_history::Entity::find().filter(stage_history::Column::CustomerId.eq(customer_id));
    let mut tickets = ticket_event::Entity::find().filter(ticket_event::Column::CustomerId.eq(customer_id));
    if tickets_visible != TicketVisibility::All {
        // An agent sees the customer but not another team's tickets about them.
        let visible = Query::select()
            .column(ticket::Column::Id)
            .from(ticket::Entity)
            .cond_where(tickets_visible.condition())
            .to_owned();
        tickets = tickets.filter(Expr::col(ticket_event::Column::TicketId).in_subquery(visible));
    }
    if let Some((at, id)) = cursor {
        interactions =
            interactions.filter(older_than(interaction::Column::OccurredAt, interaction::Column::Id, at, id));
        stages = stages.filter(older_than(stage_history::Column::At, stage_history::Column::Id, at, id));
        tickets = tickets.filter(older_than(ticket_event::Column::At, ticket_event::Column::Id, at, id));
    }
    let interactions = interactions
        .order_by_desc(interaction::Column::OccurredAt)
        .order_by_desc(interaction::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let stages = stages
        .order_by_desc(stage_history::Column::At)
        .order_by_desc(stage_history::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let tickets = tickets
        .order_by_desc(ticket_event::Column::At)
        .order_by_desc(ticket_event::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;

    let mut orders = order::Entity::find().filter(order::Column::CustomerId.eq(customer_id));
    let mut refunds = order_refund::Entity::find().filter(order_refund::Column::CustomerId.eq(customer_id));
    if let Some((at, id)) = cursor {
        orders = orders.filter(older_than(order::Column::OrderedAt, order::Column::Id, at, id));
        refunds = refunds.filter(older_than(order_refund::Column::At, order_refund::Column::Id, at, id));
    }
    let orders = orders
        .order_by_desc(order::Column::OrderedAt)
        .order_by_desc(order::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let refunds = refunds
        .order_by_desc(order_refund::Column::At)
        .order_by_desc(order_refund::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let mut points = points_entry::Entity::find().filter(points_entry::Column::CustomerId.eq(customer_id));
    if let Some((at, id)) = cursor {
        points = points.filter(older_than(points_entry::Column::At, points_entry::Column::Id, at, id));
    }
    let points = points
        .order_by_desc(points_entry::Column::At)
        .order_by_desc(points_entry::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let mut lines = crate::orders::items_of(conn, &orders.iter().map(|o| o.id).collect::<Vec<_>>()).await?;

    let mut entries: Vec<TimelineEntry> = interactions
        .iter()
        .map(|row| TimelineEntry {
            interaction: Some(convert::interaction(row)),
            ..blank(row.id, TimelineKind::Interaction, row.occurred_at)
        })
        .chain(stages.iter().map(|row| TimelineEntry {
            stage_change: Some(convert::stage_entry(row)),
            ..blank(row.id, TimelineKind::StageChange, row.at)
        }))
        .chain(tickets.iter().map(|row| TimelineEntry {
            ticket_event: Some(convert::ticket_event(row)),
            ..blank(row.id, TimelineKind::TicketEvent, row.at)
        }))
        .chain(orders.iter().map(|row| {
            let items = lines.remove(&row.id).unwrap_or_default();
            TimelineEntry {
                order: Some(convert::order(row, &items)),
                ..blank(row.id, TimelineKind::Order, row.ordered_at)
            }
        }))
        .chain(refunds.iter().map(|row| TimelineEntry {
            refund: Some(convert::order_refund(row)),
            ..blank(row.id, TimelineKind::Refund, row.at)
        }))
        .chain(points.iter().map(|row| TimelineEntry {
            points: Some(convert::points_entry(row)),
            ..blank(row.id, TimelineKind::Points, row.at)
        }))
        .collect();
    entries.sort_by_key(|entry| std::cmp::Reverse((entry.at, entry.id)));
    let next = finish_page(&mut entries, limit, |last| Cursor::new(last.at, last.id));
    Ok((entries, next))
}
