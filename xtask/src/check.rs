//! `cargo xtask check`: the invariants the API keeps
//! (`kehu_store::invariants`), verified over a whole database (seeded or live).

use kehu_store::Db;

/// Count the violations of each invariant; `Err` names those that fail.
pub async fn run(database: &str) -> Result<(), String> {
    let db = Db::connect(database, 2).await.map_err(|e| e.to_string())?;
    let counts = kehu_store::invariants::counts(db.conn()).await.map_err(|e| e.to_string())?;
    let mut failed = 0;
    for (rule, broken) in counts {
        if broken == 0 {
            println!("ok   {rule}");
        } else {
            println!("FAIL {rule}: {broken} rows");
            failed += 1;
        }
    }
    db.close().await.map_err(|e| e.to_string())?;
    if failed == 0 { Ok(()) } else { Err(format!("{failed} invariants broken")) }
}
