//! First start: the data directory, the JWT secret, migrations and the first admin.

use std::path::Path;

use kehu_store::Db;
use kehu_store::entities::user;
use kehu_types::{CreateUser, Role};
use rand::RngCore;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::config::Config;
use crate::identity::users;

/// The configured JWT secret, or the one kept in the data directory (created
/// on first start, readable by the owner only).
pub fn jwt_secret(config: &Config) -> Result<Vec<u8>, String> {
    if let Some(secret) = &config.jwt_secret {
        if secret.len() < 32 {
            return Err("KEHU_JWT_SECRET must be at least 32 characters".into());
        }
        return Ok(secret.as_bytes().to_vec());
    }
    let path = config.data_dir.join("jwt_secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim();
        if existing.len() >= 32 {
            return Ok(existing.as_bytes().to_vec());
        }
    }
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", config.data_dir.display()))?;
    let mut bytes = [0u8; 48];
    rand::rng().fill_bytes(&mut bytes);
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    write_private(&path, &secret)?;
    tracing::info!(path = %path.display(), "generated a new JWT signing secret");
    Ok(secret.into_bytes())
}

fn write_private(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("cannot protect {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Connect and migrate. The SQLite file's directory is created when missing.
pub async fn database(config: &Config) -> Result<Db, String> {
    let url = config.database_url();
    if let Some(path) = url.strip_prefix("sqlite://").map(|rest| rest.split('?').next().unwrap_or_default())
        && let Some(parent) = Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let db = Db::connect(&url, config.max_connections).await.map_err(|e| format!("cannot open the database: {e}"))?;
    db.migrate().await.map_err(|e| format!("migration failed: {e}"))?;
    Ok(db)
}

/// On an empty database, create the first admin. Returns the generated password
/// when none was configured, so the caller can show it once.
pub async fn first_admin(db: &Db, config: &Config) -> Result<Option<String>, String> {
    let count = user::Entity::find().count(db.conn()).await.map_err(|e| e.to_string())?;
    if count > 0 {
        return Ok(None);
    }
    let generated = config.admin_password.is_none().then(|| {
        let mut bytes = [0u8; 12];
        rand::rng().fill_bytes(&mut bytes);
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    });
    let password = config.admin_password.clone().or_else(|| generated.clone()).unwrap_or_default();
    let input = CreateUser {
        email: config.admin_email.clone(),
        name: "Administrator".into(),
        password,
        role: Role::Admin,
        team_id: None,
    };
    let txn = db.begin_write().await.map_err(|e| e.to_string())?;
    let row = users::create(&*txn, &input).await.map_err(|e| format!("cannot create the first admin: {e}"))?;
    let meta = crate::http::actor::RequestMeta { request_id: None, ip: None };
    crate::platform::audit::record(
        &*txn,
        None,
        &meta,
        "user.create",
        "user",
        Some(row.id),
        serde_json::json!({ "email": row.email, "role": "admin", "bootstrap": true }),
    )
    .await
    .map_err(|e| e.to_string())?;
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(generated)
}
