//! The person shares sections with a carer, stops sharing, and a carer sees exactly what is
//! shared, for as long as it is.

use super::support::{account, error_of, spawn_app, DEMO_PASSWORD};
use app::domain::role::Role;
use app::domain::section::Section;
use app::server::auth::now;
use app::server::db::{Granted, InviteFor, NewGrant};
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
    let expired =
        NewGrant { plan_id, grantee: alex_id, what: Granted::Section(Section::Crisis), expires_at: Some(now() - 1) };
    app.db.grant_share(expired, sam_id, now() - 100).await.unwrap();
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

#[tokio::test]
async fn a_carer_sees_and_ticks_off_exactly_the_actions_shared_with_or_assigned_to_them_until_revoked() {
    let app = spawn_app().await;
    let plan_id = app.sam_plan().await;
    let plan = plan_id.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let alex = app.logged_in("alex@example.org", DEMO_PASSWORD).await;
    let alex_id = app.db.account_by_email("alex@example.org").await.unwrap().unwrap().id.to_string();
    let mut ids = Vec::new();
    for (what, who) in [
        ("Collect the prescription", "me".to_string()),
        ("Book the dentist", "me".into()),
        ("Ring the housing office", "me".into()),
        ("Drive Sam to the appointment", format!("carer:{alex_id}")),
    ] {
        let form = [("plan_id", plan.as_str()), ("what", what), ("who", &who), ("service_name", ""), ("due", "")];
        let id: i64 = app.call(&sam, "add_action", &form).await.json().await.unwrap();
        ids.push(id.to_string());
    }
    let ids_of = |view: &Value| -> Vec<String> {
        view["actions"].as_array().unwrap().iter().map(|a| a["id"].to_string()).collect()
    };
    // Given an action, Alex sees that one only.
    let seen: Value = app.call(&alex, "plan", &[("plan_id", &plan)]).await.json().await.unwrap();
    assert_eq!(ids_of(&seen), [ids[3].clone()]);

    let mut grants = Vec::new();
    for action in &ids[..2] {
        let share = [("plan_id", plan.as_str()), ("carer_id", &alex_id), ("action_id", action), ("until", "")];
        let response = app.call(&sam, "share_action", &share).await;
        assert_eq!(response.status(), StatusCode::OK);
        grants.push(response.json::<i64>().await.unwrap().to_string());
    }
    let seen: Value = app.call(&alex, "plan", &[("plan_id", &plan)]).await.json().await.unwrap();
    assert_eq!(ids_of(&seen), [ids[0].clone(), ids[1].clone(), ids[3].clone()], "exactly the shared ones");
    assert_eq!(seen["readable"], serde_json::json!(["actions"]));
    assert_eq!(seen["content"]["goals"], serde_json::json!([]));
    assert_eq!(seen["editable"], serde_json::json!([]));

    let tick = |action: &str| {
        let form = [("plan_id", plan.clone()), ("action_id", action.to_string()), ("status", "done".to_string())];
        let (app, alex) = (&app, &alex);
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(alex, "set_action_status", &pairs).await.status()
        }
    };
    assert_eq!(tick(&ids[0]).await, StatusCode::OK);
    assert_eq!(tick(&ids[2]).await, StatusCode::NOT_FOUND, "an action not shared cannot be ticked");
    let edit = [
        ("plan_id", plan.as_str()),
        ("action_id", &ids[0]),
        ("what", "x"),
        ("who", "me"),
        ("service_name", ""),
        ("due", ""),
    ];
    assert_eq!(app.call(&alex, "update_action", &edit).await.status(), StatusCode::NOT_FOUND, "nor changed");
    let by_sam: Value = app.call(&sam, "plan", &[("plan_id", &plan)]).await.json().await.unwrap();
    let first = by_sam["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"].as_i64().map(|id| id.to_string()) == Some(ids[0].clone()))
        .unwrap();
    assert_eq!(first["status"], "done");
    assert_eq!(first["status_by"][0], "Alex Taylor");
    let cared_for: Value = app.call(&alex, "cared_for", &[]).await.json().await.unwrap();
    assert_eq!(cared_for[0]["actions"], 3);

    // Stopping both shares leaves Alex the action that is his own to do.
    for grant in &grants {
        let stop = [("plan_id", plan.as_str()), ("grant_id", grant.as_str())];
        assert_eq!(app.call(&sam, "stop_sharing", &stop).await.status(), StatusCode::OK);
    }
    let seen: Value = app.call(&alex, "plan", &[("plan_id", &plan)]).await.json().await.unwrap();
    assert_eq!(ids_of(&seen), [ids[3].clone()]);
    assert_eq!(tick(&ids[1]).await, StatusCode::NOT_FOUND);
    // Removing that action too: nothing of the plan is left to Alex.
    let remove = [("plan_id", plan.as_str()), ("action_id", ids[3].as_str())];
    assert_eq!(app.call(&sam, "remove_action", &remove).await.status(), StatusCode::OK);
    assert_eq!(app.call(&alex, "plan", &[("plan_id", &plan)]).await.status(), StatusCode::NOT_FOUND);

    let history: Value = app.call(&sam, "sharing", &[("plan_id", &plan)]).await.json().await.unwrap();
    assert_eq!(history["grants"][0]["action"][1], "Book the dentist", "the consent history names the action");
    let log = app.db.access_log(plan_id).await.unwrap();
    let alex_account = alex_id.parse::<i64>().unwrap();
    assert!(log.contains(&(Some(alex_account), "actions".to_string(), "read".to_string())), "{log:?}");
    assert!(log.contains(&(Some(alex_account), "actions".to_string(), "edit".to_string())), "{log:?}");
    app.stop().await;
}

#[tokio::test]
async fn another_plans_action_cannot_be_shared() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let alex_id = app.db.account_by_email("alex@example.org").await.unwrap().unwrap().id.to_string();
    let share = [("plan_id", plan.as_str()), ("carer_id", &alex_id), ("action_id", "999999"), ("until", "")];
    let error = error_of(app.call(&sam, "share_action", &share).await).await;
    assert_eq!(error["Invalid"][0]["field"], "action_id");
    app.stop().await;
}

#[tokio::test]
async fn a_crisis_card_shows_the_crisis_plan_alone_to_anyone_with_its_link_until_stopped() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let words = [("plan_id", plan.as_str()), ("section", "crisis"), ("answers[helps]", "Quiet room, no bright lights")];
    assert_eq!(app.call(&sam, "save_section", &words).await.status(), StatusCode::OK);
    app.call(&sam, "add_goal", &[("plan_id", &plan), ("title", "Private goal"), ("steps", "")]).await;

    let bad = app.call(&sam, "make_crisis_card", &[("plan_id", &plan), ("label", ""), ("days", "3650")]).await;
    // (No sections ticked either.)
    let keys: Vec<String> = error_of(bad).await["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().into())
        .collect();
    assert_eq!(keys, ["label", "days", "sections"]);
    let made: Value = app
        .call(
            &sam,
            "make_crisis_card",
            &[("plan_id", &plan), ("label", "A&E"), ("days", "7"), ("sections[4]", "crisis")],
        )
        .await
        .json()
        .await
        .unwrap();
    let link = made["link"].as_str().unwrap();
    assert!(made["qr_svg"].as_str().unwrap().starts_with("<svg"), "a QR code drawn on the server");
    let token = link.rsplit('/').next().unwrap();

    // Anyone with the link, signed in or not, reads the crisis plan and nothing else.
    let stranger = app.client();
    let seen = app.call(&stranger, "crisis_card", &[("token", token)]).await;
    assert_eq!(seen.status(), StatusCode::OK);
    let seen: Value = seen.json().await.unwrap();
    assert_eq!(seen["plan"]["content"]["crisis"]["helps"], "Quiet room, no bright lights");
    assert_eq!(seen["plan"]["owner_name"], "Sam Taylor");
    assert_eq!(seen["plan"]["readable"], serde_json::json!(["crisis"]));
    assert!(!seen.to_string().contains("Private goal"));
    assert_eq!(app.call(&stranger, "plan", &[("plan_id", &plan)]).await.status(), StatusCode::UNAUTHORIZED);
    let page = stranger.get(app.url(&format!("/crisis-card/{token}"))).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains("Quiet room, no bright lights") && html.contains("tel:999"), "readable without JavaScript");
    // Forged links look like nothing at all.
    let forged = app.call(&stranger, "crisis_card", &[("token", "not-a-real-token")]).await;
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);

    let sharing: Value = app.call(&sam, "sharing", &[("plan_id", &plan)]).await.json().await.unwrap();
    let card = &sharing["cards"][0];
    assert_eq!(card["label"], "A&E");
    assert_eq!(card["openings"].as_array().unwrap().len(), 2, "each opening is logged (the call and the page)");
    let through_card: Vec<&Value> =
        sharing["access"].as_array().unwrap().iter().filter(|l| l["card"] == "A&E").collect();
    assert_eq!(through_card.len(), 2, "and is in who looked, through which link");
    assert_eq!(through_card[0]["what"], serde_json::json!(["crisis"]));
    let card_id = card["id"].to_string();
    let stop = [("plan_id", plan.as_str()), ("card_id", card_id.as_str())];
    assert_eq!(app.call(&sam, "stop_crisis_card", &stop).await.status(), StatusCode::OK);
    assert_eq!(app.call(&sam, "stop_crisis_card", &stop).await.status(), StatusCode::NOT_FOUND, "stopped once");
    let after = app.call(&stranger, "crisis_card", &[("token", token)]).await;
    assert_eq!(after.status(), StatusCode::NOT_FOUND, "a stopped card opens nothing");
    app.stop().await;
}

#[tokio::test]
async fn a_link_for_an_organisation_shows_the_sections_chosen_for_it_and_nothing_else() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    app.call(&sam, "add_goal", &[("plan_id", &plan), ("title", "Sleep before midnight"), ("steps", "")]).await;
    let crisis = [("plan_id", plan.as_str()), ("section", "crisis"), ("answers[helps]", "Private crisis words")];
    assert_eq!(app.call(&sam, "save_section", &crisis).await.status(), StatusCode::OK);
    let unknown = [("plan_id", plan.as_str()), ("label", "GP"), ("days", "30"), ("sections[0]", "diary")];
    assert_eq!(app.call(&sam, "make_crisis_card", &unknown).await.status(), StatusCode::BAD_REQUEST);

    // Ticked boxes arrive with gaps in their numbers, as a form sends them.
    let form = [
        ("plan_id", plan.as_str()),
        ("label", "Riverside Surgery"),
        ("days", "30"),
        ("sections[0]", "about_me"),
        ("sections[1]", "goals"),
    ];
    let made: Value = app.call(&sam, "make_crisis_card", &form).await.json().await.unwrap();
    let token = made["link"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let seen: Value = app.call(&app.client(), "crisis_card", &[("token", &token)]).await.json().await.unwrap();
    assert_eq!(seen["plan"]["readable"], serde_json::json!(["about_me", "goals"]));
    assert!(seen.to_string().contains("Sleep before midnight"));
    assert!(!seen.to_string().contains("Private crisis words"), "the crisis plan was not chosen");
    let page = app.client().get(app.url(&format!("/crisis-card/{token}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Sleep before midnight") && !page.contains("Private crisis words"));

    let sharing: Value = app.call(&sam, "sharing", &[("plan_id", &plan)]).await.json().await.unwrap();
    assert_eq!(sharing["cards"][0]["sections"], serde_json::json!(["about_me", "goals"]));
    let sparse = [
        ("plan_id", plan.as_str()),
        ("label", "Housing officer"),
        ("days", "7"),
        ("sections[2]", "formulation"),
        ("sections[7]", "budget"),
    ];
    let sparse: Value = app.call(&sam, "make_crisis_card", &sparse).await.json().await.unwrap();
    let token = sparse["link"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let seen: Value = app.call(&app.client(), "crisis_card", &[("token", &token)]).await.json().await.unwrap();
    assert_eq!(seen["plan"]["readable"], serde_json::json!(["formulation", "budget"]));
    app.stop().await;
}

#[tokio::test]
async fn the_person_stops_sharing_a_section_with_the_care_team_and_their_key_worker_still_sees_it() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let worker = app.db.account_by_email("keyworker@example.org").await.unwrap().unwrap();
    account(&app, Role::KeyWorker, "colleague@example.org", worker.team_id.unwrap(), InviteFor::Staff).await;
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let colleague = app.logged_in("colleague@example.org", DEMO_PASSWORD).await;
    let key_worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let id = [("plan_id", plan.as_str())];
    assert_eq!(
        app.call(&colleague, "about_me", &id).await.status(),
        StatusCode::OK,
        "the care team sees it by default"
    );

    let about_me = [("plan_id", plan.as_str()), ("section", "about_me")];
    assert_eq!(app.call(&sam, "withhold_from_care_team", &about_me).await.status(), StatusCode::OK);
    assert_eq!(app.call(&sam, "withhold_from_care_team", &about_me).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.call(&colleague, "about_me", &id).await.status(), StatusCode::NOT_FOUND, "at once");
    let seen: Value = app.call(&colleague, "plan", &id).await.json().await.unwrap();
    assert!(!seen["readable"].as_array().unwrap().contains(&"about_me".into()));
    assert_eq!(app.call(&colleague, "plan_history", &id).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.call(&key_worker, "about_me", &id).await.status(), StatusCode::OK, "the named key worker");
    // Nobody but the person decides.
    assert_eq!(app.call(&key_worker, "restore_to_care_team", &about_me).await.status(), StatusCode::NOT_FOUND);
    let unknown = [("plan_id", plan.as_str()), ("section", "diary")];
    assert_eq!(app.call(&sam, "withhold_from_care_team", &unknown).await.status(), StatusCode::BAD_REQUEST);

    assert_eq!(app.call(&sam, "restore_to_care_team", &about_me).await.status(), StatusCode::OK);
    assert_eq!(app.call(&sam, "restore_to_care_team", &about_me).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.call(&colleague, "about_me", &id).await.status(), StatusCode::OK);
    let sharing: Value = app.call(&sam, "sharing", &id).await.json().await.unwrap();
    let history = sharing["care_team"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["section"], "about_me");
    assert!(history[0]["restored_at"].is_i64(), "the consent history keeps both choices");
    app.stop().await;
}
