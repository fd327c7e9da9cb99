//! Server functions: the app's whole API. Each runs on the server, asks the policy module
//! before touching a plan, and returns [`crate::error::AppError`] on failure.

pub mod about_me;
pub mod actions;
pub mod budget;
pub mod contacts;
pub mod crisis_card;
pub mod fhir;
pub mod goals;
pub mod invites;
pub mod my_data;
pub mod notifications;
pub mod people;
pub mod plan;
pub mod ratings;
pub mod sections;
pub mod session;
pub mod sharing;
pub mod suggestions;
pub mod trusted_systems;

use serde::{Deserialize, Serialize};

use crate::domain::role::Role;

/// Someone in a list: a caseload, a team, a person's carers, the people a carer supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub account_id: i64,
    pub plan_id: Option<i64>,
    pub name: String,
    pub role: Role,
    /// Email for staff lists; the relationship for carers.
    pub detail: String,
    /// Has set a password through their invite.
    pub activated: bool,
    /// Open review requests on their plan, for their key worker's caseload.
    pub review_requests: i64,
    /// Actions past their due day on their plan, for their key worker's caseload.
    pub overdue_actions: i64,
    /// Their last DIALOG rating's flags, for their key worker's caseload.
    pub rating: Option<ratings::RatingFlags>,
    /// The newest total of each questionnaire they rated, for their key worker's caseload.
    pub questionnaires: Vec<ratings::QuestionnaireTotal>,
}

#[cfg(feature = "ssr")]
impl From<crate::server::db::PersonRow> for PersonSummary {
    fn from(row: crate::server::db::PersonRow) -> Self {
        Self {
            account_id: row.account_id,
            plan_id: row.plan_id,
            name: row.display_name,
            role: row.role,
            detail: row.detail,
            activated: row.activated,
            review_requests: row.review_requests,
            overdue_actions: row.overdue_actions,
            rating: None,
            questionnaires: Vec::new(),
        }
    }
}
