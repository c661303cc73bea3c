//! `kehu`: serve the API and web app, or run migrations alone.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kehu_server::config::{Config, Layer};
use kehu_server::{app, bootstrap, demo, demo_articles, demo_orders, demo_tickets};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(name = "kehu", version, about = "Kehu (客户): a self-hosted CRM for customer service")]
struct Cli {
    /// Configuration file (default: ./kehu.toml when present; env KEHU_CONFIG).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Address and port to listen on (env KEHU_LISTEN).
    #[arg(long, global = true)]
    listen: Option<String>,
    /// Data directory for the SQLite file and the JWT secret (env KEHU_DATA_DIR).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// sqlite://… or postgres://… (env KEHU_DATABASE_URL).
    #[arg(long, global = true)]
    database_url: Option<String>,
    /// Fill an empty database with realistic sample customers first.
    #[arg(long)]
    demo: bool,
    /// How many demo customers `--demo` creates.
    #[arg(long, default_value_t = 200, requires = "demo")]
    demo_size: u64,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the web app (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
}

fn init_logging(format: &str) {
    let filter = EnvFilter::try_from_env("KEHU_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    if format == "json" {
        builder.json().flatten_event(true).with_current_span(true).init();
    } else {
        builder.init();
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let (mut config, warnings) = Config::load(cli.config.as_deref())?;
    config.apply(Layer {
        listen: cli.listen,
        data_dir: cli.data_dir,
        database_url: cli.database_url,
        ..Layer::default()
    });
    init_logging(&config.log_format);
    for warning in warnings {
        tracing::warn!("{warning}");
    }
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => {
            bootstrap::database(&config).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Serve => {
            let running = app::start(config.clone(), None).await?;
            if let Some(password) = &running.generated_admin_password {
                println!(
                    "\n  First start: created the admin account\n    email:    {}\n    password: {password}\n  Keep it now: it is not shown again.\n",
                    config.admin_email
                );
            }
            if cli.demo {
                let added =
                    demo::load(&running.state.db, cli.demo_size).await.map_err(|e| format!("demo data: {e}"))?;
                let tickets = demo_tickets::load(&running.state.db).await.map_err(|e| format!("demo tickets: {e}"))?;
                let articles =
                    demo_articles::load(&running.state.db).await.map_err(|e| format!("demo articles: {e}"))?;
                let orders = demo_orders::load(&running.state.db).await.map_err(|e| format!("demo orders: {e}"))?;
                tracing::info!(customers = added, tickets, articles, orders, "demo data ready");
            }
            tracing::info!(address = %running.addr, database = %redact(&config.database_url()), "Kehu is listening");
            println!("  Kehu is running at http://{}  (API docs: http://{}/api/docs/)", running.addr, running.addr);
            running.server.await.map_err(|e| e.to_string())
        }
    }
}

/// Hide a password in a database URL before logging it.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..])
        }
        _ => url.to_owned(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = actix_web::rt::System::new().block_on(run(cli));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("kehu: {message}");
            ExitCode::FAILURE
        }
    }
}
