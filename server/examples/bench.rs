//! The parts of `scripts/bench` that need the app's own code: people to load the server with,
//! the raw insert loop that rating writes are compared with, and the push fan-out.
//!
//!   bench people DATABASE_URL COUNT
//!   bench raw-inserts DATABASE_URL SECONDS TASKS
//!   bench push DATABASE_URL PUSH_ORIGIN COUNT BATCH

use app::domain::rating::{dialog, Answer};
use app::domain::role::Role;
use app::server::auth::{hash_password, new_token, now};
use app::server::db::{Db, InviteFor, NewInvite};
use app::server::push::{self, PushSettings, Pusher};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

type Error = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), Error> {
    // Memory handled as the server handles it, so the sender and the raw loop run as they would there.
    server::return_freed_memory_at_once();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |n: usize| args.get(n).cloned().ok_or_else(|| format!("argument {n} missing: see the file's header"));
    let db = Db::connect(&arg(1)?).await?;
    server::demo::seed(&db).await?;
    match arg(0)?.as_str() {
        "people" => people(&db, arg(2)?.parse()?).await,
        "raw-inserts" => raw_inserts(&db, arg(2)?.parse()?, arg(3)?.parse()?).await,
        "push" => fan_out(&db, &arg(2)?, arg(3)?.parse()?, arg(4)?.parse()?).await,
        other => Err(format!("no such benchmark part: {other}").into()),
    }
}

/// Service users `bench-N@example.org` (password the demo one) on the demo key worker's
/// caseload, each with a plan: many writers keep every plan far from its limit of ratings.
async fn people(db: &Db, count: usize) -> Result<(), Error> {
    let key_worker = db.account_by_email("keyworker@example.org").await?.ok_or("no demo key worker")?;
    let hash = hash_password(server::demo::DEMO_PASSWORD.to_string()).await.map_err(|e| format!("{e:?}"))?;
    for n in 0..count {
        let email = format!("bench-{n}@example.org");
        if db.account_by_email(&email).await?.is_some() {
            continue;
        }
        let (_, token_hash) = new_token();
        let id = db
            .create_invited_account(NewInvite {
                role: Role::ServiceUser,
                display_name: &email,
                email: &email,
                team_id: key_worker.team_id,
                created_by: None,
                token_hash: &token_hash,
                expires_at: now(),
                now: now(),
                links: InviteFor::PlanOwner { key_worker_id: key_worker.id },
            })
            .await?;
        db.set_password_hash(id, &hash).await?;
    }
    Ok(())
}

/// The floor under a rating write: the same row (a whole DIALOG as JSON) inserted by `tasks`
/// loops on the app's own pool for `seconds`, with no HTTP, session, policy or validation.
async fn raw_inserts(db: &Db, seconds: u64, tasks: usize) -> Result<(), Error> {
    let answers: Vec<Answer> =
        dialog::ITEMS.iter().map(|item| Answer { item: item.to_string(), score: Some(4), more_help: false }).collect();
    let answers = serde_json::to_string(&answers)?;
    let plans: Vec<(i64, i64)> = sqlx::query_as("SELECT id, owner_id FROM plans").fetch_all(db.pool()).await?;
    let done = Arc::new(AtomicU64::new(0));
    let until = Instant::now() + Duration::from_secs(seconds);
    // Request keys are unique per plan: this run's start tells its keys from an earlier run's.
    let run = now();
    let mut loops = tokio::task::JoinSet::new();
    for task in 0..tasks {
        let (pool, answers, plans, done) = (db.pool().clone(), answers.clone(), plans.clone(), done.clone());
        loops.spawn(async move {
            let mut n = 0usize;
            while Instant::now() < until {
                let (plan, owner) = plans[(task + n * tasks) % plans.len()];
                let mut tx = pool.begin().await?;
                sqlx::query(
                    "INSERT INTO ratings (plan_id, measure, request_key, answers, rated_by, rated_at) \
                     VALUES ($1, 'dialog', $2, $3, $4, $5)",
                )
                .bind(plan)
                .bind(format!("raw-{run}-{task}-{n}"))
                .bind(&answers)
                .bind(owner)
                .bind(now())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                n += 1;
                done.fetch_add(1, Ordering::Relaxed);
            }
            Ok::<_, sqlx::Error>(())
        });
    }
    while let Some(finished) = loops.join_next().await {
        finished??;
    }
    let total = done.load(Ordering::Relaxed);
    println!("{{\"inserts\": {total}, \"per_second\": {:.0}}}", total as f64 / seconds as f64);
    Ok(())
}

/// `count` notifications, each to a device of its own on the push service at `origin`,
/// written to the outbox and sent by the app's worker `batch` at a time, as in production:
/// claim, sign (VAPID), encrypt (aes128gcm), POST, record the outcome.
async fn fan_out(db: &Db, origin: &str, count: usize, batch: i64) -> Result<(), Error> {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    let key_worker = db.account_by_email("keyworker@example.org").await?.ok_or("no demo key worker")?;
    let mut tx = db.pool().begin().await?;
    for n in 0..count {
        let device = p256::SecretKey::random(&mut rand::rngs::OsRng);
        let p256dh = URL_SAFE_NO_PAD.encode(device.public_key().to_encoded_point(false).as_bytes());
        let auth = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO push_subscriptions (account_id, endpoint, p256dh, auth, device, created_at) \
             VALUES ($1, $2, $3, $4, 'bench', $5) RETURNING id",
        )
        .bind(key_worker.id)
        .bind(format!("{origin}/push/{n}"))
        .bind(p256dh)
        .bind(auth)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO push_outbox (account_id, subscription_id, kind, url, created_at, next_attempt_at) \
             VALUES ($1, $2, 'help_asked', '/plans/1/ratings', $3, $3)",
        )
        .bind(key_worker.id)
        .bind(id)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let settings = PushSettings {
        subject: "mailto:bench@example.org".into(),
        private_key: None,
        services: vec![origin.to_string()],
        poll: Duration::from_millis(1),
        lease_secs: 60,
        batch,
        worker: true,
    };
    let (private_key, _) = push::vapid_keys(db, &settings, now()).await?;
    let pusher = Arc::new(Pusher::new(db.clone(), &private_key, &settings)?);
    let start = Instant::now();
    // A task on the runtime's workers, as the server spawns it: run here, on the thread that
    // blocks on main, every finished message had to wake that thread from another.
    tokio::spawn(async move {
        while pusher.send_due().await? > 0 {}
        Ok::<_, app::server::db::DbError>(())
    })
    .await??;
    let seconds = start.elapsed().as_secs_f64();
    let sent: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM push_outbox WHERE outcome = 'sent'").fetch_one(db.pool()).await?;
    println!("{{\"sent\": {sent}, \"seconds\": {seconds:.3}, \"per_second\": {:.0}}}", sent as f64 / seconds);
    Ok(())
}
