//! The service desk of the seeded world: teams of agents, and the policies
//! and categories the migrations installed, which tickets are then replayed
//! against (`tickets`).

use chrono::{DateTime, Utc};
use kehu_server::desk::sla_policies::{Policy, active_policies};
use kehu_store::Db;
use kehu_store::entities::{team, ticket_category, user};
use kehu_types::Role;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::insert_all;

const TEAMS: [&str; 6] = ["华东一组", "华东二组", "华南组", "华北组", "VIP 专席", "Overseas"];
const AGENTS_PER_TEAM: usize = 5;
/// Seeded agents can sign in with this, to try a queue as an agent sees it.
pub const AGENT_PASSWORD: &str = "seed-agent-password";

pub struct Team {
    pub id: Uuid,
    pub lead: Uuid,
    pub agents: Vec<Uuid>,
}

/// Who handles tickets and by which rules.
pub struct Desk {
    pub teams: Vec<Team>,
    pub policies: Vec<Policy>,
    pub categories: Vec<Uuid>,
}

impl Desk {
    /// Create the teams and their agents (each team's first agent leads it),
    /// and read the policies and categories in use.
    pub async fn open(db: &Db, now: DateTime<Utc>) -> Result<Desk, String> {
        let password_hash =
            kehu_server::identity::password::hash(AGENT_PASSWORD.to_owned()).await.map_err(|e| e.detail)?;
        let (mut teams, mut team_rows, mut users) = (Vec::new(), Vec::new(), Vec::new());
        for (t, name) in TEAMS.iter().enumerate() {
            let id = Uuid::now_v7();
            let agents: Vec<Uuid> = (0..AGENTS_PER_TEAM).map(|_| Uuid::now_v7()).collect();
            for (n, agent) in agents.iter().enumerate() {
                let role = if n == 0 { Role::Manager } else { Role::Agent };
                users.push(user::ActiveModel {
                    id: Set(*agent),
                    email: Set(format!("agent{}-{}@seed.kehu.local", t + 1, n + 1)),
                    name: Set(format!("{name} 坐席{}", n + 1)),
                    password_hash: Set(password_hash.clone()),
                    role: Set(role.as_str().to_owned()),
                    team_id: Set(Some(id)),
                    active: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                    last_login_at: Set(None),
                    time_zone: Set(None),
                });
            }
            team_rows.push(team::ActiveModel {
                id: Set(id),
                name: Set((*name).to_owned()),
                description: Set(None),
                lead_id: Set(agents.first().copied()),
                created_at: Set(now),
                updated_at: Set(now),
            });
            teams.push(Team { id, lead: agents[0], agents });
        }
        let txn = db.begin_write().await.map_err(|e| e.to_string())?;
        insert_all(&*txn, team_rows).await?;
        insert_all(&*txn, users).await?;
        txn.commit().await.map_err(|e| e.to_string())?;
        let conn = db.conn();
        let policies = active_policies(conn).await.map_err(|e| e.detail)?;
        let categories = ticket_category::Entity::find()
            .filter(ticket_category::Column::Active.eq(true))
            .all(conn)
            .await
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|row| row.id)
            .collect();
        Ok(Desk { teams, policies, categories })
    }

    /// A team and one of its agents, at random.
    pub fn staff(&self, rng: &mut StdRng) -> (&Team, Uuid) {
        let team = self.teams.choose(rng).unwrap_or(&self.teams[0]);
        (team, *team.agents.choose(rng).unwrap_or(&team.lead))
    }
}
