//! The whole plan: who writes which section, co-production and agreement, versions and "what
//! changed", and bad input that must leave nothing half-saved.

use super::support::{error_of, spawn_app, TestApp, DEMO_PASSWORD};
use reqwest::{Client, StatusCode};
use serde_json::Value;

async fn plan_view(app: &TestApp, client: &Client, plan: &str) -> Value {
    let response = app.call(client, "plan", &[("plan_id", plan)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn agree(app: &TestApp, client: &Client, plan: &str) -> Value {
    let view = plan_view(app, client, plan).await;
    let hash = view["agreement"]["content_hash"].as_str().unwrap().to_string();
    let response = app.call(client, "agree_plan", &[("plan_id", plan), ("content_hash", &hash)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn error_keys(error: &Value) -> Vec<(String, String)> {
    error["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_string(), e["key"].as_str().unwrap().to_string()))
        .collect()
}

#[tokio::test]
async fn the_person_and_key_worker_agree_a_plan_and_a_changed_goal_is_exactly_what_changed() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let added = app
        .call(&sam, "add_goal", &[("plan_id", &plan), ("title", "Swim again"), ("steps", "Find times\nGo once")])
        .await;
    assert_eq!(added.status(), StatusCode::OK);
    let goal: i64 = added.json().await.unwrap();
    let contact = [
        ("plan_id", plan.as_str()),
        ("name", "Jo"),
        ("relationship", "sister"),
        ("phone", "07700 900123"),
        ("available", "any time"),
    ];
    assert_eq!(app.call(&sam, "add_contact", &contact).await.status(), StatusCode::OK);
    let formulation =
        [("plan_id", plan.as_str()), ("section", "formulation"), ("answers[difficulties]", "Low mood in winter")];
    assert_eq!(app.call(&worker, "save_section", &formulation).await.status(), StatusCode::OK);

    assert_eq!(agree(&app, &sam, &plan).await, Value::Null, "one agreement is not yet a version");
    let seen_by_worker = plan_view(&app, &worker, &plan).await;
    assert_eq!(seen_by_worker["agreement"]["agreed_by"][0][0], "Sam Taylor");
    assert_eq!(seen_by_worker["agreement"]["draft"], true);
    assert_eq!(agree(&app, &worker, &plan).await, 1, "both agreed: version 1");

    let agreed = plan_view(&app, &sam, &plan).await;
    assert_eq!(agreed["agreement"]["draft"], false);
    assert_eq!(agreed["agreement"]["latest"]["number"], 1);
    assert_eq!(agreed["content"]["contacts"][0]["contact"]["phone"], "07700 900123");

    let goal_id = goal.to_string();
    let change = [
        ("plan_id", plan.as_str()),
        ("goal_id", &goal_id),
        ("title", "Swim twice a week"),
        ("steps", "Find times\nGo once"),
    ];
    assert_eq!(app.call(&sam, "update_goal", &change).await.status(), StatusCode::OK);
    let draft = plan_view(&app, &sam, &plan).await;
    assert_eq!(draft["agreement"]["draft"], true, "editing an agreed plan starts a new draft");

    let history: Value = app.call(&worker, "plan_history", &[("plan_id", &plan)]).await.json().await.unwrap();
    assert_eq!(history["from"], serde_json::json!({"Agreed": 1}));
    let changes = history["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["section"], "goals");
    assert_eq!(changes[0]["before"]["Goal"]["title"], "Swim again");
    assert_eq!(changes[0]["after"]["Goal"]["title"], "Swim twice a week");

    // Version 1 stays readable as it was agreed.
    let same: Value =
        app.call(&sam, "plan_history", &[("plan_id", &plan), ("from", "1"), ("to", "1")]).await.json().await.unwrap();
    assert_eq!(same["changes"], serde_json::json!([]));
    let unknown = app.call(&sam, "plan_history", &[("plan_id", &plan), ("from", "7")]).await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    app.stop().await;
}

#[tokio::test]
async fn agreeing_to_a_plan_that_changed_since_it_was_read_is_refused() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let seen = plan_view(&app, &sam, &plan).await;
    let old_hash = seen["agreement"]["content_hash"].as_str().unwrap().to_string();
    let edit = [("plan_id", plan.as_str()), ("section", "care_treatment"), ("answers[medication]", "Weekly check")];
    assert_eq!(app.call(&worker, "save_section", &edit).await.status(), StatusCode::OK);
    let refused = app.call(&sam, "agree_plan", &[("plan_id", &plan), ("content_hash", &old_hash)]).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_keys(&error_of(refused).await), [("agree".to_string(), "error.plan_changed".to_string())]);
    assert!(app.db.whole_plan(app.sam_plan().await).await.unwrap().pending_agreements.is_empty());
    app.stop().await;
}

#[tokio::test]
async fn ticking_off_an_action_does_not_undo_the_agreement() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let add = [("plan_id", plan.as_str()), ("what", "Call the GP"), ("who", "me"), ("service_name", ""), ("due", "")];
    let action: i64 = app.call(&sam, "add_action", &add).await.json().await.unwrap();
    agree(&app, &sam, &plan).await;
    agree(&app, &worker, &plan).await;
    let action = action.to_string();
    let tick = [("plan_id", plan.as_str()), ("action_id", &action), ("status", "done")];
    assert_eq!(app.call(&sam, "set_action_status", &tick).await.status(), StatusCode::OK);
    let view = plan_view(&app, &sam, &plan).await;
    assert_eq!(view["actions"][0]["status"], "done");
    assert_eq!(view["actions"][0]["status_by"][0], "Sam Taylor");
    assert_eq!(view["agreement"]["draft"], false);
    app.stop().await;
}

#[tokio::test]
async fn each_side_writes_only_its_own_sections_and_actions() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let formulation = [("plan_id", plan.as_str()), ("section", "formulation"), ("answers[difficulties]", "mine")];
    assert_eq!(app.call(&sam, "save_section", &formulation).await.status(), StatusCode::NOT_FOUND);
    let crisis = [("plan_id", plan.as_str()), ("section", "crisis"), ("answers[helps]", "theirs")];
    assert_eq!(app.call(&worker, "save_section", &crisis).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.call(&worker, "add_goal", &[("plan_id", &plan), ("title", "x"), ("steps", "")]).await.status(),
        StatusCode::NOT_FOUND
    );
    let for_sam = [("plan_id", plan.as_str()), ("what", "Walk"), ("who", "me"), ("service_name", ""), ("due", "")];
    let refused = app.call(&worker, "add_action", &for_sam).await;
    assert_eq!(error_keys(&error_of(refused).await), [("who".to_string(), "error.not_your_action".to_string())]);

    let alex = app.db.account_by_email("alex@example.org").await.unwrap().unwrap().id;
    let carer = format!("carer:{alex}");
    let for_alex =
        [("plan_id", plan.as_str()), ("what", "Lift to the GP"), ("who", &carer), ("service_name", ""), ("due", "")];
    assert_eq!(app.call(&sam, "add_action", &for_alex).await.status(), StatusCode::OK);
    let stranger =
        [("plan_id", plan.as_str()), ("what", "x"), ("who", "carer:99999"), ("service_name", ""), ("due", "")];
    let refused = app.call(&sam, "add_action", &stranger).await;
    assert_eq!(error_keys(&error_of(refused).await), [("who".to_string(), "error.unknown_assignee".to_string())]);
    let view = plan_view(&app, &sam, &plan).await;
    assert_eq!(view["actions"].as_array().unwrap().len(), 1);
    assert_eq!(view["actions"][0]["plan"]["who"]["Carer"]["name"], "Alex Taylor");
    app.stop().await;
}

/// Who calls, which server function, the fields besides the plan id, and the (field, message key)
/// pairs expected back.
type BadInput<'a> = (&'a Client, &'a str, Vec<(&'a str, String)>, Vec<(&'a str, &'a str)>);

#[tokio::test]
async fn bad_input_gets_a_clear_error_per_field_and_nothing_is_saved() {
    let app = spawn_app().await;
    let plan_id = app.sam_plan().await;
    let plan = plan_id.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let cases: Vec<BadInput> = vec![
        (
            &sam,
            "add_action",
            vec![("what", "".into()), ("who", "me".into()), ("service_name", "".into()), ("due", "2001-01-01".into())],
            vec![("what", "error.required"), ("due", "error.date_past")],
        ),
        (
            &sam,
            "add_action",
            vec![("what", "x".into()), ("who", "me".into()), ("service_name", "".into()), ("due", "2027-02-30".into())],
            vec![("due", "error.date_invalid")],
        ),
        (
            &sam,
            "add_contact",
            vec![
                ("name", "Jo".into()),
                ("relationship", "".into()),
                ("phone", "call me".into()),
                ("available", "".into()),
            ],
            vec![("phone", "error.phone_invalid")],
        ),
        (&sam, "add_goal", vec![("title", " ".into()), ("steps", "".into())], vec![("title", "error.required")]),
        (
            &worker,
            "save_section",
            vec![("section", "formulation".into()), ("answers[meaning]", "x".repeat(4001))],
            vec![("meaning", "error.too_long")],
        ),
        (
            &worker,
            "save_review",
            vec![("stage", "finished".into()), ("next_review", "yesterday".into())],
            vec![("stage", "error.choose_one"), ("next_review", "error.date_invalid")],
        ),
    ];
    for (client, name, fields, expected) in cases {
        let mut form = vec![("plan_id", plan.clone())];
        form.extend(fields);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = app.call(client, name, &form).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{name}");
        let keys = error_keys(&error_of(response).await);
        let expected: Vec<_> = expected.iter().map(|(f, k)| (f.to_string(), k.to_string())).collect();
        assert_eq!(keys, expected, "{name}");
    }
    let content = app.db.plan_content(plan_id).await.unwrap();
    assert_eq!(content, app::domain::plan::PlanContent::default(), "nothing was saved");

    for n in 0..20 {
        let title = format!("Goal {n}");
        app.call(&sam, "add_goal", &[("plan_id", &plan), ("title", &title), ("steps", "")]).await;
    }
    let full = app.call(&sam, "add_goal", &[("plan_id", &plan), ("title", "One more"), ("steps", "")]).await;
    assert_eq!(error_keys(&error_of(full).await), [("title".to_string(), "error.too_many_goals".to_string())]);
    assert_eq!(app.db.goals(plan_id).await.unwrap().len(), 20);
    app.stop().await;
}

#[tokio::test]
async fn a_review_request_waits_until_the_key_worker_sets_a_review_date() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let asked = app.call(&sam, "request_review", &[("plan_id", &plan), ("topics", "My medication")]).await;
    assert_eq!(asked.status(), StatusCode::OK);
    let seen = plan_view(&app, &worker, &plan).await;
    assert_eq!(seen["review_requests"][0]["topics"], "My medication");
    let caseload: Value = app.call(&worker, "caseload", &[]).await.json().await.unwrap();
    assert_eq!(caseload[0]["review_requests"], 1, "the key worker sees it on their caseload");
    let (year, _, _) = app::domain::date::civil_date(app::server::auth::now());
    let date = format!("{}-03-01", year + 1);
    let set = [("plan_id", plan.as_str()), ("stage", "care_review"), ("next_review", &date)];
    assert_eq!(app.call(&worker, "save_review", &set).await.status(), StatusCode::OK);
    let after = plan_view(&app, &sam, &plan).await;
    assert_eq!(after["review_requests"], serde_json::json!([]));
    assert_eq!(after["content"]["review"]["stage"], "care_review");
    let caseload: Value = app.call(&worker, "caseload", &[]).await.json().await.unwrap();
    assert_eq!(caseload[0]["review_requests"], 0);
    app.stop().await;
}

#[tokio::test]
async fn the_budget_totals_items_per_year_warns_when_over_and_any_change_undoes_the_sign_off() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let terms = [
        ("plan_id", plan.as_str()),
        ("needs", "Staying active"),
        ("allocation", "£1,000"),
        ("held", "direct_payment"),
        ("managed_by", "My brother"),
        ("review", "Every 6 months"),
    ];
    assert_eq!(app.call(&sam, "save_budget", &terms).await.status(), StatusCode::OK);
    for (what, cost, every) in [("Gym", "25", "monthly"), ("Art class", "12.50", "weekly"), ("Bike", "150", "one_off")]
    {
        let item = [("plan_id", plan.as_str()), ("what", what), ("cost", cost), ("every", every)];
        assert_eq!(app.call(&worker, "add_budget_item", &item).await.status(), StatusCode::OK);
    }
    let bad = [("plan_id", plan.as_str()), ("what", ""), ("cost", "-5"), ("every", "hourly")];
    let refused = app.call(&sam, "add_budget_item", &bad).await;
    let keys = error_keys(&error_of(refused).await);
    let fields: Vec<_> = keys.iter().map(|(f, k)| (f.as_str(), k.as_str())).collect();
    assert_eq!(fields, [("what", "error.required"), ("cost", "error.money_invalid"), ("every", "error.choose_one")]);

    let refused = app.call(&sam, "sign_off_budget", &[("plan_id", &plan)]).await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND, "only the key worker records the sign-off");
    assert_eq!(app.call(&worker, "sign_off_budget", &[("plan_id", &plan)]).await.status(), StatusCode::OK);

    let budget = &plan_view(&app, &sam, &plan).await["content"]["budget"];
    assert_eq!(budget["items"].as_array().unwrap().len(), 3);
    assert_eq!(budget["sign_off"]["SignedOff"]["by"], "Jordan Lee");
    let stored = app.db.plan_content(app.sam_plan().await).await.unwrap().budget;
    // £25 x 12 + £12.50 x 52 + £150 once = £1,100: £100 over the £1,000 allocation.
    assert_eq!(stored.yearly_total().pence(), 110_000);
    assert_eq!(stored.over_allocation().map(|m| m.display(app::i18n::Locale::En)), Some("£100".to_string()));

    let remove = [("plan_id", plan.as_str()), ("item_id", "3")];
    assert_eq!(app.call(&sam, "remove_budget_item", &remove).await.status(), StatusCode::OK);
    assert_eq!(app.call(&sam, "remove_budget_item", &remove).await.status(), StatusCode::NOT_FOUND);
    let stored = app.db.plan_content(app.sam_plan().await).await.unwrap().budget;
    assert_eq!(stored.sign_off, app::domain::budget::SignOff::NotSignedOff);
    assert_eq!(stored.over_allocation(), None);
    app.stop().await;
}

#[tokio::test]
async fn either_party_suggests_a_change_to_the_others_section_and_its_writer_answers() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let to_formulation = [("plan_id", plan.as_str()), ("section", "formulation"), ("text", "Say that winter is hard")];
    let suggestion: i64 = app.call(&sam, "suggest_change", &to_formulation).await.json().await.unwrap();
    let own_section = [("plan_id", plan.as_str()), ("section", "goals"), ("text", "x")];
    assert_eq!(app.call(&sam, "suggest_change", &own_section).await.status(), StatusCode::NOT_FOUND);
    let empty = [("plan_id", plan.as_str()), ("section", "goals"), ("text", " ")];
    let refused = app.call(&worker, "suggest_change", &empty).await;
    assert_eq!(error_keys(&error_of(refused).await), [("text".to_string(), "error.required".to_string())]);

    let seen = plan_view(&app, &worker, &plan).await;
    assert_eq!(seen["suggestions"][0]["text"], "Say that winter is hard");
    assert_eq!(seen["suggestions"][0]["author"], "Sam Taylor");
    let id = suggestion.to_string();
    let answer = [("plan_id", plan.as_str()), ("suggestion_id", &id), ("decision", "accepted")];
    assert_eq!(app.call(&sam, "decide_suggestion", &answer).await.status(), StatusCode::NOT_FOUND, "not Sam's section");
    assert_eq!(app.call(&worker, "decide_suggestion", &answer).await.status(), StatusCode::OK);
    assert_eq!(app.call(&worker, "decide_suggestion", &answer).await.status(), StatusCode::NOT_FOUND, "answered once");
    assert_eq!(plan_view(&app, &sam, &plan).await["suggestions"], serde_json::json!([]));
    app.stop().await;
}

#[tokio::test]
async fn an_action_is_changed_only_within_the_side_that_writes_it_and_keeps_its_progress() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let add = [("plan_id", plan.as_str()), ("what", "Call the GP"), ("who", "me"), ("service_name", ""), ("due", "")];
    let id: i64 = app.call(&sam, "add_action", &add).await.json().await.unwrap();
    let id = id.to_string();
    let tick = [("plan_id", plan.as_str()), ("action_id", &id), ("status", "done")];
    app.call(&sam, "set_action_status", &tick).await;
    let change = |who: &'static str| {
        let fields = [("what", "Call the surgery"), ("who", who), ("service_name", "GP"), ("due", "")];
        let mut form = vec![("plan_id", plan.as_str()), ("action_id", id.as_str())];
        form.extend(fields);
        form
    };
    let refused = app.call(&sam, "update_action", &change("service")).await;
    assert_eq!(error_keys(&error_of(refused).await), [("who".to_string(), "error.not_your_action".to_string())]);
    let by_worker = app.call(&worker, "update_action", &change("service")).await;
    assert_eq!(by_worker.status(), StatusCode::NOT_FOUND, "the key worker does not write Sam's own actions");
    assert_eq!(app.call(&sam, "update_action", &change("me")).await.status(), StatusCode::OK);
    let view = plan_view(&app, &sam, &plan).await;
    assert_eq!(view["actions"][0]["plan"]["what"], "Call the surgery");
    assert_eq!(view["actions"][0]["status"], "done", "changing an action keeps its progress");
    app.stop().await;
}

/// The plan page reads every list in one statement, as JSON built by the database; a page of
/// one list reads it as rows. Both must give the same, whatever the text holds.
#[tokio::test]
async fn the_whole_plan_read_at_once_matches_each_list_read_alone_whatever_its_text() {
    use app::domain::action::{ActionPlan, Assignee};
    use app::domain::contact::{CrisisContact, PhoneNumber};
    use app::domain::goal::GoalText;
    use app::domain::section::Section;
    let app = spawn_app().await;
    let plan = app.sam_plan().await;
    let sam = app.db.account_by_email("sam@example.org").await.unwrap().unwrap().id;
    let awkward = ["Say \"no\" \\ then\nbreathe", "Café, naïve, 日本語, 🙂", "</script><b>&amp;", ""];
    for (i, text) in awkward.iter().enumerate() {
        let goal = GoalText { title: format!("Goal {i}: {text}"), steps: vec![text.to_string(), "next".into()] };
        app.db.add_goal(plan, &goal, 100, sam, 1).await.unwrap();
        let contact = CrisisContact {
            name: format!("Contact {i}"),
            relationship: text.to_string(),
            phone: PhoneNumber::parse("phone", "07700 900123").unwrap(),
            available: text.to_string(),
        };
        app.db.add_contact(plan, &contact, 100, sam, 1).await.unwrap();
        let who = if i % 2 == 0 { Assignee::Me } else { Assignee::Service { name: text.to_string() } };
        let action = ActionPlan { what: format!("Action {i}: {text}"), who, due: None };
        app.db.add_action(plan, &action, 100, sam, 1).await.unwrap();
        app.db.add_suggestion(plan, Section::Goals, text, sam, 1).await.unwrap();
        app.db.request_review(plan, text, sam, 1).await.unwrap();
    }

    let whole = app.db.whole_plan(plan).await.unwrap();
    assert_eq!(whole.content.goals, app.db.goals(plan).await.unwrap());
    assert_eq!(whole.content.goals.last().unwrap().text.steps[0], "");
    assert_eq!(whole.content.contacts, app.db.contacts(plan).await.unwrap());
    assert_eq!(whole.actions, app.db.actions(plan).await.unwrap());
    assert_eq!(whole.content.about_me, app.db.about_me(plan).await.unwrap().0);
    assert_eq!(whole.open_suggestions, app.db.open_suggestions(plan).await.unwrap());
    assert_eq!(whole.carers, app.db.carer_names(plan).await.unwrap());
    let topics: Vec<_> = whole.open_review_requests.iter().map(|r| r.topics.as_str()).collect();
    assert_eq!(topics, awkward, "in the order they were made");
    let titles: Vec<_> = whole.content.goals.iter().map(|g| g.text.title.clone()).collect();
    let written: Vec<_> = awkward.iter().enumerate().map(|(i, t)| format!("Goal {i}: {t}")).collect();
    assert_eq!(titles[titles.len() - awkward.len()..], written[..]);
}
