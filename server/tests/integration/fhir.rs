//! The FHIR export: every Bundle (a full plan, an empty plan, one in Urdu and Welsh with emoji,
//! a carer's and a trusted system's cut of a plan) parsed by Python's `fhir.resources`, an
//! independent FHIR R4 library, and what it read compared with the database.

use super::support::{account, error_of, example_instrument, spawn_app, spawn_app_with, TestApp, DEMO_PASSWORD};
use app::domain::action::ActionStatus;
use app::domain::rating::{Answer, Measure};
use app::domain::role::Role;
use app::domain::section::Section;
use app::server::auth::{new_token, now};
use app::server::db::{InviteFor, NewInvite, NewRating, Tells};
use app::server::fhir::instant;
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::path::PathBuf;

/// The Python with `fhir.resources` that scripts/setup installs.
fn fhir_python() -> PathBuf {
    let tools = std::env::var("WELLBEING_TOOLS").unwrap_or_else(|_| "/opt/wellbeing-tools".into());
    let python = PathBuf::from(tools).join("fhir/bin/python");
    assert!(python.exists(), "{} is missing: run scripts/setup", python.display());
    python
}

/// What fhir.resources read from each bundle, in order (see tests/fhir/check_bundles.py).
fn parsed_by_fhir_resources(bundles: &[&Value]) -> Vec<Value> {
    // One folder per call: tests run side by side in one process.
    static CALLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("wp-fhir-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<PathBuf> = bundles
        .iter()
        .enumerate()
        .map(|(i, bundle)| {
            let path = dir.join(format!("bundle-{i}.json"));
            std::fs::write(&path, serde_json::to_vec(bundle).unwrap()).unwrap();
            path
        })
        .collect();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fhir/check_bundles.py");
    let output = std::process::Command::new(fhir_python()).arg(script).args(&paths).output().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(output.status.success(), "fhir.resources refused a bundle: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

async fn export(app: &TestApp, client: &Client, form: &[(&str, &str)]) -> Value {
    let response = app.call(client, "fhir_bundle", form).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-disposition"], "attachment; filename=\"wellbeing-plan-fhir.json\"");
    response.json().await.unwrap()
}

async fn ok(app: &TestApp, client: &Client, name: &str, form: &[(&str, &str)]) -> Value {
    let response = app.call(client, name, form).await;
    assert_eq!(response.status(), StatusCode::OK, "{name}");
    response.json().await.unwrap()
}

/// Sam's plan with something in every section, actions for everyone, ratings of all three
/// measures, and share grants in force and stopped.
async fn fill_sams_plan(app: &TestApp, sam: &Client, worker: &Client, alex_id: i64) {
    let plan = app.sam_plan().await.to_string();
    let p = plan.as_str();
    let mut about: Vec<(&str, &str)> = app::domain::about_me::FIELDS.iter().map(|f| (*f, "")).collect();
    about[0].1 = "A dad who loves the sea";
    about[2].1 = "Stubborn in a good way";
    ok(app, sam, "save_about_me", &about).await;
    ok(app, sam, "add_goal", &[("plan_id", p), ("title", "Swim again"), ("steps", "Find pool times\nGo once")]).await;
    ok(app, sam, "add_goal", &[("plan_id", p), ("title", "Cook twice a week"), ("steps", "")]).await;
    let crisis = [("plan_id", p), ("section", "crisis"), ("answers[helps]", "Music, low light")];
    ok(app, sam, "save_section", &crisis).await;
    let formulation = [("plan_id", p), ("section", "formulation"), ("answers[difficulties]", "Low mood in winter")];
    ok(app, worker, "save_section", &formulation).await;
    let contact = [
        ("plan_id", p),
        ("name", "Jo"),
        ("relationship", "Sister"),
        ("phone", "07700 900123"),
        ("available", "Evenings"),
    ];
    ok(app, sam, "add_contact", &contact).await;
    let carer = format!("carer:{alex_id}");
    for (client, what, who, service, due) in [
        (sam, "Call the GP", "me", "", "2030-01-15"),
        (sam, "Collect prescription", carer.as_str(), "", ""),
        (worker, "Book a review", "key_worker", "", ""),
        (worker, "Housing letter", "service", "Housing office", "2030-02-01"),
    ] {
        let form = [("plan_id", p), ("what", what), ("who", who), ("service_name", service), ("due", due)];
        ok(app, client, "add_action", &form).await;
    }
    let first = app.db.actions(app.sam_plan().await).await.unwrap()[0].id.to_string();
    ok(app, sam, "set_action_status", &[("plan_id", p), ("action_id", &first), ("status", "done")]).await;
    let budget = [
        ("plan_id", p),
        ("needs", "Staying active"),
        ("allocation", "1200"),
        ("held", "direct_payment"),
        ("managed_by", "My brother"),
        ("review", "Every six months"),
    ];
    ok(app, sam, "save_budget", &budget).await;
    ok(app, sam, "add_budget_item", &[("plan_id", p), ("what", "Swim pass"), ("cost", "20"), ("every", "monthly")])
        .await;
    ok(app, worker, "save_review", &[("plan_id", p), ("stage", "intervention"), ("next_review", "2030-03-01")]).await;
    let alex = alex_id.to_string();
    ok(app, sam, "share_section", &[("plan_id", p), ("carer_id", &alex), ("section", "goals"), ("until", "")]).await;
    let second = app.db.actions(app.sam_plan().await).await.unwrap()[1].id.to_string();
    ok(app, sam, "share_action", &[("plan_id", p), ("carer_id", &alex), ("action_id", &second), ("until", "")]).await;
    let crisis_grant = [("plan_id", p), ("carer_id", alex.as_str()), ("section", "crisis"), ("until", "")];
    let grant = ok(app, sam, "share_section", &crisis_grant).await;
    ok(app, sam, "stop_sharing", &[("plan_id", p), ("grant_id", &grant.to_string())]).await;
    rate(app, app.sam_plan().await).await;
}

/// Two DIALOG ratings (one item not applying, more help asked), a wheel, two goal ratings and
/// one of the example licensed questionnaire.
async fn rate(app: &TestApp, plan_id: i64) {
    let sam = app.db.plan_parties(plan_id).await.unwrap().unwrap().owner_id;
    let goals = app.db.goals(plan_id).await.unwrap();
    let dialog = |shift: u8| -> Vec<Answer> {
        app::domain::rating::dialog::ITEMS
            .iter()
            .enumerate()
            .map(|(i, item)| Answer {
                item: item.to_string(),
                score: (i != 2).then_some(1 + (i as u8 + shift) % 7),
                more_help: i == 3,
            })
            .collect()
    };
    let wheel: Vec<Answer> = app::domain::rating::wheel::default_areas()
        .iter()
        .enumerate()
        .map(|(i, area)| Answer { item: area.item.clone(), score: Some(1 + i as u8), more_help: false })
        .collect();
    let goal = |score: u8| -> Vec<Answer> {
        goals.iter().map(|g| Answer { item: g.id.to_string(), score: Some(score), more_help: false }).collect()
    };
    let ratings = [
        (Measure::Dialog, dialog(0)),
        (Measure::Dialog, dialog(2)),
        (Measure::Wheel, wheel),
        (Measure::Goals, goal(3)),
        (Measure::Goals, goal(6)),
        (
            example_instrument().measure(),
            ["calm", "stuck", "connected", "coping", "sleep"]
                .map(|item| Answer { item: item.into(), score: Some(2), more_help: false })
                .to_vec(),
        ),
    ];
    for (i, (measure, answers)) in ratings.iter().enumerate() {
        let key = format!("fhir-test-request-key-{i:04}");
        let new = NewRating {
            plan_id,
            measure,
            request_key: &key,
            answers,
            by: sam,
            at: now() - 1000 + i as i64,
            tells: Tells::Nobody,
        };
        app.db.add_rating(new).await.unwrap();
    }
}

/// A service user with a plan on Jordan's caseload, named `name`.
async fn new_person(app: &TestApp, name: &str, email: &str) -> i64 {
    let jordan = app.db.account_by_email("keyworker@example.org").await.unwrap().unwrap();
    let (_, token_hash) = new_token();
    let id = app
        .db
        .create_invited_account(NewInvite {
            role: Role::ServiceUser,
            display_name: name,
            email,
            team_id: jordan.team_id,
            created_by: None,
            token_hash: &token_hash,
            expires_at: now(),
            now: now(),
            links: InviteFor::PlanOwner { key_worker_id: jordan.id },
        })
        .await
        .unwrap();
    let hash = app::server::auth::hash_password(DEMO_PASSWORD.into()).await.unwrap();
    app.db.set_password_hash(id, &hash).await.unwrap();
    app.db.plan_of_owner(id).await.unwrap().unwrap()
}

/// How many resources of each kind, by kind name.
fn kinds(parsed: &Value) -> Vec<(String, u64)> {
    let mut kinds: Vec<_> =
        parsed["kinds"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap())).collect();
    kinds.sort();
    kinds
}

fn count(parsed: &Value, kind: &str) -> u64 {
    parsed["kinds"][kind].as_u64().unwrap_or(0)
}

#[tokio::test]
async fn full_empty_and_right_to_left_plans_parse_with_fhir_resources_and_match_the_database() {
    let app = spawn_app_with(|settings| settings.instruments = vec![example_instrument()]).await;
    let plan_id = app.sam_plan().await;
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let alex_id = app.db.account_by_email("alex@example.org").await.unwrap().unwrap().id;
    fill_sams_plan(&app, &sam, &worker, alex_id).await;
    let full = export(&app, &sam, &[]).await;

    new_person(&app, "Robin Empty", "empty@example.org").await;
    let empty_person = app.logged_in("empty@example.org", DEMO_PASSWORD).await;
    let empty = export(&app, &empty_person, &[]).await;

    let rtl_plan = new_person(&app, "سارہ خان", "sara@example.org").await;
    let sara = app.logged_in("sara@example.org", DEMO_PASSWORD).await;
    let rtl = rtl_plan.to_string();
    let mut about: Vec<(&str, &str)> = app::domain::about_me::FIELDS.iter().map(|f| (*f, "")).collect();
    about[0].1 = "میں ایک ماں ہوں 👩‍👧 — Rwy'n hoffi'r môr";
    ok(&app, &sara, "save_about_me", &about).await;
    ok(&app, &sara, "add_goal", &[("plan_id", &rtl), ("title", "سمندر تک چلنا"), ("steps", "پہلا قدم\nآخری قدم")]).await;
    let contact = [
        ("plan_id", rtl.as_str()),
        ("name", "أحمد"),
        ("relationship", "بھائی"),
        ("phone", "+44 20 7946 0958"),
        ("available", ""),
    ];
    ok(&app, &sara, "add_contact", &contact).await;
    let unicode = export(&app, &sara, &[]).await;

    let parsed = parsed_by_fhir_resources(&[&full, &empty, &unicode]);
    let (full_read, empty_read, rtl_read) = (&parsed[0], &parsed[1], &parsed[2]);

    // The full plan, read back by the other library, says what the database holds.
    let db = &app.db;
    assert_eq!(full_read["type"], "collection");
    assert_eq!(full_read["patient"]["name"], "Sam Taylor");
    assert_eq!(full_read["patient"]["contacts"], serde_json::json!([{ "name": "Jo", "phone": "07700 900123" }]));
    let goals = db.goals(plan_id).await.unwrap();
    let titles: Vec<&str> =
        full_read["goals"].as_array().unwrap().iter().map(|g| g["title"].as_str().unwrap()).collect();
    assert_eq!(titles, goals.iter().map(|g| g.text.title.as_str()).collect::<Vec<_>>());
    assert_eq!(full_read["goals"][0]["steps"], serde_json::json!(["Find pool times", "Go once"]));
    // Goal progress rated 3, then 6: improving.
    assert_eq!(full_read["goals"][0]["achievement"], "improving");
    let actions = db.actions(plan_id).await.unwrap();
    let activities = full_read["care_plan"]["activities"].as_array().unwrap();
    assert_eq!(activities.len(), actions.len());
    for (activity, action) in activities.iter().zip(&actions) {
        assert_eq!(activity["description"], action.plan.what.as_str());
        let status = if action.status == ActionStatus::Done { "completed" } else { "not-started" };
        assert_eq!(activity["status"], status);
        assert_eq!(activity["due"].as_str(), action.plan.due.map(|d| d.iso()).as_deref());
    }
    let performers: Vec<&str> = activities.iter().map(|a| a["performer"][0]["display"].as_str().unwrap()).collect();
    assert_eq!(performers, ["Sam Taylor", "Alex Taylor", "Jordan Lee", "Housing office"]);
    assert_eq!(activities[1]["performer"][0]["reference"], format!("RelatedPerson/carer-{alex_id}"));
    assert_eq!(full_read["care_plan"]["status"], "draft", "never agreed");
    let notes = full_read["care_plan"]["notes"].to_string();
    for text in [
        "A dad who loves the sea",
        "Low mood in winter",
        "Music, low light",
        "Direct payment to me",
        "Swim pass",
        "Care and treatment",
    ] {
        assert!(notes.contains(text), "{text} missing from the notes: {notes}");
    }
    let ratings = db.all_ratings(plan_id).await.unwrap();
    let responses = full_read["responses"].as_array().unwrap();
    assert_eq!(responses.len(), ratings.len());
    for (response, rating) in responses.iter().zip(&ratings) {
        assert_eq!(response["authored"], instant(rating.at));
        assert!(response["questionnaire"].as_str().unwrap().ends_with(rating.measure.as_str()));
        for answer in &rating.answers {
            let expected: Vec<Value> = answer.score.map(Value::from).into_iter().collect();
            assert_eq!(response["answers"][&answer.item], Value::Array(expected), "{}", answer.item);
        }
    }
    let dialog = &responses[0]["answers"];
    assert_eq!(
        (dialog["job"].clone(), dialog["accommodation.more_help"].clone()),
        (serde_json::json!([]), serde_json::json!([true]))
    );
    // What the DIALOG ratings and the questionnaire add up to, worked out by hand from the
    // answers `rate` gave. DIALOG items 1-8 (the third does not apply): 1 2 - 4 5 6 7 1, then
    // 3 4 - 6 7 1 2 3, both 26/7; items 9-11: 2 3 4, then 4 5 6. The check-in: all 2s on 0-3,
    // "stuck" and "coping" reversed (1 each), "sleep" out of the total.
    let observations = full_read["observations"].as_array().unwrap();
    assert_eq!(
        observations.len(),
        3,
        "two DIALOG ratings and the questionnaire; the wheel and goals are their answers"
    );
    let scores_of = |measure: Measure| -> Vec<&Value> {
        ratings
            .iter()
            .filter(|r| r.measure == measure)
            .map(|r| {
                let observation = observations
                    .iter()
                    .find(|o| o["derived_from"] == format!("QuestionnaireResponse/rating-{}", r.id))
                    .unwrap();
                assert_eq!(
                    (&observation["code"], &observation["effective"]),
                    (&r.measure.as_str().into(), &instant(r.at).into())
                );
                &observation["components"]
            })
            .collect()
    };
    assert_eq!(
        scores_of(Measure::Dialog),
        [
            &serde_json::json!({ "dialog.quality_of_life": 3.71, "dialog.treatment_satisfaction": 3.0 }),
            &serde_json::json!({ "dialog.quality_of_life": 3.71, "dialog.treatment_satisfaction": 5.0 }),
        ]
    );
    assert_eq!(
        scores_of(example_instrument().measure()),
        [&serde_json::json!({
            "checkin.total": 6,
            "checkin.score": 50.0,
            "checkin.part.Feelings": 3,
            "checkin.part.Getting on": 3,
        })]
    );
    let questionnaires = full_read["questionnaires"].as_object().unwrap();
    assert_eq!(questionnaires.len(), 4, "DIALOG, the wheel, goals and the licensed questionnaire");
    let licensed = questionnaires.iter().find(|(url, _)| url.ends_with("/fhir/Questionnaire/checkin")).unwrap().1;
    assert_eq!(licensed, &serde_json::json!(["calm", "stuck", "connected", "coping", "sleep"]));
    let grants = db.share_grants(plan_id).await.unwrap();
    let consents = full_read["consents"].as_array().unwrap();
    assert_eq!(consents.len(), grants.len());
    for grant in &grants {
        let consent = consents.iter().find(|c| c["id"] == format!("share-{}", grant.id)).unwrap();
        assert_eq!(consent["scope"], "patient-privacy");
        assert_eq!(consent["status"], if grant.revoked_at.is_some() { "inactive" } else { "active" });
        assert_eq!(consent["actor"]["reference"], format!("RelatedPerson/carer-{}", grant.grantee_id));
        assert_eq!(consent["start"], instant(grant.granted_at));
        assert_eq!(consent["end"].as_str(), grant.revoked_at.map(instant).as_deref());
        let section = if grant.action.is_some() { Section::Actions } else { grant.section };
        assert_eq!(consent["section"], section.as_str());
    }
    assert_eq!(full_read["related"], serde_json::json!([{ "id": format!("carer-{alex_id}"), "name": "Alex Taylor" }]));
    let members: Vec<&str> =
        full_read["care_team"]["members"].as_array().unwrap().iter().map(|m| m["display"].as_str().unwrap()).collect();
    assert_eq!(members, ["Jordan Lee", "Alex Taylor"]);
    assert_eq!(full_read["care_team"]["name"], "Riverside Community Mental Health Team");

    // An empty plan is still a whole, valid bundle: the person, the plan, the team.
    assert_eq!(
        kinds(empty_read),
        [
            ("CarePlan".to_string(), 1),
            ("CareTeam".to_string(), 1),
            ("Organization".to_string(), 1),
            ("Patient".to_string(), 1),
            ("Practitioner".to_string(), 1),
            ("Questionnaire".to_string(), 4),
        ]
    );
    // Its one note is the stage of care, which every plan has.
    assert_eq!(empty_read["care_plan"]["notes"], serde_json::json!(["## Review\n\n**Stage of care**\n\nAssessment"]));

    // Right-to-left and emoji text arrive exactly as typed.
    assert_eq!(rtl_read["patient"]["name"], "سارہ خان");
    assert_eq!(rtl_read["patient"]["contacts"][0]["name"], "أحمد");
    assert_eq!(rtl_read["goals"][0]["title"], "سمندر تک چلنا");
    assert_eq!(rtl_read["goals"][0]["steps"], serde_json::json!(["پہلا قدم", "آخری قدم"]));
    assert!(rtl_read["care_plan"]["notes"][0].as_str().unwrap().contains("میں ایک ماں ہوں 👩‍👧 — Rwy'n hoffi'r môr"));
    app.stop().await;
}

#[tokio::test]
async fn a_carer_and_a_trusted_system_get_only_what_they_may_read_and_each_read_is_logged() {
    let app = spawn_app().await;
    let plan_id = app.sam_plan().await;
    let plan = plan_id.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let alex_id = app.db.account_by_email("alex@example.org").await.unwrap().unwrap().id;
    fill_sams_plan(&app, &sam, &worker, alex_id).await;
    ok(&app, &sam, "withhold_from_care_team", &[("plan_id", &plan), ("section", "budget")]).await;

    // Alex sees the goals and the one action shared with him: no ratings, no one else's words.
    let alex = app.logged_in("alex@example.org", DEMO_PASSWORD).await;
    let for_alex = export(&app, &alex, &[("plan_id", &plan)]).await;

    // The team admin connects the trust's record system; its token is shown once.
    let admin = app.logged_in("admin@example.org", DEMO_PASSWORD).await;
    let blank = app.call(&admin, "connect_system", &[("name", "  ")]).await;
    assert_eq!(error_of(blank).await["Invalid"][0]["key"], "error.required");
    let made = ok(&app, &admin, "connect_system", &[("name", "Riverside EPR")]).await;
    let token = made["token"].as_str().unwrap().to_string();
    let listed = ok(&app, &admin, "trusted_systems", &[]).await;
    assert_eq!(listed[0]["name"], "Riverside EPR");
    assert!(!listed.to_string().contains(&token), "the token is never shown again");
    let system = app.client();
    let as_system = |form: Vec<(&'static str, String)>, token: String| {
        system.post(app.url("/api/fhir_bundle")).bearer_auth(token).form(&form).send()
    };
    let response = as_system(vec![("plan_id", plan.clone())], token.clone()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let for_system: Value = response.json().await.unwrap();

    let parsed = parsed_by_fhir_resources(&[&for_alex, &for_system]);
    let (alex_read, system_read) = (&parsed[0], &parsed[1]);
    assert_eq!(alex_read["goals"].as_array().unwrap().len(), 2);
    let shared: Vec<&str> = alex_read["care_plan"]["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["description"].as_str().unwrap())
        .collect();
    assert_eq!(shared, ["Collect prescription"]);
    for kind in ["QuestionnaireResponse", "Observation", "Consent", "RelatedPerson", "CareTeam", "Practitioner"] {
        assert_eq!(count(alex_read, kind), 0, "{kind} is not Alex's to see");
    }
    assert!(alex_read["care_plan"]["notes"].as_array().unwrap().is_empty());
    assert!(alex_read["patient"]["contacts"].as_array().unwrap().is_empty(), "the crisis plan is not shared now");

    // The system reads what the care team reads: everything but the withheld budget, and the
    // ratings; never the person's carers or their consent choices.
    let notes = system_read["care_plan"]["notes"].to_string();
    assert!(notes.contains("Low mood in winter") && notes.contains("Music, low light"));
    assert!(!notes.contains("Swim pass") && !notes.contains("Direct payment"), "the budget is withheld");
    // Six ratings are stored, but this app does not load the licensed questionnaire one of them
    // answers: with no Questionnaire to point to, it is left out.
    assert_eq!(count(system_read, "QuestionnaireResponse"), 5);
    assert_eq!(count(system_read, "Observation"), 2, "the DIALOG ratings' scores");
    assert_eq!((count(system_read, "Consent"), count(system_read, "RelatedPerson")), (0, 0));
    assert_eq!(system_read["care_plan"]["activities"].as_array().unwrap().len(), 4);

    // Sam's "who looked" names the system and what it read.
    let rows = app.db.access_rows(plan_id, 200).await.unwrap();
    let read_by_system: Vec<&str> =
        rows.iter().filter(|r| r.system.as_deref() == Some("Riverside EPR")).map(|r| r.what.as_str()).collect();
    assert!(read_by_system.contains(&"ratings") && read_by_system.contains(&"crisis"));
    assert!(!read_by_system.contains(&"budget"));
    let sharing = ok(&app, &sam, "sharing", &[("plan_id", &plan)]).await;
    assert!(sharing["access"].to_string().contains("Riverside EPR"));

    // No plan named, a wrong token, another team's plan: nothing.
    let unnamed = as_system(vec![], token.clone()).await.unwrap();
    assert_eq!(unnamed.status(), StatusCode::BAD_REQUEST);
    let wrong = as_system(vec![("plan_id", plan.clone())], "not-a-token".into()).await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let other_team = app.db.create_team("Elsewhere CMHT", now()).await.unwrap();
    let elsewhere = account(&app, Role::KeyWorker, "elsewhere@example.org", other_team, InviteFor::Staff).await;
    account(&app, Role::ServiceUser, "far@example.org", other_team, InviteFor::PlanOwner { key_worker_id: elsewhere })
        .await;
    let far = app.db.account_by_email("far@example.org").await.unwrap().unwrap().id;
    let far_plan = app.db.plan_of_owner(far).await.unwrap().unwrap().to_string();
    let outside = as_system(vec![("plan_id", far_plan)], token.clone()).await.unwrap();
    assert_eq!(outside.status(), StatusCode::NOT_FOUND);

    // Stopped, the token opens nothing.
    let id = listed[0]["id"].to_string();
    ok(&app, &admin, "stop_system", &[("system_id", &id)]).await;
    let stopped = as_system(vec![("plan_id", plan.clone())], token).await.unwrap();
    assert_eq!(stopped.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.call(&admin, "stop_system", &[("system_id", &id)]).await.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}
