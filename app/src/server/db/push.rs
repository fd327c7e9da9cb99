//! Web push: the VAPID keys, devices, choices, and the durable outbox.
//!
//! Notifications are written by [`notify`] inside the transaction of the event that causes
//! them. Workers take rows by a lease (`claimed_until`); on PostgreSQL the take also locks with
//! `FOR UPDATE SKIP LOCKED`, so two processes never take the same row. SQLite has one writer
//! at a time, which gives the same guarantee.

use super::{Backend, Db, DbError, DbResult};
use crate::domain::notice::{Notice, Subscription, DEVICES_MAX};
use crate::domain::role::Role;
use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};
use std::collections::BTreeMap;

/// A device someone gets notifications on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    pub id: i64,
    pub name: String,
    pub endpoint: String,
    pub added_at: i64,
}

/// Who a notification is for.
#[derive(Debug, Clone, Copy)]
pub enum Recipient {
    /// The plan's named key worker.
    KeyWorkerOf(i64),
    Account(i64),
}

/// An event's notification: of what kind, about which plan, caused by whom (who never hears
/// about their own doing).
#[derive(Debug, Clone, Copy)]
pub struct Event {
    pub notice: Notice,
    pub plan_id: i64,
    pub by: i64,
    pub now: i64,
}

/// A notification taken by a worker, with what it needs to send it.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    /// `None` when the device was removed after the notification was written.
    pub subscription: Option<(i64, Subscription)>,
    pub notice: Notice,
    pub url: String,
    pub locale: String,
    pub attempts: i64,
}

/// How a delivery attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// The push service no longer knows the device (404/410): the device is removed.
    Gone,
    /// The push service refused the message for good (another 4xx).
    Refused,
    GaveUp,
}

/// What one delivery attempt leaves to record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// The notification is done with, at `at`; `device` is removed when the outcome is `Gone`.
    Ended { id: i64, outcome: Outcome, status: Option<u16>, device: Option<i64>, at: i64 },
    /// It is tried again at `at`.
    Again { id: i64, status: Option<u16>, at: i64 },
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::Gone => "gone",
            Self::Refused => "refused",
            Self::GaveUp => "gave_up",
        }
    }
}

/// Row ids for an `IN (...)` list: numbers from the database itself, so safe to write into SQL.
fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

fn roles_sql(roles: impl Iterator<Item = Role>) -> String {
    let list: Vec<String> = roles.map(|r| format!("'{}'", r.as_str())).collect();
    if list.is_empty() {
        "''".into()
    } else {
        list.join(", ")
    }
}

/// Writes `event`'s notification for every device of `to`, on `conn` (the event's own
/// transaction), unless that person turned the kind off, cannot have it in their role, or
/// caused the event. One waiting notification per device and page is enough: a second is not
/// written while the first waits.
pub(super) async fn notify(conn: &mut AnyConnection, to: Recipient, event: Event) -> DbResult<u64> {
    let notice = event.notice;
    let can_have = roles_sql(Role::ALL.into_iter().filter(|r| Notice::for_role(*r).contains(&notice)));
    let on_by_default = roles_sql(Role::ALL.into_iter().filter(|r| notice.wanted_by_default(*r)));
    let recipient = match to {
        Recipient::KeyWorkerOf(_) => "(SELECT key_worker_id FROM plans WHERE id = $5)",
        Recipient::Account(_) => "$5",
    };
    let sql = format!(
        "INSERT INTO push_outbox (account_id, subscription_id, kind, url, created_at, next_attempt_at) \
         SELECT s.account_id, s.id, $1, $2, $3, $3 FROM push_subscriptions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.account_id = {recipient} AND s.account_id <> $4 AND a.role IN ({can_have}) \
         AND COALESCE((SELECT c.wanted FROM notification_choices c WHERE c.account_id = a.id AND c.kind = $1), \
             CASE WHEN a.role IN ({on_by_default}) THEN 1 ELSE 0 END) = 1 \
         AND NOT EXISTS (SELECT 1 FROM push_outbox o WHERE o.subscription_id = s.id AND o.kind = $1 \
             AND o.url = $2 AND o.outcome IS NULL AND o.attempts = 0)"
    );
    let key = match to {
        Recipient::KeyWorkerOf(plan_id) => plan_id,
        Recipient::Account(account_id) => account_id,
    };
    let done = sqlx::query(&sql)
        .bind(notice.as_str())
        .bind(notice.page(event.plan_id))
        .bind(event.now)
        .bind(event.by)
        .bind(key)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

fn device_from(r: &sqlx::any::AnyRow) -> DbResult<Device> {
    Ok(Device {
        id: r.try_get("id")?,
        name: r.try_get("device")?,
        endpoint: r.try_get("endpoint")?,
        added_at: r.try_get("created_at")?,
    })
}

impl Db {
    /// The stored VAPID key pair (private, public), if one was made.
    #[tracing::instrument(skip_all)]
    pub async fn vapid_keys(&self) -> DbResult<Option<(String, String)>> {
        let row = sqlx::query("SELECT private_key, public_key FROM vapid_keys WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("private_key")?, r.try_get("public_key")?))).transpose()
    }

    /// Stores a new key pair unless one is stored already, and returns the one stored: two
    /// processes starting at once on an empty database end up with the same keys.
    #[tracing::instrument(skip_all)]
    pub async fn keep_vapid_keys(&self, private: &str, public: &str, now: i64) -> DbResult<(String, String)> {
        sqlx::query(
            "INSERT INTO vapid_keys (id, private_key, public_key, created_at) VALUES (1, $1, $2, $3) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(private)
        .bind(public)
        .bind(now)
        .execute(&self.pool)
        .await?;
        self.vapid_keys().await?.ok_or(DbError::NotFound)
    }

    /// Adds a device, or moves it to `account_id` if someone else registered it before (a
    /// shared phone follows whoever turned notifications on last). `Conflict` at
    /// [`DEVICES_MAX`] devices.
    #[tracing::instrument(skip_all)]
    pub async fn add_device(&self, account_id: i64, sub: &Subscription, name: &str, now: i64) -> DbResult<i64> {
        let others: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM push_subscriptions WHERE account_id = $1 AND endpoint <> $2")
                .bind(account_id)
                .bind(&sub.endpoint)
                .fetch_one(&self.pool)
                .await?;
        if others >= DEVICES_MAX as i64 {
            return Err(DbError::Conflict);
        }
        Ok(sqlx::query_scalar(
            "INSERT INTO push_subscriptions (account_id, endpoint, p256dh, auth, device, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (endpoint) DO UPDATE SET account_id = excluded.account_id, \
             p256dh = excluded.p256dh, auth = excluded.auth, device = excluded.device, created_at = excluded.created_at \
             RETURNING id",
        )
        .bind(account_id)
        .bind(&sub.endpoint)
        .bind(&sub.p256dh)
        .bind(&sub.auth)
        .bind(name)
        .bind(now)
        .fetch_one(&self.pool)
        .await?)
    }

    #[tracing::instrument(skip_all)]
    pub async fn devices(&self, account_id: i64) -> DbResult<Vec<Device>> {
        let rows = sqlx::query(
            "SELECT id, device, endpoint, created_at FROM push_subscriptions WHERE account_id = $1 ORDER BY id",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(device_from).collect()
    }

    /// The browser replaced a device's subscription (`pushsubscriptionchange`): the device keeps
    /// its name and place under the new endpoint and keys. `NotFound` if the old one is not theirs.
    #[tracing::instrument(skip_all)]
    pub async fn renew_device(&self, account_id: i64, old_endpoint: &str, sub: &Subscription) -> DbResult<()> {
        let done = sqlx::query(
            "UPDATE push_subscriptions SET endpoint = $1, p256dh = $2, auth = $3 WHERE account_id = $4 AND endpoint = $5",
        )
        .bind(&sub.endpoint)
        .bind(&sub.p256dh)
        .bind(&sub.auth)
        .bind(account_id)
        .bind(old_endpoint)
        .execute(&self.pool)
        .await?;
        super::sections::one_row(done.rows_affected())
    }

    /// Removes one of the person's devices; `NotFound` if it is not theirs.
    #[tracing::instrument(skip_all)]
    pub async fn remove_device(&self, account_id: i64, device_id: i64) -> DbResult<()> {
        let done = sqlx::query("DELETE FROM push_subscriptions WHERE id = $1 AND account_id = $2")
            .bind(device_id)
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        super::sections::one_row(done.rows_affected())
    }

    /// The person's choices, one for each kind their role can have.
    #[tracing::instrument(skip_all)]
    pub async fn notification_choices(&self, account_id: i64, role: Role) -> DbResult<Vec<(Notice, bool)>> {
        let rows = sqlx::query("SELECT kind, wanted FROM notification_choices WHERE account_id = $1")
            .bind(account_id)
            .fetch_all(&self.pool)
            .await?;
        let mut stored = Vec::new();
        for r in &rows {
            let kind: String = r.try_get("kind")?;
            let wanted: i64 = r.try_get("wanted")?;
            stored.extend(Notice::parse(&kind).map(|n| (n, wanted == 1)));
        }
        Ok(Notice::for_role(role)
            .iter()
            .map(|n| (*n, stored.iter().find(|(s, _)| s == n).map_or(n.wanted_by_default(role), |(_, w)| *w)))
            .collect())
    }

    #[tracing::instrument(skip_all)]
    pub async fn choose_notifications(&self, account_id: i64, choices: &[(Notice, bool)]) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM notification_choices WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        for (notice, wanted) in choices {
            sqlx::query("INSERT INTO notification_choices (account_id, kind, wanted) VALUES ($1, $2, $3)")
                .bind(account_id)
                .bind(notice.as_str())
                .bind(i64::from(*wanted))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Takes up to `limit` notifications that are due and not held by another worker, holding
    /// them for `lease_secs`.
    #[tracing::instrument(skip_all)]
    pub async fn claim_notifications(
        &self,
        worker: &str,
        now: i64,
        lease_secs: i64,
        limit: i64,
    ) -> DbResult<Vec<Claimed>> {
        let lock = match self.backend {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE push_outbox SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1 WHERE id IN \
             (SELECT id FROM push_outbox WHERE outcome IS NULL AND next_attempt_at <= $3 \
              AND (claimed_until IS NULL OR claimed_until < $3) ORDER BY next_attempt_at, id LIMIT $4 {lock}) \
             RETURNING id"
        );
        let ids: Vec<i64> = sqlx::query_scalar(&sql)
            .bind(worker)
            .bind(now + lease_secs)
            .bind(now)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(&format!(
            "SELECT o.id, o.kind, o.url, o.attempts, a.locale, s.id AS subscription_id, s.endpoint, s.p256dh, s.auth \
             FROM push_outbox o JOIN accounts a ON a.id = o.account_id \
             LEFT JOIN push_subscriptions s ON s.id = o.subscription_id \
             WHERE o.id IN ({}) AND o.claimed_by = $1 ORDER BY o.id",
            id_list(&ids)
        ))
        .persistent(false)
        .bind(worker)
        .fetch_all(&self.pool)
        .await?;
        let mut claimed = Vec::new();
        for r in &rows {
            let kind: String = r.try_get("kind")?;
            let subscription = match r.try_get::<Option<i64>, _>("subscription_id")? {
                Some(id) => Some((
                    id,
                    Subscription {
                        endpoint: r.try_get("endpoint")?,
                        p256dh: r.try_get("p256dh")?,
                        auth: r.try_get("auth")?,
                    },
                )),
                None => None,
            };
            claimed.push(Claimed {
                id: r.try_get("id")?,
                subscription,
                notice: Notice::parse(&kind).ok_or_else(|| super::sections::decode_error("notice kind"))?,
                url: r.try_get("url")?,
                locale: r.try_get("locale")?,
                attempts: r.try_get("attempts")?,
            });
        }
        Ok(claimed)
    }

    /// Records how attempts ended, all in one transaction: the worker writes what finished
    /// together rather than a commit a message, which on SQLite is most of the cost of sending.
    /// Attempts that ended alike (same outcome, status and second) are one statement: a batch
    /// sent to one push service nearly always is.
    #[tracing::instrument(skip_all)]
    pub async fn record_attempts(&self, attempts: &[Attempt]) -> DbResult<()> {
        if attempts.is_empty() {
            return Ok(());
        }
        let mut ended: BTreeMap<(&str, Option<u16>, i64), Vec<i64>> = BTreeMap::new();
        let mut again: BTreeMap<(Option<u16>, i64), Vec<i64>> = BTreeMap::new();
        let mut gone_devices = Vec::new();
        for attempt in attempts {
            match *attempt {
                Attempt::Ended { id, outcome, status, device, at } => {
                    ended.entry((outcome.as_str(), status, at)).or_default().push(id);
                    if let (Outcome::Gone, Some(device)) = (outcome, device) {
                        gone_devices.push(device);
                    }
                }
                Attempt::Again { id, status, at } => again.entry((status, at)).or_default().push(id),
            }
        }
        let mut tx = self.begin_write().await?;
        for ((outcome, status, at), ids) in ended {
            let sql = format!(
                "UPDATE push_outbox SET outcome = $1, last_status = $2, finished_at = $3, claimed_until = NULL \
                 WHERE id IN ({})",
                id_list(&ids)
            );
            // Each list makes new SQL: not worth keeping prepared.
            sqlx::query(&sql)
                .persistent(false)
                .bind(outcome)
                .bind(status.map(i64::from))
                .bind(at)
                .execute(&mut *tx)
                .await?;
        }
        for ((status, at), ids) in again {
            let sql = format!(
                "UPDATE push_outbox SET next_attempt_at = $1, last_status = $2, claimed_until = NULL WHERE id IN ({})",
                id_list(&ids)
            );
            sqlx::query(&sql).persistent(false).bind(at).bind(status.map(i64::from)).execute(&mut *tx).await?;
        }
        if !gone_devices.is_empty() {
            let sql = format!("DELETE FROM push_subscriptions WHERE id IN ({})", id_list(&gone_devices));
            sqlx::query(&sql).persistent(false).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Makes the reminders that are due: actions due today or tomorrow (to their carers, and to
    /// the person if they do it themselves), and a DIALOG rating when the last is 30 days old.
    /// Each reminder is made once (`push_reminders`), however many workers sweep.
    #[tracing::instrument(skip_all)]
    pub async fn make_reminders(&self, now: i64) -> DbResult<u64> {
        const DAY: i64 = 86_400;
        const PERIOD: i64 = 30 * DAY;
        let today = now.div_euclid(DAY);
        // Who an action is for: the person doing it, and every carer it is shared with.
        let due = "SELECT x.id AS subject_id, x.plan_id, x.due_day AS period, \
                   CASE WHEN x.who = 'carer' THEN x.carer_id ELSE p.owner_id END AS account_id \
                   FROM actions x JOIN plans p ON p.id = x.plan_id \
                   WHERE x.status = 'to_do' AND x.due_day BETWEEN $1 AND $1 + 1 AND x.who IN ('me', 'carer') \
                   UNION SELECT x.id, x.plan_id, x.due_day, g.grantee_id FROM actions x \
                   JOIN share_grants g ON g.plan_id = x.plan_id AND g.section = 'actions' \
                   AND (g.action_id IS NULL OR g.action_id = x.id) AND g.revoked_at IS NULL \
                   AND (g.expires_at IS NULL OR g.expires_at > $2) \
                   WHERE x.status = 'to_do' AND x.due_day BETWEEN $1 AND $1 + 1";
        let quiet = "SELECT p.id AS subject_id, p.id AS plan_id, $2 / $3 AS period, p.owner_id AS account_id \
                     FROM plans p WHERE COALESCE((SELECT MAX(r.rated_at) FROM ratings r \
                     WHERE r.plan_id = p.id AND r.measure = 'dialog'), p.created_at) < $2 - $3";
        let mut made = 0;
        for (notice, sql) in [(Notice::ActionDue, due), (Notice::RateReminder, quiet)] {
            let mut tx = self.begin_write().await?;
            let wanted: Vec<(i64, i64)> = {
                let sql = format!(
                    "INSERT INTO push_reminders (kind, subject_id, account_id, period, made_at) \
                     SELECT '{}', d.subject_id, d.account_id, d.period, $2 FROM ({sql}) d \
                     WHERE d.account_id IS NOT NULL ON CONFLICT DO NOTHING RETURNING subject_id, account_id",
                    notice.as_str()
                );
                let rows = sqlx::query(&sql).bind(today).bind(now).bind(PERIOD).fetch_all(&mut *tx).await?;
                rows.iter()
                    .map(|r| Ok((r.try_get("subject_id")?, r.try_get("account_id")?)))
                    .collect::<DbResult<_>>()?
            };
            for (subject_id, account_id) in wanted {
                let plan_id = match notice {
                    Notice::ActionDue => {
                        sqlx::query_scalar("SELECT plan_id FROM actions WHERE id = $1")
                            .bind(subject_id)
                            .fetch_one(&mut *tx)
                            .await?
                    }
                    _ => subject_id,
                };
                let event = Event { notice, plan_id, by: 0, now };
                made += notify(&mut tx, Recipient::Account(account_id), event).await?;
            }
            tx.commit().await?;
        }
        Ok(made)
    }
}

/// The key worker hears that the person changed their plan or who sees it (unless the key
/// worker made the change).
pub(super) async fn plan_changed(conn: &mut AnyConnection, plan_id: i64, by: i64, now: i64) -> DbResult<()> {
    let event = Event { notice: Notice::PlanChanged, plan_id, by, now };
    notify(conn, Recipient::KeyWorkerOf(plan_id), event).await.map(|_| ())
}

/// A carer hears that an action was given to or shared with them.
pub(super) async fn action_shared(
    conn: &mut AnyConnection,
    plan_id: i64,
    carer: i64,
    by: i64,
    now: i64,
) -> DbResult<()> {
    let event = Event { notice: Notice::ActionShared, plan_id, by, now };
    notify(conn, Recipient::Account(carer), event).await.map(|_| ())
}
