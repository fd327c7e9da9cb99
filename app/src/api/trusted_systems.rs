//! A team admin connects the team's record systems: each gets a token, shown once, that reads
//! the team's plans as FHIR (what the care team may read), and can be stopped at any time.

use crate::domain::trusted_system::TrustedSystem;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A system just connected, with the token to give it: it is not kept and not shown again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemConnected {
    pub name: String,
    pub token: String,
}

#[server(endpoint = "trusted_systems")]
pub async fn trusted_systems() -> Result<Vec<TrustedSystem>, AppError> {
    let (state, team_id, _) = admin().await?;
    Ok(state.db.trusted_systems(team_id).await?)
}

#[server(endpoint = "connect_system")]
pub async fn connect_system(name: String) -> Result<SystemConnected, AppError> {
    use crate::domain::trusted_system::{parse_name, SYSTEMS_MAX};
    use crate::error::FieldError;
    use crate::server::auth::{new_token, now};
    use crate::server::db::DbError;
    let (state, team_id, admin_id) = admin().await?;
    let name = parse_name(&name).map_err(|e| AppError::Invalid(vec![e]))?;
    let (token, hash) = new_token();
    match state.db.add_trusted_system(team_id, &name, &hash, admin_id, now()).await {
        Ok(_) => Ok(SystemConnected { name, token }),
        Err(DbError::Conflict) => {
            Err(AppError::Invalid(vec![FieldError::with_limit("name", "systems.error.too_many", SYSTEMS_MAX as u32)]))
        }
        Err(e) => Err(e.into()),
    }
}

#[server(endpoint = "stop_system")]
pub async fn stop_system(system_id: i64) -> Result<(), AppError> {
    use crate::server::auth::now;
    let (state, team_id, _) = admin().await?;
    Ok(state.db.stop_trusted_system(team_id, system_id, now()).await?)
}

/// The state, the admin's team and the admin's account, once the policy allows it.
#[cfg(feature = "ssr")]
async fn admin() -> Result<(crate::server::state::AppState, i64, i64), AppError> {
    use crate::server::auth::require_actor;
    use crate::server::http::state;
    use crate::server::policy::{check, ServiceAction};
    let actor = require_actor().await?;
    check(actor.role, ServiceAction::ManageTrustedSystems)?;
    let team_id = actor.team_id.ok_or(AppError::Forbidden)?;
    Ok((state()?, team_id, actor.account_id))
}
