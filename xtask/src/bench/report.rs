//! The benchmark report: machine facts, data sizes and one table per database.

use super::{Figures, Options, Run};

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name")?.split(':').nth(1).map(str::trim))
        .unwrap_or("unknown CPU")
        .to_owned();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kb: f64 = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:")?.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    format!("{model}, {cores} cores, {:.0} GB RAM", kb / 1024.0 / 1024.0)
}

fn cell(figures: Option<Figures>) -> String {
    figures
        .map_or("| — | — | — ".into(), |f| format!("| {:.0} | {:.2} | {:.2} ", f.per_second, f.p50_ms, f.p99_ms))
}

/// The heading of the hand-written part of a report, kept when the figures are measured again.
const FINDINGS: &str = "## Findings";

/// The hand-written findings of an earlier report, from their heading on.
pub fn findings(report: &str) -> Option<&str> {
    report
        .match_indices(FINDINGS)
        .find(|(at, _)| *at == 0 || report[..*at].ends_with('\n'))
        .map(|(at, _)| &report[at..])
}

pub fn markdown(runs: &[Run], options: &Options) -> String {
    let mut text = String::from("# Benchmarks\n\n");
    text += &format!(
        "Measured by `cargo xtask bench` on {} ({} build).\n\n- Machine: {}\n- Load: wrk, 2 threads and {} \
         connections for {} s per workload, with a real JWT (updates: one thread per connection, each \
         updating its own customers with the version of its last answer); raw SQL: the statements the API should execute \
         (for a search, the index probe and then the page), with the same parameters, from {} concurrent callers on the server's own driver. Alone: the API \
         again from one connection, so each request waits behind no other.\n- Latencies in ms; \
         API/raw compares throughput.\n",
        chrono::Utc::now().format("%Y-%m-%d"),
        if options.release { "release" } else { "debug" },
        machine(),
        options.connections,
        options.seconds,
        options.connections,
    );
    for run in runs {
        text += &format!(
            "\n## {}: {} customers, {} orders, {} tickets\n\n| Workload | API req/s | API p50 | API p99 | alone p50 | \
             alone p99 | raw req/s | raw p50 | raw p99 | API/raw | failed |\n\
             |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
            run.database, run.customers, run.orders, run.tickets
        );
        for row in &run.rows {
            let ratio = row.raw.map_or("—".into(), |r| {
                format!("{:.0}%", 100.0 * row.api.per_second / r.per_second.max(f64::EPSILON))
            });
            let alone = row.alone.map_or("| — | — ".into(), |f| format!("| {:.2} | {:.2} ", f.p50_ms, f.p99_ms));
            let failed = row.api.failed + row.alone.map_or(0, |f| f.failed);
            text += &format!("| {} {}{alone}{}| {ratio} | {failed} |\n", row.name, cell(Some(row.api)), cell(row.raw));
        }
        text += &format!(
            "\nServer memory: {:.1} MB idle, {:.1} MB after the load (peak {:.1} MB). Cold start to `/readyz`: {:.0} ms.\n",
            run.rss_idle_mb, run.rss_loaded_mb, run.rss_peak_mb, run.cold_start_ms
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_are_found_only_as_a_heading() {
        let report = "# Benchmarks\n\nsee ## Findings below\n\n## Findings\n\nSearch scans.\n";
        assert_eq!(findings(report), Some("## Findings\n\nSearch scans.\n"));
        assert_eq!(findings("# Benchmarks\n\nno ## Findings heading\n"), None);
    }
}
