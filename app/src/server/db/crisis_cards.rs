//! Crisis cards and their openings.

use super::push::plan_changed;
use super::sections::one_row;
use super::{Db, DbResult};
use crate::domain::crisis_card::{sections_from_text, sections_to_text, CrisisCard};
use crate::domain::section::Section;
use sqlx::Row;

/// A card found by its token, still in force.
pub struct OpenCard {
    pub card_id: i64,
    pub plan_id: i64,
    pub label: String,
    pub expires_at: i64,
    pub sections: Vec<Section>,
}

/// A card to make: only the hash of its token is stored.
pub struct NewCard<'a> {
    pub plan_id: i64,
    pub token_hash: &'a str,
    pub label: &'a str,
    pub expires_at: i64,
    pub sections: &'a [Section],
}

impl Db {
    #[tracing::instrument(skip_all)]
    pub async fn create_crisis_card(&self, card: NewCard<'_>, by: i64, now: i64) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        let id = sqlx::query_scalar(
            "INSERT INTO crisis_cards (plan_id, token_hash, label, created_by, created_at, expires_at, sections) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(card.plan_id)
        .bind(card.token_hash)
        .bind(card.label)
        .bind(by)
        .bind(now)
        .bind(card.expires_at)
        .bind(sections_to_text(card.sections))
        .fetch_one(&mut *tx)
        .await?;
        plan_changed(&mut tx, card.plan_id, by, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The card with this token hash if it is in force at `now`; the opening is recorded.
    #[tracing::instrument(skip_all)]
    pub async fn open_crisis_card(&self, token_hash: &str, now: i64) -> DbResult<Option<OpenCard>> {
        let row = sqlx::query(
            "SELECT id, plan_id, label, expires_at, sections FROM crisis_cards WHERE token_hash = $1 \
             AND revoked_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let card = OpenCard {
            card_id: r.try_get("id")?,
            plan_id: r.try_get("plan_id")?,
            label: r.try_get("label")?,
            expires_at: r.try_get("expires_at")?,
            sections: sections_from_text(&r.try_get::<String, _>("sections")?),
        };
        sqlx::query("INSERT INTO crisis_card_openings (card_id, at) VALUES ($1, $2)")
            .bind(card.card_id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(Some(card))
    }

    /// Stops a card in force; `NotFound` if the plan has no such card still running.
    #[tracing::instrument(skip_all)]
    pub async fn stop_crisis_card(&self, plan_id: i64, card_id: i64, by: i64, now: i64) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE crisis_cards SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND plan_id = $4 \
             AND revoked_at IS NULL AND expires_at > $1",
        )
        .bind(now)
        .bind(by)
        .bind(card_id)
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
        one_row(done.rows_affected())?;
        plan_changed(&mut tx, plan_id, by, now).await?;
        Ok(tx.commit().await?)
    }

    /// Every card of the plan with its openings, newest first.
    #[tracing::instrument(skip_all)]
    pub async fn crisis_cards(&self, plan_id: i64) -> DbResult<Vec<CrisisCard>> {
        let rows = sqlx::query(
            "SELECT id, label, created_at, expires_at, revoked_at, sections FROM crisis_cards WHERE plan_id = $1 \
             ORDER BY id DESC",
        )
        .bind(plan_id)
        .fetch_all(&self.pool)
        .await?;
        let openings = sqlx::query(
            "SELECT o.card_id, o.at FROM crisis_card_openings o JOIN crisis_cards c ON c.id = o.card_id \
             WHERE c.plan_id = $1 ORDER BY o.at DESC",
        )
        .bind(plan_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                let opened = openings
                    .iter()
                    .filter(|o| o.try_get::<i64, _>("card_id").is_ok_and(|c| c == id))
                    .map(|o| o.try_get::<i64, _>("at"))
                    .collect::<Result<_, _>>()?;
                Ok(CrisisCard {
                    id,
                    label: r.try_get("label")?,
                    created_at: r.try_get("created_at")?,
                    expires_at: r.try_get("expires_at")?,
                    revoked_at: r.try_get("revoked_at")?,
                    sections: sections_from_text(&r.try_get::<String, _>("sections")?),
                    openings: opened,
                })
            })
            .collect()
    }
}
