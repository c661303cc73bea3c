//! `cargo xtask <task>`: the project's own automation.
//!
//! - `openapi`         regenerate `openapi/openapi.json` from the code
//! - `openapi --check` fail when the committed spec differs from the code
//! - `seed --database URL --customers N [--seed S]`: fill an empty database
//!   with N realistic customers
//! - `check --database URL`: verify the invariants the API keeps over a
//!   whole database
//! - `bench --database URL [--database URL…] [--seconds S] [--connections C]
//!   [--debug] [--out FILE] [--only WORKLOAD]`: measure the API against raw
//!   SQL on seeded databases and write the report
//! - `mutants [CRATE] [cargo-mutants options]`: mutation testing of a crate
//!   (kehu-domain by default); fails below 95 % of viable mutants caught
//! - `imports DIR…`: fail when the modules of a crate (each DIR is its `src/`)
//!   import each other in a loop

mod bench;
mod check;
mod imports;
mod mutants;
mod seed;

use std::path::PathBuf;
use std::process::ExitCode;

fn spec_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["openapi"] => {
            let spec = kehu_server::openapi::spec_json();
            match std::fs::write(spec_path(), spec) {
                Ok(()) => {
                    println!("wrote openapi/openapi.json");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("cannot write openapi/openapi.json: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        ["openapi", "--check"] => {
            let committed = std::fs::read_to_string(spec_path()).unwrap_or_default();
            if committed == kehu_server::openapi::spec_json() {
                println!("openapi/openapi.json is up to date");
                ExitCode::SUCCESS
            } else {
                eprintln!("openapi/openapi.json is stale: run `cargo xtask openapi` and commit it");
                ExitCode::FAILURE
            }
        }
        ["seed", rest @ ..] => match seed_options(rest) {
            Some(options) => block_on(async {
                let report = seed::run(&options).await?;
                println!(
                    "seeded {} customers, {} orders, {} tickets, {} rows in {:.1} s: {:.0} customers/s, {:.0} rows/s",
                    report.customers,
                    report.orders,
                    report.tickets,
                    report.rows,
                    report.seconds,
                    report.customers as f64 / report.seconds,
                    report.rows as f64 / report.seconds
                );
                Ok(())
            }),
            None => usage(),
        },
        ["check", "--database", url] => block_on(check::run(url)),
        ["bench", rest @ ..] => match bench_options(rest) {
            Some(options) => block_on(bench::run(&options)),
            None => usage(),
        },
        ["imports", dirs @ ..] if !dirs.is_empty() => imports::run(dirs),
        ["mutants", rest @ ..] => {
            let (krate, extra) = match rest {
                [krate, extra @ ..] if !krate.starts_with('-') => (*krate, extra),
                _ => ("kehu-domain", rest),
            };
            match mutants::run(krate, extra) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("{error}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: cargo xtask openapi [--check]\n       cargo xtask seed --database URL --customers N [--seed S]\n       cargo xtask check --database URL\n       cargo xtask bench --database URL [--database URL] [--seconds S] [--connections C] [--debug] [--out FILE] [--only WORKLOAD]\n       cargo xtask mutants [CRATE] [cargo-mutants options]\n       cargo xtask imports DIR…"
    );
    ExitCode::FAILURE
}

/// `--database URL --customers N [--seed S]`, in any order.
fn seed_options(args: &[&str]) -> Option<seed::Options> {
    let mut options = seed::Options { database: String::new(), customers: 0, seed: 0x6b65_6875 };
    for pair in args.chunks(2) {
        match pair {
            ["--database", url] => options.database = (*url).to_owned(),
            ["--customers", n] => options.customers = n.replace('_', "").parse().ok()?,
            ["--seed", n] => options.seed = n.parse().ok()?,
            _ => return None,
        }
    }
    (!options.database.is_empty() && options.customers > 0).then_some(options)
}

/// `--database URL` (once per database), `--seconds S`, `--connections C`,
/// `--debug`, `--out FILE`, `--only WORKLOAD` (part of a workload's name).
fn bench_options(args: &[&str]) -> Option<bench::Options> {
    let mut options =
        bench::Options { databases: Vec::new(), seconds: 10, connections: 16, release: true, out: None, only: None };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--database" => options.databases.push((*args.next()?).to_owned()),
            "--seconds" => options.seconds = args.next()?.parse().ok()?,
            "--connections" => options.connections = args.next()?.parse().ok()?,
            "--out" => options.out = Some(PathBuf::from(args.next()?)),
            "--debug" => options.release = false,
            "--only" => options.only = Some((*args.next()?).to_owned()),
            _ => return None,
        }
    }
    (!options.databases.is_empty() && options.seconds > 0 && options.connections > 0).then_some(options)
}

fn block_on(task: impl std::future::Future<Output = Result<(), String>>) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(task) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
