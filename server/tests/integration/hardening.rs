//! Hardening: generated bad input to every server function and route never gets a 500 or a
//! panic, pages left while they load never panic the server, and a server killed in the middle
//! of a burst of writes keeps every write it acknowledged.

use super::server_process::ServerProcess;
use super::support::{account_in, backend, drop_database, fresh_database, spawn_app, DEMO_PASSWORD};
use app::domain::rating::dialog::ITEMS;
use app::domain::role::Role;
use app::error::AppError;
use app::server::db::{Backend, Db, InviteFor};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use reqwest::{Client, StatusCode};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The argument names the server functions take: generated bodies mix them with names no
/// function has, so that some of each body reaches the checks behind the parser.
const FIELD_NAMES: &[&str] = &[
    "action_id",
    "allocation",
    "answers",
    "auth",
    "available",
    "card_id",
    "carer_id",
    "communication",
    "confirm",
    "contact_id",
    "content_hash",
    "cost",
    "days",
    "decision",
    "decisions",
    "device",
    "device_id",
    "due",
    "email",
    "endpoint",
    "every",
    "from",
    "goal_id",
    "grant_id",
    "held",
    "item_id",
    "key_worker_id",
    "kinds",
    "label",
    "lang",
    "managed_by",
    "measure",
    "name",
    "needs",
    "next_review",
    "not_working",
    "old_endpoint",
    "p256dh",
    "password",
    "people",
    "phone",
    "plan_id",
    "relationship",
    "request_key",
    "review",
    "section",
    "sections",
    "service_name",
    "stage",
    "status",
    "steps",
    "strengths",
    "suggestion_id",
    "support",
    "system_id",
    "text",
    "title",
    "to",
    "token",
    "topics",
    "understood",
    "until",
    "what",
    "what_matters",
    "who",
    "who_i_am",
    "working",
];

/// Generated cases per server function and per page route, for each of two callers.
const CASES: usize = 20;

/// A value of some type or other: numbers of every size and sign, text of every kind and
/// length, markup, JSON, and now and then the real plan id so the body gets past "not found".
fn value(rng: &mut StdRng, plan_id: i64) -> String {
    match rng.gen_range(0..16) {
        0 => plan_id.to_string(),
        1 => rng.gen::<i64>().to_string(),
        2 => ["0", "-1", "1.5", "1e9", "0x10", "NaN", "-0", " 7 ", "+3"][rng.gen_range(0..9)].to_string(),
        3 => "9".repeat(rng.gen_range(19..400)),
        4 => String::new(),
        5 => " \t\r\n ".to_string(),
        6 => "x".repeat(rng.gen_range(1_000..300_000)),
        7 => "مرحبا بالعالم 😀 \u{202E}gnp.exe \u{FEFF}\u{200B} Cymraeg ŵŷ Żółć".to_string(),
        8 => "\0\u{1}\u{7}\u{1b}[31m\u{7f}".to_string(),
        9 => ["true", "false", "null", "[]", "{}", "[1,2,3]", "{\"a\":{\"b\":[]}}"][rng.gen_range(0..7)].to_string(),
        10 => "<script>alert(1)</script><img src=x onerror=alert(1)>".to_string(),
        11 => "'; DROP TABLE ratings; -- \" OR 1=1".to_string(),
        12 => ["dialog", "wheel", "goals", "crisis", "formulation", "done", "cy", "ur", "direct_payment"]
            [rng.gen_range(0..9)]
        .to_string(),
        13 => "2026-02-30".to_string(),
        14 => "https://push.example.org/".to_string() + &"a".repeat(rng.gen_range(0..5_000)),
        _ => (0..rng.gen_range(0..64)).map(|_| rng.gen_range(' '..='~')).collect(),
    }
}

/// A field name: a real one, one indexed or nested as forms send lists, or made up.
fn field(rng: &mut StdRng) -> String {
    let name = *FIELD_NAMES.choose(rng).unwrap();
    match rng.gen_range(0..8) {
        0 => format!("answers[{}][{}]", rng.gen_range(0..20), ["item", "score", "help", "x"][rng.gen_range(0..4)]),
        1 => format!("{name}[{}]", rng.gen::<u64>()),
        2 => format!("{name}{}", "[a]".repeat(rng.gen_range(2..200))),
        3 => format!("answers[{}][item]", ITEMS.choose(rng).unwrap()),
        4 => (0..rng.gen_range(1..20)).map(|_| rng.gen_range('!'..='~')).collect(),
        _ => name.to_string(),
    }
}

/// A random JSON value, nested up to `depth`.
fn json(rng: &mut StdRng, plan_id: i64, depth: u32) -> serde_json::Value {
    use serde_json::Value;
    match rng.gen_range(0..if depth == 0 { 4 } else { 6 }) {
        0 => Value::from(rng.gen::<i64>()),
        1 => Value::from(value(rng, plan_id)),
        2 => Value::Null,
        3 => Value::from(rng.gen::<bool>()),
        4 => Value::Array((0..rng.gen_range(0..5)).map(|_| json(rng, plan_id, depth - 1)).collect()),
        _ => Value::Object((0..rng.gen_range(0..8)).map(|_| (field(rng), json(rng, plan_id, depth - 1))).collect()),
    }
}

/// One generated request body and the content type it claims.
struct Case {
    content_type: Option<&'static str>,
    body: Vec<u8>,
    /// What the case was, for the failure message.
    kind: &'static str,
}

fn form_body(pairs: &[(String, String)]) -> Vec<u8> {
    let mut body = String::new();
    for (k, v) in pairs {
        if !body.is_empty() {
            body.push('&');
        }
        body.extend(percent_encoded(k));
        body.push('=');
        body.extend(percent_encoded(v));
    }
    body.into_bytes()
}

/// Percent-encodes everything but letters and digits, as a browser's form encoding would.
fn percent_encoded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.bytes().flat_map(|b| {
        let encoded = if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") };
        encoded.chars().collect::<Vec<_>>()
    })
}

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

fn case(rng: &mut StdRng, plan_id: i64) -> Case {
    let pairs = |rng: &mut StdRng| -> Vec<(String, String)> {
        (0..rng.gen_range(0..14)).map(|_| (field(rng), value(rng, plan_id))).collect()
    };
    match rng.gen_range(0..12) {
        0..=4 => Case { content_type: FORM, body: form_body(&pairs(rng)), kind: "form with generated fields" },
        5 => Case {
            content_type: Some("application/json"),
            body: json(rng, plan_id, 4).to_string().into_bytes(),
            kind: "JSON of generated shape",
        },
        6 => {
            let mut body = vec![0u8; rng.gen_range(1..4096)];
            rng.fill(&mut body[..]);
            Case { content_type: FORM, body, kind: "random bytes as a form" }
        }
        7 => Case {
            content_type: FORM,
            body: ["plan_id=%zz&%%%=1", "=&&==&=", "plan_id=%FF%FE%00", "a[=1&b]]=2", "plan_id"][rng.gen_range(0..5)]
                .as_bytes()
                .to_vec(),
            kind: "broken form encoding",
        },
        8 => Case {
            content_type: FORM,
            body: form_body(&[("plan_id".into(), plan_id.to_string()), ("text".into(), "y".repeat(900_000))]),
            kind: "a body just under the limit",
        },
        9 => Case {
            content_type: FORM,
            body: format!("text={}", "z".repeat(rng.gen_range(1_100_000..3_000_000))).into_bytes(),
            kind: "a body over the limit",
        },
        10 => Case {
            content_type: [None, Some("text/plain"), Some("multipart/form-data; boundary=x"), Some("application/cbor")]
                [rng.gen_range(0..4)],
            body: form_body(&pairs(rng)),
            kind: "a form under another content type",
        },
        _ => {
            let mut pairs = pairs(rng);
            let field = field(rng);
            pairs.push((field.clone(), value(rng, plan_id)));
            pairs.push((field, value(rng, plan_id)));
            Case { content_type: FORM, body: form_body(&pairs), kind: "a field twice" }
        }
    }
}

/// What was wrong with one answer, if anything: a 5xx, no answer at all (a panic drops the
/// connection), or a 4xx from a server function that is not one of its errors.
async fn fault(request: reqwest::RequestBuilder, server_fn: bool) -> Option<String> {
    let response = match request.send().await {
        Ok(response) => response,
        // The whole chain of causes: a timeout, a reset and a connection closed under a reused
        // request all read "error sending request" on their own.
        Err(e) => return Some(format!("no answer: {e:?}")),
    };
    let status = response.status();
    let body = response.bytes().await.unwrap_or_default();
    if status.is_server_error() {
        return Some(format!("{status}: {}", String::from_utf8_lossy(&body[..body.len().min(200)])));
    }
    if server_fn && status.is_client_error() && serde_json::from_slice::<AppError>(&body).is_err() {
        return Some(format!("{status} without an error the form can show: {}", String::from_utf8_lossy(&body)));
    }
    None
}

#[tokio::test]
async fn every_server_function_answers_generated_bad_bodies_with_a_clear_4xx() {
    let app = spawn_app().await;
    let plan_id = app.sam_plan().await;
    let mut rng = StdRng::seed_from_u64(0x5eed_0001);
    let names: BTreeSet<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
    let mut faults = Vec::new();
    let mut sent = 0;
    for path in &names {
        // Signed in afresh for each function: the cases may sign Sam out or change his language.
        let clients = [app.client(), app.logged_in("sam@example.org", DEMO_PASSWORD).await];
        for client in &clients {
            for _ in 0..CASES {
                let case = case(&mut rng, plan_id);
                let mut request = client.post(app.url(path)).body(case.body);
                if let Some(content_type) = case.content_type {
                    request = request.header("content-type", content_type);
                }
                sent += 1;
                if let Some(fault) = fault(request, true).await {
                    faults.push(format!("{path} ({}): {fault}", case.kind));
                }
            }
            // Every function is also asked with a method it does not take: 405, naming POST.
            let get = client.get(app.url(path)).query(&[("plan_id", "x")]).send().await.unwrap();
            let allow = get.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or_default();
            if get.status() != StatusCode::METHOD_NOT_ALLOWED || !allow.contains("POST") {
                faults.push(format!("GET {path}: {} (allow: {allow})", get.status()));
            }
        }
    }
    assert!(names.len() > 60 && sent > 60 * CASES, "every function got its cases");
    assert!(faults.is_empty(), "{} of {sent} generated requests went wrong:\n{}", faults.len(), faults.join("\n"));
    // Nothing the cases sent left the plan unreadable.
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let plan = app.call(&sam, "plan", &[("plan_id", &plan_id.to_string())]).await;
    assert_eq!(plan.status(), StatusCode::OK);
    app.stop().await;
}

/// A path parameter of some kind: numbers of every size, text, traversal, encodings.
fn segment(rng: &mut StdRng, plan_id: i64) -> String {
    match rng.gen_range(0..10) {
        0 => plan_id.to_string(),
        1 => rng.gen::<i64>().to_string(),
        2 => "9".repeat(rng.gen_range(19..300)),
        3 => "..%2F..%2Fetc%2Fpasswd".to_string(),
        4 => "%00%FF%FE".to_string(),
        5 => "%D9%85%D8%B1%D8%AD%D8%A8%D8%A7%F0%9F%98%80".to_string(),
        6 => "a".repeat(rng.gen_range(1_000..6_000)),
        7 => "-1".to_string(),
        8 => "%20".to_string(),
        _ => (0..rng.gen_range(1..20)).map(|_| rng.gen_range('a'..='z')).collect(),
    }
}

/// Fills a route's parameters (`:name`, `{name}` or `*rest`) with generated segments.
fn fill(path: &str, rng: &mut StdRng, plan_id: i64) -> String {
    path.split('/')
        .map(|part| {
            let param = part.starts_with(':') || part.starts_with('{') || part.starts_with('*');
            if param {
                segment(rng, plan_id)
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_route_answers_generated_bad_paths_queries_and_bodies_without_a_5xx() {
    let app = spawn_app().await;
    let plan_id = app.sam_plan().await;
    let mut rng = StdRng::seed_from_u64(0x5eed_0002);
    let mut routes: Vec<String> = server::startup::page_routes().iter().map(|route| route.path().to_string()).collect();
    routes.extend(
        [
            "/healthz",
            "/sw.js",
            "/locales/{name}",
            "/manifest.webmanifest",
            "/pkg/wellbeing.js",
            "/{rest}",
            "/api/{rest}",
        ]
        .map(String::from),
    );
    routes.sort();
    routes.dedup();
    let clients = [app.client(), app.logged_in("sam@example.org", DEMO_PASSWORD).await];
    let mut faults = Vec::new();
    let mut sent = 0;
    for route in &routes {
        for client in &clients {
            for n in 0..CASES {
                let path = fill(route, &mut rng, plan_id);
                let query: Vec<(String, String)> =
                    (0..rng.gen_range(0..5)).map(|_| (field(&mut rng), value(&mut rng, plan_id))).collect();
                let query: Vec<(String, String)> =
                    query.into_iter().map(|(k, v)| (k, v.chars().take(2_000).collect())).collect();
                let url = format!("{}?{}", app.url(&path), String::from_utf8(form_body(&query)).unwrap());
                // Mostly reads, as a browser makes; now and then a generated body posted to it.
                let (request, method) = if n % 4 == 3 {
                    let case = case(&mut rng, plan_id);
                    let content_type = case.content_type.unwrap_or("text/plain");
                    (
                        client.post(&url).header("content-type", content_type).body(case.body),
                        format!("POST {}", case.kind),
                    )
                } else {
                    (client.get(&url), "GET".to_string())
                };
                sent += 1;
                if let Some(fault) = fault(request, false).await {
                    let url: String = url.chars().take(160).collect();
                    faults.push(format!("{route} as {method} {url}: {fault}"));
                }
            }
        }
    }
    assert!(routes.len() > 25, "the page routes were listed: {routes:?}");
    assert!(faults.is_empty(), "{} of {sent} generated requests went wrong:\n{}", faults.len(), faults.join("\n"));
    app.stop().await;
}

/// Service users writing at once, so the burst never meets one plan's limit of ratings.
const WRITERS: usize = 6;
const BURST: usize = 10_000;
/// Writes acknowledged before the kill: enough that it lands in the middle of the burst.
const KILL_AFTER: usize = 1_500;

/// A DIALOG rating form for `plan` under `request_key`: every item 4, no help asked.
fn rating_form(plan: i64, request_key: &str) -> Vec<(String, String)> {
    let mut form = vec![
        ("plan_id".to_string(), plan.to_string()),
        ("measure".to_string(), "dialog".to_string()),
        ("request_key".to_string(), request_key.to_string()),
    ];
    for (i, item) in ITEMS.iter().enumerate() {
        form.push((format!("answers[{i}][item]"), item.to_string()));
        form.push((format!("answers[{i}][score]"), "4".to_string()));
    }
    form
}

/// Logs `email` in: a client that holds the session, the person's plan, and the session's
/// cookies as a request carries them (for requests written by hand).
async fn signed_in(address: &str, email: &str) -> (Client, i64, String) {
    use reqwest::cookie::{CookieStore, Jar};

    let jar = Arc::new(Jar::default());
    let client = Client::builder().cookie_provider(jar.clone()).timeout(Duration::from_secs(30)).build().unwrap();
    let form = [("email", email), ("password", DEMO_PASSWORD)];
    let login = client.post(format!("{address}/api/login")).form(&form).send().await.unwrap();
    assert_eq!(login.status(), StatusCode::OK, "login as {email}");
    let me: serde_json::Value = client.post(format!("{address}/api/me")).send().await.unwrap().json().await.unwrap();
    let cookie = jar.cookies(&address.parse().unwrap()).expect("a session cookie").to_str().unwrap().to_string();
    (client, me["plan_id"].as_i64().expect("a service user has a plan"), cookie)
}

#[tokio::test]
async fn a_server_killed_during_a_burst_of_rating_writes_keeps_every_acknowledged_one() {
    let (database_url, postgres_database) = fresh_database().await;
    let first = ServerProcess::start(&database_url, &[]).await;
    let db = Db::connect(&database_url).await.unwrap();
    let key_worker = db.account_by_email("keyworker@example.org").await.unwrap().unwrap();
    let team = key_worker.team_id.unwrap();
    let mut emails = vec!["sam@example.org".to_string()];
    for n in 1..WRITERS {
        let email = format!("writer{n}@example.org");
        account_in(&db, Role::ServiceUser, &email, team, InviteFor::PlanOwner { key_worker_id: key_worker.id }).await;
        emails.push(email);
    }
    let mut writers = Vec::new();
    for email in &emails {
        writers.push(signed_in(&first.address, email).await);
    }

    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let next = Arc::new(AtomicUsize::new(0));
    let mut burst = tokio::task::JoinSet::new();
    // Sixteen at a time, each taking the next of the 10,000 until the server is gone.
    for lane in 0..16 {
        let (client, plan, _) = writers[lane % WRITERS].clone();
        let (address, acknowledged, count, next) =
            (first.address.clone(), acknowledged.clone(), count.clone(), next.clone());
        burst.spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::SeqCst);
                if n >= BURST {
                    return;
                }
                let key = format!("burst-{n:05}-{lane:02}-{plan}-key");
                let sent = client.post(format!("{address}/api/rate")).form(&rating_form(plan, &key)).send().await;
                match sent {
                    Ok(response) if response.status() == StatusCode::OK => {
                        let id: i64 = response.json().await.expect("a rating id");
                        acknowledged.lock().unwrap().push((key, id));
                        count.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(response) => panic!("rating {n} answered {} before the kill", response.status()),
                    // Refused or cut off: the server is gone, the write not acknowledged.
                    Err(_) => {}
                }
            }
        });
    }
    while count.load(Ordering::SeqCst) < KILL_AFTER {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.kill();
    while burst.join_next().await.is_some() {}
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= KILL_AFTER && acknowledged.len() < BURST, "killed in the middle of the burst");

    // Every acknowledged write is there after the restart, under the id it was acknowledged with.
    let second = ServerProcess::start(&database_url, &[]).await;
    let stored: Vec<(String, i64)> =
        sqlx::query_as("SELECT request_key, id FROM ratings WHERE request_key LIKE 'burst-%'")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let stored: BTreeSet<(String, i64)> = stored.into_iter().collect();
    let missing: Vec<_> = acknowledged.iter().filter(|k| !stored.contains(k)).collect();
    assert!(missing.is_empty(), "{} of {} acknowledged writes lost: {missing:?}", missing.len(), acknowledged.len());
    assert!(
        stored.len() <= acknowledged.len() + 16,
        "at most the writes in flight at the kill are there unacknowledged"
    );
    println!("killed after {} acknowledged writes of {BURST}; {} stored", acknowledged.len(), stored.len());
    if backend() == Backend::Sqlite {
        let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(db.pool()).await.unwrap();
        assert_eq!(check, "ok");
    }
    // The restarted server goes on taking writes and reads them back.
    let (sam, plan, _) = signed_in(&second.address, "sam@example.org").await;
    let again =
        sam.post(format!("{}/api/rate", second.address)).form(&rating_form(plan, "after-the-restart-01")).send();
    assert_eq!(again.await.unwrap().status(), StatusCode::OK);
    let history = sam.post(format!("{}/api/rating_history", second.address)).form(&[("plan_id", plan)]).send();
    let history: serde_json::Value = history.await.unwrap().json().await.unwrap();
    let sams = acknowledged.iter().filter(|(key, _)| key.ends_with(&format!("-{plan}-key"))).count();
    assert!(history["dialog"].as_array().unwrap().len() > sams, "Sam's acknowledged ratings and the new one");
    drop(second);
    db.close().await;
    drop_database(postgres_database).await;
}

/// Pages opened and left at once, many times (a tap on another link while a page loads): the
/// server renders each one to its end, and nothing on it panics. Before it did, about one such
/// page in forty panicked a worker thread on a reactive value the dropped page had disposed.
#[tokio::test]
async fn pages_left_while_loading_never_panic_the_server() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let (database_url, postgres_database) = fresh_database().await;
    let log_path = std::env::temp_dir().join(format!("{}.log", database_url.replace(['/', ':'], "_")));
    let log = std::fs::File::create(&log_path).unwrap();
    let server = ServerProcess::start_logging(&database_url, &[], log.into()).await;
    let (sam, plan, cookie) = signed_in(&server.address, "sam@example.org").await;
    let host = server.address.trim_start_matches("http://").to_string();
    let pages = [
        format!("/plans/{plan}"),
        format!("/plans/{plan}/contacts"),
        format!("/plans/{plan}/goals"),
        "/crisis-plan".into(),
    ];
    let mut rng = StdRng::seed_from_u64(11);
    for n in 0..400 {
        let mut stream = tokio::net::TcpStream::connect(&host).await.unwrap();
        let request = format!("GET {} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n", pages[n % pages.len()]);
        stream.write_all(request.as_bytes()).await.unwrap();
        // Gone before the answer, after its first bytes, or in between.
        match n % 3 {
            0 => tokio::time::sleep(Duration::from_micros(rng.gen_range(0..10_000))).await,
            1 => drop(stream.read(&mut [0; 100]).await),
            _ => tokio::time::sleep(Duration::from_micros(rng.gen_range(0..3_000))).await,
        }
    }
    // Every page left part-way has been rendered to its end, and the server still answers.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let page = sam.get(format!("{}/plans/{plan}/contacts", server.address)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    server.kill();
    let log = std::fs::read_to_string(&log_path).unwrap();
    let _ = std::fs::remove_file(&log_path);
    drop_database(postgres_database).await;
    assert!(!log.contains("panicked"), "the server panicked:\n{log}");
}
