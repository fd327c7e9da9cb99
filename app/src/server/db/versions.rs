//! The plan as a whole: its content now, its agreed versions, and agreeing it.

use super::push::{notify, Event, Recipient};
use super::sections::from_json;
use super::{Db, DbResult};
use crate::domain::action::CareAction;
use crate::domain::notice::Notice;
use crate::domain::plan::{AgreedAction, PlanContent};
use crate::domain::role::Role;
use crate::domain::section::Section;
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

impl Db {
    /// Everything a version holds, read as the plan stands now.
    pub async fn plan_content(&self, plan_id: i64) -> DbResult<PlanContent> {
        Ok(self.plan_content_and_actions(plan_id).await?.0)
    }

    /// The plan as it stands now, and its actions with their progress: for the readers that
    /// show both, in one read of the actions.
    pub async fn plan_content_and_actions(&self, plan_id: i64) -> DbResult<(PlanContent, Vec<CareAction>)> {
        let (about_me, _) = self.about_me(plan_id).await?;
        let actions = self.actions(plan_id).await?;
        // The six sections kept as documents, in one read rather than six.
        let docs = self.section_docs(plan_id).await?;
        let content = PlanContent {
            about_me,
            goals: self.goals(plan_id).await?,
            formulation: docs.get(Section::Formulation)?,
            actions: actions.iter().map(|a| AgreedAction { id: a.id, plan: a.plan.clone() }).collect(),
            crisis: docs.get(Section::Crisis)?,
            contacts: self.contacts(plan_id).await?,
            care_treatment: docs.get(Section::CareTreatment)?,
            care_team: docs.get(Section::CareTeam)?,
            budget: docs.get(Section::Budget)?,
            review: docs.get(Section::Review)?,
        };
        Ok((content, actions))
    }

    /// The agreed versions, oldest first.
    pub async fn versions(&self, plan_id: i64) -> DbResult<Vec<VersionRow>> {
        let rows = sqlx::query(
            "SELECT number, content_hash, owner_agreed_at, worker_name, worker_agreed_at \
             FROM plan_versions WHERE plan_id = $1 ORDER BY number",
        )
        .bind(plan_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(VersionRow {
                    number: r.try_get("number")?,
                    content_hash: r.try_get("content_hash")?,
                    owner_agreed_at: r.try_get("owner_agreed_at")?,
                    worker_name: r.try_get("worker_name")?,
                    worker_agreed_at: r.try_get("worker_agreed_at")?,
                })
            })
            .collect()
    }

    pub async fn version_content(&self, plan_id: i64, number: i64) -> DbResult<PlanContent> {
        let content: String =
            sqlx::query_scalar("SELECT content FROM plan_versions WHERE plan_id = $1 AND number = $2")
                .bind(plan_id)
                .bind(number)
                .fetch_one(&self.pool)
                .await?;
        from_json(&content, "plan version")
    }

    pub async fn pending_agreements(&self, plan_id: i64) -> DbResult<Vec<AgreementRow>> {
        let rows = sqlx::query(
            "SELECT g.account_id, a.display_name, g.role, g.content_hash, g.agreed_at \
             FROM plan_agreements g JOIN accounts a ON a.id = g.account_id WHERE g.plan_id = $1 ORDER BY g.agreed_at",
        )
        .bind(plan_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.try_get("role")?;
                Ok(AgreementRow {
                    account_id: r.try_get("account_id")?,
                    name: r.try_get("display_name")?,
                    role: Role::parse(&role).unwrap_or(Role::ServiceUser),
                    content_hash: r.try_get("content_hash")?,
                    agreed_at: r.try_get("agreed_at")?,
                })
            })
            .collect()
    }

    /// Records one party's agreement to the content with `content_hash`. When the other party
    /// (the owner for a key worker, and the other way round) has agreed to the same content,
    /// the version is made, in the same transaction, and its number returned.
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
