//! Self-rating: DIALOG, the wheel, goal progress and a deployment's licensed questionnaires
//! stored once per request key, scored on the server, refused when malformed, and flagged on
//! the key worker's caseload.

use super::support::{error_of, example_instrument, spawn_app, spawn_app_with, TestApp, DEMO_PASSWORD};
use app::domain::rating::dialog::ITEMS;
use app::domain::rating::instrument::Instrument;
use app::domain::rating::{Answer, Measure, RATINGS_MAX};
use app::server::auth::now;
use app::server::db::{DbError, NewRating, Tells};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// A form's fields for the DIALOG answers `scores` ("1".."7" or "na"), with more help asked
/// on the items in `help`.
fn dialog_form(plan: &str, key: &str, scores: &[&str; 11], help: &[&str]) -> Vec<(String, String)> {
    let mut form = vec![
        ("plan_id".to_string(), plan.to_string()),
        ("measure".into(), "dialog".into()),
        ("request_key".into(), key.into()),
    ];
    for (i, (item, score)) in ITEMS.iter().zip(scores).enumerate() {
        form.push((format!("answers[{i}][item]"), item.to_string()));
        form.push((format!("answers[{i}][score]"), score.to_string()));
        if help.contains(item) {
            form.push((format!("answers[{i}][help]"), "yes".into()));
        }
    }
    form
}

async fn send(app: &TestApp, client: &Client, form: &[(String, String)]) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call(client, "rate", &pairs).await
}

async fn history(app: &TestApp, client: &Client, plan: &str) -> Value {
    let response = app.call(client, "rating_history", &[("plan_id", plan)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn form_key(app: &TestApp, client: &Client, plan: &str, measure: &str) -> String {
    let response = app.call(client, "rating_form", &[("plan_id", plan), ("measure", measure)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let form: Value = response.json().await.unwrap();
    form["request_key"].as_str().unwrap().to_string()
}

const FIRST: [&str; 11] = ["3", "4", "na", "5", "2", "na", "4", "6", "5", "4", "6"];
const SECOND: [&str; 11] = ["5", "4", "na", "3", "2", "na", "4", "6", "5", "6", "6"];

#[tokio::test]
async fn a_dialog_rating_is_scored_on_the_server_and_compared_with_last_time() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    for (scores, help) in [(FIRST, vec![]), (SECOND, vec!["accommodation"])] {
        let key = form_key(&app, &sam, &plan, "dialog").await;
        assert_eq!(send(&app, &sam, &dialog_form(&plan, &key, &scores, &help)).await.status(), StatusCode::OK);
    }
    let seen = history(&app, &sam, &plan).await;
    let dialog = seen["dialog"].as_array().unwrap();
    assert_eq!(dialog.len(), 2);
    // Items 1-8 answered: 5, 4, 3, 2, 4, 6 -> 24 / 6; items 9-11: 5, 6, 6 -> 17 / 3.
    assert_eq!(dialog[1]["scores"]["quality_of_life"], 4.0);
    assert!((dialog[1]["scores"]["treatment_satisfaction"].as_f64().unwrap() - 17.0 / 3.0).abs() < 1e-9);
    assert_eq!(dialog[1]["rating"]["answers"][2]["score"], Value::Null, "not applicable kept as such");
    assert_eq!(dialog[1]["rating"]["answers"][3]["more_help"], true);

    // The key worker's caseload flags the request for help and the 2-point drop.
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let caseload: Value = app.call(&worker, "caseload", &[]).await.json().await.unwrap();
    let sam_row = caseload.as_array().unwrap().iter().find(|p| p["name"] == "Sam Taylor").unwrap();
    assert_eq!(sam_row["rating"]["wants_help"], serde_json::json!(["accommodation"]));
    let drops = sam_row["rating"]["drops"].as_array().unwrap();
    assert_eq!(drops.len(), 1);
    assert_eq!(
        (drops[0]["item"].as_str(), drops[0]["before"].as_u64(), drops[0]["now"].as_u64()),
        (Some("accommodation"), Some(5), Some(3))
    );
    // Seeing the ratings there is a logged read.
    let reads = app.db.access_rows(app.sam_plan().await, 50).await.unwrap();
    assert!(reads
        .iter()
        .any(|row| row.name.as_deref() == Some("Jordan Lee") && row.action == "read" && row.what == "ratings"));
    app.stop().await;
}

#[tokio::test]
async fn sending_the_same_rating_twice_stores_it_once() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let key = form_key(&app, &sam, &plan, "dialog").await;
    let form = dialog_form(&plan, &key, &FIRST, &[]);
    // A double tap: both at once; then a retry after a lost answer.
    let (a, b) = tokio::join!(send(&app, &sam, &form), send(&app, &sam, &form));
    let retry = send(&app, &sam, &form).await;
    let mut ids = Vec::new();
    for response in [a, b, retry] {
        assert_eq!(response.status(), StatusCode::OK);
        ids.push(response.json::<i64>().await.unwrap());
    }
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "one rating id for all three: {ids:?}");
    assert_eq!(history(&app, &sam, &plan).await["dialog"].as_array().unwrap().len(), 1);
    app.stop().await;
}

#[tokio::test]
async fn malformed_ratings_are_refused_with_a_reason_and_store_nothing() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let key = form_key(&app, &sam, &plan, "dialog").await;
    let invalid = |form: Vec<(String, String)>| {
        let app = &app;
        let sam = &sam;
        async move {
            let response = send(app, sam, &form).await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST);
            let error = error_of(response).await;
            error["Invalid"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["key"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    let mut out_of_range = FIRST;
    out_of_range[0] = "8";
    assert_eq!(invalid(dialog_form(&plan, &key, &out_of_range, &[])).await, ["rating.error.out_of_range"]);
    let mut na_treatment = FIRST;
    na_treatment[9] = "na";
    assert_eq!(invalid(dialog_form(&plan, &key, &na_treatment, &[])).await, ["rating.error.not_applicable"]);
    let mut missing = dialog_form(&plan, &key, &FIRST, &[]);
    missing.retain(|(k, _)| !k.starts_with("answers[10]"));
    assert_eq!(invalid(missing).await, ["rating.error.missing"]);
    let mut duplicate = dialog_form(&plan, &key, &FIRST, &[]);
    duplicate.push(("answers[11][item]".into(), "job".into()));
    duplicate.push(("answers[11][score]".into(), "2".into()));
    assert_eq!(invalid(duplicate).await, ["rating.error.duplicate"]);
    let mut unknown = dialog_form(&plan, &key, &FIRST, &[]);
    unknown.push(("answers[11][item]".into(), "horoscope".into()));
    unknown.push(("answers[11][score]".into(), "2".into()));
    assert_eq!(invalid(unknown).await, ["rating.error.unknown_item"]);
    // An unknown wheel area, and goals rated before there are any.
    let wheel_key = form_key(&app, &sam, &plan, "wheel").await;
    let wheel = [
        ("plan_id", plan.as_str()),
        ("measure", "wheel"),
        ("request_key", wheel_key.as_str()),
        ("answers[0][item]", "astrology"),
        ("answers[0][score]", "5"),
    ];
    let response = app.call(&sam, "rate", &wheel).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let goals = [("plan_id", plan.as_str()), ("measure", "goals"), ("request_key", wheel_key.as_str())];
    let error = error_of(app.call(&sam, "rate", &goals).await).await;
    assert_eq!(error["Invalid"][0]["key"], "rating.error.no_goals");
    // A forged request key or measure is a bad request.
    let forged = dialog_form(&plan, "x'; DROP TABLE ratings; --", &FIRST, &[]);
    assert_eq!(send(&app, &sam, &forged).await.status(), StatusCode::BAD_REQUEST);
    let seen = history(&app, &sam, &plan).await;
    assert!(seen["dialog"].as_array().unwrap().is_empty() && seen["wheel"].as_array().unwrap().is_empty());
    app.stop().await;
}

#[tokio::test]
async fn wheel_and_goal_progress_ratings_show_over_time() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let added = app.call(&sam, "add_goal", &[("plan_id", &plan), ("title", "Swim again"), ("steps", "")]).await;
    let goal: i64 = added.json().await.unwrap();
    let goal = goal.to_string();
    for score in ["2", "6"] {
        let key = form_key(&app, &sam, &plan, "goals").await;
        let form = [
            ("plan_id", plan.as_str()),
            ("measure", "goals"),
            ("request_key", key.as_str()),
            ("answers[0][item]", goal.as_str()),
            ("answers[0][score]", score),
        ];
        assert_eq!(app.call(&sam, "rate", &form).await.status(), StatusCode::OK);
    }
    let areas = app::domain::rating::wheel::default_areas();
    let key = form_key(&app, &sam, &plan, "wheel").await;
    let mut wheel =
        vec![("plan_id".to_string(), plan.clone()), ("measure".into(), "wheel".into()), ("request_key".into(), key)];
    for (i, area) in areas.iter().enumerate() {
        wheel.push((format!("answers[{i}][item]"), area.item.clone()));
        wheel.push((format!("answers[{i}][score]"), (i % 10 + 1).to_string()));
    }
    assert_eq!(send(&app, &sam, &wheel).await.status(), StatusCode::OK);
    let seen = history(&app, &sam, &plan).await;
    let points: Vec<u64> =
        seen["goals"][0]["points"].as_array().unwrap().iter().map(|p| p[1].as_u64().unwrap()).collect();
    assert_eq!(points, [2, 6]);
    assert_eq!(seen["wheel"][0]["answers"][9]["score"], 10);
    assert_eq!(seen["wheel_areas"].as_array().unwrap().len(), 10);
    app.stop().await;
}

#[tokio::test]
async fn nobody_but_the_person_rates_and_only_their_care_team_sees_ratings() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let key = form_key(&app, &sam, &plan, "dialog").await;
    let form = dialog_form(&plan, &key, &FIRST, &[]);
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let carer = app.logged_in("alex@example.org", DEMO_PASSWORD).await;
    for other in [&worker, &carer] {
        assert_eq!(send(&app, other, &form).await.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(send(&app, &sam, &form).await.status(), StatusCode::OK);
    let response = app.call(&carer, "rating_history", &[("plan_id", &plan)]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "a carer is not shown ratings");
    assert_eq!(history(&app, &worker, &plan).await["dialog"].as_array().unwrap().len(), 1);
    app.stop().await;
}

/// Stores a rating of `measure` with every answer 4 straight in the database, as Sam, at `at`.
async fn store(app: &TestApp, plan_id: i64, measure: Measure, key: String, at: i64) -> Result<i64, DbError> {
    let sam = app.db.account_by_email("sam@example.org").await.unwrap().unwrap();
    let answers: Vec<Answer> =
        ITEMS.iter().map(|item| Answer { item: item.to_string(), score: Some(4), more_help: false }).collect();
    let new = NewRating {
        plan_id,
        measure: &measure,
        request_key: &key,
        answers: &answers,
        by: sam.id,
        at,
        tells: Tells::Nobody,
    };
    app.db.add_rating(new).await
}

#[tokio::test]
async fn a_plan_holds_at_most_its_limit_of_ratings_and_a_form_sent_again_takes_no_place() {
    let app = spawn_app().await;
    let plan_id = app.sam_plan().await;
    let add = |key: String| store(&app, plan_id, Measure::Dialog, key, now());
    for n in 0..RATINGS_MAX - 1 {
        add(format!("fill-{n}")).await.unwrap();
    }
    // Sent again, the last form stored answers with its own id and is not counted twice.
    let again = add(format!("fill-{}", RATINGS_MAX - 2)).await.unwrap();
    let last = add("last".to_string()).await.unwrap();
    assert!(last > again);
    assert!(matches!(add("one-too-many".to_string()).await, Err(DbError::Conflict)));
    assert_eq!(add("last".to_string()).await.unwrap(), last, "a stored form still answers when full");
    let sam_client = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let plan = plan_id.to_string();
    let key = form_key(&app, &sam_client, &plan, "dialog").await;
    let refused = send(&app, &sam_client, &dialog_form(&plan, &key, &FIRST, &[])).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_of(refused).await["Invalid"][0]["key"], "rating.error.too_many");
    assert_eq!(history(&app, &sam_client, &plan).await["dialog"].as_array().unwrap().len(), RATINGS_MAX);
    app.stop().await;
}

#[tokio::test]
async fn the_caseload_reads_each_plans_newest_two_ratings_of_a_measure_in_the_order_they_came() {
    let app = spawn_app().await;
    let plan_id = app.sam_plan().await;
    let key_worker = app.db.account_by_email("keyworker@example.org").await.unwrap().unwrap();
    // Three in the same second and one a second later; a wheel rating is not DIALOG.
    let at = now();
    let mut ids = Vec::new();
    for (n, (measure, at)) in
        [(Measure::Dialog, at), (Measure::Dialog, at), (Measure::Wheel, at + 1), (Measure::Dialog, at)]
            .into_iter()
            .enumerate()
    {
        ids.push(store(&app, plan_id, measure, format!("key-{n}"), at).await.unwrap());
    }
    for (measure, newest) in [(Measure::Dialog, vec![ids[3], ids[1]]), (Measure::Wheel, vec![ids[2]])] {
        let ratings = app.db.caseload_ratings(key_worker.id, &measure).await.unwrap();
        let read: Vec<(i64, i64)> = ratings.into_iter().map(|(plan, r)| (plan, r.id)).collect();
        assert_eq!(read, newest.into_iter().map(|id| (plan_id, id)).collect::<Vec<_>>(), "{measure:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn the_demo_history_is_a_plan_written_and_rated_over_three_months() {
    let app = spawn_app_with(|settings| {
        settings.demo_history = true;
        settings.instruments = vec![example_instrument()];
    })
    .await;
    let morgan = app.db.account_by_email("morgan@example.org").await.unwrap().expect("Morgan is seeded");
    let plan = app.db.plan_of_owner(morgan.id).await.unwrap().unwrap().to_string();
    let client = app.logged_in("morgan@example.org", DEMO_PASSWORD).await;
    let seen = history(&app, &client, &plan).await;
    let dialog = seen["dialog"].as_array().unwrap();
    assert_eq!((dialog.len(), seen["wheel"].as_array().unwrap().len()), (3, 2));
    let at: Vec<i64> = dialog.iter().map(|d| d["rating"]["at"].as_i64().unwrap()).collect();
    assert!(at[0] < at[1] && at[1] < at[2] && at[2] <= now(), "in the past, oldest first: {at:?}");
    let goals = seen["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 2);
    assert!(goals.iter().all(|g| g["points"].as_array().unwrap().len() == 2));

    let response = app.call(&client, "plan", &[("plan_id", &plan)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["actions"].as_array().unwrap().len(), 4);
    assert_eq!(view["content"]["contacts"].as_array().unwrap().len(), 1);
    assert!(!view["content"]["crisis"]["warning_signs"].as_str().unwrap().is_empty());
    assert!(!view["content"]["about_me"]["who_i_am"].as_str().unwrap().is_empty());

    // The newest rating asks for help with accommodation, two points down: the caseload says so.
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let caseload: Value = app.call(&worker, "caseload", &[]).await.json().await.unwrap();
    let row = caseload.as_array().unwrap().iter().find(|p| p["name"] == "Morgan Reid").unwrap();
    assert_eq!(row["rating"]["wants_help"], serde_json::json!(["accommodation"]));
    assert_eq!(row["rating"]["drops"][0]["item"], "accommodation");
    // Each questionnaire loaded is rated twice, the total up: 1 + (3-2) + 1 + (3-2), then 8.
    let checkin = &row["questionnaires"][0];
    assert_eq!((checkin["total"].as_u64(), checkin["previous"].as_u64()), (Some(8), Some(4)));
    assert_eq!(checkin["score"]["value"], 66.7, "the example's table scales 8 of 12");

    // Started again on the same database, nothing is added twice.
    let areas = app::domain::rating::wheel::default_areas();
    server::demo::seed_history(&app.db, &areas, &[example_instrument()]).await.unwrap();
    assert_eq!(history(&app, &client, &plan).await["dialog"].as_array().unwrap().len(), 3);
    app.stop().await;
}

fn checkin_form(plan: &str, key: &str, scores: [&str; 5]) -> Vec<(String, String)> {
    let mut form = vec![
        ("plan_id".to_string(), plan.to_string()),
        ("measure".into(), "checkin".into()),
        ("request_key".into(), key.into()),
    ];
    for (i, (item, score)) in ["calm", "stuck", "connected", "coping", "sleep"].iter().zip(scores).enumerate() {
        form.push((format!("answers[{i}][item]"), item.to_string()));
        form.push((format!("answers[{i}][score]"), score.to_string()));
    }
    form
}

#[tokio::test]
async fn a_licensed_questionnaire_is_asked_in_the_deployments_words_and_totalled_through_time() {
    let app = spawn_app_with(|settings| settings.instruments = vec![example_instrument()]).await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let response = app.call(&sam, "rating_form", &[("plan_id", &plan), ("measure", "checkin")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let form: Value = response.json().await.unwrap();
    assert_eq!(form["measure"], "checkin");
    assert_eq!(form["instrument"]["title"], "Weekly check-in (example)");
    let questions = form["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 5, "the statement left out of the total is asked too");
    assert_eq!(questions[1]["label"]["Plain"], "I felt stuck.");
    assert_eq!((questions[1]["scale"]["min"].as_u64(), questions[1]["scale"]["max"].as_u64()), (Some(0), Some(3)));

    // Off the scale, or a statement left out: refused, each named, nothing stored.
    let key = form["request_key"].as_str().unwrap();
    let off_scale = error_of(send(&app, &sam, &checkin_form(&plan, key, ["4", "0", "1", "1", "2"])).await).await;
    assert_eq!(off_scale["Invalid"][0]["field"], "calm");
    let mut missing = checkin_form(&plan, key, ["1", "0", "1", "1", "2"]);
    missing.truncate(missing.len() - 2);
    let left_out = error_of(send(&app, &sam, &missing).await).await;
    assert_eq!(left_out["Invalid"][0]["field"], "sleep", "asked, so answered, though not in the total");

    for scores in [["1", "2", "1", "3", "3"], ["3", "0", "2", "1", "0"]] {
        let key = form_key(&app, &sam, &plan, "checkin").await;
        assert_eq!(send(&app, &sam, &checkin_form(&plan, &key, scores)).await.status(), StatusCode::OK);
    }
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let seen = history(&app, &worker, &plan).await;
    let instruments = seen["instruments"].as_array().unwrap();
    assert_eq!(instruments.len(), 1);
    let ratings = instruments[0]["ratings"].as_array().unwrap();
    assert_eq!(ratings.len(), 2, "both ratings, and neither refused form");
    let instrument = example_instrument();
    let totals: Vec<Option<u8>> = ratings
        .iter()
        .map(|r| serde_json::from_value::<Vec<Answer>>(r["answers"].clone()).unwrap())
        .map(|answers| instrument.total(&answers))
        .collect();
    // 1 + (3-2) + 1 + (3-3) and 3 + (3-0) + 2 + (3-1): stuck and coping count in reverse, and
    // sleep not at all.
    assert_eq!(totals, [Some(3), Some(10)]);
    // The browser is given the file's subscales with the ratings, and sums each the same way:
    // feelings (calm, stuck) 1 + 1 and 3 + 3; getting on (connected, coping) 1 + 0 and 2 + 2.
    let served: Instrument = serde_json::from_value(instruments[0]["instrument"].clone()).unwrap();
    assert_eq!(served.subscales.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Feelings", "Getting on"]);
    let sums: Vec<Vec<Option<u8>>> = ratings
        .iter()
        .map(|r| served.subscale_sums(&serde_json::from_value::<Vec<Answer>>(r["answers"].clone()).unwrap()))
        .collect();
    assert_eq!(sums, [[Some(2), Some(1)], [Some(6), Some(4)]]);
    assert!(seen["dialog"].as_array().unwrap().is_empty(), "a questionnaire's ratings are its own");

    // The key worker's caseload shows the newest total and the one before, in the file's words.
    let caseload: Value = app.call(&worker, "caseload", &[]).await.json().await.unwrap();
    let sam_entry = caseload
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["plan_id"].as_i64().is_some_and(|id| id.to_string() == plan))
        .unwrap();
    let shown = &sam_entry["questionnaires"];
    assert_eq!(shown.as_array().unwrap().len(), 1);
    assert_eq!((&shown[0]["title"], &shown[0]["lang"]), (&json!("Weekly check-in (example)"), &json!("en")));
    assert_eq!((shown[0]["total"].as_u64(), shown[0]["previous"].as_u64()), (Some(10), Some(3)));
    // With the score the file's table gives the newest total, for the browser to show in its
    // language: 10 of 0 to 12 is 83.3, shown to the table's one decimal place.
    assert_eq!(shown[0]["score"], json!({ "name": "Scaled score", "value": 83.3, "places": 1 }));
    // And the newest rating's parts, summed as above.
    assert_eq!(shown[0]["parts"], json!([["Feelings", 6], ["Getting on", 4]]));
    assert!(sam_entry["rating"].is_null(), "no DIALOG rating to flag");

    // A questionnaire the deployment does not load is not there to rate.
    for name in ["reqol10", "Bad-Name"] {
        let response = app.call(&sam, "rating_form", &[("plan_id", &plan), ("measure", name)]).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{name}");
    }
    app.stop().await;

    let without = spawn_app().await;
    let sam = without.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let plan = without.sam_plan().await.to_string();
    let response = without.call(&sam, "rating_form", &[("plan_id", &plan), ("measure", "checkin")]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "none unless a deployment loads it");
    assert!(history(&without, &sam, &plan).await["instruments"].as_array().unwrap().is_empty());
    without.stop().await;
}
