//! Self-ratings: stored once per request key, read back oldest first.

use super::push::{notify, Event, Recipient};
use super::sections::{decode_error, from_json, to_json};
use super::{Backend, Db, DbError, DbResult};
use crate::domain::notice::Notice;
use crate::domain::rating::{Answer, Measure, Rating, RATINGS_MAX};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

fn rating_from(r: &AnyRow) -> DbResult<Rating> {
    let measure: String = r.try_get("measure")?;
    Ok(Rating {
        id: r.try_get("id")?,
        measure: Measure::parse(&measure).ok_or_else(|| decode_error("rating measure"))?,
        at: r.try_get("rated_at")?,
        answers: from_json(&r.try_get::<String, _>("answers")?, "rating")?,
    })
}

/// Inserts `new` unless its plan holds [`RATINGS_MAX`] ratings (`None`); `Conflict` when its
/// request key is taken. How many a plan holds is read as each database reads it fastest:
/// PostgreSQL keeps the count in the plan's row (its migration 12, rating_writes, says why);
/// SQLite counts the plan's entries in the index, quicker there than writing the plan's row too.
async fn insert_rating(conn: &mut AnyConnection, backend: Backend, new: &NewRating<'_>) -> DbResult<Option<i64>> {
    let held = match backend {
        Backend::Postgres => "(SELECT ratings_held FROM plans WHERE id = $1)",
        Backend::Sqlite => "(SELECT COUNT(*) FROM ratings WHERE plan_id = $1)",
    };
    let sql = format!(
        "INSERT INTO ratings (plan_id, measure, request_key, answers, rated_by, rated_at) \
         SELECT $1, $2, $3, $4, $5, $6 WHERE {held} < $7 RETURNING id"
    );
    Ok(sqlx::query_scalar(&sql)
        .bind(new.plan_id)
        .bind(new.measure.as_str())
        .bind(new.request_key)
        .bind(to_json(&new.answers)?)
        .bind(new.by)
        .bind(new.at)
        .bind(RATINGS_MAX as i64)
        .fetch_optional(conn)
        .await?)
}

/// A new rating: who rated, when, under which request key.
pub struct NewRating<'a> {
    pub plan_id: i64,
    pub measure: Measure,
    pub request_key: &'a str,
    pub answers: &'a [Answer],
    pub by: i64,
    pub at: i64,
    /// The rating asks for more help or drops 2+ points: the key worker is told.
    pub asks_for_help: bool,
}

impl Db {
    async fn rating_with_key(&self, plan_id: i64, key: &str) -> DbResult<Option<i64>> {
        Ok(sqlx::query_scalar("SELECT id FROM ratings WHERE plan_id = $1 AND request_key = $2")
            .bind(plan_id)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Stores a rating and returns its id; the id of the rating already stored if this request
    /// key was used before on this plan. `Conflict` when the plan holds [`RATINGS_MAX`].
    pub async fn add_rating(&self, new: NewRating<'_>) -> DbResult<i64> {
        // The limit check is part of the insert. A form sent again is rare, so it is found by
        // the unique key failing, not by a look before every insert. Most ratings tell nobody:
        // their insert is one statement, atomic on its own, without the two round trips a
        // transaction adds.
        let inserted = if new.asks_for_help {
            let mut tx = self.begin_write().await?;
            match insert_rating(&mut tx, self.backend, &new).await {
                Ok(Some(id)) => {
                    let event = Event { notice: Notice::HelpAsked, plan_id: new.plan_id, by: new.by, now: new.at };
                    notify(&mut tx, Recipient::KeyWorkerOf(new.plan_id), event).await?;
                    tx.commit().await?;
                    Ok(Some(id))
                }
                other => other,
            }
        } else {
            insert_rating(&mut *self.pool.acquire().await?, self.backend, &new).await
        };
        match inserted {
            Ok(Some(id)) => Ok(id),
            // The same form sent again (the key is taken), or the plan holds as many ratings as
            // it may: either way, if an earlier request stored this form, that is the answer.
            Ok(None) | Err(DbError::Conflict) => {
                self.rating_with_key(new.plan_id, new.request_key).await?.ok_or(DbError::Conflict)
            }
            Err(e) => Err(e),
        }
    }

    /// A plan's ratings of one measure, oldest first.
    pub async fn ratings(&self, plan_id: i64, measure: Measure) -> DbResult<Vec<Rating>> {
        let rows = sqlx::query(
            "SELECT id, measure, answers, rated_at FROM ratings WHERE plan_id = $1 AND measure = $2 \
             ORDER BY rated_at, id",
        )
        .bind(plan_id)
        .bind(measure.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(rating_from).collect()
    }

    /// A plan's newest rating of one measure: what a new one is compared with.
    pub async fn last_rating(&self, plan_id: i64, measure: Measure) -> DbResult<Option<Rating>> {
        let row = sqlx::query(
            "SELECT id, measure, answers, rated_at FROM ratings WHERE plan_id = $1 AND measure = $2 \
             ORDER BY rated_at DESC, id DESC LIMIT 1",
        )
        .bind(plan_id)
        .bind(measure.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(rating_from).transpose()
    }

    /// The last two DIALOG ratings of each plan on a key worker's caseload, newest first per
    /// plan: what the caseload needs to flag "wants more help" and drops.
    pub async fn caseload_dialogs(&self, key_worker_id: i64) -> DbResult<Vec<(i64, Rating)>> {
        let rows = sqlx::query(
            // Numbered newest first in one pass over the caseload's DIALOG ratings, and only the
            // two kept read whole: counting the newer ones for each rating grew with the square
            // of a plan's history (ten seconds for a caseload of 200 plans of 500 ratings).
            "SELECT r.id, r.plan_id, r.measure, r.answers, r.rated_at FROM ratings r JOIN \
             (SELECT n.id, ROW_NUMBER() OVER (PARTITION BY n.plan_id ORDER BY n.rated_at DESC, n.id DESC) AS newest \
              FROM ratings n JOIN plans p ON p.id = n.plan_id \
              WHERE p.key_worker_id = $1 AND n.measure = 'dialog') last ON last.id = r.id \
             WHERE last.newest <= 2 ORDER BY r.plan_id, r.rated_at DESC, r.id DESC",
        )
        .bind(key_worker_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get("plan_id")?, rating_from(r)?))).collect()
    }
}
