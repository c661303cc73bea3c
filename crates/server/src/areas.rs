//! The areas of the server, one line each. An area is a folder with its
//! handlers, services and job kinds; here it is mounted under `/api/v1`, its
//! OpenAPI document is merged into the server's, and its job kinds are handed
//! to the job runner.

use utoipa::OpenApi;

use crate::http::routes::{Operation, Table};
use crate::platform::jobs::JobKind;
use crate::{audit, commerce, customers, desk, identity, knowledge, loyalty, notifications, segments, tasks, value};

/// What the server takes from an area.
struct Area {
    /// Adds the area's operations to the `/api/v1` table, in matching order.
    routes: fn(Table) -> Table,
    /// The area's part of the OpenAPI document.
    document: fn() -> utoipa::openapi::OpenApi,
    /// The kinds of background job the area runs.
    jobs: &'static [JobKind],
}

/// An area by its module: its `routes`, its `ApiDoc`, and its `JOBS` when it has any.
macro_rules! area {
    ($area:ident) => {
        area!($area, jobs: &[])
    };
    ($area:ident, jobs: $jobs:expr) => {
        Area { routes: $area::routes, document: <$area::ApiDoc as OpenApi>::openapi, jobs: $jobs }
    };
}

/// Every area. A new area adds its line here and nowhere else.
const AREAS: &[Area] = &[
    area!(identity),
    area!(customers),
    area!(desk, jobs: desk::JOBS),
    area!(notifications),
    area!(knowledge),
    area!(tasks),
    area!(commerce),
    area!(value, jobs: value::JOBS),
    area!(loyalty),
    area!(segments),
    area!(audit),
];

/// The operations under `/api/v1`: each area's, in the order it mounts them.
pub fn v1_table() -> Table {
    AREAS.iter().fold(Table::new("/api/v1"), |table, area| (area.routes)(table))
}

/// Every operation the server mounts, as the OpenAPI document should list them.
pub fn operations() -> Vec<Operation> {
    let mut all = crate::http::root_table().operations();
    all.extend(v1_table().operations());
    all
}

/// The areas' OpenAPI documents merged into `base`.
pub fn merge_documents(mut base: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    for area in AREAS {
        base.merge((area.document)());
    }
    base
}

/// Every kind of background job, for the job runner.
pub fn job_kinds() -> Vec<JobKind> {
    AREAS.iter().flat_map(|area| area.jobs.iter().copied()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_kind_has_one_runner() {
        let kinds = job_kinds();
        let names: std::collections::BTreeSet<_> = kinds.iter().map(|kind| kind.name).collect();
        assert_eq!(names.len(), kinds.len(), "a kind name is registered twice");
        assert!(names.contains("sla") && names.contains("value.daily"), "{names:?}");
    }
}
