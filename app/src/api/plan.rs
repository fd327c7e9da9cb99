//! The whole plan: reading it, agreeing it, and what changed between its versions.

use crate::domain::action::{ActionSide, CareAction};
use crate::domain::contact::CrisisLine;
use crate::domain::plan::{Change, PlanContent};
use crate::domain::review::ReviewRequest;
use crate::domain::role::Role;
use crate::domain::section::Section;
use crate::domain::suggestion::Suggestion;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An agreed version, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub number: i64,
    pub owner_agreed_at: i64,
    pub worker_name: String,
    pub worker_agreed_at: i64,
}

/// Where co-production stands: the last agreed version, and who has agreed the plan as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementStatus {
    /// Fingerprint of the content shown: agreeing sends it back.
    pub content_hash: String,
    pub latest: Option<VersionSummary>,
    /// The plan differs from the latest agreed version (or none was agreed): it is a draft.
    pub draft: bool,
    /// (name, role, when) of each party who agreed the plan exactly as it is now.
    pub agreed_by: Vec<(String, Role, i64)>,
    pub may_agree: bool,
    /// The viewer has already agreed the plan as it is now.
    pub viewer_agreed: bool,
}

/// The plan as one person may see it: sections they may not read are left empty and not listed
/// in `readable`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub plan_id: i64,
    pub owner_name: String,
    pub key_worker_name: Option<String>,
    pub own: bool,
    pub readable: Vec<Section>,
    pub editable: Vec<Section>,
    /// Sections the viewer may suggest a change to.
    pub suggestable: Vec<Section>,
    /// Suggestions waiting for an answer, on the sections the viewer may read.
    pub suggestions: Vec<Suggestion>,
    pub content: PlanContent,
    /// The actions with their progress: all of them, or for a carer the ones shared with or
    /// assigned to them.
    pub actions: Vec<CareAction>,
    /// Actions a carer may tick off (shared with or assigned to them).
    pub tickable: Vec<i64>,
    /// Whose actions the viewer writes.
    pub action_sides: Vec<ActionSide>,
    /// (account id, name) of the invited carers an action may name, for those who write them.
    pub carers: Vec<(i64, String)>,
    pub crisis_lines: Vec<CrisisLine>,
    pub review_requests: Vec<ReviewRequest>,
    pub may_request_review: bool,
    /// The viewer may see the person's self-ratings over time.
    pub may_read_ratings: bool,
    pub may_sign_off_budget: bool,
    /// For the two co-producers and the care team only.
    pub agreement: Option<AgreementStatus>,
    /// Shown through a crisis card's link to someone with no account: nothing to open or edit.
    pub through_card: bool,
}

/// The parts of `full` in the sections `can` allows; the rest is left empty, so nothing
/// unshared ever reaches the browser.
#[cfg(feature = "ssr")]
pub(crate) fn shown_content(full: PlanContent, can: impl Fn(Section) -> bool) -> PlanContent {
    PlanContent {
        about_me: if can(Section::AboutMe) { full.about_me } else { Default::default() },
        goals: if can(Section::Goals) { full.goals } else { Vec::new() },
        formulation: if can(Section::Formulation) { full.formulation } else { Default::default() },
        actions: Vec::new(),
        crisis: if can(Section::Crisis) { full.crisis } else { Default::default() },
        contacts: if can(Section::Crisis) { full.contacts } else { Vec::new() },
        care_treatment: if can(Section::CareTreatment) { full.care_treatment } else { Default::default() },
        care_team: if can(Section::CareTeam) { full.care_team } else { Default::default() },
        budget: if can(Section::Budget) { full.budget } else { Default::default() },
        review: if can(Section::Review) { full.review } else { Default::default() },
    }
}

/// The plan as a crisis card's link shows it: the `sections` the person chose, read-only.
#[cfg(feature = "ssr")]
pub async fn through_card(
    state: &crate::server::state::AppState,
    plan: &crate::server::db::PlanParties,
    sections: Vec<Section>,
) -> Result<PlanView, AppError> {
    let db = &state.db;
    let can = |s: Section| sections.contains(&s);
    let key_worker_name = if can(Section::CareTeam) { plan.key_worker_name.clone() } else { None };
    let whole = db.whole_plan(plan.plan_id).await?;
    let (full, actions) = (whole.content, whole.actions);
    Ok(PlanView {
        plan_id: plan.plan_id,
        owner_name: plan.owner_name.clone(),
        key_worker_name,
        own: false,
        editable: Vec::new(),
        suggestable: Vec::new(),
        suggestions: Vec::new(),
        content: shown_content(full, can),
        actions: if can(Section::Actions) { actions } else { Vec::new() },
        tickable: Vec::new(),
        action_sides: Vec::new(),
        carers: Vec::new(),
        crisis_lines: if can(Section::Crisis) { state.crisis_lines.to_vec() } else { Vec::new() },
        review_requests: Vec::new(),
        may_request_review: false,
        may_read_ratings: false,
        may_sign_off_budget: false,
        agreement: None,
        through_card: true,
        readable: sections,
    })
}

impl PlanView {
    pub fn can_read(&self, section: Section) -> bool {
        self.readable.contains(&section)
    }

    pub fn can_edit(&self, section: Section) -> bool {
        self.editable.contains(&section)
    }
}

/// The plan `plan_id`, or the signed-in person's own plan when `None`.
#[server(endpoint = "plan")]
pub async fn get_plan(plan_id: Option<i64>) -> Result<PlanView, AppError> {
    use crate::server::access::{log_access, read_plan};
    use crate::server::plan_hash::fingerprint;
    use crate::server::policy::PlanAction;
    use crate::server::{auth, http};
    let state = http::state()?;
    let db = &state.db;
    let (actor, rights, readable) = read_plan(db, plan_id).await?;
    let plan_id = rights.plan.plan_id;
    let whole = db.whole_plan(plan_id).await?;
    let full = whole.content;
    let agreement = if readable.len() == Section::ALL.len() {
        let (_, content_hash) = fingerprint(&full)?;
        let latest = whole.versions.last();
        let current: Vec<_> = whole.pending_agreements.into_iter().filter(|a| a.content_hash == content_hash).collect();
        Some(AgreementStatus {
            draft: latest.is_none_or(|v| v.content_hash != content_hash),
            latest: latest.map(|v| VersionSummary {
                number: v.number,
                owner_agreed_at: v.owner_agreed_at,
                worker_name: v.worker_name.clone(),
                worker_agreed_at: v.worker_agreed_at,
            }),
            viewer_agreed: current.iter().any(|a| a.account_id == actor.account_id),
            agreed_by: current.into_iter().map(|a| (a.name, a.role, a.agreed_at)).collect(),
            may_agree: rights.may(PlanAction::Agree),
            content_hash,
        })
    } else {
        None
    };
    let can = |s: Section| readable.contains(&s);
    let content = shown_content(full, can);
    let key_worker_name = if can(Section::CareTeam) { rights.plan.key_worker_name.clone() } else { None };
    let action_sides: Vec<ActionSide> = [ActionSide::Person, ActionSide::Service]
        .into_iter()
        .filter(|side| rights.may(PlanAction::WriteAction(*side)))
        .collect();
    let carers = if action_sides.contains(&ActionSide::Person) { whole.carers } else { Vec::new() };
    let suggestions = whole.open_suggestions.into_iter().filter(|s| readable.contains(&s.section)).collect();
    let tickable = if rights.may(PlanAction::TickSharedAction) {
        db.shared_actions(plan_id, actor.account_id, auth::now()).await?
    } else {
        Vec::new()
    };
    let crisis_lines = if can(Section::Crisis) { state.crisis_lines.to_vec() } else { Vec::new() };
    let review_requests = if can(Section::Review) { whole.open_review_requests } else { Vec::new() };
    let mut readable = readable;
    let actions = if readable.contains(&Section::Actions) {
        whole.actions
    } else if rights.may(PlanAction::ReadSharedActions) {
        // The actions section shows, holding only the actions shared with this carer.
        log_access(db, &actor, &rights.plan, PlanAction::ReadSharedActions).await?;
        readable.push(Section::Actions);
        whole.actions.into_iter().filter(|a| tickable.contains(&a.id)).collect()
    } else {
        Vec::new()
    };
    Ok(PlanView {
        plan_id,
        suggestions,
        action_sides,
        carers,
        owner_name: rights.plan.owner_name.clone(),
        key_worker_name,
        own: rights.plan.owner_id == actor.account_id,
        editable: Section::ALL.into_iter().filter(|s| rights.may(PlanAction::Edit(*s))).collect(),
        suggestable: Section::ALL.into_iter().filter(|s| rights.may(PlanAction::Suggest(*s))).collect(),
        actions,
        tickable,
        crisis_lines,
        review_requests,
        may_request_review: rights.may(PlanAction::RequestReview),
        may_read_ratings: rights.may(PlanAction::ReadRatings),
        may_sign_off_budget: rights.may(PlanAction::SignOffBudget),
        readable,
        content,
        agreement,
        through_card: false,
    })
}

/// Agrees the plan as it stood when shown (`content_hash`); returns the new version's number
/// once both the person and the key worker have agreed, else `None`.
#[server(endpoint = "agree_plan")]
pub async fn agree_plan(plan_id: i64, content_hash: String) -> Result<Option<i64>, AppError> {
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::db::Agreement;
    use crate::server::plan_hash::fingerprint;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Agree).await?;
    let (content, hash) = fingerprint(&state.db.plan_content(plan_id).await?)?;
    if hash != content_hash {
        return Err(AppError::invalid("agree", "error.plan_changed"));
    }
    let number = state
        .db
        .agree(Agreement {
            plan_id,
            account_id: actor.account_id,
            role: actor.role,
            worker_name: &actor.name,
            content: &content,
            content_hash: &hash,
            now: now(),
        })
        .await?;
    Ok(number)
}

/// Which version to compare: an agreed one by number, or the plan as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VersionRef {
    Agreed(i64),
    Current,
}

impl VersionRef {
    /// `"3"` or `"current"`, as a link or a form sends it.
    pub fn parse(s: &str) -> Option<Self> {
        if s == "current" {
            Some(Self::Current)
        } else {
            s.parse().ok().filter(|n| *n > 0).map(Self::Agreed)
        }
    }

    pub fn as_param(self) -> String {
        match self {
            Self::Agreed(n) => n.to_string(),
            Self::Current => "current".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionHistory {
    pub plan_id: i64,
    pub owner_name: String,
    pub versions: Vec<VersionSummary>,
    pub from: VersionRef,
    pub to: VersionRef,
    pub changes: Vec<Change>,
}

/// The agreed versions of a plan and what changed from `from` to `to`; by default, from the
/// latest agreed version to the plan as it is now.
#[server(endpoint = "plan_history")]
pub async fn plan_history(plan_id: i64, from: Option<String>, to: Option<String>) -> Result<VersionHistory, AppError> {
    use crate::domain::plan::changes;
    use crate::server::access::authorize_plan_all;
    use crate::server::policy::PlanAction;
    use crate::server::{auth, http};
    use std::borrow::Cow;
    let actor = auth::require_actor().await?;
    let state = http::state()?;
    let db = &state.db;
    // Versions hold every section: only someone who may read them all sees them.
    let plan = authorize_plan_all(db, &actor, plan_id, &Section::ALL.map(PlanAction::Read)).await?;
    let whole = db.whole_plan(plan_id).await?;
    let versions = whole.versions;
    let parse = |raw: Option<String>, field: &str, default: VersionRef| match raw.filter(|r| !r.is_empty()) {
        None => Ok(default),
        Some(raw) => VersionRef::parse(&raw)
            .filter(|v| match v {
                VersionRef::Agreed(n) => versions.iter().any(|x| x.number == *n),
                VersionRef::Current => true,
            })
            .ok_or_else(|| AppError::invalid(field, "error.unknown_version")),
    };
    let latest = versions.last().map_or(VersionRef::Current, |v| VersionRef::Agreed(v.number));
    let from = parse(from, "from", latest)?;
    let to = parse(to, "to", VersionRef::Current)?;
    let current = whole.content;
    let load = |v: VersionRef| {
        let current = &current;
        async move {
            match v {
                VersionRef::Agreed(n) => db.version_content(plan_id, n).await.map(Cow::Owned),
                VersionRef::Current => Ok(Cow::Borrowed(current)),
            }
        }
    };
    let changes = changes(&*load(from).await?, &*load(to).await?);
    Ok(VersionHistory {
        plan_id,
        owner_name: plan.owner_name,
        versions: versions
            .into_iter()
            .map(|v| VersionSummary {
                number: v.number,
                owner_agreed_at: v.owner_agreed_at,
                worker_name: v.worker_name,
                worker_agreed_at: v.worker_agreed_at,
            })
            .collect(),
        from,
        to,
        changes,
    })
}
