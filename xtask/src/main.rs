//! `cargo xtask <task>`: the project's own automation.
//!
//! - `openapi`         regenerate `openapi/openapi.json` from the code
//! - `openapi --check` fail when the committed spec differs from the code

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
        _ => {
            eprintln!("usage: cargo xtask openapi [--check]");
            ExitCode::FAILURE
        }
    }
}
