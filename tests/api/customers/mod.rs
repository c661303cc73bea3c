//! Customers: the customer file, custom fields and consent, external ids,
//! stages and the timeline.

mod custom_fields;
mod external_ids;
mod files;
mod stages;
