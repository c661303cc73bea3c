//! Cursor pages. One concrete type per item kind (rather than a generic) so that
//! client generators from the OpenAPI spec get plain, well-named schemas.

use serde::{Deserialize, Serialize};

use crate::{
    ArticleSummary, AuditEntry, Customer, Interaction, Notification, Order, PointsEntry, Product, PublicArticleSummary,
    Segment, StageHistoryEntry, Task, Team, Ticket, TicketEvent, TimelineEntry, User,
};

/// Default page size when `limit` is not given.
pub const DEFAULT_PAGE_LIMIT: u32 = 50;
/// Largest page size a client may ask for.
pub const MAX_PAGE_LIMIT: u32 = 200;

macro_rules! page_type {
    ($(#[$meta:meta])* $name:ident, $item:ty) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name {
            /// The items of this page, in the requested order.
            pub items: Vec<$item>,
            /// Pass as `cursor` to get the next page; `null` on the last page.
            pub next_cursor: Option<String>,
            /// Number of matching items, only when asked with `count=true`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub total: Option<u64>,
        }
    };
}

page_type!(/// A page of customers.
    CustomerPage, Customer);
page_type!(/// A page of interactions.
    InteractionPage, Interaction);
page_type!(/// A page of stage-history rows.
    StageHistoryPage, StageHistoryEntry);
page_type!(/// A page of the customer timeline.
    TimelinePage, TimelineEntry);
page_type!(/// A page of audit-log rows.
    AuditPage, AuditEntry);
page_type!(/// A page of users.
    UserPage, User);
page_type!(/// A page of teams.
    TeamPage, Team);
page_type!(/// A page of tickets.
    TicketPage, Ticket);
page_type!(/// A page of a ticket's events.
    TicketEventPage, TicketEvent);
page_type!(/// A page of notifications.
    NotificationPage, Notification);
page_type!(/// A page of tasks.
    TaskPage, Task);
page_type!(/// A page of knowledge-base articles.
    ArticlePage, ArticleSummary);
page_type!(/// A page of the help centre's public articles.
    PublicArticlePage, PublicArticleSummary);
page_type!(/// A page of products.
    ProductPage, Product);
page_type!(/// A page of orders.
    OrderPage, Order);
page_type!(/// A page of a customer's points ledger, newest first.
    PointsPage, PointsEntry);
page_type!(/// The saved segments you may use, by name.
    SegmentPage, Segment);

/// Cursor paging.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct PageQuery {
    /// Page size, 1–200 (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}
