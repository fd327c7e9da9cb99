//! The repository: every query the app makes, over SQLite or PostgreSQL.
//!
//! One implementation serves both databases through sqlx's `Any` driver: the SQL here is the
//! common dialect of the two (`$n` placeholders, `RETURNING`, BIGINT Unix times, TEXT enums),
//! so the integration tests exercise the very same code on each backend.

use crate::domain::about_me::AboutMe;
use crate::domain::role::Role;
use crate::domain::sharing::AccessRow;
use lists::ListSql;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Connection, Executor, Row};
use std::sync::Once;
use std::time::Duration;

/// How long a PostgreSQL connection may lie idle in the pool before it is pinged on its next use.
const PING_AFTER_IDLE: Duration = Duration::from_secs(1);

mod care_team;
mod crisis_cards;
mod lists;
mod push;
mod ratings;
mod sections;
mod sharing;
mod suggestions;
mod trusted_systems;
mod versions;

pub use crisis_cards::{NewCard, OpenCard};
pub use push::{Attempt, Claimed, Device, Event, Outcome, Recipient};
pub use ratings::{NewRating, Tells};
pub use sections::PlanList;
pub use sharing::{Granted, NewGrant};
pub use trusted_systems::SystemActor;
pub use versions::{Agreement, AgreementRow, VersionRow, WholePlan};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("not found")]
    NotFound,
    #[error("conflicts with existing data")]
    Conflict,
    #[error(transparent)]
    Other(sqlx::Error),
}

impl From<sqlx::Error> for DbError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::Conflict,
            _ => Self::failed(e),
        }
    }
}

impl DbError {
    /// A failure of the database, logged where it happens: inside the span of the repository
    /// method that met it, within its request's, so the log says which method of which page or
    /// server function failed. The spans hold no arguments (`skip_all`): what the method was
    /// given can be a person's words.
    pub(crate) fn failed(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        Self::Other(e)
    }
}

pub type DbResult<T> = Result<T, DbError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

/// An account as stored, with its password hash: never sent to a browser.
pub struct AccountRow {
    pub id: i64,
    pub role: Role,
    pub display_name: String,
    pub email: String,
    pub password_hash: Option<String>,
    pub team_id: Option<i64>,
    pub locale: String,
}

pub struct SessionRow {
    pub id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub account: AccountRow,
    /// The plan the account owns (a service user's), read with the session since most pages
    /// need it.
    pub own_plan_id: Option<i64>,
}

pub struct InviteRow {
    pub id: i64,
    pub account_id: i64,
    pub display_name: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// Who stands where around one plan.
pub struct PlanParties {
    pub plan_id: i64,
    pub owner_id: i64,
    pub owner_name: String,
    pub key_worker_id: Option<i64>,
    pub key_worker_name: Option<String>,
    pub team_id: Option<i64>,
}

/// A plan's parties, as [`parties_from`] reads them, of the plan `p` joined with
/// [`PARTIES_JOINS`].
const PARTIES_COLUMNS: &str = "p.id AS plan_id, p.owner_id, o.display_name AS owner_name, p.key_worker_id, \
     k.display_name AS key_worker_name, p.team_id AS plan_team_id";
const PARTIES_JOINS: &str = "LEFT JOIN accounts o ON o.id = p.owner_id LEFT JOIN accounts k ON k.id = p.key_worker_id";

/// `None` when the row has no plan (a plan outer-joined that does not exist).
fn parties_from(row: &AnyRow) -> DbResult<Option<PlanParties>> {
    let Some(plan_id) = row.try_get::<Option<i64>, _>("plan_id")? else {
        return Ok(None);
    };
    Ok(Some(PlanParties {
        plan_id,
        owner_id: row.try_get("owner_id")?,
        owner_name: row.try_get("owner_name")?,
        key_worker_id: row.try_get("key_worker_id")?,
        key_worker_name: row.try_get("key_worker_name")?,
        team_id: row.try_get("plan_team_id")?,
    }))
}

/// A person on a caseload or in a team list.
pub struct PersonRow {
    pub account_id: i64,
    pub plan_id: Option<i64>,
    pub display_name: String,
    pub role: Role,
    pub detail: String,
    pub activated: bool,
    /// Open review requests on their plan (caseload only).
    pub review_requests: i64,
    /// Actions on their plan past their due day and not done (caseload only).
    pub overdue_actions: i64,
}

/// What ties a newly invited account to the rest of the service.
pub enum InviteFor {
    /// A key worker joining a team.
    Staff,
    /// A service user, with a new plan on this key worker's caseload.
    PlanOwner { key_worker_id: i64 },
    /// A carer invited by the owner of this plan.
    CarerOf { plan_id: i64, relationship: String },
}

pub struct NewInvite<'a> {
    pub role: Role,
    pub display_name: &'a str,
    pub email: &'a str,
    pub team_id: Option<i64>,
    pub created_by: Option<i64>,
    pub token_hash: &'a str,
    pub expires_at: i64,
    pub now: i64,
    pub links: InviteFor,
}

pub struct AccessEntry<'a> {
    pub plan_id: i64,
    pub actor_id: i64,
    pub actor_role: Role,
    pub section: &'a str,
    pub action: &'a str,
    pub at: i64,
}

/// About Me's nine answers, then when it was last saved.
type AboutMeColumns = (String, String, String, String, String, String, String, String, String, i64);

/// A list of one row: every plan has its About Me.
const ABOUT_ME: ListSql = ListSql {
    columns: "who_i_am, what_matters, strengths, working, not_working, people, support, communication, decisions, \
              updated_at",
    source: "about_me WHERE plan_id = $1",
    order: "plan_id",
};

/// About Me and when it was last saved.
fn about_me_from(row: AboutMeColumns) -> (AboutMe, i64) {
    let (who_i_am, what_matters, strengths, working, not_working, people, support, communication, decisions, at) = row;
    let about =
        AboutMe { who_i_am, what_matters, strengths, working, not_working, people, support, communication, decisions };
    (about, at)
}

const ACCOUNT_COLUMNS: &str = "a.id, a.role, a.display_name, a.email, a.password_hash, a.team_id, a.locale";

fn account_from(row: &AnyRow) -> DbResult<AccountRow> {
    let role: String = row.try_get("role")?;
    Ok(AccountRow {
        id: row.try_get("id")?,
        role: Role::parse(&role)
            .ok_or_else(|| DbError::failed(sqlx::Error::Decode(format!("unknown role {role}").into())))?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        password_hash: row.try_get("password_hash")?,
        team_id: row.try_get("team_id")?,
        locale: row.try_get("locale")?,
    })
}

impl Db {
    /// Opens the database named by `url` (`sqlite://path` or `postgres://...`), creating a
    /// SQLite file if it is missing, and applies pending migrations. Start-up stops on failure.
    #[tracing::instrument(skip_all)]
    pub async fn connect(url: &str) -> DbResult<Self> {
        static DRIVERS: Once = Once::new();
        DRIVERS.call_once(sqlx::any::install_default_drivers);

        let backend = if url.starts_with("sqlite:") { Backend::Sqlite } else { Backend::Postgres };
        let options = AnyPoolOptions::new();
        let pool = match backend {
            Backend::Sqlite => {
                let url = sqlite_url(url)?;
                options
                    .max_connections(8)
                    // A SQLite connection lives in this process and cannot be lost: the ping
                    // before each use would only double the hand-offs to its thread.
                    .test_before_acquire(false)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // WAL lets readers carry on while one writer writes; the busy timeout
                            // makes a second writer wait instead of failing at once.
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                                 PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Backend::Postgres => {
                options
                    .max_connections(16)
                    // sqlx pings before every use by default: a round trip of its own for each
                    // query, as many as the queries themselves. A connection used in the last
                    // second is taken as alive; one idle longer (the server may have restarted)
                    // is pinged, and a dead one is closed and another taken.
                    .test_before_acquire(false)
                    .before_acquire(|conn, meta| {
                        Box::pin(async move {
                            if meta.idle_for >= PING_AFTER_IDLE {
                                conn.ping().await?;
                            }
                            Ok(true)
                        })
                    })
                    .connect(url)
                    .await?
            }
        };
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&pool).await.map_err(|e| DbError::failed(e.into()))?;
        Ok(Self { pool, backend })
    }

    /// A transaction that writes. On SQLite it takes the write lock when it begins: under the
    /// default deferred BEGIN, one that reads first (a count before an insert) cannot take the
    /// lock later once another connection has written, and fails at once with "database is
    /// locked" instead of waiting its turn.
    pub(crate) async fn begin_write(&self) -> DbResult<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    pub fn is_closed(&self) -> bool {
        self.pool.is_closed()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    #[tracing::instrument(skip_all)]
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The connection pool itself, for checks that read every table (what an erasure leaves).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    // ---- teams and accounts

    #[tracing::instrument(skip_all)]
    pub async fn create_team(&self, name: &str, now: i64) -> DbResult<i64> {
        Ok(sqlx::query_scalar("INSERT INTO teams (name, created_at) VALUES ($1, $2) RETURNING id")
            .bind(name)
            .bind(now)
            .fetch_one(&self.pool)
            .await?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn team_name(&self, team_id: i64) -> DbResult<Option<String>> {
        Ok(sqlx::query_scalar("SELECT name FROM teams WHERE id = $1").bind(team_id).fetch_optional(&self.pool).await?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn count_accounts(&self) -> DbResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(&self.pool).await?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn account_by_email(&self, email: &str) -> DbResult<Option<AccountRow>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.email = $1");
        let row = sqlx::query(&sql).bind(email).fetch_optional(&self.pool).await?;
        row.as_ref().map(account_from).transpose()
    }

    #[tracing::instrument(skip_all)]
    pub async fn account(&self, id: i64) -> DbResult<Option<AccountRow>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(account_from).transpose()
    }

    /// The person's chosen language, kept with their account (the page locale is passed
    /// explicitly to every translation; nothing global is set).
    #[tracing::instrument(skip_all)]
    pub async fn save_locale(&self, account_id: i64, locale: &str) -> DbResult<()> {
        sqlx::query("UPDATE accounts SET locale = $1 WHERE id = $2")
            .bind(locale)
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Sets a password directly; used by demo seeding. People set theirs through an invite.
    #[tracing::instrument(skip_all)]
    pub async fn set_password_hash(&self, account_id: i64, hash: &str) -> DbResult<()> {
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Replaces an account's password and ends every session of it but `keep` (the one that
    /// changed it): a device signed in with the old password is signed out.
    #[tracing::instrument(skip_all)]
    pub async fn replace_password(&self, account_id: i64, hash: &str, keep: i64) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND id <> $2")
            .bind(account_id)
            .bind(keep)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes an account; its sessions, invites, plan and carer links go with it.
    #[tracing::instrument(skip_all)]
    pub async fn delete_account(&self, account_id: i64) -> DbResult<()> {
        let done = sqlx::query("DELETE FROM accounts WHERE id = $1").bind(account_id).execute(&self.pool).await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(DbError::NotFound)
        }
    }

    // ---- invitations

    /// Creates the account, what ties it to the service (a plan, a carer link) and its one-time
    /// invite in one transaction: nothing is left half-made. `Conflict` if the email is taken.
    #[tracing::instrument(skip_all)]
    pub async fn create_invited_account(&self, invite: NewInvite<'_>) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        let account_id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (role, display_name, email, team_id, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(invite.role.as_str())
        .bind(invite.display_name)
        .bind(invite.email)
        .bind(invite.team_id)
        .bind(invite.now)
        .fetch_one(&mut *tx)
        .await?;
        match invite.links {
            InviteFor::Staff => {}
            InviteFor::PlanOwner { key_worker_id } => {
                let plan_id: i64 = sqlx::query_scalar(
                    "INSERT INTO plans (owner_id, key_worker_id, team_id, created_at) \
                     VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(account_id)
                .bind(key_worker_id)
                .bind(invite.team_id)
                .bind(invite.now)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("INSERT INTO about_me (plan_id, updated_at) VALUES ($1, $2)")
                    .bind(plan_id)
                    .bind(invite.now)
                    .execute(&mut *tx)
                    .await?;
            }
            InviteFor::CarerOf { plan_id, relationship } => {
                sqlx::query(
                    "INSERT INTO carers (plan_id, carer_id, relationship, created_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(plan_id)
                .bind(account_id)
                .bind(relationship)
                .bind(invite.now)
                .execute(&mut *tx)
                .await?;
            }
        }
        sqlx::query(
            "INSERT INTO invites (token_hash, account_id, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(invite.token_hash)
        .bind(account_id)
        .bind(invite.created_by)
        .bind(invite.now)
        .bind(invite.expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(account_id)
    }

    #[tracing::instrument(skip_all)]
    pub async fn invite(&self, token_hash: &str) -> DbResult<Option<InviteRow>> {
        let row = sqlx::query(
            "SELECT i.id, i.account_id, a.display_name, i.expires_at, i.used_at \
             FROM invites i JOIN accounts a ON a.id = i.account_id WHERE i.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(InviteRow {
                id: r.try_get("id")?,
                account_id: r.try_get("account_id")?,
                display_name: r.try_get("display_name")?,
                expires_at: r.try_get("expires_at")?,
                used_at: r.try_get("used_at")?,
            })
        })
        .transpose()
    }

    /// Uses the invite and sets the password together. `Conflict` if the invite was used in the
    /// meantime (two tabs, a replayed link): only the first use counts.
    #[tracing::instrument(skip_all)]
    pub async fn accept_invite(&self, invite: &InviteRow, password_hash: &str, now: i64) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        let used = sqlx::query("UPDATE invites SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(invite.id)
            .execute(&mut *tx)
            .await?;
        if used.rows_affected() != 1 {
            return Err(DbError::Conflict);
        }
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(invite.account_id)
            .execute(&mut *tx)
            .await?;
        // A link given to someone who lost their password: whoever may have had it (a lost
        // phone still signed in) is signed out with the old password.
        sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(invite.account_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A new invite for an account that has one already, for a person who lost their password
    /// or whose invite ran out. Earlier unused invites of theirs stop working, so that only the
    /// newest link given out opens the account.
    #[tracing::instrument(skip_all)]
    pub async fn renew_invite(
        &self,
        account_id: i64,
        created_by: i64,
        token_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        // A link works until the end of its last second: ended, it ends the second before.
        sqlx::query("UPDATE invites SET expires_at = $1 WHERE account_id = $2 AND used_at IS NULL AND expires_at > $1")
            .bind(now - 1)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO invites (token_hash, account_id, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(account_id)
        .bind(created_by)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    // ---- sessions

    #[tracing::instrument(skip_all)]
    pub async fn create_session(&self, token_hash: &str, account_id: i64, now: i64) -> DbResult<()> {
        sqlx::query("INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
            .bind(token_hash)
            .bind(account_id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The session with this token and, when `plan_id` is given, that plan's parties (`None`
    /// inside for no such plan): a plan-scoped server function learns who asks and about
    /// which plan in one round trip, not two.
    #[tracing::instrument(skip_all)]
    pub async fn session(
        &self,
        token_hash: &str,
        plan_id: Option<i64>,
    ) -> DbResult<Option<(SessionRow, Option<PlanParties>)>> {
        let sql = format!(
            "SELECT s.id AS session_id, s.created_at, s.last_seen_at, {ACCOUNT_COLUMNS}, own.id AS own_plan_id, \
             {PARTIES_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id \
             LEFT JOIN plans own ON own.owner_id = a.id LEFT JOIN plans p ON p.id = $2 {PARTIES_JOINS} \
             WHERE s.token_hash = $1"
        );
        let row = sqlx::query(&sql).bind(token_hash).bind(plan_id).fetch_optional(&self.pool).await?;
        row.map(|r| {
            let session = SessionRow {
                id: r.try_get("session_id")?,
                created_at: r.try_get("created_at")?,
                last_seen_at: r.try_get("last_seen_at")?,
                account: account_from(&r)?,
                own_plan_id: r.try_get("own_plan_id")?,
            };
            Ok((session, parties_from(&r)?))
        })
        .transpose()
    }

    #[tracing::instrument(skip_all)]
    pub async fn touch_session(&self, session_id: i64, now: i64) -> DbResult<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
            .bind(now)
            .bind(session_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn delete_session(&self, session_id: i64) -> DbResult<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1").bind(session_id).execute(&self.pool).await?;
        Ok(())
    }

    // ---- plans

    #[tracing::instrument(skip_all)]
    pub async fn plan_of_owner(&self, owner_id: i64) -> DbResult<Option<i64>> {
        Ok(sqlx::query_scalar("SELECT id FROM plans WHERE owner_id = $1")
            .bind(owner_id)
            .fetch_optional(&self.pool)
            .await?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn plan_parties(&self, plan_id: i64) -> DbResult<Option<PlanParties>> {
        let sql = format!("SELECT {PARTIES_COLUMNS} FROM plans p {PARTIES_JOINS} WHERE p.id = $1");
        let row = sqlx::query(&sql).bind(plan_id).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(parties_from).transpose()?.flatten())
    }

    #[tracing::instrument(skip_all)]
    pub async fn is_carer(&self, plan_id: i64, account_id: i64) -> DbResult<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM carers WHERE plan_id = $1 AND carer_id = $2")
            .bind(plan_id)
            .bind(account_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    /// About Me and when it was last saved.
    #[tracing::instrument(skip_all)]
    pub async fn about_me(&self, plan_id: i64) -> DbResult<(AboutMe, i64)> {
        let row: AboutMeColumns = sqlx::query_as(&ABOUT_ME.rows()).bind(plan_id).fetch_one(&self.pool).await?;
        Ok(about_me_from(row))
    }

    #[tracing::instrument(skip_all)]
    pub async fn save_about_me(&self, plan_id: i64, about: &AboutMe, by: i64, now: i64) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE about_me SET who_i_am = $1, what_matters = $2, strengths = $3, working = $4, \
             not_working = $5, people = $6, support = $7, communication = $8, decisions = $9, \
             updated_at = $10, updated_by = $11 WHERE plan_id = $12",
        )
        .bind(&about.who_i_am)
        .bind(&about.what_matters)
        .bind(&about.strengths)
        .bind(&about.working)
        .bind(&about.not_working)
        .bind(&about.people)
        .bind(&about.support)
        .bind(&about.communication)
        .bind(&about.decisions)
        .bind(now)
        .bind(by)
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(DbError::NotFound);
        }
        push::plan_changed(&mut tx, plan_id, by, now).await?;
        Ok(tx.commit().await?)
    }

    // ---- people lists

    /// The service users whose key worker this is, by name.
    #[tracing::instrument(skip_all)]
    pub async fn caseload(&self, key_worker_id: i64, today: crate::domain::date::Day) -> DbResult<Vec<PersonRow>> {
        self.people(
            "SELECT a.id, p.id AS plan_id, a.display_name, a.role, a.email AS detail, \
             CASE WHEN a.password_hash IS NULL THEN 0 ELSE 1 END AS activated, \
             (SELECT COUNT(*) FROM review_requests r WHERE r.plan_id = p.id AND r.closed_at IS NULL) \
             AS review_requests, \
             (SELECT COUNT(*) FROM actions x WHERE x.plan_id = p.id AND x.status = 'to_do' AND x.due_day < $2) \
             AS overdue_actions \
             FROM plans p JOIN accounts a ON a.id = p.owner_id WHERE p.key_worker_id = $1 \
             ORDER BY a.display_name",
            key_worker_id,
            Some(today.days()),
        )
        .await
    }

    /// Everyone in a team with their role (admins, key workers, service users), by name.
    #[tracing::instrument(skip_all)]
    pub async fn team_members(&self, team_id: i64) -> DbResult<Vec<PersonRow>> {
        self.people(
            "SELECT a.id, p.id AS plan_id, a.display_name, a.role, a.email AS detail, \
             CASE WHEN a.password_hash IS NULL THEN 0 ELSE 1 END AS activated, 0 AS review_requests, 0 AS overdue_actions \
             FROM accounts a LEFT JOIN plans p ON p.owner_id = a.id WHERE a.team_id = $1 \
             ORDER BY a.role, a.display_name",
            team_id,
            None,
        )
        .await
    }

    /// The carers a plan's owner has invited.
    #[tracing::instrument(skip_all)]
    pub async fn carers_of(&self, plan_id: i64) -> DbResult<Vec<PersonRow>> {
        self.people(
            "SELECT a.id, c.plan_id, a.display_name, a.role, c.relationship AS detail, \
             CASE WHEN a.password_hash IS NULL THEN 0 ELSE 1 END AS activated, 0 AS review_requests, 0 AS overdue_actions \
             FROM carers c JOIN accounts a ON a.id = c.carer_id WHERE c.plan_id = $1 \
             ORDER BY a.display_name",
            plan_id,
            None,
        )
        .await
    }

    /// The people who invited this carer, one row per plan.
    #[tracing::instrument(skip_all)]
    pub async fn cared_for(&self, carer_id: i64) -> DbResult<Vec<PersonRow>> {
        self.people(
            "SELECT a.id, p.id AS plan_id, a.display_name, a.role, c.relationship AS detail, 1 AS activated, \
             0 AS review_requests, 0 AS overdue_actions \
             FROM carers c JOIN plans p ON p.id = c.plan_id JOIN accounts a ON a.id = p.owner_id \
             WHERE c.carer_id = $1 ORDER BY a.display_name",
            carer_id,
            None,
        )
        .await
    }

    /// Runs a people query on `key`, and `$2` when it has one.
    async fn people(&self, sql: &str, key: i64, second: Option<i64>) -> DbResult<Vec<PersonRow>> {
        let query = sqlx::query(sql).bind(key);
        let query = match second {
            Some(value) => query.bind(value),
            None => query,
        };
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let role: String = r.try_get("role")?;
                let activated: i64 = r.try_get("activated")?;
                Ok(PersonRow {
                    account_id: r.try_get("id")?,
                    plan_id: r.try_get("plan_id")?,
                    display_name: r.try_get("display_name")?,
                    role: Role::parse(&role).unwrap_or(Role::ServiceUser),
                    detail: r.try_get("detail")?,
                    activated: activated == 1,
                    review_requests: r.try_get("review_requests")?,
                    overdue_actions: r.try_get("overdue_actions")?,
                })
            })
            .collect()
    }

    // ---- access log

    /// Logs `entries` in one statement: a key worker opening a plan reads ten sections, and ten
    /// inserts would queue ten times behind SQLite's one writer.
    #[tracing::instrument(skip_all)]
    pub async fn record_access(&self, entries: &[AccessEntry<'_>]) -> DbResult<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let rows: Vec<String> = (0..entries.len())
            .map(|i| {
                let n = i * 6;
                format!("(${}, ${}, ${}, ${}, ${}, ${})", n + 1, n + 2, n + 3, n + 4, n + 5, n + 6)
            })
            .collect();
        let sql = format!(
            "INSERT INTO access_log (at, plan_id, actor_id, actor_role, section, action) VALUES {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for entry in entries {
            query = query
                .bind(entry.at)
                .bind(entry.plan_id)
                .bind(entry.actor_id)
                .bind(entry.actor_role.as_str())
                .bind(entry.section)
                .bind(entry.action);
        }
        query.execute(&self.pool).await?;
        Ok(())
    }

    /// The latest `limit` log rows of a plan, newest first: who (a person's name and role, or
    /// a trusted system's name), what was done, to which part, and when.
    #[tracing::instrument(skip_all)]
    pub async fn access_rows(&self, plan_id: i64, limit: i64) -> DbResult<Vec<AccessRow>> {
        let rows = sqlx::query(
            "SELECT a.display_name, l.actor_role, s.name AS system_name, l.action, l.section, l.at \
             FROM access_log l LEFT JOIN accounts a ON a.id = l.actor_id \
             LEFT JOIN trusted_systems s ON s.id = l.system_id \
             WHERE l.plan_id = $1 ORDER BY l.id DESC LIMIT $2",
        )
        .bind(plan_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.try_get("actor_role")?;
                Ok(AccessRow {
                    name: r.try_get("display_name")?,
                    role: Role::parse(&role),
                    system: r.try_get("system_name")?,
                    action: r.try_get("action")?,
                    what: r.try_get("section")?,
                    at: r.try_get("at")?,
                })
            })
            .collect()
    }

    /// (actor id, section, action) of every logged access to a plan, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn access_log(&self, plan_id: i64) -> DbResult<Vec<(Option<i64>, String, String)>> {
        let rows = sqlx::query("SELECT actor_id, section, action FROM access_log WHERE plan_id = $1 ORDER BY id")
            .bind(plan_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((r.try_get("actor_id")?, r.try_get("section")?, r.try_get("action")?))).collect()
    }
}

/// Adds `mode=rwc` (create if missing) and makes the file's folder exist.
fn sqlite_url(url: &str) -> DbResult<String> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let (file, query) = path.split_once('?').unwrap_or((path, ""));
    if let Some(parent) = std::path::Path::new(file).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(|e| DbError::failed(sqlx::Error::Io(e)))?;
        }
    }
    Ok(if query.contains("mode=") {
        url.to_string()
    } else if query.is_empty() {
        format!("sqlite://{file}?mode=rwc")
    } else {
        format!("sqlite://{file}?{query}&mode=rwc")
    })
}
