//! Every server function called by every kind of actor, with the answer each must get.
//! A server function missing from the matrix fails the test.

use super::support::{account, spawn_app, TestApp, DEMO_PASSWORD};
use app::domain::role::Role;
use app::domain::section::Section;
use app::server::auth::{new_token, now};
use app::server::db::{Granted, InviteFor, NewCard, NewGrant};
use reqwest::Client;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Actor {
    Anonymous,
    /// Sam, whose plan is the one being touched.
    Owner,
    /// Sam's named key worker.
    KeyWorker,
    /// Another key worker in Sam's team.
    CareTeam,
    /// A key worker in another team.
    OtherTeamKeyWorker,
    TeamAdmin,
    /// Alex, invited by Sam, who shares Sam's goals with him.
    Carer,
    /// Another carer Sam invited, with nothing shared.
    UnsharedCarer,
    /// A carer Sam shared the crisis plan and an action with, then stopped sharing.
    RevokedCarer,
    /// Another service user.
    OtherServiceUser,
    /// Not signed in, holding the link of Sam's crisis card.
    CardHolder,
    /// Not signed in, holding a crisis card link that has expired.
    ExpiredCardHolder,
}

const ACTORS: [Actor; 12] = [
    Actor::Anonymous,
    Actor::Owner,
    Actor::KeyWorker,
    Actor::CareTeam,
    Actor::OtherTeamKeyWorker,
    Actor::TeamAdmin,
    Actor::Carer,
    Actor::UnsharedCarer,
    Actor::RevokedCarer,
    Actor::OtherServiceUser,
    Actor::CardHolder,
    Actor::ExpiredCardHolder,
];

async fn client_for(app: &TestApp, actor: Actor) -> Client {
    let email = match actor {
        Actor::Anonymous | Actor::CardHolder | Actor::ExpiredCardHolder => return app.client(),
        Actor::Owner => "sam@example.org",
        Actor::KeyWorker => "keyworker@example.org",
        Actor::CareTeam => "careteam@example.org",
        Actor::OtherTeamKeyWorker => "elsewhere@example.org",
        Actor::TeamAdmin => "admin@example.org",
        Actor::Carer => "alex@example.org",
        Actor::UnsharedCarer => "unshared@example.org",
        Actor::RevokedCarer => "revoked@example.org",
        Actor::OtherServiceUser => "other@example.org",
    };
    app.logged_in(email, DEMO_PASSWORD).await
}

/// The status `actor` must get from server function `name`.
fn expected(name: &str, actor: Actor) -> u16 {
    use Actor::*;
    let signed_in = !matches!(actor, Anonymous | CardHolder | ExpiredCardHolder);
    let service_user = matches!(actor, Owner | OtherServiceUser);
    let key_worker = matches!(actor, KeyWorker | CareTeam | OtherTeamKeyWorker);
    let answer = |allowed: bool, ok: u16, refused: u16| match (signed_in, allowed) {
        (false, _) => 401,
        (true, true) => ok,
        (true, false) => refused,
    };
    let when = |allowed: bool, refused: u16| answer(allowed, 200, refused);
    let co_producer = matches!(actor, Owner | KeyWorker);
    let care_team = matches!(actor, Owner | KeyWorker | CareTeam);
    match name {
        // Open to all: who am I, logging in and out, language, invite links (a bogus one here).
        "me" | "logout" | "language" => 200,
        // Everyone signed in takes their own data away.
        "my_data" => when(true, 404),
        // Closing one's own account (tried here without the password, so nobody is deleted).
        "delete_my_account" => {
            answer(matches!(actor, Owner | OtherServiceUser | Carer | UnsharedCarer | RevokedCarer), 400, 403)
        }
        "login" => 401,
        // Everyone signed in changes their own password (tried here without the current one).
        "change_password" => answer(true, 400, 400),
        "invite_info" | "accept_invite" => 410,
        // Sam's About Me: the care team reads; anyone else cannot tell it exists.
        "about_me" | "plan_history" => when(care_team, 404),
        // The plan page shows what each may read: a carer sees the sections shared with them.
        "plan" => when(care_team || actor == Carer, 404),
        // Only the person decides who sees what.
        "sharing" | "share_section" | "share_action" | "stop_sharing" => when(actor == Owner, 404),
        "make_crisis_card" | "stop_crisis_card" => when(actor == Owner, 404),
        "withhold_from_care_team" | "restore_to_care_team" => when(actor == Owner, 404),
        // A crisis card's link opens the crisis plan for whoever holds it, until it ends.
        "crisis_card" => {
            if actor == CardHolder {
                200
            } else {
                404
            }
        }
        // The person writes their goals, crisis plan and contacts, and asks for reviews.
        "add_goal" | "update_goal" | "remove_goal" | "add_contact" | "remove_contact" | "request_review" => {
            when(actor == Owner, 404)
        }
        // The key worker writes the formulation (the written section tried here) and the review.
        "save_section" | "save_review" => when(actor == KeyWorker, 404),
        // Each co-producer writes the actions on their own side (the form picks the side).
        "add_action" | "update_action" | "remove_action" => when(co_producer, 404),
        // A carer ticks off an action shared with them (Alex has one).
        "set_action_status" => when(co_producer || actor == Carer, 404),
        // The budget is written by both; the commissioner's sign-off is recorded by the key worker.
        "save_budget" | "add_budget_item" | "remove_budget_item" => when(co_producer, 404),
        "sign_off_budget" => when(actor == KeyWorker, 404),
        // The person suggests a change to the formulation; its writer, the key worker, answers.
        "suggest_change" => when(actor == Owner, 404),
        "decide_suggestion" => when(actor == KeyWorker, 404),
        // Agreeing needs the fingerprint of the plan as shown: a stale one is refused (400).
        "agree_plan" => answer(co_producer, 400, 404),
        // One's own plan: only service users have one.
        "save_about_me" | "invite_carer" | "my_carers" | "own_crisis_plan" => when(service_user, 404),
        "invite_service_user" => when(key_worker || actor == TeamAdmin, 403),
        // Those who invite service users make a forgotten password's link: Sam's key worker, or
        // his team's admin.
        "new_password_link" => when(matches!(actor, KeyWorker | TeamAdmin), 404),
        "invite_key_worker" | "team" => when(actor == TeamAdmin, 403),
        // The admin connects record systems (a blank name here: refused as invalid) and stops
        // them (one that is not there).
        "trusted_systems" => when(actor == TeamAdmin, 403),
        "connect_system" => answer(actor == TeamAdmin, 400, 403),
        "stop_system" => answer(actor == TeamAdmin, 404, 403),
        // The plan as FHIR holds what each may read, as the plan page does.
        "fhir_bundle" => when(care_team || actor == Carer, 404),
        "caseload" => when(key_worker, 403),
        // Only the person rates; their care team sees the ratings, carers do not.
        "rating_form" | "rate" => when(actor == Owner, 404),
        "rating_history" => when(care_team, 404),
        "cared_for" | "carer_inbox" => when(matches!(actor, Carer | UnsharedCarer | RevokedCarer), 403),
        // Everyone with something to hear about chooses their own notifications and devices (a
        // subscription that is not a push service's here, and a device that is nobody's).
        "notification_settings" | "choose_notifications" => when(actor != TeamAdmin, 403),
        "add_device" | "renew_device" => answer(actor != TeamAdmin, 400, 403),
        "remove_device" => answer(actor != TeamAdmin, 404, 403),
        other => panic!("server function {other} is missing from the authorisation matrix"),
    }
}

/// Actions of each side of the plan to tick and to remove.
struct SideActions {
    who: &'static str,
    budget_item: &'static str,
    tick: String,
    remove: String,
}

/// Rows of Sam's plan for the calls that change or remove one.
struct Fixtures {
    card: String,
    card_token: String,
    expired_card_token: String,
    suggestion: String,
    alex: String,
    grant: String,
    goal: String,
    spare_goal: String,
    contact: String,
    person: SideActions,
    service: SideActions,
}

impl Fixtures {
    async fn new(app: &TestApp, plan: i64, sam: i64) -> Self {
        use app::domain::action::ActionPlan;
        use app::domain::budget::{Budget, Frequency, Money};
        use app::domain::contact::CrisisContact;
        use app::domain::date::Day;
        use app::domain::goal::GoalText;
        let db = &app.db;
        let goal = GoalText::parse("Swim", "").unwrap();
        let contact = CrisisContact::parse("Jo", "", "0300 123", "").unwrap();
        let today = Day::of(now());
        let action = |who: &str| ActionPlan::parse("Call", who, "GP", "", &[], today).unwrap();
        let mut ids = Vec::new();
        let items = |budget: &mut Budget| {
            for what in ["Gym", "Art class", "Bike"] {
                budget.add_item((what.into(), Money::parse("cost", "10").unwrap(), Frequency::Monthly));
            }
            Ok::<(), ()>(())
        };
        db.modify_section_doc(plan, Section::Budget, sam, now(), items).await.unwrap().unwrap();
        for who in ["me", "me", "service", "service"] {
            ids.push(db.add_action(plan, &action(who), 100, sam, now()).await.unwrap().to_string());
        }
        let alex = db.account_by_email("alex@example.org").await.unwrap().unwrap().id;
        let share = |grantee, what| NewGrant { plan_id: plan, grantee, what, expires_at: None };
        db.grant_share(share(alex, Granted::Section(Section::Goals)), sam, now()).await.unwrap();
        let grant = db.grant_share(share(alex, Granted::Section(Section::Crisis)), sam, now()).await.unwrap();
        // Alex may tick the person's action the matrix ticks.
        db.grant_share(share(alex, Granted::Action(ids[0].parse().unwrap())), sam, now()).await.unwrap();
        let revoked = db.account_by_email("revoked@example.org").await.unwrap().unwrap().id;
        for what in [Granted::Section(Section::Crisis), Granted::Action(ids[0].parse().unwrap())] {
            let id = db.grant_share(share(revoked, what), sam, now()).await.unwrap();
            db.revoke_share(plan, id, sam, now()).await.unwrap();
        }
        let card = |expires_at: i64| {
            let (token, token_hash) = new_token();
            async move {
                let sections = [Section::Crisis];
                let new =
                    NewCard { plan_id: plan, token_hash: &token_hash, label: "A&E", expires_at, sections: &sections };
                (db.create_crisis_card(new, sam, now() - 10).await.unwrap(), token)
            }
        };
        let (_, card_token) = card(now() + 86_400).await;
        // The card the matrix stops: the one that is opened must stay in force.
        let (card_id, _) = card(now() + 86_400).await;
        let (_, expired_card_token) = card(now() - 1).await;
        Self {
            card: card_id.to_string(),
            card_token,
            expired_card_token,
            alex: alex.to_string(),
            grant: grant.to_string(),
            suggestion: db
                .add_suggestion(plan, Section::Formulation, "Mention sleep", sam, now())
                .await
                .unwrap()
                .to_string(),
            goal: db.add_goal(plan, &goal, 20, sam, now()).await.unwrap().to_string(),
            spare_goal: db.add_goal(plan, &goal, 20, sam, now()).await.unwrap().to_string(),
            contact: db.add_contact(plan, &contact, 20, sam, now()).await.unwrap().to_string(),
            person: SideActions { who: "me", budget_item: "1", tick: ids[0].clone(), remove: ids[1].clone() },
            service: SideActions { who: "service", budget_item: "2", tick: ids[2].clone(), remove: ids[3].clone() },
        }
    }

    /// The key worker acts on the service's actions; everyone else tries the person's.
    fn side(&self, actor: Actor) -> &SideActions {
        if actor == Actor::KeyWorker {
            &self.service
        } else {
            &self.person
        }
    }
}

#[tokio::test]
async fn every_server_function_answers_every_actor_as_the_policy_says() {
    let app = spawn_app().await;
    let key_worker = app.db.account_by_email("keyworker@example.org").await.unwrap().unwrap();
    let team = key_worker.team_id.unwrap();
    let other_team = app.db.create_team("Elsewhere CMHT", now()).await.unwrap();
    account(&app, Role::KeyWorker, "careteam@example.org", team, InviteFor::Staff).await;
    let elsewhere = account(&app, Role::KeyWorker, "elsewhere@example.org", other_team, InviteFor::Staff).await;
    account(
        &app,
        Role::ServiceUser,
        "other@example.org",
        other_team,
        InviteFor::PlanOwner { key_worker_id: elsewhere },
    )
    .await;
    let plan_id = app.sam_plan().await;
    let plan = plan_id.to_string();
    let carer_of_sam = InviteFor::CarerOf { plan_id, relationship: "Friend".into() };
    account(&app, Role::Carer, "unshared@example.org", team, carer_of_sam).await;
    account(&app, Role::Carer, "revoked@example.org", team, InviteFor::CarerOf { plan_id, relationship: "Son".into() })
        .await;
    let key_worker_id = key_worker.id.to_string();
    let sam = app.db.account_by_email("sam@example.org").await.unwrap().unwrap().id;
    let fixtures = Fixtures::new(&app, plan_id, sam).await;
    app.db.withhold_from_care_team(plan_id, Section::Budget, sam, now()).await.unwrap();

    let mut rating = vec![
        ("plan_id".to_string(), plan.clone()),
        ("measure".to_string(), "dialog".to_string()),
        ("request_key".to_string(), "matrix-request-key-0001".to_string()),
    ];
    for (i, item) in app::domain::rating::dialog::ITEMS.iter().enumerate() {
        rating.push((format!("answers[{i}][item]"), item.to_string()));
        rating.push((format!("answers[{i}][score]"), "4".to_string()));
    }

    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    let mut failures = Vec::new();
    let mut cells = 0;
    for actor in ACTORS {
        let mut client = client_for(&app, actor).await;
        for name in &registered {
            let email = format!("{actor:?}-{name}@example.org").to_lowercase();
            // A login address of its own, so the per-account throttle never answers instead.
            let nobody = format!("nobody-{actor:?}@example.org");
            let side = fixtures.side(actor);
            let form: Vec<(&str, &str)> = match name.as_str() {
                "login" => vec![("email", &nobody), ("password", "wrong password")],
                "language" => vec![("lang", "cy")],
                "change_password" => vec![("current", ""), ("password", "a new long password"), ("confirm", "")],
                "about_me" => vec![("plan_id", &plan)],
                "save_about_me" => app::domain::about_me::FIELDS.iter().map(|f| (*f, "x")).collect(),
                "invite_service_user" => {
                    vec![("name", "New Person"), ("email", &email), ("key_worker_id", &key_worker_id)]
                }
                "invite_key_worker" => vec![("name", "New Worker"), ("email", &email)],
                "invite_carer" => vec![("name", "New Carer"), ("email", &email), ("relationship", "Friend")],
                "invite_info" => vec![("token", "bogus")],
                "accept_invite" => {
                    vec![("token", "bogus"), ("password", "long enough pw"), ("confirm", "long enough pw")]
                }
                "plan" => vec![("plan_id", &plan)],
                "new_password_link" => vec![("plan_id", &plan)],
                "plan_history" => vec![("plan_id", &plan)],
                "fhir_bundle" => vec![("plan_id", &plan)],
                "connect_system" => vec![("name", " ")],
                "stop_system" => vec![("system_id", "0")],
                "agree_plan" => vec![("plan_id", &plan), ("content_hash", "stale")],
                "save_section" => {
                    vec![("plan_id", &plan), ("section", "formulation"), ("answers[difficulties]", "Low mood")]
                }
                "save_review" => vec![("plan_id", &plan), ("stage", "intervention"), ("next_review", "")],
                "request_review" => vec![("plan_id", &plan), ("topics", "Medication")],
                "add_goal" => vec![("plan_id", &plan), ("title", "Swim"), ("steps", "")],
                "update_goal" => {
                    vec![("plan_id", &plan), ("goal_id", &fixtures.goal), ("title", "Swim"), ("steps", "")]
                }
                "remove_goal" => vec![("plan_id", &plan), ("goal_id", &fixtures.spare_goal)],
                "add_contact" => {
                    vec![
                        ("plan_id", &plan),
                        ("name", "Jo"),
                        ("relationship", ""),
                        ("phone", "0300 123"),
                        ("available", ""),
                    ]
                }
                "remove_contact" => vec![("plan_id", &plan), ("contact_id", &fixtures.contact)],
                "add_action" => {
                    vec![("plan_id", &plan), ("what", "Call"), ("who", side.who), ("service_name", "GP"), ("due", "")]
                }
                "set_action_status" => vec![("plan_id", &plan), ("action_id", &side.tick), ("status", "done")],
                "update_action" => vec![
                    ("plan_id", &plan),
                    ("action_id", &side.tick),
                    ("what", "Call again"),
                    ("who", side.who),
                    ("service_name", "GP"),
                    ("due", ""),
                ],
                "remove_action" => vec![("plan_id", &plan), ("action_id", &side.remove)],
                "save_budget" => vec![
                    ("plan_id", &plan),
                    ("needs", "Staying active"),
                    ("allocation", "1200"),
                    ("held", "direct_payment"),
                    ("managed_by", ""),
                    ("review", ""),
                ],
                "add_budget_item" => {
                    vec![("plan_id", &plan), ("what", "Swim pass"), ("cost", "20"), ("every", "monthly")]
                }
                "remove_budget_item" => vec![("plan_id", &plan), ("item_id", side.budget_item)],
                "sign_off_budget" => vec![("plan_id", &plan)],
                "sharing" => vec![("plan_id", &plan)],
                "share_section" => {
                    vec![("plan_id", &plan), ("carer_id", &fixtures.alex), ("section", "review"), ("until", "")]
                }
                "stop_sharing" => vec![("plan_id", &plan), ("grant_id", &fixtures.grant)],
                "withhold_from_care_team" => vec![("plan_id", &plan), ("section", "review")],
                // The budget is withheld from the care team by the fixtures.
                "restore_to_care_team" => vec![("plan_id", &plan), ("section", "budget")],
                "make_crisis_card" => {
                    vec![("plan_id", &plan), ("label", "Ambulance"), ("days", "7"), ("sections[4]", "crisis")]
                }
                "stop_crisis_card" => vec![("plan_id", &plan), ("card_id", &fixtures.card)],
                "crisis_card" => vec![(
                    "token",
                    match actor {
                        Actor::CardHolder => &fixtures.card_token,
                        Actor::ExpiredCardHolder => &fixtures.expired_card_token,
                        _ => "bogus",
                    },
                )],
                "share_action" => vec![
                    ("plan_id", &plan),
                    ("carer_id", &fixtures.alex),
                    ("action_id", &fixtures.person.tick),
                    ("until", ""),
                ],
                "suggest_change" => vec![("plan_id", &plan), ("section", "formulation"), ("text", "Add my sleep")],
                "rating_form" => vec![("plan_id", &plan), ("measure", "dialog")],
                "rate" => rating.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
                "rating_history" => vec![("plan_id", &plan)],
                "delete_my_account" => vec![("password", "not the password")],
                "add_device" => vec![
                    ("endpoint", "https://push.example.org/not-a-push-service"),
                    (
                        "p256dh",
                        "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
                    ),
                    ("auth", "tBHItJI5svbpez7KI4CCXg"),
                    ("device", "Phone"),
                ],
                "remove_device" => vec![("device_id", "0")],
                "renew_device" => vec![
                    ("old_endpoint", "https://push.example.org/old"),
                    ("endpoint", "https://push.example.org/not-a-push-service"),
                    (
                        "p256dh",
                        "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
                    ),
                    ("auth", "tBHItJI5svbpez7KI4CCXg"),
                ],
                "decide_suggestion" => {
                    vec![("plan_id", &plan), ("suggestion_id", &fixtures.suggestion), ("decision", "accepted")]
                }
                _ => vec![],
            };
            let want = expected(name, actor);
            let got = app.call(&client, name, &form).await.status().as_u16();
            cells += 1;
            if got != want {
                failures.push(format!("{actor:?} calling {name}: expected {want}, got {got}"));
            }
            // Logging out would end this actor's session for the calls after it.
            if name == "logout" {
                client = client_for(&app, actor).await;
            }
            // The actors after the owner meet the care team's default view of the plan.
            if name == "withhold_from_care_team" && got == 200 {
                app.db.restore_to_care_team(plan_id, Section::Review, sam, now()).await.unwrap();
            }
        }
    }
    assert!(failures.is_empty(), "{} of {cells} cells wrong:\n{}", failures.len(), failures.join("\n"));
    assert!(cells >= ACTORS.len() * 30, "the matrix covered {cells} cells");
    app.stop().await;
}
