//! Web push end to end: each trigger reaches the right person's devices through the outbox,
//! signed with VAPID and encrypted with aes128gcm, checked by an independent push service on
//! loopback; retries, dropped devices, a slow push service, a killed server, and two servers
//! on one database.

use super::push_service::PushService;
use super::server_process::ServerProcess;
use super::support::{backend, drop_database, fresh_database, spawn_app_with, TestApp, DEMO_PASSWORD};
use app::domain::rating::dialog::ITEMS;
use app::server::auth::now;
use app::server::db::Db;
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

async fn spawn_pushing_app(service: &PushService) -> TestApp {
    let origin = service.origin.clone();
    spawn_app_with(move |s| {
        s.push.services = vec![origin];
        s.push.poll = Duration::from_millis(25);
    })
    .await
}

/// A pushing app with Sam and Sam's key worker signed in.
async fn sam_and_key_worker(service: &PushService) -> (TestApp, Client, Client) {
    let app = spawn_pushing_app(service).await;
    let sam = login(&app.address, "sam@example.org").await;
    let key_worker = login(&app.address, "keyworker@example.org").await;
    (app, sam, key_worker)
}

/// Registers a new browser subscription on `service` as `client`'s device named `device`.
async fn add_device(address: &str, client: &Client, service: &PushService, device: &str) -> reqwest::Response {
    let (endpoint, p256dh, auth) = service.subscribe(device);
    let form = [("endpoint", endpoint.as_str()), ("p256dh", &p256dh), ("auth", &auth), ("device", device)];
    client.post(format!("{address}/api/add_device")).form(&form).send().await.unwrap()
}

async fn call(address: &str, client: &Client, name: &str, form: &[(&str, &str)]) -> Value {
    let response = client.post(format!("{address}/api/{name}")).form(form).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{name}");
    response.json().await.unwrap_or(Value::Null)
}

async fn login(address: &str, email: &str) -> Client {
    let client = Client::builder().cookie_store(true).timeout(Duration::from_secs(30)).build().unwrap();
    call(address, &client, "login", &[("email", email), ("password", DEMO_PASSWORD)]).await;
    client
}

/// Sam rates DIALOG asking for more help with the first item.
async fn rate_asking_for_help(address: &str, sam: &Client, plan: &str) {
    rate_dialog(address, sam, plan, 4, true).await;
}

/// Sam rates DIALOG with every item at `score`, asking for more help with the first if `help`.
async fn rate_dialog(address: &str, sam: &Client, plan: &str, score: u8, help: bool) {
    let form = call(address, sam, "rating_form", &[("plan_id", plan), ("measure", "dialog")]).await;
    let key = form["request_key"].as_str().unwrap().to_string();
    let mut fields = vec![
        ("plan_id".to_string(), plan.to_string()),
        ("measure".into(), "dialog".into()),
        ("request_key".into(), key),
    ];
    for (i, item) in ITEMS.iter().enumerate() {
        fields.push((format!("answers[{i}][item]"), item.to_string()));
        fields.push((format!("answers[{i}][score]"), score.to_string()));
    }
    if help {
        fields.push(("answers[0][help]".into(), "yes".into()));
    }
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    call(address, sam, "rate", &pairs).await;
}

async fn save_about_me(address: &str, sam: &Client, words: &str) {
    let form: Vec<(&str, &str)> = app::domain::about_me::FIELDS.into_iter().map(|f| (f, words)).collect();
    call(address, sam, "save_about_me", &form).await;
}

async fn outbox_rows(db: &Db, account_id: i64, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM push_outbox WHERE account_id = $1 AND kind = $2")
        .bind(account_id)
        .bind(kind)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn account_id(db: &Db, email: &str) -> i64 {
    db.account_by_email(email).await.unwrap().unwrap().id
}

#[tokio::test]
async fn each_trigger_reaches_the_right_devices_signed_and_encrypted_with_nothing_clinical() {
    let service = PushService::start().await;
    let app = spawn_pushing_app(&service).await;
    let address = app.address.clone();
    let (sam, key_worker, alex) = (
        login(&address, "sam@example.org").await,
        login(&address, "keyworker@example.org").await,
        login(&address, "alex@example.org").await,
    );
    for (client, device) in
        [(&key_worker, "worker-phone"), (&key_worker, "worker-desk"), (&alex, "alex-phone"), (&sam, "sam-phone")]
    {
        assert_eq!(add_device(&address, client, &service, device).await.status(), StatusCode::OK, "{device}");
    }
    let plan = app.sam_plan().await.to_string();
    let alex_id = account_id(&app.db, "alex@example.org").await.to_string();
    let worker_id = account_id(&app.db, "keyworker@example.org").await;
    // Sam asks for the reminders, which are off until chosen.
    call(
        &address,
        &sam,
        "choose_notifications",
        &[("kinds[0]", "plan_to_agree"), ("kinds[1]", "action_due"), ("kinds[2]", "rate_reminder")],
    )
    .await;

    let got = |device: &'static str, tag: &'static str| {
        move |r: &[super::push_service::Received]| {
            r.iter().any(|m| m.device == device && m.payload.as_ref().is_ok_and(|p| p["tag"] == tag))
        }
    };
    rate_asking_for_help(&address, &sam, &plan).await;
    service
        .wait_for("help asked, on both of the worker's devices", |r| {
            got("worker-phone", "help_asked")(r) && got("worker-desk", "help_asked")(r)
        })
        .await;
    call(&address, &sam, "request_review", &[("plan_id", &plan), ("topics", "My medication")]).await;
    service.wait_for("review requested", got("worker-phone", "review_requested")).await;
    save_about_me(&address, &sam, "I like walking").await;
    service.wait_for("plan changed", got("worker-phone", "plan_changed")).await;
    let tomorrow = app::domain::date::Day::of(now() + 86_400).iso();
    let carer = format!("carer:{alex_id}");
    call(
        &address,
        &sam,
        "add_action",
        &[
            ("plan_id", &plan),
            ("what", "Collect my prescription"),
            ("who", &carer),
            ("service_name", ""),
            ("due", &tomorrow),
        ],
    )
    .await;
    service.wait_for("an action given to the carer", got("alex-phone", "action_shared")).await;
    assert!(app.db.make_reminders(now()).await.unwrap() >= 1);
    service.wait_for("the action due tomorrow", got("alex-phone", "action_due")).await;
    let view = call(&address, &key_worker, "plan", &[("plan_id", &plan)]).await;
    let hash = view["agreement"]["content_hash"].as_str().unwrap().to_string();
    call(&address, &key_worker, "agree_plan", &[("plan_id", &plan), ("content_hash", &hash)]).await;
    service.wait_for("a plan to agree", got("sam-phone", "plan_to_agree")).await;
    // A month passes without a rating.
    for table in ["ratings SET rated_at = rated_at", "plans SET created_at = created_at"] {
        sqlx::query(&format!("UPDATE {table} - 31 * 86400")).execute(app.db.pool()).await.unwrap();
    }
    assert_eq!(app.db.make_reminders(now()).await.unwrap(), 1, "one reminder: only Sam chose it");
    service.wait_for("a month without rating", got("sam-phone", "rate_reminder")).await;
    assert_eq!(app.db.make_reminders(now()).await.unwrap(), 0, "each reminder is made once");

    let stored_key = app.db.vapid_keys().await.unwrap().unwrap().1;
    let pages = BTreeMap::from([
        ("help_asked", format!("/plans/{plan}/ratings")),
        ("review_requested", format!("/plans/{plan}/review")),
        ("plan_changed", format!("/plans/{plan}")),
        ("action_shared", format!("/plans/{plan}/actions")),
        ("action_due", format!("/plans/{plan}/actions")),
        ("plan_to_agree", format!("/plans/{plan}/review")),
        ("rate_reminder", format!("/plans/{plan}/rate/dialog")),
    ]);
    let received = service.received();
    for message in &received {
        assert_eq!(message.vapid, Ok(()), "{message:?}");
        assert_eq!(message.vapid_key, stored_key, "signed with the server's stored key");
        assert_eq!(message.ttl, Some(86_400));
        let payload = message.payload.as_ref().unwrap_or_else(|e| panic!("{e}: {message:?}"));
        let tag = payload["tag"].as_str().unwrap();
        assert_eq!(payload["title"], "Wellbeing Plan");
        assert_eq!(payload["body"], "You have an update in Wellbeing Plan", "a lock screen shows nothing clinical");
        assert_eq!(payload["url"].as_str(), pages.get(tag).map(String::as_str), "{tag}");
        assert_eq!(payload.as_object().unwrap().len(), 4, "nothing but title, body, page and kind: {payload}");
        let urgency = if tag == "help_asked" {
            "high"
        } else if tag == "rate_reminder" {
            "low"
        } else {
            "normal"
        };
        assert_eq!(message.urgency.as_deref(), Some(urgency), "{tag}");
    }
    // Each went to the one it is for: the carer never hears about ratings, nor the worker about
    // actions given to the carer.
    for message in &received {
        let tag = message.payload.as_ref().unwrap()["tag"].as_str().unwrap().to_string();
        let for_worker = ["help_asked", "review_requested", "plan_changed"].contains(&tag.as_str());
        let device = message.device.as_str();
        match device {
            "worker-phone" | "worker-desk" => assert!(for_worker, "{device} got {tag}"),
            "alex-phone" => assert!(["action_shared", "action_due"].contains(&tag.as_str()), "{device} got {tag}"),
            _ => {
                assert!(["plan_to_agree", "action_due", "rate_reminder"].contains(&tag.as_str()), "{device} got {tag}")
            }
        }
    }

    // Nobody hears of their own doing, and a kind turned off is not written at all.
    let before = outbox_rows(&app.db, worker_id, "plan_changed").await;
    call(
        &address,
        &key_worker,
        "save_section",
        &[("plan_id", &plan), ("section", "formulation"), ("answers[difficulties]", "Low mood")],
    )
    .await;
    assert_eq!(outbox_rows(&app.db, worker_id, "plan_changed").await, before, "the worker's own edit");
    call(
        &address,
        &key_worker,
        "choose_notifications",
        &[("kinds[0]", "help_asked"), ("kinds[1]", "review_requested")],
    )
    .await;
    save_about_me(&address, &sam, "I like swimming").await;
    assert_eq!(outbox_rows(&app.db, worker_id, "plan_changed").await, before, "turned off");
    app.stop().await;
}

#[tokio::test]
async fn a_dialog_rating_two_points_below_the_last_tells_the_key_worker_and_a_smaller_fall_does_not() {
    let service = PushService::start().await;
    let (app, sam, key_worker) = sam_and_key_worker(&service).await;
    let address = app.address.clone();
    assert_eq!(add_device(&address, &key_worker, &service, "worker-phone").await.status(), StatusCode::OK);
    let plan = app.sam_plan().await.to_string();
    let worker_id = account_id(&app.db, "keyworker@example.org").await;
    // Each rating is compared with the one before it: 7s (nothing is higher), then one point
    // down, then two more, then the same again.
    for (score, told) in [(7, 0), (6, 0), (4, 1), (4, 1)] {
        rate_dialog(&address, &sam, &plan, score, false).await;
        assert_eq!(outbox_rows(&app.db, worker_id, "help_asked").await, told, "after a rating of {score}s");
    }
    service
        .wait_for("the drop, on the worker's phone", |r| {
            r.iter().any(|m| m.device == "worker-phone" && m.payload.as_ref().is_ok_and(|p| p["tag"] == "help_asked"))
        })
        .await;
    app.stop().await;
}

#[tokio::test]
async fn a_busy_push_service_is_retried_when_it_says_and_a_gone_device_is_dropped() {
    let service = PushService::start().await;
    let (app, sam, key_worker) = sam_and_key_worker(&service).await;
    let address = app.address.clone();
    for device in ["busy", "gone", "refusing"] {
        assert_eq!(add_device(&address, &key_worker, &service, device).await.status(), StatusCode::OK);
    }
    service.answer("busy", &[(429, Some(1)), (503, Some(1))]);
    service.answer("gone", &[(410, None)]);
    service.answer("refusing", &[(400, None)]);
    let plan = app.sam_plan().await.to_string();
    rate_asking_for_help(&address, &sam, &plan).await;
    service.wait_for("the busy device's third try", |r| r.iter().filter(|m| m.device == "busy").count() == 3).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let tries: Vec<_> = service.received().into_iter().filter(|m| m.device == "busy").collect();
    assert_eq!(tries.iter().map(|m| m.status).collect::<Vec<_>>(), [429, 503, 201]);
    for pair in tries.windows(2) {
        assert!(pair[1].at - pair[0].at >= Duration::from_secs(1), "Retry-After: 1 was honoured");
    }
    let outcomes: Vec<(String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT COALESCE(outcome, 'waiting'), attempts, last_status FROM push_outbox WHERE kind = 'help_asked' ORDER BY id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        outcomes,
        [("sent".into(), 3, Some(201)), ("gone".into(), 1, Some(410)), ("refused".into(), 1, Some(400))]
    );
    let devices = call(&address, &key_worker, "notification_settings", &[]).await;
    let names: Vec<&str> = devices["devices"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["busy", "refusing"], "the device the push service forgot is removed");
    app.stop().await;
}

#[tokio::test]
async fn a_slow_push_service_holds_back_only_its_own_notification() {
    let (near, far) = (PushService::start().await, PushService::start().await);
    far.slow_down(Duration::from_secs(5));
    let origins = vec![near.origin.clone(), far.origin.clone()];
    let app = spawn_app_with(move |s| {
        s.push.services = origins;
        s.push.poll = Duration::from_millis(25);
    })
    .await;
    let address = app.address.clone();
    let (sam, key_worker) = (login(&address, "sam@example.org").await, login(&address, "keyworker@example.org").await);
    assert_eq!(add_device(&address, &key_worker, &near, "near").await.status(), StatusCode::OK);
    assert_eq!(add_device(&address, &key_worker, &far, "far").await.status(), StatusCode::OK);
    let plan = app.sam_plan().await.to_string();
    rate_asking_for_help(&address, &sam, &plan).await;

    let outcomes = || async {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT s.device, COALESCE(o.outcome, 'waiting') FROM push_outbox o \
             JOIN push_subscriptions s ON s.id = o.subscription_id WHERE o.kind = 'help_asked' ORDER BY s.device",
        )
        .fetch_all(app.db.pool())
        .await
        .unwrap();
        rows.into_iter().map(|(device, outcome)| format!("{device}: {outcome}")).collect::<Vec<_>>()
    };
    let written_within_3s = |expected: [&'static str; 2], what: &'static str| async move {
        let start = std::time::Instant::now();
        while outcomes().await != expected {
            assert!(start.elapsed() < Duration::from_secs(3), "{what}: {:?}", outcomes().await);
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    };
    near.wait_for("the near device's message", |r| !r.is_empty()).await;
    written_within_3s(["far: waiting", "near: sent"], "the near device's outcome was not written").await;
    assert!(far.received().is_empty(), "written while the far push service was still answering");
    far.wait_for("the far device's message", |r| !r.is_empty()).await;
    written_within_3s(["far: sent", "near: sent"], "the far device's outcome").await;
    app.stop().await;
}

#[tokio::test]
async fn devices_are_checked_before_they_are_stored() {
    let service = PushService::start().await;
    let app = spawn_pushing_app(&service).await;
    let address = app.address.clone();
    let key_worker = login(&address, "keyworker@example.org").await;
    let (endpoint, p256dh, auth) = service.subscribe("phone");
    let try_add = |endpoint: String, p256dh: String, auth: String, device: &'static str| {
        let client = key_worker.clone();
        let address = address.clone();
        async move {
            let form = [("endpoint", endpoint), ("p256dh", p256dh), ("auth", auth), ("device", device.to_string())];
            client.post(format!("{address}/api/add_device")).form(&form).send().await.unwrap()
        }
    };
    let untrusted =
        try_add("http://169.254.169.254/latest/meta-data".into(), p256dh.clone(), auth.clone(), "phone").await;
    assert_eq!(untrusted.status(), StatusCode::BAD_REQUEST, "only the push services the deployment trusts");
    let body: Value = untrusted.json().await.unwrap();
    assert!(body.to_string().contains("notifications.error.subscription"), "{body}");
    let short_key = try_add(endpoint.clone(), p256dh[..40].to_string(), auth.clone(), "phone").await;
    assert_eq!(short_key.status(), StatusCode::BAD_REQUEST);
    let unnamed = try_add(endpoint.clone(), p256dh.clone(), auth.clone(), "").await;
    assert_eq!(unnamed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(try_add(endpoint.clone(), p256dh.clone(), auth.clone(), "phone").await.status(), StatusCode::OK);
    // The same browser again is the same device, not a second one.
    assert_eq!(try_add(endpoint, p256dh, auth, "phone").await.status(), StatusCode::OK);
    for n in 1..10 {
        assert_eq!(add_device(&address, &key_worker, &service, &format!("d{n}")).await.status(), StatusCode::OK);
    }
    let eleventh = add_device(&address, &key_worker, &service, "d10").await;
    assert_eq!(eleventh.status(), StatusCode::BAD_REQUEST, "ten devices at most");
    let settings = call(&address, &key_worker, "notification_settings", &[]).await;
    assert_eq!(settings["devices"].as_array().unwrap().len(), 10);
    assert_eq!(settings["public_key"].as_str().unwrap().len(), 87, "a P-256 point, base64url");
    // Someone else's device cannot be removed; one's own can.
    let sam = login(&address, "sam@example.org").await;
    let first = settings["devices"][0]["id"].to_string();
    let theirs = sam.post(format!("{address}/api/remove_device")).form(&[("device_id", &first)]).send().await.unwrap();
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    call(&address, &key_worker, "remove_device", &[("device_id", &first)]).await;
    // A team admin has nothing to hear about; a kind of another role is refused.
    let admin = login(&address, "admin@example.org").await;
    let refused = admin.post(format!("{address}/api/notification_settings")).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let wrong = key_worker
        .post(format!("{address}/api/choose_notifications"))
        .form(&[("kinds[0]", "action_due")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    app.stop().await;
}

#[tokio::test]
async fn a_subscription_the_browser_replaced_keeps_the_device_and_gets_the_next_notification() {
    let service = PushService::start().await;
    let (app, sam, key_worker) = sam_and_key_worker(&service).await;
    let address = app.address.clone();
    let (old, p256dh, auth) = service.subscribe("old");
    let form = [("endpoint", old.as_str()), ("p256dh", &p256dh), ("auth", &auth), ("device", "Work phone")];
    call(&address, &key_worker, "add_device", &form).await;
    // What the service worker sends on pushsubscriptionchange.
    let (renewed, p256dh, auth) = service.subscribe("renewed");
    let renew = [("old_endpoint", old.as_str()), ("endpoint", &renewed), ("p256dh", &p256dh), ("auth", &auth)];
    let theirs = sam.post(format!("{address}/api/renew_device")).form(&renew).send().await.unwrap();
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND, "only the device's owner moves it");
    call(&address, &key_worker, "renew_device", &renew).await;
    let settings = call(&address, &key_worker, "notification_settings", &[]).await;
    let devices = settings["devices"].as_array().unwrap();
    assert_eq!(
        (devices.len(), devices[0]["name"].as_str(), devices[0]["endpoint"].as_str()),
        (1, Some("Work phone"), Some(renewed.as_str()))
    );
    rate_asking_for_help(&address, &sam, &app.sam_plan().await.to_string()).await;
    service.wait_for("the renewed subscription", |r| r.iter().any(|m| m.device == "renewed")).await;
    assert!(service.received().iter().all(|m| m.device == "renewed" && m.payload.is_ok()));
    app.stop().await;
}

/// The server binary with its worker sending to `service`, `batch` notifications at a time.
async fn pushing_process(database_url: &str, service: &PushService, worker: bool, batch: u32) -> ServerProcess {
    let env = [
        ("APP_PUSH_SERVICES", service.origin.clone()),
        ("APP_PUSH_POLL_MS", "25".to_string()),
        ("APP_PUSH_LEASE_SECS", "5".to_string()),
        ("APP_PUSH_WORKER", worker.to_string()),
        ("APP_PUSH_BATCH", batch.to_string()),
    ];
    ServerProcess::start(database_url, &env).await
}

/// Five devices of the key worker, then a help request and a review request: ten
/// notifications.
async fn ten_notifications(process: &ServerProcess, service: &PushService, prefix: &str) -> Vec<String> {
    let address = process.address.as_str();
    let (sam, key_worker) = (login(address, "sam@example.org").await, login(address, "keyworker@example.org").await);
    let devices: Vec<String> = (0..5).map(|n| format!("{prefix}{n}")).collect();
    for device in &devices {
        assert_eq!(add_device(address, &key_worker, service, device).await.status(), StatusCode::OK);
    }
    let me = call(address, &sam, "me", &[]).await;
    let plan = me["plan_id"].to_string();
    rate_asking_for_help(address, &sam, &plan).await;
    call(address, &sam, "request_review", &[("plan_id", &plan), ("topics", "Sleep")]).await;
    devices
}

fn assert_each_delivered_once(service: &PushService, devices: &[String]) {
    let mut delivered = service.delivered();
    delivered.sort();
    let mut expected: Vec<(String, String)> = devices
        .iter()
        .flat_map(|d| [(d.clone(), "help_asked".to_string()), (d.clone(), "review_requested".to_string())])
        .collect();
    expected.sort();
    assert_eq!(delivered, expected, "each notification delivered exactly once");
}

#[tokio::test]
async fn notifications_waiting_when_the_server_is_killed_are_delivered_once_after_restart() {
    let service = PushService::start().await;
    let (database_url, postgres_database) = fresh_database().await;
    // The push service is down: every try is answered 503, to be tried again in a second.
    service.answer_all(Some((503, Some(1))));
    let first = pushing_process(&database_url, &service, true, 20).await;
    let devices = ten_notifications(&first, &service, "kill").await;
    service.wait_for("a first try of all ten", |r| r.len() >= 10).await;
    first.kill();
    service.answer_all(None);
    let tried_before = service.received().len();
    let second = pushing_process(&database_url, &service, true, 20).await;
    service.wait_for("all ten delivered", |_| service.delivered().len() >= 10).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(service.received()[..tried_before].iter().all(|m| m.status == 503), "none was accepted before the kill");
    assert_each_delivered_once(&service, &devices);
    drop(second);
    drop_database(postgres_database).await;
}

#[tokio::test]
async fn two_server_processes_on_one_database_send_each_notification_once() {
    let service = PushService::start().await;
    let (database_url, postgres_database) = fresh_database().await;
    // Written by a process that sends nothing, then sent by two that start together.
    let writer = pushing_process(&database_url, &service, false, 20).await;
    let mut devices = ten_notifications(&writer, &service, "a").await;
    let address = writer.address.clone();
    let key_worker = login(&address, "keyworker@example.org").await;
    for n in 0..5 {
        assert_eq!(add_device(&address, &key_worker, &service, &format!("b{n}")).await.status(), StatusCode::OK);
        devices.push(format!("b{n}"));
    }
    let sam = login(&address, "sam@example.org").await;
    let plan = call(&address, &sam, "me", &[]).await["plan_id"].to_string();
    rate_asking_for_help(&address, &sam, &plan).await;
    call(&address, &sam, "request_review", &[("plan_id", &plan), ("topics", "Work")]).await;
    writer.kill();
    let waiting = 20;
    // Two at a time, slowly: one process alone would take four seconds, so both take part.
    service.slow_down(Duration::from_millis(400));
    let (one, two) = tokio::join!(
        pushing_process(&database_url, &service, true, 2),
        pushing_process(&database_url, &service, true, 2)
    );
    service.wait_for("every notification", |_| service.delivered().len() >= waiting).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    // The first five devices had both notices written twice (two ratings, two reviews), but
    // the second of each was written while the first waited, so it was folded into it.
    assert_each_delivered_once(&service, &devices);
    let db = Db::connect(&database_url).await.unwrap();
    let workers: Vec<(String, i64)> =
        sqlx::query_as("SELECT claimed_by, COUNT(*) FROM push_outbox GROUP BY claimed_by ORDER BY claimed_by")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let counts: Vec<i64> = workers.iter().map(|w| w.1).collect();
    eprintln!("{:?}: notifications sent by each process: {counts:?}", backend());
    assert_eq!(counts.len(), 2, "both processes sent: {workers:?}");
    db.close().await;
    drop((one, two));
    drop_database(postgres_database).await;
}
