//! A customer's timeline: interactions, stage changes and ticket events merged
//! newest first.
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
use crate::entities::{interaction, stage_history, ticket, ticket_event};
use crate::tickets::TicketVisibility;

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

    let mut entries: Vec<TimelineEntry> = interactions
        .iter()
        .map(|row| TimelineEntry {
            id: row.id,
            kind: TimelineKind::Interaction,
            at: row.occurred_at,
            interaction: Some(convert::interaction(row)),
            stage_change: None,
            ticket_event: None,
        })
        .chain(stages.iter().map(|row| TimelineEntry {
            id: row.id,
            kind: TimelineKind::StageChange,
            at: row.at,
            interaction: None,
            stage_change: Some(convert::stage_entry(row)),
            ticket_event: None,
        }))
        .chain(tickets.iter().map(|row| TimelineEntry {
            id: row.id,
            kind: TimelineKind::TicketEvent,
            at: row.at,
            interaction: None,
            stage_change: None,
            ticket_event: Some(convert::ticket_event(row)),
        }))
        .collect();
    entries.sort_by_key(|entry| std::cmp::Reverse((entry.at, entry.id)));
    let next = finish_page(&mut entries, limit, |last| Cursor::new(last.at, last.id));
    Ok((entries, next))
}
