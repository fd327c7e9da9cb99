//! The plan's sections other than About Me: written sections, goals, actions, crisis contacts
//! and review requests. Every method takes the plan id, so a row of another plan is never
//! touched, whatever id a request names.

use super::lists::ListSql;
use super::push::{action_shared, notify, plan_changed, Event, Recipient};
use super::{Db, DbError, DbResult};
use crate::domain::action::{ActionPlan, ActionStatus, Assignee, CareAction};
use crate::domain::contact::{ContactEntry, CrisisContact, PhoneNumber};
use crate::domain::date::Day;
use crate::domain::goal::{Goal, GoalText};
use crate::domain::notice::Notice;
use crate::domain::review::ReviewRequest;
use crate::domain::section::Section;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A plan's section documents as stored, each decoded when asked for.
pub struct SectionDocs(pub(super) Vec<(String, String)>);

impl SectionDocs {
    /// The document of `section`, or its empty default when none is stored.
    pub fn get<T: DeserializeOwned + Default>(&self, section: Section) -> DbResult<T> {
        let body = self.0.iter().find(|(name, _)| name == section.as_str()).map(|(_, body)| body.as_str());
        doc_or_default(body, section)
    }
}

/// A stored section document, decoded; the section's empty document when none is stored.
fn doc_or_default<T: DeserializeOwned + Default>(body: Option<&str>, section: Section) -> DbResult<T> {
    body.map(|b| from_json(b, section.as_str())).transpose().map(Option::unwrap_or_default)
}

pub(super) fn decode_error(what: &str) -> DbError {
    DbError::failed(sqlx::Error::Decode(format!("stored {what} does not parse").into()))
}

pub(super) fn to_json<T: Serialize>(value: &T) -> DbResult<String> {
    serde_json::to_string(value).map_err(|e| DbError::failed(sqlx::Error::Encode(e.into())))
}

pub(super) fn from_json<T: DeserializeOwned>(text: &str, what: &str) -> DbResult<T> {
    serde_json::from_str(text).map_err(|_| decode_error(what))
}

pub(super) fn one_row(affected: u64) -> DbResult<()> {
    if affected == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// An action's columns: id, what, who, carer id and name, service name, due day, status,
/// and who set the status and when.
pub(super) type ActionColumns = (
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    String,
    Option<String>,
    Option<i64>,
);

pub(super) const ACTIONS: ListSql = ListSql {
    columns: "x.id, x.what, x.who, x.carer_id, c.display_name, x.service_name, x.due_day, x.status, \
              s.display_name, x.status_at",
    source: "actions x LEFT JOIN accounts c ON c.id = x.carer_id LEFT JOIN accounts s ON s.id = x.status_by \
             WHERE x.plan_id = $1",
    order: "x.id",
};

pub(super) fn action_from(row: ActionColumns) -> DbResult<CareAction> {
    let (id, what, who, carer_id, carer_name, service_name, due_day, status, status_name, status_at) = row;
    let who = match who.as_str() {
        "me" => Assignee::Me,
        "key_worker" => Assignee::KeyWorker,
        "service" => Assignee::Service { name: service_name.ok_or_else(|| decode_error("action"))? },
        "carer" => Assignee::Carer {
            account_id: carer_id.ok_or_else(|| decode_error("action"))?,
            name: carer_name.unwrap_or_default(),
        },
        _ => return Err(decode_error("action")),
    };
    Ok(CareAction {
        id,
        plan: ActionPlan { what, who, due: due_day.map(Day::from_days) },
        status: ActionStatus::parse(&status).ok_or_else(|| decode_error("action status"))?,
        status_by: status_name.zip(status_at),
    })
}

/// A goal's id, title and steps (stored as a JSON list).
pub(super) type GoalColumns = (i64, String, String);

pub(super) const GOALS: ListSql =
    ListSql { columns: "id, title, steps", source: "goals WHERE plan_id = $1", order: "id" };

pub(super) fn goal_from((id, title, steps): GoalColumns) -> DbResult<Goal> {
    Ok(Goal { id, text: GoalText { title, steps: from_json(&steps, "goal")? } })
}

/// A contact's id, name, relationship, phone and when they can be reached.
pub(super) type ContactColumns = (i64, String, String, String, String);

pub(super) const CONTACTS: ListSql = ListSql {
    columns: "id, name, relationship, phone, available",
    source: "crisis_contacts WHERE plan_id = $1",
    order: "id",
};

pub(super) fn contact_from((id, name, relationship, phone, available): ContactColumns) -> DbResult<ContactEntry> {
    let phone = PhoneNumber::parse("phone", &phone).map_err(|_| decode_error("phone"))?;
    Ok(ContactEntry { id, contact: CrisisContact { name, relationship, phone, available } })
}

/// (account id, name) of the carers the plan's owner invited.
pub(super) const CARERS: ListSql = ListSql {
    columns: "a.id, a.display_name",
    source: "carers c JOIN accounts a ON a.id = c.carer_id WHERE c.plan_id = $1",
    order: "a.display_name",
};

/// A review request's id, topics and when it was made.
pub(super) type ReviewColumns = (i64, String, i64);

pub(super) const REVIEW_REQUESTS: ListSql = ListSql {
    columns: "id, topics, requested_at",
    source: "review_requests WHERE plan_id = $1 AND closed_at IS NULL",
    order: "id",
};

pub(super) fn review_from((id, topics, requested_at): ReviewColumns) -> ReviewRequest {
    ReviewRequest { id, topics, requested_at }
}

/// (section, document) of each section kept as a JSON document.
pub(super) const SECTION_DOCS: ListSql =
    ListSql { columns: "section, body", source: "plan_sections WHERE plan_id = $1", order: "section" };

/// The lists of a plan kept as rows: goals, actions and crisis contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanList {
    Goals,
    Actions,
    Contacts,
}

impl PlanList {
    fn table(self) -> &'static str {
        match self {
            Self::Goals => "goals",
            Self::Actions => "actions",
            Self::Contacts => "crisis_contacts",
        }
    }
}

/// `Conflict` when the plan's list already holds `max` rows: lists have limits so a plan stays
/// readable and a runaway client cannot fill the database. Inside the insert's transaction.
async fn room_for_one(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    list: PlanList,
    plan_id: i64,
    max: usize,
) -> DbResult<()> {
    let sql = format!("SELECT COUNT(*) FROM {} WHERE plan_id = $1", list.table());
    let count: i64 = sqlx::query_scalar(&sql).bind(plan_id).fetch_one(&mut **tx).await?;
    if count >= max as i64 {
        return Err(DbError::Conflict);
    }
    Ok(())
}

impl Db {
    /// Removes row `id` of one of the plan's lists; `NotFound` if the plan has no such row.
    #[tracing::instrument(skip_all)]
    pub async fn remove_from(&self, list: PlanList, plan_id: i64, id: i64, by: i64, now: i64) -> DbResult<()> {
        let sql = format!("DELETE FROM {} WHERE id = $1 AND plan_id = $2", list.table());
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(&sql).bind(id).bind(plan_id).execute(&mut *tx).await?;
        one_row(done.rows_affected())?;
        plan_changed(&mut tx, plan_id, by, now).await?;
        Ok(tx.commit().await?)
    }

    // ---- written sections and other whole-document sections

    /// A section stored as a JSON document; its default if never saved.
    #[tracing::instrument(skip_all)]
    pub async fn section_doc<T: DeserializeOwned + Default>(&self, plan_id: i64, section: Section) -> DbResult<T> {
        let body: Option<String> =
            sqlx::query_scalar("SELECT body FROM plan_sections WHERE plan_id = $1 AND section = $2")
                .bind(plan_id)
                .bind(section.as_str())
                .fetch_optional(&self.pool)
                .await?;
        doc_or_default(body.as_deref(), section)
    }

    #[tracing::instrument(skip_all)]
    pub async fn save_section_doc<T: Serialize>(
        &self,
        plan_id: i64,
        section: Section,
        doc: &T,
        by: i64,
        now: i64,
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO plan_sections (plan_id, section, body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (plan_id, section) DO UPDATE SET body = excluded.body, \
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(plan_id)
        .bind(section.as_str())
        .bind(to_json(doc)?)
        .bind(now)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        plan_changed(&mut tx, plan_id, by, now).await?;
        Ok(tx.commit().await?)
    }

    /// Changes a whole-document section with `change`, which sees the stored document and may
    /// refuse (`Err`). Compare-and-swap on the stored text: if someone else saved in between,
    /// it reads again and retries, so no save is lost and nothing is half-written.
    #[tracing::instrument(skip_all)]
    pub async fn modify_section_doc<T, R, E>(
        &self,
        plan_id: i64,
        section: Section,
        by: i64,
        now: i64,
        mut change: impl FnMut(&mut T) -> Result<R, E>,
    ) -> DbResult<Result<R, E>>
    where
        T: Serialize + DeserializeOwned + Default,
    {
        let empty = to_json(&T::default())?;
        sqlx::query(
            "INSERT INTO plan_sections (plan_id, section, body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (plan_id, section) DO NOTHING",
        )
        .bind(plan_id)
        .bind(section.as_str())
        .bind(&empty)
        .bind(now)
        .bind(by)
        .execute(&self.pool)
        .await?;
        for _ in 0..8 {
            let stored: String =
                sqlx::query_scalar("SELECT body FROM plan_sections WHERE plan_id = $1 AND section = $2")
                    .bind(plan_id)
                    .bind(section.as_str())
                    .fetch_one(&self.pool)
                    .await?;
            let mut doc: T = from_json(&stored, section.as_str())?;
            let outcome = match change(&mut doc) {
                Ok(outcome) => outcome,
                Err(refused) => return Ok(Err(refused)),
            };
            let mut tx = self.begin_write().await?;
            let done = sqlx::query(
                "UPDATE plan_sections SET body = $1, updated_at = $2, updated_by = $3 \
                 WHERE plan_id = $4 AND section = $5 AND body = $6",
            )
            .bind(to_json(&doc)?)
            .bind(now)
            .bind(by)
            .bind(plan_id)
            .bind(section.as_str())
            .bind(&stored)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 1 {
                plan_changed(&mut tx, plan_id, by, now).await?;
                tx.commit().await?;
                return Ok(Ok(outcome));
            }
        }
        Err(DbError::Conflict)
    }

    // ---- goals

    #[tracing::instrument(skip_all)]
    pub async fn goals(&self, plan_id: i64) -> DbResult<Vec<Goal>> {
        let rows: Vec<GoalColumns> = sqlx::query_as(&GOALS.rows()).bind(plan_id).fetch_all(&self.pool).await?;
        rows.into_iter().map(goal_from).collect()
    }

    /// Adds a goal unless the plan already has `max`; `Conflict` if it has.
    #[tracing::instrument(skip_all)]
    pub async fn add_goal(&self, plan_id: i64, goal: &GoalText, max: usize, by: i64, now: i64) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        room_for_one(&mut tx, PlanList::Goals, plan_id, max).await?;
        let id = sqlx::query_scalar(
            "INSERT INTO goals (plan_id, title, steps, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(plan_id)
        .bind(&goal.title)
        .bind(to_json(&goal.steps)?)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        plan_changed(&mut tx, plan_id, by, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all)]
    pub async fn update_goal(&self, plan_id: i64, goal_id: i64, goal: &GoalText, by: i64, now: i64) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        let done =
            sqlx::query("UPDATE goals SET title = $1, steps = $2, updated_at = $3 WHERE id = $4 AND plan_id = $5")
                .bind(&goal.title)
                .bind(to_json(&goal.steps)?)
                .bind(now)
                .bind(goal_id)
                .bind(plan_id)
                .execute(&mut *tx)
                .await?;
        one_row(done.rows_affected())?;
        plan_changed(&mut tx, plan_id, by, now).await?;
        Ok(tx.commit().await?)
    }

    // ---- actions

    #[tracing::instrument(skip_all)]
    pub async fn actions(&self, plan_id: i64) -> DbResult<Vec<CareAction>> {
        let rows: Vec<ActionColumns> = sqlx::query_as(&ACTIONS.rows()).bind(plan_id).fetch_all(&self.pool).await?;
        rows.into_iter().map(action_from).collect()
    }

    #[tracing::instrument(skip_all)]
    pub async fn action(&self, plan_id: i64, action_id: i64) -> DbResult<CareAction> {
        let sql = format!("SELECT {} FROM {} AND x.id = $2", ACTIONS.columns, ACTIONS.source);
        let row: Option<ActionColumns> =
            sqlx::query_as(&sql).bind(plan_id).bind(action_id).fetch_optional(&self.pool).await?;
        row.map(action_from).transpose()?.ok_or(DbError::NotFound)
    }

    /// Adds an action unless the plan already has `max`; `Conflict` if it has.
    #[tracing::instrument(skip_all)]
    pub async fn add_action(&self, plan_id: i64, action: &ActionPlan, max: usize, by: i64, now: i64) -> DbResult<i64> {
        let (who, carer_id, service) = assignee_columns(&action.who);
        let mut tx = self.begin_write().await?;
        room_for_one(&mut tx, PlanList::Actions, plan_id, max).await?;
        let id = sqlx::query_scalar(
            "INSERT INTO actions (plan_id, what, who, carer_id, service_name, due_day, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(plan_id)
        .bind(&action.what)
        .bind(who)
        .bind(carer_id)
        .bind(service)
        .bind(action.due.map(Day::days))
        .bind(by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        plan_changed(&mut tx, plan_id, by, now).await?;
        if let Some(carer) = carer_id {
            action_shared(&mut tx, plan_id, carer, by, now).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Changes what an action is, who does it and by when; its progress is kept.
    #[tracing::instrument(skip_all)]
    pub async fn update_action(
        &self,
        plan_id: i64,
        action_id: i64,
        action: &ActionPlan,
        by: i64,
        now: i64,
    ) -> DbResult<()> {
        let (who, carer_id, service) = assignee_columns(&action.who);
        let mut tx = self.begin_write().await?;
        let before: Option<i64> = sqlx::query_scalar("SELECT carer_id FROM actions WHERE id = $1 AND plan_id = $2")
            .bind(action_id)
            .bind(plan_id)
            .fetch_optional(&mut *tx)
            .await?
            .flatten();
        let done = sqlx::query(
            "UPDATE actions SET what = $1, who = $2, carer_id = $3, service_name = $4, due_day = $5 \
             WHERE id = $6 AND plan_id = $7",
        )
        .bind(&action.what)
        .bind(who)
        .bind(carer_id)
        .bind(service)
        .bind(action.due.map(Day::days))
        .bind(action_id)
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
        one_row(done.rows_affected())?;
        plan_changed(&mut tx, plan_id, by, now).await?;
        // A carer hears when the action becomes theirs, not at every later edit.
        if let Some(carer) = carer_id.filter(|c| before != Some(*c)) {
            action_shared(&mut tx, plan_id, carer, by, now).await?;
        }
        Ok(tx.commit().await?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn set_action_status(
        &self,
        plan_id: i64,
        action_id: i64,
        status: ActionStatus,
        by: i64,
        now: i64,
    ) -> DbResult<()> {
        let done = sqlx::query(
            "UPDATE actions SET status = $1, status_by = $2, status_at = $3 WHERE id = $4 AND plan_id = $5",
        )
        .bind(status.as_str())
        .bind(by)
        .bind(now)
        .bind(action_id)
        .bind(plan_id)
        .execute(&self.pool)
        .await?;
        one_row(done.rows_affected())
    }

    /// (account id, name) of the carers the plan's owner invited: the only carers an action
    /// may name.
    #[tracing::instrument(skip_all)]
    pub async fn carer_names(&self, plan_id: i64) -> DbResult<Vec<(i64, String)>> {
        Ok(sqlx::query_as(&CARERS.rows()).bind(plan_id).fetch_all(&self.pool).await?)
    }

    // ---- crisis contacts

    #[tracing::instrument(skip_all)]
    pub async fn contacts(&self, plan_id: i64) -> DbResult<Vec<ContactEntry>> {
        let rows: Vec<ContactColumns> = sqlx::query_as(&CONTACTS.rows()).bind(plan_id).fetch_all(&self.pool).await?;
        rows.into_iter().map(contact_from).collect()
    }

    /// Adds a contact unless the plan already has `max`; `Conflict` if it has.
    #[tracing::instrument(skip_all)]
    pub async fn add_contact(
        &self,
        plan_id: i64,
        contact: &CrisisContact,
        max: usize,
        by: i64,
        now: i64,
    ) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        room_for_one(&mut tx, PlanList::Contacts, plan_id, max).await?;
        let id = sqlx::query_scalar(
            "INSERT INTO crisis_contacts (plan_id, name, relationship, phone, available, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(plan_id)
        .bind(&contact.name)
        .bind(&contact.relationship)
        .bind(contact.phone.as_str())
        .bind(&contact.available)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        plan_changed(&mut tx, plan_id, by, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    // ---- review requests

    #[tracing::instrument(skip_all)]
    pub async fn request_review(&self, plan_id: i64, topics: &str, by: i64, now: i64) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        let id = sqlx::query_scalar(
            "INSERT INTO review_requests (plan_id, topics, requested_by, requested_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(plan_id)
        .bind(topics)
        .bind(by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let event = Event { notice: Notice::ReviewRequested, plan_id, by, now };
        notify(&mut tx, Recipient::KeyWorkerOf(plan_id), event).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Marks the plan's open review requests dealt with (the key worker set a review date).
    #[tracing::instrument(skip_all)]
    pub async fn close_review_requests(&self, plan_id: i64, now: i64) -> DbResult<()> {
        sqlx::query("UPDATE review_requests SET closed_at = $1 WHERE plan_id = $2 AND closed_at IS NULL")
            .bind(now)
            .bind(plan_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn assignee_columns(who: &Assignee) -> (&'static str, Option<i64>, &str) {
    match who {
        Assignee::Me => ("me", None, ""),
        Assignee::KeyWorker => ("key_worker", None, ""),
        Assignee::Service { name } => ("service", None, name),
        Assignee::Carer { account_id, .. } => ("carer", Some(*account_id), ""),
    }
}
