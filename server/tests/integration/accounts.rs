//! Invites, passwords, sessions and login throttling.

use super::support::{error_of, spawn_app, spawn_app_with, DEMO_PASSWORD};
use app::domain::role::Role;
use app::server::auth::{new_token, now};
use app::server::db::{InviteFor, NewInvite};
use reqwest::StatusCode;

#[tokio::test]
async fn an_invited_service_user_sets_a_password_and_is_logged_in() {
    let app = spawn_app().await;
    let key_worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let token =
        app.invite(&key_worker, "invite_service_user", &[("name", "Robin Test"), ("email", "Robin@Example.org")]).await;
    let person = app.client();
    let info = app.call(&person, "invite_info", &[("token", &token)]).await;
    assert_eq!(info.json::<String>().await.unwrap(), "Robin Test");
    let password = "correct horse battery";
    let accepted =
        app.call(&person, "accept_invite", &[("token", &token), ("password", password), ("confirm", password)]).await;
    assert_eq!(accepted.status(), StatusCode::OK);
    let me: serde_json::Value = app.call(&person, "me", &[]).await.json().await.unwrap();
    assert_eq!(me["name"], "Robin Test");
    assert_eq!(me["role"], "ServiceUser");
    assert!(me["plan_id"].is_i64(), "a plan is created with the account");

    // The email is stored lower-cased, so logging in with the typed case works.
    app.logged_in("robin@example.org", password).await;
    app.stop().await;
}

#[tokio::test]
async fn forged_used_and_expired_invite_links_are_refused() {
    let app = spawn_app().await;
    let client = app.client();
    let password = "correct horse battery";
    let accept = |token: String| {
        let app = &app;
        let client = &client;
        async move {
            app.call(client, "accept_invite", &[("token", &token), ("password", password), ("confirm", password)]).await
        }
    };

    let forged = accept("not-a-real-token".into()).await;
    assert_eq!(forged.status(), StatusCode::GONE);
    assert_eq!(error_of(forged).await, "InviteInvalid");

    let key_worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let token =
        app.invite(&key_worker, "invite_service_user", &[("name", "Once Only"), ("email", "once@example.org")]).await;
    assert_eq!(accept(token.clone()).await.status(), StatusCode::OK);
    assert_eq!(accept(token).await.status(), StatusCode::GONE, "an invite works once");

    let (token, token_hash) = new_token();
    app.db
        .create_invited_account(NewInvite {
            role: Role::KeyWorker,
            display_name: "Too Late",
            email: "late@example.org",
            team_id: None,
            created_by: None,
            token_hash: &token_hash,
            expires_at: now() - 1,
            now: now() - 3600,
            links: InviteFor::Staff,
        })
        .await
        .unwrap();
    assert_eq!(accept(token).await.status(), StatusCode::GONE, "an expired invite");
    app.stop().await;
}

#[tokio::test]
async fn a_weak_or_mismatched_password_is_refused_and_the_invite_still_works() {
    let app = spawn_app().await;
    let key_worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let token =
        app.invite(&key_worker, "invite_service_user", &[("name", "Weak Pw"), ("email", "weak@example.org")]).await;
    let client = app.client();
    let short =
        app.call(&client, "accept_invite", &[("token", &token), ("password", "short"), ("confirm", "short")]).await;
    assert_eq!(short.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_of(short).await["Invalid"][0]["key"], "error.password_short");
    let mismatch = app
        .call(
            &client,
            "accept_invite",
            &[("token", &token), ("password", "long enough one"), ("confirm", "long enough two")],
        )
        .await;
    assert_eq!(error_of(mismatch).await["Invalid"][0]["field"], "confirm");
    let ok = app
        .call(
            &client,
            "accept_invite",
            &[("token", &token), ("password", "long enough one"), ("confirm", "long enough one")],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
    app.stop().await;
}

#[tokio::test]
async fn inviting_with_a_taken_email_or_bad_fields_says_which_field() {
    let app = spawn_app().await;
    let key_worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let taken =
        app.call(&key_worker, "invite_service_user", &[("name", "Sam Again"), ("email", "SAM@example.org")]).await;
    assert_eq!(taken.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_of(taken).await["Invalid"][0]["key"], "error.email_taken");

    let long_name = "n".repeat(101);
    let bad = app.call(&key_worker, "invite_service_user", &[("name", &long_name), ("email", "nope")]).await;
    let fields: Vec<String> = error_of(bad).await["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["name", "email"]);
    assert!(app.db.account_by_email("nope").await.unwrap().is_none(), "nothing saved");
    app.stop().await;
}

#[tokio::test]
async fn a_wrong_password_is_401_and_a_burst_of_failures_is_429() {
    let app = spawn_app().await;
    let client = app.client();
    for _ in 0..5 {
        let wrong = app.call(&client, "login", &[("email", "sam@example.org"), ("password", "wrong password")]).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(error_of(wrong).await, "BadCredentials");
    }
    let blocked = app.call(&client, "login", &[("email", "sam@example.org"), ("password", DEMO_PASSWORD)]).await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    assert!(error_of(blocked).await["RateLimited"]["retry_after_secs"].as_u64().unwrap() > 0);

    // Another account from the same address can still log in.
    app.logged_in("alex@example.org", DEMO_PASSWORD).await;
    app.stop().await;
}

#[tokio::test]
async fn an_address_guessing_across_accounts_is_throttled() {
    let app = spawn_app_with(|s| s.login_failures_per_address = 3).await;
    let client = app.client();
    for email in ["a@example.org", "b@example.org", "c@example.org"] {
        let r = app.call(&client, "login", &[("email", email), ("password", "guess guess")]).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = app.call(&client, "login", &[("email", "d@example.org"), ("password", "guess guess")]).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    app.stop().await;
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site_and_logout_ends_it() {
    let app = spawn_app().await;
    let client = app.client();
    let login = app.call(&client, "login", &[("email", "sam@example.org"), ("password", DEMO_PASSWORD)]).await;
    let cookies: Vec<String> =
        login.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    let session = cookies.iter().find(|c| c.starts_with("wp_session=")).expect("session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Path=/"));
    assert!(!session.contains("Secure"), "plain-HTTP local use");

    assert!(app.call(&client, "me", &[]).await.json::<serde_json::Value>().await.unwrap().is_object());
    let logout = app.call(&client, "logout", &[]).await;
    assert_eq!(logout.status(), StatusCode::OK);
    // The browser's HTTP cache goes too; the service worker wipes what it kept itself.
    assert_eq!(logout.headers()["clear-site-data"], "\"cache\"");
    assert!(app.call(&client, "me", &[]).await.json::<serde_json::Value>().await.unwrap().is_null());
    app.stop().await;
}

#[tokio::test]
async fn over_https_the_session_cookie_is_secure_and_host_only() {
    let app = spawn_app_with(|s| s.public_url = "https://plan.example.nhs.uk".into()).await;
    let client = app.client();
    let login = app.call(&client, "login", &[("email", "sam@example.org"), ("password", DEMO_PASSWORD)]).await;
    let session = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("__Host-wp_session="))
        .expect("__Host- session cookie");
    assert!(session.contains("; Secure"));
    app.stop().await;
}

#[tokio::test]
async fn an_idle_session_ends() {
    let app = spawn_app_with(|s| s.session_idle_secs = -1).await;
    let client = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let about = app.call(&client, "about_me", &[]).await;
    assert_eq!(about.status(), StatusCode::UNAUTHORIZED);
    app.stop().await;
}

#[tokio::test]
async fn a_deleted_account_is_logged_out_everywhere() {
    let app = spawn_app().await;
    let client = app.logged_in("alex@example.org", DEMO_PASSWORD).await;
    let alex = app.db.account_by_email("alex@example.org").await.unwrap().unwrap();
    app.db.delete_account(alex.id).await.unwrap();
    let r = app.call(&client, "cared_for", &[]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_of(r).await, "Unauthenticated");
    app.stop().await;
}

#[tokio::test]
async fn each_person_downloads_everything_held_about_them_and_nobody_else() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    app.call(&sam, "add_goal", &[("plan_id", &plan), ("title", "Walk to the sea"), ("steps", "")]).await;
    let crisis = [("plan_id", plan.as_str()), ("section", "crisis"), ("answers[helps]", "Music, low light")];
    assert_eq!(app.call(&sam, "save_section", &crisis).await.status(), StatusCode::OK);
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    app.call(&worker, "plan", &[("plan_id", &plan)]).await;

    let response = app.call(&sam, "my_data", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-disposition"], "attachment; filename=\"my-wellbeing-plan.json\"");
    let data: serde_json::Value = response.json().await.unwrap();
    assert_eq!(data["name"], "Sam Taylor");
    assert_eq!(data["email"], "sam@example.org");
    assert_eq!(data["plan"]["content"]["crisis"]["helps"], "Music, low light");
    assert!(data["plan"]["content"]["goals"].to_string().contains("Walk to the sea"));
    assert!(data["plan"]["access"].to_string().contains("Jordan Lee"), "who looked is part of it");
    assert!(!data.to_string().contains("argon2"), "no password hash");

    // Sent by a plain form (no JavaScript), it is still the file, not a redirect back.
    let form = sam
        .post(app.url("/api/my_data"))
        .header("accept", "text/html")
        .header("referer", app.url("/"))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    assert!(form.text().await.unwrap().contains("Music, low light"));

    // The key worker's own data holds no plan: Sam's is Sam's.
    let theirs: serde_json::Value = app.call(&worker, "my_data", &[]).await.json().await.unwrap();
    assert_eq!(theirs["email"], "keyworker@example.org");
    assert!(theirs["plan"].is_null());
    assert_eq!(app.call(&app.client(), "my_data", &[]).await.status(), StatusCode::UNAUTHORIZED);
    app.stop().await;
}

/// Every value in every table, as text, row by row: to prove something is nowhere.
async fn every_value(app: &super::support::TestApp) -> Vec<String> {
    use sqlx::Row;
    let tables: Vec<String> = match super::support::backend() {
        app::server::db::Backend::Sqlite => {
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .fetch_all(app.db.pool())
                .await
                .unwrap()
        }
        app::server::db::Backend::Postgres => {
            sqlx::query_scalar("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'")
                .fetch_all(app.db.pool())
                .await
                .unwrap()
        }
    };
    let mut values = Vec::new();
    for table in tables {
        let columns: Vec<String> = match super::support::backend() {
            app::server::db::Backend::Sqlite => {
                sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                    .fetch_all(app.db.pool())
                    .await
                    .unwrap()
            }
            app::server::db::Backend::Postgres => {
                sqlx::query_scalar("SELECT column_name::text FROM information_schema.columns WHERE table_name = $1")
                    .bind(&table)
                    .fetch_all(app.db.pool())
                    .await
                    .unwrap()
            }
        };
        // SQLite keeps some values as blobs, which are not text: compare their hex instead.
        let cast: Vec<String> = match super::support::backend() {
            app::server::db::Backend::Sqlite => columns
                .iter()
                .map(|c| format!("CASE typeof({c}) WHEN 'blob' THEN hex({c}) ELSE CAST({c} AS TEXT) END AS {c}"))
                .collect(),
            app::server::db::Backend::Postgres => columns.iter().map(|c| format!("CAST({c} AS TEXT) AS {c}")).collect(),
        };
        let rows =
            sqlx::query(&format!("SELECT {} FROM {table}", cast.join(", "))).fetch_all(app.db.pool()).await.unwrap();
        for row in rows {
            for column in &columns {
                if let Ok(Some(value)) = row.try_get::<Option<String>, _>(column.as_str()) {
                    values.push(format!("{table}.{column}={value}"));
                }
            }
        }
    }
    values
}

#[tokio::test]
async fn a_person_deletes_their_account_and_nothing_of_theirs_is_left_in_any_table() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam_id = app.db.account_by_email("sam@example.org").await.unwrap().unwrap().id;
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    app.call(&sam, "add_goal", &[("plan_id", &plan), ("title", "Zebra-crossing-goal"), ("steps", "")]).await;
    let crisis = [("plan_id", plan.as_str()), ("section", "crisis"), ("answers[helps]", "Quokka words")];
    app.call(&sam, "save_section", &crisis).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    app.call(&worker, "plan", &[("plan_id", &plan)]).await;
    assert_eq!(
        app.call(&worker, "delete_my_account", &[("password", DEMO_PASSWORD), ("understood", "yes")]).await.status(),
        StatusCode::FORBIDDEN,
        "staff accounts are closed by the team"
    );

    let wrong = app.call(&sam, "delete_my_account", &[("password", "not it"), ("understood", "yes")]).await;
    let fields: Vec<String> = error_of(wrong).await["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().into())
        .collect();
    assert_eq!(fields, ["password"]);
    let unticked = app.call(&sam, "delete_my_account", &[("password", DEMO_PASSWORD)]).await;
    assert_eq!(unticked.status(), StatusCode::BAD_REQUEST);
    assert!(every_value(&app).await.iter().any(|v| v.contains("Quokka words")), "nothing gone yet");

    let done = app.call(&sam, "delete_my_account", &[("password", DEMO_PASSWORD), ("understood", "yes")]).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert!(app.call(&sam, "me", &[]).await.text().await.unwrap().contains("null"), "signed out");
    assert_eq!(
        app.call(&app.client(), "login", &[("email", "sam@example.org"), ("password", DEMO_PASSWORD)]).await.status(),
        StatusCode::UNAUTHORIZED
    );

    let personal = ["sam@example.org", "Sam Taylor", "Zebra-crossing-goal", "Quokka words"];
    let id_columns = [
        "owner_id",
        "account_id",
        "rated_by",
        "author_id",
        "requested_by",
        "updated_by",
        "created_by",
        "status_by",
        "granted_by",
        "withheld_by",
        "actor_id",
    ];
    for value in every_value(&app).await {
        assert!(!personal.iter().any(|p| value.contains(p)), "left behind: {value}");
        let (column, rest) = value.split_once('=').unwrap();
        let column = column.split('.').nth(1).unwrap();
        assert!(!(id_columns.contains(&column) && rest == sam_id.to_string()), "left behind: {value}");
        assert!(!(column == "plan_id" && rest == plan), "left of the plan: {value}");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_person_who_forgot_their_password_gets_a_new_link_from_their_key_worker_and_is_signed_out_elsewhere() {
    let app = spawn_app().await;
    let plan_id = app.sam_plan().await;
    let plan = plan_id.to_string();
    let sam_id = app.db.account_by_email("sam@example.org").await.unwrap().unwrap().id;
    let old_phone = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    let admin = app.logged_in("admin@example.org", DEMO_PASSWORD).await;
    let new_link = |client: &reqwest::Client| {
        let (app, client, plan) = (&app, client.clone(), plan.clone());
        async move {
            let response = app.call(&client, "new_password_link", &[("plan_id", &plan)]).await;
            assert_eq!(response.status(), StatusCode::OK);
            let made: serde_json::Value = response.json().await.unwrap();
            assert_eq!((made["name"].as_str(), made["account_id"].as_i64()), (Some("Sam Taylor"), Some(sam_id)));
            let link = made["link"].as_str().unwrap();
            assert!(link.starts_with(&app.url("/invite/")), "{link}");
            link.rsplit('/').next().unwrap().to_string()
        }
    };
    let first = new_link(&worker).await;
    let newest = new_link(&admin).await;
    let person = app.client();
    let password = "a new long password";
    let accept = |token: String| {
        let (app, person) = (&app, &person);
        async move {
            app.call(person, "accept_invite", &[("token", &token), ("password", password), ("confirm", password)]).await
        }
    };
    assert_eq!(accept(first).await.status(), StatusCode::GONE, "a newer link was made: the first stopped");
    let info = app.call(&person, "invite_info", &[("token", &newest)]).await;
    assert_eq!(info.json::<String>().await.unwrap(), "Sam Taylor");
    assert_eq!(app.call(&old_phone, "plan", &[]).await.status(), StatusCode::OK, "signed in until the password is set");

    assert_eq!(accept(newest.clone()).await.status(), StatusCode::OK);
    assert_eq!(app.call(&person, "plan", &[]).await.status(), StatusCode::OK, "the link signs the person in");
    assert_eq!(app.call(&old_phone, "plan", &[]).await.status(), StatusCode::UNAUTHORIZED, "signed out elsewhere");
    let old = app.call(&app.client(), "login", &[("email", "sam@example.org"), ("password", DEMO_PASSWORD)]).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED, "the old password no longer works");
    app.logged_in("sam@example.org", password).await;
    assert_eq!(accept(newest).await.status(), StatusCode::GONE, "a link works once");

    // Sam's "who looked" says who made each link.
    let made: Vec<(Option<String>, String)> = app
        .db
        .access_rows(plan_id, 200)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.what == "password_link")
        .map(|r| (r.name, r.action))
        .collect();
    assert_eq!(
        made,
        [(Some("Priya Shah".to_string()), "make".to_string()), (Some("Jordan Lee".to_string()), "make".to_string())]
    );

    // Sam makes one for Alex, the carer he invited; nobody else can, nor for anyone else.
    let sam = app.logged_in("sam@example.org", password).await;
    let alex_id = app.db.account_by_email("alex@example.org").await.unwrap().unwrap().id.to_string();
    let for_alex = [("plan_id", plan.as_str()), ("carer_id", alex_id.as_str())];
    assert_eq!(app.call(&worker, "new_password_link", &for_alex).await.status(), StatusCode::NOT_FOUND);
    let not_a_carer = sam_id.to_string();
    let for_sam_as_carer = [("plan_id", plan.as_str()), ("carer_id", not_a_carer.as_str())];
    assert_eq!(app.call(&sam, "new_password_link", &for_sam_as_carer).await.status(), StatusCode::NOT_FOUND);
    let response = app.call(&sam, "new_password_link", &for_alex).await;
    assert_eq!(response.status(), StatusCode::OK);
    let made: serde_json::Value = response.json().await.unwrap();
    assert_eq!((made["name"].as_str(), made["account_id"].to_string()), (Some("Alex Taylor"), alex_id));
    let token = made["link"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    assert_eq!(accept(token).await.status(), StatusCode::OK);
    app.logged_in("alex@example.org", password).await;
    app.stop().await;
}

#[tokio::test]
async fn changing_a_password_needs_the_current_one_and_signs_out_every_other_device() {
    let app = spawn_app().await;
    let phone = app.logged_in("alex@example.org", DEMO_PASSWORD).await;
    let laptop = app.logged_in("alex@example.org", DEMO_PASSWORD).await;
    let change = |current: &'static str, password: &'static str, confirm: &'static str| {
        let (app, phone) = (&app, &phone);
        async move {
            app.call(phone, "change_password", &[("current", current), ("password", password), ("confirm", confirm)])
                .await
        }
    };
    let fields = |error: serde_json::Value| -> Vec<(String, String)> {
        error["Invalid"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["field"].as_str().unwrap().to_string(), f["key"].as_str().unwrap().to_string()))
            .collect()
    };
    let wrong = change("not my password", "a new long password", "a new long password").await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    assert_eq!(fields(error_of(wrong).await), [("current".to_string(), "password.error.current".to_string())]);
    let short = change(DEMO_PASSWORD, "short", "short").await;
    assert_eq!(fields(error_of(short).await), [("password".to_string(), "error.password_short".to_string())]);
    let mismatched = change(DEMO_PASSWORD, "a new long password", "another long password").await;
    assert_eq!(fields(error_of(mismatched).await), [("confirm".to_string(), "error.password_mismatch".to_string())]);
    assert_eq!(app.call(&laptop, "cared_for", &[]).await.status(), StatusCode::OK, "nothing changed yet");

    assert_eq!(change(DEMO_PASSWORD, "a new long password", "a new long password").await.status(), StatusCode::OK);
    assert_eq!(app.call(&phone, "cared_for", &[]).await.status(), StatusCode::OK, "this device stays signed in");
    assert_eq!(app.call(&laptop, "cared_for", &[]).await.status(), StatusCode::UNAUTHORIZED, "the other is signed out");
    let old = app.call(&app.client(), "login", &[("email", "alex@example.org"), ("password", DEMO_PASSWORD)]).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    app.logged_in("alex@example.org", "a new long password").await;

    // Guessing the current password is throttled as logging in is.
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(change("a wrong guess", "a new long password", "a new long password").await.status());
    }
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
    app.stop().await;
}
