//! A page's data as sent for the browser to take the page over is the data the page shows.
//!
//! The server renders parts of a page more than once, and the browser takes over from the
//! first render's data: if that data were an error while the page showed content, the browser
//! would stop with a hydration error and the page would not respond to a tap.

use super::support::{spawn_app, DEMO_PASSWORD};

#[tokio::test]
async fn every_render_of_a_page_sends_the_data_it_shows_never_an_error() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let alex = app.logged_in("alex@example.org", DEMO_PASSWORD).await;
    let alex_id = app.db.account_by_email("alex@example.org").await.unwrap().unwrap().id.to_string();
    let share = [("plan_id", plan.as_str()), ("carer_id", &alex_id), ("section", "crisis"), ("until", "")];
    assert!(app.call(&sam, "share_section", &share).await.status().is_success());

    // Many at once, as when a team's phones open the app together: the races show under load.
    for (who, path) in [(&alex, "/".to_string()), (&sam, "/".to_string()), (&sam, format!("/plans/{plan}"))] {
        let mut renders = tokio::task::JoinSet::new();
        for _ in 0..60 {
            let (client, url) = (who.clone(), app.url(&path));
            renders.spawn(async move {
                let response = client.get(url).send().await.unwrap();
                assert!(response.status().is_success(), "{}", response.status());
                response.text().await.unwrap()
            });
        }
        let pages = renders.join_all().await;
        for page in pages {
            assert!(page.contains("__RESOLVED_RESOURCES"), "{path}: the page sends its data");
            assert!(!page.contains(r#"\"Err\""#), "{path}: a render sent an error as its data");
        }
    }
    app.stop().await;
}
