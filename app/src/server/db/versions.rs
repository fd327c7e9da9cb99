//! The plan as a whole: its content now, its agreed versions, and agreeing it.

use super::lists::{dialect, json_rows, ListSql};
use super::push::{notify, Event, Recipient};
use super::sections::{
    action_from, contact_from, from_json, goal_from, review_from, SectionDocs, ACTIONS, CARERS, CONTACTS, GOALS,
    REVIEW_REQUESTS, SECTION_DOCS,
};
use super::suggestions::{suggestion_from, OPEN_SUGGESTIONS};
use super::{about_me_from, Db, DbError, DbResult, ABOUT_ME};
use crate::domain::action::CareAction;
use crate::domain::notice::Notice;
use crate::domain::plan::{AgreedAction, PlanContent};
use crate::domain::review::ReviewRequest;
use crate::domain::role::Role;
use crate::domain::section::Section;
use crate::domain::suggestion::Suggestion;
use sqlx::Row;

/// An agreed version, without its content.
pub struct VersionRow {
    pub number: i64,
    pub content_hash: String,
    pub owner_agreed_at: i64,
    pub worker_name: String,
    pub worker_agreed_at: i64,
}

/// One party's agreement, waiting for the other's.
pub struct AgreementRow {
    pub account_id: i64,
    pub name: String,
    pub role: Role,
    pub content_hash: String,
    pub agreed_at: i64,
}

/// Who is agreeing, and to what.
pub struct Agreement<'a> {
    pub plan_id: i64,
    pub account_id: i64,
    pub role: Role,
    pub worker_name: &'a str,
    pub content: &'a str,
    pub content_hash: &'a str,
    pub now: i64,
}

/// A version's number, content hash, when the person agreed, and the key worker's name and when.
type VersionColumns = (i64, String, i64, String, i64);

const VERSIONS: ListSql = ListSql {
    columns: "number, content_hash, owner_agreed_at, worker_name, worker_agreed_at",
    source: "plan_versions WHERE plan_id = $1",
    order: "number",
};

fn version_from(row: VersionColumns) -> VersionRow {
    let (number, content_hash, owner_agreed_at, worker_name, worker_agreed_at) = row;
    VersionRow { number, content_hash, owner_agreed_at, worker_name, worker_agreed_at }
}

/// An agreement's account id, name, role, content hash and when.
type AgreementColumns = (i64, String, String, String, i64);

const AGREEMENTS: ListSql = ListSql {
    columns: "g.account_id, a.display_name, g.role, g.content_hash, g.agreed_at",
    source: "plan_agreements g JOIN accounts a ON a.id = g.account_id WHERE g.plan_id = $1",
    order: "g.agreed_at",
};

fn agreement_from((account_id, name, role, content_hash, agreed_at): AgreementColumns) -> AgreementRow {
    AgreementRow { account_id, name, role: Role::parse(&role).unwrap_or(Role::ServiceUser), content_hash, agreed_at }
}

/// A plan as it stands, read at one moment: its content, and what is kept beside it.
pub struct WholePlan {
    pub content: PlanContent,
    /// The actions with their progress (the content holds only what was planned).
    pub actions: Vec<CareAction>,
    pub versions: Vec<VersionRow>,
    pub pending_agreements: Vec<AgreementRow>,
    pub carers: Vec<(i64, String)>,
    pub open_suggestions: Vec<Suggestion>,
    pub open_review_requests: Vec<ReviewRequest>,
}

impl Db {
    /// Everything a version holds, read as the plan stands now.
    #[tracing::instrument(skip_all)]
    pub async fn plan_content(&self, plan_id: i64) -> DbResult<PlanContent> {
        Ok(self.whole_plan(plan_id).await?.content)
    }

    /// The whole plan in one statement, each list a column of JSON: one hand-off to the
    /// database instead of ten, and every list from the same snapshot, so the fingerprint a
    /// person agrees to is of one state of the plan. `NotFound` for no such plan.
    #[tracing::instrument(skip_all)]
    pub async fn whole_plan(&self, plan_id: i64) -> DbResult<WholePlan> {
        let lists = [
            &ABOUT_ME,
            &ACTIONS,
            &SECTION_DOCS,
            &GOALS,
            &CONTACTS,
            &VERSIONS,
            &AGREEMENTS,
            &CARERS,
            &OPEN_SUGGESTIONS,
            &REVIEW_REQUESTS,
        ];
        let sql = format!("SELECT {}", lists.map(ListSql::json).join(", "));
        let row = sqlx::query(&dialect(self.backend, &sql)).bind(plan_id).fetch_one(&self.pool).await?;
        let column = |i: usize| -> DbResult<String> { Ok(row.try_get(i)?) };
        let (about_me, _) =
            json_rows(&column(0)?, "about me", |r| Ok(about_me_from(r)))?.pop().ok_or(DbError::NotFound)?;
        let actions = json_rows(&column(1)?, "action", action_from)?;
        let docs = SectionDocs(from_json(&column(2)?, "section")?);
        let content = PlanContent {
            about_me,
            goals: json_rows(&column(3)?, "goal", goal_from)?,
            formulation: docs.get(Section::Formulation)?,
            actions: actions.iter().map(|a| AgreedAction { id: a.id, plan: a.plan.clone() }).collect(),
            crisis: docs.get(Section::Crisis)?,
            contacts: json_rows(&column(4)?, "contact", contact_from)?,
            care_treatment: docs.get(Section::CareTreatment)?,
            care_team: docs.get(Section::CareTeam)?,
            budget: docs.get(Section::Budget)?,
            review: docs.get(Section::Review)?,
        };
        Ok(WholePlan {
            content,
            actions,
            versions: json_rows(&column(5)?, "version", |r| Ok(version_from(r)))?,
            pending_agreements: json_rows(&column(6)?, "agreement", |r| Ok(agreement_from(r)))?,
            carers: from_json(&column(7)?, "carer")?,
            open_suggestions: json_rows(&column(8)?, "suggestion", suggestion_from)?,
            open_review_requests: json_rows(&column(9)?, "review request", |r| Ok(review_from(r)))?,
        })
    }

    #[tracing::instrument(skip_all)]
    pub async fn version_content(&self, plan_id: i64, number: i64) -> DbResult<PlanContent> {
        let content: String =
            sqlx::query_scalar("SELECT content FROM plan_versions WHERE plan_id = $1 AND number = $2")
                .bind(plan_id)
                .bind(number)
                .fetch_one(&self.pool)
                .await?;
        from_json(&content, "plan version")
    }

    /// Records one party's agreement to the content with `content_hash`. When the other party
    /// (the owner for a key worker, and the other way round) has agreed to the same content,
    /// the version is made, in the same transaction, and its number returned.
    #[tracing::instrument(skip_all)]
    pub async fn agree(&self, agreement: Agreement<'_>) -> DbResult<Option<i64>> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM plan_agreements WHERE plan_id = $1 AND account_id = $2")
            .bind(agreement.plan_id)
            .bind(agreement.account_id)
            .execute(&mut *tx)
            .await?;
        let other_role = if agreement.role == Role::ServiceUser { Role::KeyWorker } else { Role::ServiceUser };
        let other = sqlx::query(
            "SELECT g.agreed_at, a.display_name, g.account_id FROM plan_agreements g \
             JOIN accounts a ON a.id = g.account_id \
             WHERE g.plan_id = $1 AND g.role = $2 AND g.content_hash = $3",
        )
        .bind(agreement.plan_id)
        .bind(other_role.as_str())
        .bind(agreement.content_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(other) = other else {
            sqlx::query(
                "INSERT INTO plan_agreements (plan_id, account_id, role, content_hash, agreed_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(agreement.plan_id)
            .bind(agreement.account_id)
            .bind(agreement.role.as_str())
            .bind(agreement.content_hash)
            .bind(agreement.now)
            .execute(&mut *tx)
            .await?;
            // The key worker agreed first: the person hears there is a plan to agree.
            if agreement.role != Role::ServiceUser {
                let event = Event {
                    notice: Notice::PlanToAgree,
                    plan_id: agreement.plan_id,
                    by: agreement.account_id,
                    now: agreement.now,
                };
                let owner = sqlx::query_scalar("SELECT owner_id FROM plans WHERE id = $1")
                    .bind(agreement.plan_id)
                    .fetch_one(&mut *tx)
                    .await?;
                notify(&mut tx, Recipient::Account(owner), event).await?;
            }
            tx.commit().await?;
            return Ok(None);
        };
        let other_at: i64 = other.try_get("agreed_at")?;
        let other_name: String = other.try_get("display_name")?;
        let other_id: i64 = other.try_get("account_id")?;
        let (owner_at, worker_id, worker_name, worker_at) = if agreement.role == Role::ServiceUser {
            (agreement.now, other_id, other_name, other_at)
        } else {
            (other_at, agreement.account_id, agreement.worker_name.to_string(), agreement.now)
        };
        let number: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(number), 0) + 1 FROM plan_versions WHERE plan_id = $1")
                .bind(agreement.plan_id)
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query(
            "INSERT INTO plan_versions (plan_id, number, content, content_hash, owner_agreed_at, worker_id, \
             worker_name, worker_agreed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(agreement.plan_id)
        .bind(number)
        .bind(agreement.content)
        .bind(agreement.content_hash)
        .bind(owner_at)
        .bind(worker_id)
        .bind(worker_name)
        .bind(worker_at)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM plan_agreements WHERE plan_id = $1").bind(agreement.plan_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(Some(number))
    }
}
