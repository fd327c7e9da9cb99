//! About Me: written by the person, read by their care team, every other reader logged.

use super::support::{error_of, spawn_app, DEMO_PASSWORD};
use reqwest::StatusCode;

const FIELDS: [&str; 9] = app::domain::about_me::FIELDS;

fn answers(values: [&str; 9]) -> Vec<(&'static str, &str)> {
    FIELDS.into_iter().zip(values).collect()
}

#[tokio::test]
async fn a_service_user_saves_about_me_in_their_own_words_and_reads_it_back() {
    let app = spawn_app().await;
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let words = [
        "Dw i'n byw yn Aberystwyth. ŵ ŷ",
        "My cat\nand my garden",
        "Gardening",
        "Walking every day",
        "Sleep",
        "My brother Alex",
        "Text before you call",
        "English and Welsh",
        "",
    ];
    let saved = app.call(&sam, "save_about_me", &answers(words)).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let view: serde_json::Value = app.call(&sam, "about_me", &[]).await.json().await.unwrap();
    assert_eq!(view["own"], true);
    assert_eq!(view["owner_name"], "Sam Taylor");
    for (field, value) in FIELDS.iter().zip(words) {
        assert_eq!(view["about"][field], value, "{field}");
    }
    app.stop().await;
}

#[tokio::test]
async fn overlong_answers_are_refused_field_by_field_and_nothing_is_saved() {
    let app = spawn_app().await;
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    app.call(&sam, "save_about_me", &answers(["before"; 9])).await;
    let long = "x".repeat(4001);
    let mut values = ["after"; 9];
    values[2] = &long;
    values[7] = &long;
    let refused = app.call(&sam, "save_about_me", &answers(values)).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let error = error_of(refused).await;
    let fields: Vec<&str> = error["Invalid"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["strengths", "communication"]);
    assert_eq!(error["Invalid"][0]["limit"], 4000);

    let plan = app.sam_plan().await;
    let (stored, _) = app.db.about_me(plan).await.unwrap();
    assert!(stored.answers().iter().all(|a| *a == "before"), "no field was saved half-way");
    app.stop().await;
}

#[tokio::test]
async fn the_key_worker_reads_about_me_and_the_read_is_in_the_access_log() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await;
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    app.call(&sam, "save_about_me", &answers(["mine"; 9])).await;
    app.call(&sam, "about_me", &[]).await;
    assert!(app.db.access_log(plan).await.unwrap().is_empty(), "the owner's own reads are not logged");

    let key_worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let plan_id = plan.to_string();
    let view: serde_json::Value =
        app.call(&key_worker, "about_me", &[("plan_id", &plan_id)]).await.json().await.unwrap();
    assert_eq!(view["own"], false);
    assert_eq!(view["about"]["who_i_am"], "mine");
    let key_worker_id = app.db.account_by_email("keyworker@example.org").await.unwrap().unwrap().id;
    assert_eq!(
        app.db.access_log(plan).await.unwrap(),
        [(Some(key_worker_id), "about_me".to_string(), "read".to_string())]
    );

    // Reading is not writing: the key worker has no About Me of their own to save.
    let save = app.call(&key_worker, "save_about_me", &answers(["theirs"; 9])).await;
    assert_eq!(save.status(), StatusCode::NOT_FOUND);
    let (stored, _) = app.db.about_me(plan).await.unwrap();
    assert_eq!(stored.who_i_am, "mine");
    app.stop().await;
}
