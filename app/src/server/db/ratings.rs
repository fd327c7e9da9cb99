//! Self-ratings: stored once per request key, read back oldest first.

use super::push::{notify, Event, Recipient};
use super::sections::{decode_error, from_json, to_json};
use super::{Backend, Db, DbError, DbResult};
use crate::domain::notice::Notice;
use crate::domain::rating::{change, Answer, Measure, Rating, RATINGS_MAX};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

fn rating_from(r: &AnyRow) -> DbResult<Rating> {
    let measure: String = r.try_get("measure")?;
    Ok(Rating {
        id: r.try_get("id")?,
        measure: Measure::parse(&measure).ok_or_else(|| decode_error("rating measure"))?,
        at: r.try_get("rated_at")?,
        answers: from_json(&r.try_get::<String, _>("answers")?, "rating")?,
    })
}

/// The plan's newest rating of one measure (`$1` the plan, `$2` the measure).
const NEWEST: &str = "SELECT id, measure, answers, rated_at FROM ratings WHERE plan_id = $1 AND measure = $2 \
                      ORDER BY rated_at DESC, id DESC LIMIT 1";

async fn newest_rating(conn: &mut AnyConnection, plan_id: i64, measure: &Measure) -> DbResult<Option<Rating>> {
    let row = sqlx::query(NEWEST).bind(plan_id).bind(measure.as_str()).fetch_optional(conn).await?;
    row.as_ref().map(rating_from).transpose()
}

/// The insert of `new`, returning its `id`, unless its plan holds [`RATINGS_MAX`] ratings. How
/// many a plan holds is read as each database reads it fastest: PostgreSQL keeps the count in
/// the plan's row (its migration 12, rating_writes, says why); SQLite counts the plan's entries
/// in the index, quicker there than writing the plan's row too.
fn insert_sql(backend: Backend) -> String {
    let held = match backend {
        Backend::Postgres => "(SELECT ratings_held FROM plans WHERE id = $1)",
        Backend::Sqlite => "(SELECT COUNT(*) FROM ratings WHERE plan_id = $1)",
    };
    format!(
        "INSERT INTO ratings (plan_id, measure, request_key, answers, rated_by, rated_at) \
         SELECT $1, $2, $3, $4, $5, $6 WHERE {held} < $7 RETURNING id"
    )
}

fn bind_new<'q>(sql: &'q str, new: &NewRating<'q>) -> DbResult<Query<'q, Any, AnyArguments<'q>>> {
    Ok(sqlx::query(sql)
        .bind(new.plan_id)
        .bind(new.measure.as_str())
        .bind(new.request_key)
        .bind(to_json(&new.answers)?)
        .bind(new.by)
        .bind(new.at)
        .bind(RATINGS_MAX as i64))
}

/// Inserts `new` unless its plan is full (`None`); `Conflict` when its request key is taken.
async fn insert_rating(conn: &mut AnyConnection, backend: Backend, new: &NewRating<'_>) -> DbResult<Option<i64>> {
    let sql = insert_sql(backend);
    let row = bind_new(&sql, new)?.fetch_optional(conn).await?;
    Ok(row.map(|r| r.try_get("id")).transpose()?)
}

/// As [`insert_rating`], and the plan's newest rating of the measure before `new`. PostgreSQL
/// answers both in one statement: the parts of a statement share one snapshot, so the read does
/// not see the insert. SQLite's RETURNING would see the new row, and a read there costs no round
/// trip, so it reads first.
async fn insert_rating_and_previous(
    conn: &mut AnyConnection,
    backend: Backend,
    new: &NewRating<'_>,
) -> DbResult<Option<(i64, Option<Rating>)>> {
    match backend {
        Backend::Postgres => {
            let sql = format!(
                "WITH previous AS ({NEWEST}), added AS ({}) \
                 SELECT added.id AS added_id, previous.* FROM added LEFT JOIN previous ON true",
                insert_sql(backend)
            );
            let row = bind_new(&sql, new)?.fetch_optional(conn).await?;
            let Some(row) = row else { return Ok(None) };
            let previous = match row.try_get::<Option<i64>, _>("id")? {
                Some(_) => Some(rating_from(&row)?),
                None => None,
            };
            Ok(Some((row.try_get("added_id")?, previous)))
        }
        Backend::Sqlite => {
            let previous = newest_rating(&mut *conn, new.plan_id, new.measure).await?;
            Ok(insert_rating(conn, backend, new).await?.map(|id| (id, previous)))
        }
    }
}

/// Whom storing a rating tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tells {
    Nobody,
    /// The key worker, in the rating's own transaction: it asks for more help.
    KeyWorker,
    /// The key worker if the rating is two or more points lower than the plan's one before it
    /// on some item ([`change::drops`]).
    KeyWorkerIfItDrops,
}

/// A new rating: who rated, when, under which request key.
pub struct NewRating<'a> {
    pub plan_id: i64,
    pub measure: &'a Measure,
    pub request_key: &'a str,
    pub answers: &'a [Answer],
    pub by: i64,
    pub at: i64,
    pub tells: Tells,
}

impl NewRating<'_> {
    fn help_asked(&self) -> Event {
        Event { notice: Notice::HelpAsked, plan_id: self.plan_id, by: self.by, now: self.at }
    }
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
    #[tracing::instrument(skip_all)]
    pub async fn add_rating(&self, new: NewRating<'_>) -> DbResult<i64> {
        // The limit check is part of the insert. A form sent again is rare, so it is found by
        // the unique key failing, not by a look before every insert. Unless the rating asks for
        // help, its insert is one statement, atomic on its own, without the two round trips a
        // transaction adds.
        let to_key_worker = Recipient::KeyWorkerOf(new.plan_id);
        let inserted = match new.tells {
            Tells::Nobody => insert_rating(&mut *self.pool.acquire().await?, self.backend, &new).await,
            Tells::KeyWorker => {
                let mut tx = self.begin_write().await?;
                match insert_rating(&mut tx, self.backend, &new).await {
                    Ok(Some(id)) => {
                        notify(&mut tx, to_key_worker, new.help_asked()).await?;
                        tx.commit().await?;
                        Ok(Some(id))
                    }
                    other => other,
                }
            }
            Tells::KeyWorkerIfItDrops => {
                let mut conn = self.pool.acquire().await?;
                match insert_rating_and_previous(&mut conn, self.backend, &new).await {
                    Ok(Some((id, previous))) => {
                        let rating =
                            Rating { id, measure: new.measure.clone(), at: new.at, answers: new.answers.to_vec() };
                        // Told after the rating is stored, not in its transaction: only the
                        // insert's answer says whether it dropped, and a transaction around
                        // every rating would add two round trips to each. Were the server to
                        // stop between the two, the caseload still flags the drop.
                        if !change::drops(&rating, previous.as_ref()).is_empty() {
                            notify(&mut conn, to_key_worker, new.help_asked()).await?;
                        }
                        Ok(Some(id))
                    }
                    other => other.map(|added| added.map(|(id, _)| id)),
                }
            }
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
    #[tracing::instrument(skip_all)]
    pub async fn ratings(&self, plan_id: i64, measure: &Measure) -> DbResult<Vec<Rating>> {
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

    /// Every rating of a plan, of every measure, oldest first: the person's own data, including
    /// ratings of a questionnaire the deployment no longer offers.
    #[tracing::instrument(skip_all)]
    pub async fn all_ratings(&self, plan_id: i64) -> DbResult<Vec<Rating>> {
        let rows =
            sqlx::query("SELECT id, measure, answers, rated_at FROM ratings WHERE plan_id = $1 ORDER BY rated_at, id")
                .bind(plan_id)
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(rating_from).collect()
    }

    /// A plan's newest rating of one measure: what the rating form shows beside each question.
    #[tracing::instrument(skip_all)]
    pub async fn last_rating(&self, plan_id: i64, measure: &Measure) -> DbResult<Option<Rating>> {
        newest_rating(&mut *self.pool.acquire().await?, plan_id, measure).await
    }

    /// The last two ratings of one measure of each plan on a key worker's caseload, newest
    /// first per plan: what the caseload needs to flag "wants more help" and drops in DIALOG,
    /// and a questionnaire's change in total.
    #[tracing::instrument(skip_all)]
    pub async fn caseload_ratings(&self, key_worker_id: i64, measure: &Measure) -> DbResult<Vec<(i64, Rating)>> {
        let rows = sqlx::query(
            // Numbered newest first in one pass over the caseload's ratings, and only the two
            // kept read whole: counting the newer ones for each rating grew with the square of
            // a plan's history (ten seconds for a caseload of 200 plans of 500 ratings).
            "SELECT r.id, r.plan_id, r.measure, r.answers, r.rated_at FROM ratings r JOIN \
             (SELECT n.id, ROW_NUMBER() OVER (PARTITION BY n.plan_id ORDER BY n.rated_at DESC, n.id DESC) AS newest \
              FROM ratings n JOIN plans p ON p.id = n.plan_id \
              WHERE p.key_worker_id = $1 AND n.measure = $2) last ON last.id = r.id \
             WHERE last.newest <= 2 ORDER BY r.plan_id, r.rated_at DESC, r.id DESC",
        )
        .bind(key_worker_id)
        .bind(measure.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get("plan_id")?, rating_from(r)?))).collect()
    }
}
