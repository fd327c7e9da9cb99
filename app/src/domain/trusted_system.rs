//! A trusted system: another health system (the trust's record system, a GP system) that reads
//! the plans of one team as FHIR, with a token the team's admin made for it.

use super::text::bounded;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 100;
/// A team rarely connects more than a handful; the bound keeps a runaway form in check.
pub const SYSTEMS_MAX: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedSystem {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    /// Stopped: its token no longer opens anything.
    pub revoked_at: Option<i64>,
}

/// The name the admin gives it ("Riverside EPR"), as people will read it in "who looked".
pub fn parse_name(raw: &str) -> Result<String, FieldError> {
    bounded("name", raw, 1, NAME_MAX)
}
