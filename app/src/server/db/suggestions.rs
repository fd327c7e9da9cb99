//! Suggested changes to a section and the writer's answers.

use super::lists::ListSql;
use super::sections::{decode_error, one_row};
use super::{Db, DbResult};
use crate::domain::section::Section;
use crate::domain::suggestion::{Decision, Suggestion};

/// A suggestion's id, section, text, author's name (none once their account is gone) and when.
pub(super) type SuggestionColumns = (i64, String, String, Option<String>, i64);

pub(super) const OPEN_SUGGESTIONS: ListSql = ListSql {
    columns: "s.id, s.section, s.body, a.display_name, s.created_at",
    source: "suggestions s LEFT JOIN accounts a ON a.id = s.author_id WHERE s.plan_id = $1 AND s.status = 'open'",
    order: "s.id",
};

pub(super) fn suggestion_from((id, section, text, author, created_at): SuggestionColumns) -> DbResult<Suggestion> {
    let section = Section::parse(&section).ok_or_else(|| decode_error("suggestion"))?;
    Ok(Suggestion { id, section, text, author: author.unwrap_or_default(), created_at })
}

impl Db {
    #[tracing::instrument(skip_all)]
    pub async fn add_suggestion(&self, plan_id: i64, section: Section, text: &str, by: i64, now: i64) -> DbResult<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO suggestions (plan_id, section, body, author_id, created_at) VALUES ($1, $2, $3, $4, $5) \
             RETURNING id",
        )
        .bind(plan_id)
        .bind(section.as_str())
        .bind(text)
        .bind(by)
        .bind(now)
        .fetch_one(&self.pool)
        .await?)
    }

    /// The plan's suggestions still waiting for an answer, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn open_suggestions(&self, plan_id: i64) -> DbResult<Vec<Suggestion>> {
        let rows: Vec<SuggestionColumns> =
            sqlx::query_as(&OPEN_SUGGESTIONS.rows()).bind(plan_id).fetch_all(&self.pool).await?;
        rows.into_iter().map(suggestion_from).collect()
    }

    /// Answers an open suggestion; `NotFound` if the plan has no such open suggestion.
    #[tracing::instrument(skip_all)]
    pub async fn decide_suggestion(
        &self,
        plan_id: i64,
        id: i64,
        decision: Decision,
        by: i64,
        now: i64,
    ) -> DbResult<()> {
        let done = sqlx::query(
            "UPDATE suggestions SET status = $1, decided_by = $2, decided_at = $3 \
             WHERE id = $4 AND plan_id = $5 AND status = 'open'",
        )
        .bind(decision.as_str())
        .bind(by)
        .bind(now)
        .bind(id)
        .bind(plan_id)
        .execute(&self.pool)
        .await?;
        one_row(done.rows_affected())
    }
}
