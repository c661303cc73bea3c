//! Load over HTTP with wrk: a Lua script per workload (a real JWT, the
//! request's parameters drawn from a sample), and wrk's own figures read back.

use std::path::Path;
use std::process::Command;

use super::Figures;

/// One HTTP workload: a method, a path per request (from a sample) and a body.
pub struct Http {
    pub method: &'static str,
    /// Paths to cycle through (one for a fixed request).
    pub paths: Vec<String>,
    /// Bodies to cycle through (none for a GET).
    pub bodies: Vec<String>,
    /// Send a fresh `Idempotency-Key` with each request.
    pub idempotent: bool,
    /// For updates: each path's current version, sent as `If-Match` and
    /// followed through the `ETag` of each answer. Each connection then runs
    /// on its own wrk thread and updates its own share of the paths, so no two
    /// writers ever race for one record.
    pub versions: Vec<i64>,
}

impl Http {
    pub fn get(path: String) -> Self {
        Self { method: "GET", paths: vec![path], bodies: Vec::new(), idempotent: false, versions: Vec::new() }
    }
}

fn lua_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn script(http: &Http, token: &str, lanes: u32) -> String {
    let list = |items: Vec<String>| items.join(",");
    let paths = list(http.paths.iter().map(|p| lua_string(p)).collect());
    let bodies = list(http.bodies.iter().map(|b| lua_string(b)).collect());
    let versions = list(http.versions.iter().map(i64::to_string).collect());
    let mut text = format!(
        r#"local paths = {{{paths}}}
local bodies = {{{bodies}}}
local versions = {{{versions}}}
local lanes = {lanes}
local counter = 0
local mine = nil
local turn = 0
local current = nil
prefix = ""
lane = 1
setup = function(thread)
  counter = counter + 1
  thread:set("prefix", "t" .. counter .. "-")
  thread:set("lane", counter)
end
request = function()
  counter = counter + 1
  local headers = {{}}
  headers["Authorization"] = "Bearer {token}"
  local body = nil
  if #bodies > 0 then
    headers["Content-Type"] = "application/json"
    body = bodies[(counter % #bodies) + 1]
  end
  if {idempotent} then headers["Idempotency-Key"] = "bench-" .. prefix .. counter .. "-" .. os.time() end
  local path = paths[(counter % #paths) + 1]
  if #versions > 0 then
    if not mine then
      mine = {{}}
      for i = 1, #paths do
        if (i - 1) % lanes == lane - 1 then table.insert(mine, i) end
      end
    end
    turn = turn % #mine + 1
    current = mine[turn]
    path = paths[current]
    headers["If-Match"] = '"' .. versions[current] .. '"'
  end
  return wrk.format("{method}", path, headers, body)
end
"#,
        method = http.method,
        idempotent = http.idempotent,
    );
    if !http.versions.is_empty() {
        // The answer to this thread's one connection carries the new version.
        text += r#"response = function(status, headers, body)
  local tag = headers["ETag"] or headers["etag"]
  if current and tag then versions[current] = tonumber(string.match(tag, "%d+")) end
end
"#;
    }
    text
}

/// `1.23ms`, `850.00us`, `2.01s` in milliseconds.
fn millis(text: &str) -> Option<f64> {
    let (number, scale) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000.0)
    } else {
        return None;
    };
    number.parse::<f64>().ok().map(|n| n * scale)
}

/// Requests per second, p50, p99 and failed responses from wrk's report.
pub fn parse(output: &str) -> Option<Figures> {
    let mut figures = Figures::default();
    for line in output.lines().map(str::trim) {
        let mut words = line.split_whitespace();
        match (words.next(), words.next()) {
            (Some("Requests/sec:"), Some(n)) => figures.per_second = n.parse().ok()?,
            (Some("50%"), Some(t)) => figures.p50_ms = millis(t)?,
            (Some("99%"), Some(t)) => figures.p99_ms = millis(t)?,
            (Some("Non-2xx"), _) => figures.failed += line.rsplit(' ').next()?.parse::<u64>().ok()?,
            // `Socket errors: connect 0, read 0, write 0, timeout 3`: a timed-out request failed too.
            (Some("Socket"), Some("errors:")) => figures.failed += line.rsplit(' ').next()?.parse::<u64>().ok()?,
            _ => {}
        }
    }
    (figures.per_second > 0.0).then_some(figures)
}

/// Run wrk against `base` for `seconds` with `connections` and report its figures.
pub fn run(base: &str, http: &Http, token: &str, load: (u32, u32), work: &Path) -> Result<Figures, String> {
    let (seconds, connections) = load;
    // An update follows its records' versions, which needs one connection per thread.
    let threads = if http.versions.is_empty() { connections.min(2) } else { connections };
    let path = work.join("workload.lua");
    std::fs::write(&path, script(http, token, threads)).map_err(|e| e.to_string())?;
    let output = Command::new("wrk")
        .args(["--latency", "-t", &threads.to_string(), "-c", &connections.to_string(), "-d", &format!("{seconds}s")])
        // A slow answer is measured, not dropped at wrk's default of 2 s.
        .args(["--timeout", "30s"])
        .arg("-s")
        .arg(&path)
        .arg(base)
        .output()
        .map_err(|e| format!("wrk: {e} (install it: apt-get install wrk)"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    parse(&text).ok_or_else(|| format!("unreadable wrk output: {text}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrk_reports_are_read() {
        let report = "Running 1s test @ http://127.0.0.1:1\n  2 threads and 8 connections\n  Latency Distribution\n     50%  845.00us\n     75%    1.20ms\n     90%    2.00ms\n     99%   12.31ms\n  9000 requests in 1.00s, 1.2MB read\n  Non-2xx or 3xx responses: 3\nRequests/sec:   8996.12\nTransfer/sec:      1.2MB\n";
        let figures = parse(report).unwrap_or_default();
        assert_eq!((figures.per_second, figures.failed), (8996.12, 3));
        assert!((figures.p50_ms - 0.845).abs() < 1e-9 && (figures.p99_ms - 12.31).abs() < 1e-9);
        assert!(parse("wrk: connection refused").is_none());
        let timed_out =
            report.replace("  Non-2xx", "  Socket errors: connect 0, read 0, write 0, timeout 2\n  Non-2xx");
        assert_eq!(parse(&timed_out).map(|f| f.failed), Some(5), "timeouts and error answers both fail");
    }
}
