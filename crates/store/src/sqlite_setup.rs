//! Two SQLite settings that sqlx has no option for, both about doing less
//! work per statement when many connections read at once.
//!
//! - **No memory statistics.** By default every allocation SQLite makes takes
//!   one process-wide mutex to keep its memory statistics, which nothing here
//!   reads. Sixteen connections decoding rows at once then queue on that
//!   mutex: at a page of fifty customers, its futex calls were about a tenth
//!   of the server's CPU.
//! - **The query planner stability guarantee.** The bundled SQLite keeps value
//!   histograms (`sqlite_stat4`). Without the guarantee, a statement whose
//!   plan could depend on a bound value — an indexed column compared with
//!   `?`, a `LIKE ?` — expires whenever a new value is bound, and its next
//!   step parses and plans it again. Every query here binds its values, so
//!   the statement cache saved nothing: reading a customer by id spent a
//!   fifth of the server's CPU re-preparing. With the guarantee, a statement
//!   keeps the plan it was prepared with; the plan tests hold that those are
//!   the plans the indexes are made for.

use std::ffi::c_int;
use std::sync::Once;

use sea_orm::sqlx::{self, SqliteConnection};

/// Configure the SQLite library for this process. SQLite accepts this only
/// before its first connection opens; later calls do nothing.
pub fn configure_library() {
    static CONFIGURED: Once = Once::new();
    CONFIGURED.call_once(|| {
        // SAFETY: SQLITE_CONFIG_MEMSTATUS takes one int. sqlite3_config is not
        // thread-safe, and runs here once, before this process opens any
        // connection (`Db::connect` calls this first), so no other thread is
        // inside SQLite.
        let off: c_int = 0;
        #[allow(unsafe_code)]
        let code = unsafe { libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS, off) };
        if code != libsqlite3_sys::SQLITE_OK {
            tracing::warn!(code, "SQLite kept its memory statistics: it was in use before it was configured");
        }
    });
}

/// Plan every statement on `conn` once, whatever values are bound later.
pub async fn configure_connection(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    let (on, mut enabled): (c_int, c_int) = (1, 0);
    // SAFETY: `db` is this connection's open handle, held exclusively by the
    // lock above for the duration of the call; SQLITE_DBCONFIG_ENABLE_QPSG
    // takes an int (1 to enable) and a pointer to an int that receives the
    // resulting setting, both valid for the call.
    #[allow(unsafe_code)]
    let code =
        unsafe { libsqlite3_sys::sqlite3_db_config(db, libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG, on, &mut enabled) };
    if code != libsqlite3_sys::SQLITE_OK || enabled != 1 {
        return Err(sqlx::Error::Configuration(
            format!("SQLite refused the query planner stability guarantee (code {code})").into(),
        ));
    }
    Ok(())
}
