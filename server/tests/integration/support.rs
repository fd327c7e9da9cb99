//! `spawn_app()` and the helpers tests drive it with.

use app::domain::rating::instrument::Instrument;
use app::domain::role::Role;
use app::server::auth::{hash_password, new_token, now};
use app::server::db::{Backend, Db, InviteFor, NewInvite};
use reqwest::{Client, Response, StatusCode};
use server::settings::Settings;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use tokio::sync::oneshot;

pub const DEMO_PASSWORD: &str = server::demo::DEMO_PASSWORD;
const POSTGRES_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct TestApp {
    pub address: String,
    pub db: Db,
    postgres_database: Option<String>,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("wp_test_{}_{n}_{nanos}", std::process::id())
}

pub fn backend() -> Backend {
    match std::env::var("TEST_DATABASE").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

async fn postgres_admin(sql: &str) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(POSTGRES_ADMIN_URL).await.expect("PostgreSQL on 127.0.0.1:5432");
    sqlx::raw_sql(sql).execute(&mut conn).await.expect(sql);
    let _ = conn.close().await;
}

/// The example questionnaire the tests and the demo load as a deployment's licensed one:
/// made-up words, four statements answered 0-3, two of them reversed.
pub fn example_instrument() -> Instrument {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/instruments/checkin.json");
    Instrument::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Starts the app with the demo team (admin, key worker, Sam with a plan, Alex his carer).
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// A new empty database of the backend under test: its URL, and its name on PostgreSQL (for
/// [`drop_database`]).
pub async fn fresh_database() -> (String, Option<String>) {
    let name = unique_name();
    match backend() {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            (format!("sqlite://{}", path.display()), None)
        }
        Backend::Postgres => {
            postgres_admin(&format!("CREATE DATABASE {name}")).await;
            (format!("postgres://postgres@127.0.0.1:5432/{name}"), Some(name))
        }
    }
}

pub async fn drop_database(postgres_database: Option<String>) {
    if let Some(name) = postgres_database {
        postgres_admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
    }
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let (database_url, postgres_database) = fresh_database().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let mut settings = Settings::from_env().unwrap();
    settings.database_url = database_url;
    settings.listen = listener.local_addr().unwrap();
    settings.public_url = address.clone();
    settings.demo_data = true;
    adjust(&mut settings);
    let (router, state) = server::startup::build(&settings).await.expect("app starts");
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
    });
    TestApp { address, db: state.db, postgres_database, stop: Some(stop), server: Some(server) }
}

impl TestApp {
    /// A browser-like client with its own cookie jar.
    pub fn client(&self) -> Client {
        // A request that never gets an answer fails its test instead of stalling the suite.
        Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Calls server function `name` with a form body, as the browser's JavaScript does.
    pub async fn call(&self, client: &Client, name: &str, form: &[(&str, &str)]) -> Response {
        client.post(self.url(&format!("/api/{name}"))).form(form).send().await.unwrap()
    }

    /// A client logged in as `email`.
    pub async fn logged_in(&self, email: &str, password: &str) -> Client {
        let client = self.client();
        let response = self.call(&client, "login", &[("email", email), ("password", password)]).await;
        assert_eq!(response.status(), StatusCode::OK, "login as {email}");
        client
    }

    /// Invites someone through `name` as `inviter`, returning the invite token.
    pub async fn invite(&self, inviter: &Client, name: &str, form: &[(&str, &str)]) -> String {
        let response = self.call(inviter, name, form).await;
        assert_eq!(response.status(), StatusCode::OK, "{name}");
        let body: serde_json::Value = response.json().await.unwrap();
        body["link"].as_str().unwrap().rsplit('/').next().unwrap().to_string()
    }

    /// The plan id of the demo service user, Sam.
    /// Has PostgreSQL end every connection to this app's database, as a restart of the
    /// database server would; `false` on SQLite, whose connections live in this process.
    pub async fn end_database_connections(&self) -> bool {
        let Some(name) = &self.postgres_database else { return false };
        postgres_admin(&format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
            .await;
        true
    }

    pub async fn sam_plan(&self) -> i64 {
        let sam = self.db.account_by_email("sam@example.org").await.unwrap().unwrap();
        self.db.plan_of_owner(sam.id).await.unwrap().unwrap()
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut server) = self.server.take() {
            // Graceful shutdown waits for every open connection; a client's idle keep-alive
            // one must not hold a test up, so the wait is bounded.
            if tokio::time::timeout(std::time::Duration::from_secs(5), &mut server).await.is_err() {
                server.abort();
            }
        }
        self.db.close().await;
        drop_database(self.postgres_database.take()).await;
    }
}

/// The error a server function answered with, as JSON.
pub async fn error_of(response: Response) -> serde_json::Value {
    response.json().await.unwrap()
}

/// Adds an account with a password straight into the database.
pub async fn account(app: &TestApp, role: Role, email: &str, team_id: i64, links: InviteFor) -> i64 {
    account_in(&app.db, role, email, team_id, links).await
}

/// [`account`], in a database that a server process of its own serves.
pub async fn account_in(db: &Db, role: Role, email: &str, team_id: i64, links: InviteFor) -> i64 {
    let (_, token_hash) = new_token();
    let id = db
        .create_invited_account(NewInvite {
            role,
            display_name: email,
            email,
            team_id: Some(team_id),
            created_by: None,
            token_hash: &token_hash,
            expires_at: now(),
            now: now(),
            links,
        })
        .await
        .unwrap();
    db.set_password_hash(id, &hash_password(DEMO_PASSWORD.into()).await.unwrap()).await.unwrap();
    id
}

/// A built site of the test's own under the temporary folder: `files`, as paths from the site
/// root, with their contents.
pub fn site_with(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let site = std::env::temp_dir().join(format!("wp-site-{name}-{}", std::process::id()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    for (path, contents) in files {
        std::fs::write(site.join(path), contents).unwrap();
    }
    site
}
