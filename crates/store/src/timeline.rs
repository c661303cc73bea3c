//! A customer's timeline: interactions, stage changes, ticket events, orders,
//! refunds and points merged newest first.
//!
//! Each source is read with the same keyset (time, id) and one row more than the
//! page; merging and cutting at the page size gives an exact page. Later
//! capabilities (tickets, orders, surveys…) add a source here.

use chrono::{DateTime, Utc};
use kehu_types::{TimelineEntry, TimelineKind};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use uuid::Uuid;

use crate::convert;
use crate::cursor::{Cursor, finish_page, older_than};
use crate::entities::{interaction, order, order_refund, points_entry, stage_history, ticket_event};
use crate::tickets::{TicketVisibility, about_visible_ticket};

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

/// The query of each source of one timeline page: newest first after
/// `cursor` (exclusive), one row more than the page.
pub struct Sources {
    pub interactions: Select<interaction::Entity>,
    pub stages: Select<stage_history::Entity>,
    pub tickets: Select<ticket_event::Entity>,
    pub orders: Select<order::Entity>,
    pub refunds: Select<order_refund::Entity>,
    pub points: Select<points_entry::Entity>,
}

/// Newest first by `(time, id)`, after `cursor` if given, `limit + 1` rows.
fn newest_first<E, C>(
    select: Select<E>,
    (time, id): (C, C),
    cursor: Option<(DateTime<Utc>, Uuid)>,
    limit: u64,
) -> Select<E>
where
    E: EntityTrait,
    C: ColumnTrait + Copy,
{
    let select = match cursor {
        Some((at, after)) => select.filter(older_than(time, id, at, after)),
        None => select,
    };
    select.order_by_desc(time).order_by_desc(id).limit(limit + 1)
}

/// The queries of one timeline page of `customer_id`; `tickets_visible`
/// keeps an agent to the ticket events they may see.
pub fn sources(
    customer_id: Uuid,
    cursor: Option<(DateTime<Utc>, Uuid)>,
    limit: u64,
    tickets_visible: TicketVisibility,
) -> Sources {
    let mut tickets = ticket_event::Entity::find().filter(ticket_event::Column::CustomerId.eq(customer_id));
    // The same rule as everywhere: today a visible customer's tickets are all
    // visible, but the timeline must not rely on that staying so.
    tickets =
        tickets.filter(about_visible_ticket((ticket_event::Entity, ticket_event::Column::TicketId), tickets_visible));
    // A source of the customer's own records, newest first by its time column.
    macro_rules! of_customer {
        ($table:ident, $time:ident) => {
            newest_first(
                $table::Entity::find().filter($table::Column::CustomerId.eq(customer_id)),
                ($table::Column::$time, $table::Column::Id),
                cursor,
                limit,
            )
        };
    }
    Sources {
        interactions: of_customer!(interaction, OccurredAt),
        stages: of_customer!(stage_history, At),
        tickets: newest_first(tickets, (ticket_event::Column::At, ticket_event::Column::Id), cursor, limit),
        orders: of_customer!(order, OrderedAt),
        refunds: of_customer!(order_refund, At),
        points: of_customer!(points_entry, At),
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
    let sources = sources(customer_id, cursor, limit, tickets_visible);
    let interactions = sources.interactions.all(conn).await?;
    let stages = sources.stages.all(conn).await?;
    let tickets = sources.tickets.all(conn).await?;
    let orders = sources.orders.all(conn).await?;
    let refunds = sources.refunds.all(conn).await?;
    let points = sources.points.all(conn).await?;
    let mut lines = crate::orders::items_of(conn, &orders.iter().map(|o| o.id).collect::<Vec<_>>()).await?;
    let names = crate::customers::names_of(conn, orders.first().map(|o| o.customer_id)).await?;
    let name = names.get(&customer_id).map_or("", String::as_str);

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
                order: Some(convert::order(row, &items, name)),
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
