//! The raw database side of a workload: the statement the API should be
//! executing, with the same parameters, run by as many concurrent callers as
//! wrk has connections, on the same driver and pool the server uses, without
//! HTTP, authentication or JSON.

use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::Figures;
use super::workloads::RawRequest;

/// Run each caller's requests in turn for `seconds`; the requests are
/// cycled through, so each gets the next sample's parameters. A request's
/// latency spans all of its statements.
pub async fn run(
    conn: &DatabaseConnection,
    requests: Arc<Vec<RawRequest>>,
    seconds: u32,
    callers: u32,
) -> Result<Figures, String> {
    let until = Instant::now() + Duration::from_secs(u64::from(seconds));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for caller in 0..callers as usize {
        let (conn, requests) = (conn.clone(), requests.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut next = caller;
            while Instant::now() < until {
                let request = &requests[next % requests.len()];
                next += 1;
                let began = Instant::now();
                for statement in request {
                    conn.query_all_raw(statement.clone()).await.map_err(|e| e.to_string())?;
                }
                latencies.push(began.elapsed());
            }
            Ok::<_, String>(latencies)
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.map_err(|e| e.to_string())??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    Ok(summarise(latencies, elapsed))
}

/// Throughput and the 50th and 99th percentile of `latencies`.
pub fn summarise(mut latencies: Vec<Duration>, elapsed_secs: f64) -> Figures {
    latencies.sort_unstable();
    let at = |quantile: f64| {
        let index = ((latencies.len() as f64 * quantile).ceil() as usize).saturating_sub(1);
        latencies.get(index).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Figures {
        per_second: latencies.len() as f64 / elapsed_secs.max(f64::EPSILON),
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        failed: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let latencies: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        let figures = summarise(latencies, 2.0);
        assert_eq!((figures.per_second, figures.p50_ms, figures.p99_ms), (50.0, 50.0, 99.0));
        assert_eq!(summarise(Vec::new(), 1.0).p99_ms, 0.0);
    }
}
