//! The person shares sections with a carer, stops sharing, and a carer sees exactly what is
//! shared, for as long as it is.

use super::support::{error_of, spawn_app, DEMO_PASSWORD};
use app::domain::section::Section;
use app::server::auth::now;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn a_carer_sees_exactly_the_shared_section_until_the_person_stops_sharing() {
    let app = spawn_app().await;
    let plan_id = app.sam_plan().await;
    let plan = plan_id.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let alex = app.logged_in("alex@example.org", DEMO_PASSWORD).await;
    let alex_id = app.db.account_by_email("alex@example.org").await.unwrap().unwrap().id.to_string();
    app.call(&sam, "add_goal", &[("plan_id", &plan), ("title", "Private goal"), ("steps", "")]).await;
    let words = [("plan_id", plan.as_str()), ("section", "crisis"), ("answers[helps]", "A walk with Alex")];
    assert_eq!(app.call(&sam, "save_section", &words).await.status(), StatusCode::OK);

    let nothing = app.call(&alex, "plan", &[("plan_id", &plan)]).await;
    assert_eq!(nothing.status(), StatusCode::NOT_FOUND, "nothing shared: the plan does not seem to exist");

    let share = [("plan_id", plan.as_str()), ("carer_id", &alex_id), ("section", "crisis"), ("until", "")];
    let grant: i64 = app.call(&sam, "share_section", &share).await.json().await.unwrap();
    let seen: Value = app.call(&alex, "plan", &[("plan_id", &plan)]).await.json().await.unwrap();
    assert_eq!(seen["readable"], serde_json::json!(["crisis"]));
    assert_eq!(seen["content"]["goals"], serde_json::json!([]), "goals were not shared");
    assert_eq!(seen["content"]["crisis"]["helps"], "A walk with Alex");
    assert_eq!(seen["agreement"], Value::Null);
    assert_eq!(seen["editable"], serde_json::json!([]));
    let cared_for: Value = app.call(&alex, "cared_for", &[]).await.json().await.unwrap();
    assert_eq!(cared_for[0]["shared"], serde_json::json!(["crisis"]));
    let log = app.db.access_log(plan_id).await.unwrap();
    let alex_account = alex_id.parse::<i64>().unwrap();
    assert!(log.contains(&(Some(alex_account), "crisis".to_string(), "read".to_string())), "{log:?}");
    assert!(!log.iter().any(|(who, section, _)| *who == Some(alex_account) && section == "goals"));

    let seen_by_sam: Value = app.call(&sam, "sharing", &[("plan_id", &plan)]).await.json().await.unwrap();
    let latest = &seen_by_sam["access"][0];
    assert_eq!(latest["name"], "Alex Taylor");
    assert_eq!(latest["role"], "Carer");
    assert_eq!(latest["action"], "read");
    assert_eq!(latest["what"], serde_json::json!(["crisis"]));

    let grant = grant.to_string();
    let stop = [("plan_id", plan.as_str()), ("grant_id", grant.as_str())];
    assert_eq!(app.call(&sam, "stop_sharing", &stop).await.status(), StatusCode::OK);
    assert_eq!(app.call(&sam, "stop_sharing", &stop).await.status(), StatusCode::NOT_FOUND, "stopped once");
    let after = app.call(&alex, "plan", &[("plan_id", &plan)]).await;
    assert_eq!(after.status(), StatusCode::NOT_FOUND, "revocation takes effect on the next request");

    let history: Value = app.call(&sam, "sharing", &[("plan_id", &plan)]).await.json().await.unwrap();
    assert_eq!(history["grants"].as_array().unwrap().len(), 1);
    assert!(history["grants"][0]["revoked_at"].is_i64(), "the consent history keeps the stopped grant");
    app.stop().await;
}

#[tokio::test]
async fn an_expired_share_shows_nothing_and_strangers_cannot_be_given_a_share() {
    let app = spawn_app().await;
    let plan_id = app.sam_plan().await;
    let plan = plan_id.to_string();
    let sam_id = app.db.account_by_email("sam@example.org").await.unwrap().unwrap().id;
    let alex_id = app.db.account_by_email("alex@example.org").await.unwrap().unwrap().id;
    app.db.grant_share(plan_id, alex_id, Section::Crisis, Some(now() - 1), sam_id, now() - 100).await.unwrap();
    let alex = app.logged_in("alex@example.org", DEMO_PASSWORD).await;
    assert_eq!(app.call(&alex, "plan", &[("plan_id", &plan)]).await.status(), StatusCode::NOT_FOUND);

    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker_id = app.db.account_by_email("keyworker@example.org").await.unwrap().unwrap().id.to_string();
    let to_worker = [("plan_id", plan.as_str()), ("carer_id", &worker_id), ("section", "crisis"), ("until", "")];
    let refused = app.call(&sam, "share_section", &to_worker).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_of(refused).await["Invalid"][0]["field"], "carer_id");
    let past = [
        ("plan_id", plan.as_str()),
        ("carer_id", &alex_id.to_string()),
        ("section", "crisis"),
        ("until", "2001-01-01"),
    ];
    let refused = app.call(&sam, "share_section", &past).await;
    assert_eq!(error_of(refused).await["Invalid"][0]["key"], "error.date_past");
    app.stop().await;
}
