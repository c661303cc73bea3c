//! Configuration, in one place. Precedence, lowest first: built-in defaults, an
//! optional `kehu.toml` (or the file named by `--config` / `KEHU_CONFIG`), `KEHU_*`
//! environment variables, command-line flags. Secrets may also come from a file
//! named by `KEHU_<NAME>_FILE` (Docker and Kubernetes secrets).
//!
//! | setting | env | default |
//! |---|---|---|
//! | `listen` | `KEHU_LISTEN` | `127.0.0.1:8080` |
//! | `data_dir` | `KEHU_DATA_DIR` | `./data` |
//! | `database_url` | `KEHU_DATABASE_URL` | `sqlite://<data_dir>/kehu.db?mode=rwc` |
//! | `admin_email` | `KEHU_ADMIN_EMAIL` | `admin@kehu.local` |
//! | `admin_password` | `KEHU_ADMIN_PASSWORD` | generated and printed once on first start |
//! | `jwt_secret` | `KEHU_JWT_SECRET` | generated once, kept in `<data_dir>/jwt_secret` |
//! | `access_token_ttl_secs` | `KEHU_ACCESS_TOKEN_TTL_SECS` | `900` |
//! | `refresh_token_ttl_days` | `KEHU_REFRESH_TOKEN_TTL_DAYS` | `30` |
//! | `json_limit_bytes` | `KEHU_JSON_LIMIT_BYTES` | `1048576` |
//! | `max_connections` | `KEHU_MAX_CONNECTIONS` | `16` |
//! | `web_dir` | `KEHU_WEB_DIR` | `./frontend/dist` when it exists |
//! | `log_format` | `KEHU_LOG_FORMAT` | `text` (or `json`) |
//! | `jobs_interval_secs` | `KEHU_JOBS_INTERVAL_SECS` | `15` (`0` runs no background jobs) |
//!
//! `KEHU_LOG` sets the log filter (e.g. `debug`, `info,sqlx=warn`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The resolved configuration the server runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: String,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub admin_email: String,
    pub admin_password: Option<String>,
    pub jwt_secret: Option<String>,
    pub access_token_ttl_secs: u64,
    pub refresh_token_ttl_days: u64,
    pub json_limit_bytes: usize,
    pub max_connections: u32,
    pub web_dir: Option<PathBuf>,
    pub log_format: String,
    /// How often this instance looks for due background jobs (SLA warnings and
    /// breaches); 0 turns the runner off (tests drive it themselves).
    pub jobs_interval_secs: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            admin_email: "admin@kehu.local".into(),
            admin_password: None,
            jwt_secret: None,
            access_token_ttl_secs: 900,
            refresh_token_ttl_days: 30,
            json_limit_bytes: 1024 * 1024,
            max_connections: 16,
            web_dir: None,
            log_format: "text".into(),
            jobs_interval_secs: 15,
        }
    }
}

/// Settings from one source; `None` leaves the lower layer's value.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub admin_email: Option<String>,
    pub admin_password: Option<String>,
    pub jwt_secret: Option<String>,
    pub access_token_ttl_secs: Option<u64>,
    pub refresh_token_ttl_days: Option<u64>,
    pub json_limit_bytes: Option<usize>,
    pub max_connections: Option<u32>,
    pub web_dir: Option<PathBuf>,
    pub log_format: Option<String>,
    pub jobs_interval_secs: Option<u64>,
}

const ENV_NAMES: &[&str] = &[
    "LISTEN",
    "DATA_DIR",
    "DATABASE_URL",
    "ADMIN_EMAIL",
    "ADMIN_PASSWORD",
    "JWT_SECRET",
    "ACCESS_TOKEN_TTL_SECS",
    "REFRESH_TOKEN_TTL_DAYS",
    "JSON_LIMIT_BYTES",
    "MAX_CONNECTIONS",
    "WEB_DIR",
    "LOG_FORMAT",
    "JOBS_INTERVAL_SECS",
    "CONFIG",
    // Read by the logger and by the project's scripts, not by the config layers.
    "LOG",
    "CACHE",
    "SCHEMATHESIS_SECS",
];

impl Config {
    /// Apply a layer over this configuration.
    pub fn apply(&mut self, layer: Layer) {
        macro_rules! take {
            ($($field:ident),*) => { $(if let Some(value) = layer.$field { self.$field = value; })* };
        }
        macro_rules! take_opt {
            ($($field:ident),*) => { $(if layer.$field.is_some() { self.$field = layer.$field; })* };
        }
        take!(
            listen,
            data_dir,
            admin_email,
            access_token_ttl_secs,
            refresh_token_ttl_days,
            json_limit_bytes,
            max_connections,
            log_format,
            jobs_interval_secs
        );
        take_opt!(database_url, admin_password, jwt_secret, web_dir);
    }

    /// The database URL: the configured one, or SQLite in the data directory.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", self.data_dir.join("kehu.db").display()))
    }

    /// Defaults, then the config file, then the environment; flags are applied
    /// by the caller. Returns warnings to log once logging is set up.
    pub fn load(config_file: Option<&Path>) -> Result<(Self, Vec<String>), String> {
        let mut config = Self::default();
        let mut warnings = Vec::new();
        let env_file = std::env::var("KEHU_CONFIG").ok().map(PathBuf::from);
        let explicit = config_file.map(Path::to_path_buf).or(env_file);
        let path = explicit.clone().unwrap_or_else(|| PathBuf::from("kehu.toml"));
        if path.exists() {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let layer: Layer = toml::from_str(&text).map_err(|e| format!("invalid {}: {e}", path.display()))?;
            config.apply(layer);
        } else if explicit.is_some() {
            return Err(format!("config file {} does not exist", path.display()));
        }
        config.apply(env_layer()?);
        for (name, _) in std::env::vars() {
            if let Some(rest) = name.strip_prefix("KEHU_") {
                let base = rest.strip_suffix("_FILE").unwrap_or(rest);
                if !ENV_NAMES.contains(&base) && !base.starts_with("TEST_") {
                    warnings.push(format!("unknown setting {name} is ignored"));
                }
            }
        }
        if config.web_dir.is_none() {
            let built = PathBuf::from("frontend/dist");
            config.web_dir = built.join("index.html").exists().then_some(built);
        }
        Ok((config, warnings))
    }
}

/// Read `KEHU_<NAME>`, or the contents of the file named by `KEHU_<NAME>_FILE`.
/// An empty value counts as unset, so scripts can pass `KEHU_X=` through.
fn env_value(name: &str) -> Result<Option<String>, String> {
    if let Ok(value) = std::env::var(format!("KEHU_{name}"))
        && !value.trim().is_empty()
    {
        return Ok(Some(value));
    }
    match std::env::var(format!("KEHU_{name}_FILE")) {
        Ok(path) => std::fs::read_to_string(&path)
            .map(|text| Some(text.trim().to_owned()))
            .map_err(|e| format!("cannot read KEHU_{name}_FILE {path}: {e}")),
        Err(_) => Ok(None),
    }
}

fn env_number<T: std::str::FromStr>(name: &str) -> Result<Option<T>, String> {
    env_value(name)?
        .map(|text| text.trim().parse().map_err(|_| format!("KEHU_{name} must be a number, got {text:?}")))
        .transpose()
}

fn env_layer() -> Result<Layer, String> {
    Ok(Layer {
        listen: env_value("LISTEN")?,
        data_dir: env_value("DATA_DIR")?.map(PathBuf::from),
        database_url: env_value("DATABASE_URL")?,
        admin_email: env_value("ADMIN_EMAIL")?,
        admin_password: env_value("ADMIN_PASSWORD")?,
        jwt_secret: env_value("JWT_SECRET")?,
        access_token_ttl_secs: env_number("ACCESS_TOKEN_TTL_SECS")?,
        refresh_token_ttl_days: env_number("REFRESH_TOKEN_TTL_DAYS")?,
        json_limit_bytes: env_number("JSON_LIMIT_BYTES")?,
        max_connections: env_number("MAX_CONNECTIONS")?,
        web_dir: env_value("WEB_DIR")?.map(PathBuf::from),
        log_format: env_value("LOG_FORMAT")?,
        jobs_interval_secs: env_number("JOBS_INTERVAL_SECS")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_override_in_order() {
        let mut config = Config::default();
        config.apply(toml::from_str("listen = \"0.0.0.0:9000\"\njson_limit_bytes = 10").unwrap_or_default());
        config.apply(Layer { listen: Some("127.0.0.1:1".into()), ..Layer::default() });
        assert_eq!(config.listen, "127.0.0.1:1");
        assert_eq!(config.json_limit_bytes, 10);
        assert!(config.database_url().starts_with("sqlite://"));
    }

    #[test]
    fn unknown_file_keys_are_refused() {
        assert!(toml::from_str::<Layer>("lissen = \"x\"").is_err());
    }
}
