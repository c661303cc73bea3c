//! The audit log. One method per operation, named after its OpenAPI operation
//! id.

use kehu_types::*;

use crate::{Client, Error};

impl Client {
    pub async fn list_audit_entries(&self, query: &AuditQuery) -> Result<AuditPage, Error> {
        self.get_query("/api/v1/audit", query).await
    }
}
