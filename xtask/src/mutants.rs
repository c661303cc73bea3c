//! `cargo xtask mutants [crate] [cargo-mutants options…]`: mutation testing
//! of one crate (kehu-domain by default) with a pinned cargo-mutants.
//!
//! Each mutant is a small wrong edit of a rule (`<` for `<=`, a match arm
//! deleted, a function returning a constant); a test must fail for it. The
//! score is caught / (caught + missed + timeouts): mutants that do not
//! build (unviable) say nothing about the tests and are left out. Below
//! [`THRESHOLD`] percent the task fails and names every survivor.
//!
//! cargo-mutants is installed on first use under `$KEHU_CACHE/tools` (the
//! project's other tools live there too), and it builds its copies of the
//! workspace in `$KEHU_CACHE/mutants/target` so it never holds the lock of
//! the usual build. Its report lands in `$KEHU_CACHE/mutants/<crate>`.
//! Options after the crate go to cargo-mutants unchanged, e.g.
//! `--file crates/domain/src/sla.rs` while working on one rule.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The cargo-mutants release the thresholds were measured with.
pub const PINNED: &str = "27.1.0";
/// Lowest score, in percent, that passes.
pub const THRESHOLD: f64 = 95.0;
/// Longest a build or a test run of one mutant may take, in seconds.
const TIMEOUT_SECONDS: &str = "60";

/// The crates whose unit tests alone are the rules' tests; for any other
/// crate every test target runs (kehu-types' edge tests are integration
/// tests under `crates/types/tests`).
const LIB_TESTS_ONLY: &[&str] = &["kehu-domain"];

/// The mutants of one run, by outcome, as cargo-mutants lists them
/// (`file:line:column: description`).
#[derive(Debug, Default, PartialEq)]
pub struct Outcomes {
    pub caught: Vec<String>,
    pub missed: Vec<String>,
    pub timeout: Vec<String>,
    pub unviable: Vec<String>,
}

impl Outcomes {
    /// Caught / viable, in percent; `None` when no viable mutant was tested.
    pub fn score(&self) -> Option<f64> {
        let viable = self.caught.len() + self.missed.len() + self.timeout.len();
        (viable > 0).then(|| 100.0 * self.caught.len() as f64 / viable as f64)
    }

    /// Read `caught.txt`, `missed.txt`, `timeout.txt` and `unviable.txt`;
    /// a file that is missing holds no mutant.
    fn read(dir: &Path) -> Self {
        let lines = |name: &str| -> Vec<String> {
            std::fs::read_to_string(dir.join(name))
                .unwrap_or_default()
                .lines()
                .filter(|line| !line.trim().is_empty())
                .map(str::to_owned)
                .collect()
        };
        Self {
            caught: lines("caught.txt"),
            missed: lines("missed.txt"),
            timeout: lines("timeout.txt"),
            unviable: lines("unviable.txt"),
        }
    }

    /// The summary printed after a run.
    pub fn report(&self, krate: &str, seconds: u64) -> String {
        let score = self.score().map_or_else(|| "no viable mutant".to_owned(), |s| format!("{s:.1} %"));
        let mut text = format!(
            "{krate}: {score} of viable mutants caught = caught / (caught + missed + timeout) = {} / {}\n\
             {} caught, {} missed, {} timeout, {} unviable (not counted), in {}m {:02}s\n",
            self.caught.len(),
            self.caught.len() + self.missed.len() + self.timeout.len(),
            self.caught.len(),
            self.missed.len(),
            self.timeout.len(),
            self.unviable.len(),
            seconds / 60,
            seconds % 60,
        );
        if !self.missed.is_empty() || !self.timeout.is_empty() {
            text.push_str("survivors:\n");
        }
        for line in &self.missed {
            text.push_str(&format!("  MISSED   {line}\n"));
        }
        for line in &self.timeout {
            text.push_str(&format!("  TIMEOUT  {line}\n"));
        }
        text
    }
}

/// `$KEHU_CACHE`, by default `~/.cache/kehu` (as `scripts/lib.sh` has it).
fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("KEHU_CACHE").filter(|dir| !dir.is_empty()) {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").filter(|home| !home.is_empty()).unwrap_or_else(|| "/tmp".into());
    PathBuf::from(home).join(".cache/kehu")
}

/// `PATH` with the cached tools first.
fn path_with(bin: &Path) -> Result<OsString, String> {
    let mut dirs = vec![bin.to_path_buf()];
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(dirs).map_err(|e| format!("cannot build PATH: {e}"))
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Whether `cargo mutants --version` answers with the pinned release.
fn pinned_is_installed(path: &OsString) -> bool {
    Command::new(cargo())
        .args(["mutants", "--version"])
        .env("PATH", path)
        .output()
        .is_ok_and(|out| out.status.success() && String::from_utf8_lossy(&out.stdout).trim().ends_with(PINNED))
}

fn install(tools: &Path, path: &OsString) -> Result<(), String> {
    eprintln!("installing cargo-mutants {PINNED} under {} (once)", tools.display());
    let status = Command::new(cargo())
        .args(["install", "--locked", "cargo-mutants", "--version", PINNED, "--root"])
        .arg(tools)
        .env("PATH", path)
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if !status.success() {
        return Err(format!("cargo install cargo-mutants {PINNED} failed ({status})"));
    }
    if pinned_is_installed(path) {
        Ok(())
    } else {
        Err(format!("cargo mutants --version does not answer {PINNED} after installing it"))
    }
}

/// Mutate `krate`, print the score and the survivors; `Err` below the threshold.
pub fn run(krate: &str, extra: &[&str]) -> Result<(), String> {
    let cache = cache_dir();
    let tools = cache.join("tools");
    let path = path_with(&tools.join("bin"))?;
    if !pinned_is_installed(&path) {
        install(&tools, &path)?;
    }
    let output = cache.join("mutants").join(krate);
    std::fs::create_dir_all(&output).map_err(|e| format!("cannot create {}: {e}", output.display()))?;
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut command = Command::new(cargo());
    command
        .current_dir(&workspace)
        .args(["mutants", "--package", krate, "--timeout", TIMEOUT_SECONDS, "--jobs", "1", "--output"])
        .arg(&output)
        .args(extra)
        .env("PATH", &path)
        .env("CARGO_TARGET_DIR", cache.join("mutants/target"));
    if LIB_TESTS_ONLY.contains(&krate) {
        command.arg("--cargo-test-arg=--lib");
    }
    let started = Instant::now();
    let status = command.status().map_err(|e| format!("cannot run cargo mutants: {e}"))?;
    let seconds = started.elapsed().as_secs();
    // 0: all caught, 2: some missed, 3: some timed out; anything else means
    // the run itself failed (bad options, or the tests fail unmutated).
    if !matches!(status.code(), Some(0 | 2 | 3)) {
        return Err(format!("cargo mutants failed ({status}); its log is in {}/mutants.out", output.display()));
    }
    let outcomes = Outcomes::read(&output.join("mutants.out"));
    print!("{}", outcomes.report(krate, seconds));
    println!("report: {}/mutants.out", output.display());
    match outcomes.score() {
        Some(score) if score >= THRESHOLD => Ok(()),
        Some(score) => Err(format!("{krate}: {score:.1} % is below {THRESHOLD} %: test the survivors above")),
        None => Err(format!("{krate}: no viable mutant was tested")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcomes(caught: usize, missed: usize, timeout: usize, unviable: usize) -> Outcomes {
        let named = |n: usize, what: &str| (0..n).map(|i| format!("src/a.rs:{i}:1: {what}")).collect();
        Outcomes {
            caught: named(caught, "caught"),
            missed: named(missed, "missed"),
            timeout: named(timeout, "timeout"),
            unviable: named(unviable, "unviable"),
        }
    }

    #[test]
    fn the_score_leaves_unviable_mutants_out() {
        assert_eq!(outcomes(95, 4, 1, 70).score(), Some(95.0));
        assert_eq!(outcomes(3, 1, 0, 0).score(), Some(75.0));
        assert_eq!(outcomes(0, 0, 0, 9).score(), None);
        assert!(outcomes(94, 5, 1, 0).score().is_some_and(|s| s < THRESHOLD));
    }

    #[test]
    fn the_report_names_every_survivor() {
        let report = outcomes(2, 1, 1, 3).report("kehu-domain", 125);
        assert!(report.starts_with("kehu-domain: 50.0 % of viable mutants caught"), "{report}");
        assert!(report.contains("2 caught, 1 missed, 1 timeout, 3 unviable (not counted), in 2m 05s"), "{report}");
        assert!(report.contains("  MISSED   src/a.rs:0:1: missed\n  TIMEOUT  src/a.rs:0:1: timeout\n"), "{report}");
        assert!(!outcomes(2, 0, 0, 0).report("x", 1).contains("survivors"));
    }

    #[test]
    fn outcome_files_are_read_line_by_line() {
        let dir = std::env::temp_dir().join(format!("kehu-mutants-test-{}", std::process::id()));
        let done = |result: std::io::Result<()>| result.unwrap_or_else(|e| panic!("{e}"));
        done(std::fs::create_dir_all(&dir));
        done(std::fs::write(dir.join("caught.txt"), "a.rs:1:1: one\na.rs:2:1: two\n"));
        done(std::fs::write(dir.join("missed.txt"), "\na.rs:3:1: three\n"));
        let read = Outcomes::read(&dir);
        done(std::fs::remove_dir_all(&dir));
        assert_eq!(read.caught, ["a.rs:1:1: one", "a.rs:2:1: two"]);
        assert_eq!(read.missed, ["a.rs:3:1: three"]);
        assert!(read.timeout.is_empty() && read.unviable.is_empty());
    }
}
