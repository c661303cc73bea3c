//! Segments: counting a filter, and saved segments. One method per operation,
//! named after its OpenAPI operation id.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error, Versioned};

impl Client {
    /// How many customers (that you may see) a filter selects.
    pub async fn count_segment(&self, filter: &SegmentFilter) -> Result<SegmentCount, Error> {
        let body = SegmentCountRequest { filter: filter.clone() };
        self.call(Method::POST, "/api/v1/segments/count", Some(&body)).await
    }

    pub async fn list_segments(&self) -> Result<SegmentPage, Error> {
        self.get("/api/v1/segments").await
    }

    pub async fn create_segment(&self, input: &CreateSegment) -> Result<Segment, Error> {
        self.call(Method::POST, "/api/v1/segments", Some(input)).await
    }

    pub async fn get_segment(&self, id: Uuid) -> Result<Versioned<Segment>, Error> {
        self.get_versioned(&format!("/api/v1/segments/{id}")).await
    }

    /// Change a segment; with `version`, 412 if someone changed it first.
    pub async fn update_segment(
        &self,
        id: Uuid,
        version: Option<i64>,
        input: &UpdateSegment,
    ) -> Result<Segment, Error> {
        self.patch_if_match(&format!("/api/v1/segments/{id}"), input, version).await
    }

    /// Move a segment to the trash; `restore_segment` brings it back.
    pub async fn delete_segment(&self, id: Uuid, version: Option<i64>) -> Result<(), Error> {
        self.delete_if_match(&format!("/api/v1/segments/{id}"), version).await
    }

    pub async fn restore_segment(&self, id: Uuid) -> Result<Segment, Error> {
        self.call::<(), _>(Method::POST, &format!("/api/v1/segments/{id}/restore"), None).await
    }
}
