//! What every request handler and server function can reach.

use super::auth::{LoginLimiter, SessionPolicy};
use super::db::Db;
use crate::domain::contact::CrisisLine;
use crate::domain::rating::instrument::Instrument;
use crate::domain::rating::wheel::WheelArea;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub sessions: SessionPolicy,
    pub login_limiter: Arc<LoginLimiter>,
    /// Where people reach the app, e.g. `https://plan.example.nhs.uk`; invite links start with it.
    pub public_url: String,
    /// National crisis lines shown on every crisis plan (deployment settings).
    pub crisis_lines: Arc<Vec<CrisisLine>>,
    /// The life areas of the wellbeing wheel (deployment settings).
    pub wheel_areas: Arc<Vec<WheelArea>>,
    /// The licensed questionnaires this deployment offers (deployment settings).
    pub instruments: Arc<Vec<Instrument>>,
    /// The VAPID public key browsers subscribe with.
    pub push_public_key: Arc<str>,
    /// Origins of the push services a device may register with (deployment settings).
    pub push_services: Arc<Vec<String>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The questionnaire of a licensed measure, if this deployment offers it.
    pub fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.id == id)
    }
}
