//! Customers: the customer file, the list and its search, custom fields and
//! consent, external ids, stages and the timeline.

mod custom_fields;
mod external_ids;
mod files;
mod list;
mod stages;
