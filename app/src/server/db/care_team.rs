//! Sections the person stopped sharing with their care team, and the history of those choices.

use super::push::plan_changed;
use super::sections::one_row;
use super::{Db, DbResult};
use crate::domain::section::Section;
use crate::domain::sharing::Withholding;
use sqlx::Row;

impl Db {
    /// The sections withheld from the care team now.
    #[tracing::instrument(skip_all)]
    pub async fn withheld_from_care_team(&self, plan_id: i64) -> DbResult<Vec<Section>> {
        let rows: Vec<String> =
            sqlx::query_scalar("SELECT section FROM care_team_withholdings WHERE plan_id = $1 AND restored_at IS NULL")
                .bind(plan_id)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.iter().filter_map(|s| Section::parse(s)).collect())
    }

    /// Stops sharing `section` with the care team; `Conflict` if it is withheld already.
    #[tracing::instrument(skip_all)]
    pub async fn withhold_from_care_team(&self, plan_id: i64, section: Section, by: i64, now: i64) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM care_team_withholdings WHERE plan_id = $1 AND section = $2 AND restored_at IS NULL",
        )
        .bind(plan_id)
        .bind(section.as_str())
        .fetch_one(&mut *tx)
        .await?;
        if open > 0 {
            return Err(super::DbError::Conflict);
        }
        let id = sqlx::query_scalar(
            "INSERT INTO care_team_withholdings (plan_id, section, withheld_by, withheld_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(plan_id)
        .bind(section.as_str())
        .bind(by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        plan_changed(&mut tx, plan_id, by, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Shares `section` with the care team again; `NotFound` if it was not withheld.
    #[tracing::instrument(skip_all)]
    pub async fn restore_to_care_team(&self, plan_id: i64, section: Section, by: i64, now: i64) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE care_team_withholdings SET restored_at = $1, restored_by = $2 \
             WHERE plan_id = $3 AND section = $4 AND restored_at IS NULL",
        )
        .bind(now)
        .bind(by)
        .bind(plan_id)
        .bind(section.as_str())
        .execute(&mut *tx)
        .await?;
        one_row(done.rows_affected())?;
        plan_changed(&mut tx, plan_id, by, now).await?;
        Ok(tx.commit().await?)
    }

    /// Every choice about the care team, newest first: the consent history.
    #[tracing::instrument(skip_all)]
    pub async fn care_team_withholdings(&self, plan_id: i64) -> DbResult<Vec<Withholding>> {
        let rows = sqlx::query(
            "SELECT id, section, withheld_at, restored_at FROM care_team_withholdings WHERE plan_id = $1 \
             ORDER BY id DESC",
        )
        .bind(plan_id)
        .fetch_all(&self.pool)
        .await?;
        let mut history = Vec::with_capacity(rows.len());
        for r in &rows {
            // A section name from an older version of the app is not shown.
            let Some(section) = Section::parse(&r.try_get::<String, _>("section")?) else { continue };
            history.push(Withholding {
                id: r.try_get("id")?,
                section,
                withheld_at: r.try_get("withheld_at")?,
                restored_at: r.try_get("restored_at")?,
            });
        }
        Ok(history)
    }
}
