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

/// Another app starting in the same process (every test starts one) while pages render on a
/// second thread: listing an app's routes holds back resource loads process-wide
/// (leptos#4773), so a page that began loading then must not be left waiting for ever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_finish_while_another_app_starts_in_the_same_process() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let app = spawn_app().await;
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let starting = Arc::new(AtomicBool::new(true));
    let mut readers = tokio::task::JoinSet::new();
    // Phones opening their plan one page after another for as long as the other apps start.
    for _ in 0..16 {
        let (client, url, starting) = (sam.clone(), app.url("/plan"), starting.clone());
        readers.spawn(async move {
            let (mut pages, mut stuck) = (0, Vec::new());
            while starting.load(Ordering::Relaxed) {
                let response = client.get(&url).timeout(std::time::Duration::from_secs(10)).send().await;
                match response.map(|r| r.status()) {
                    Ok(status) if status.is_success() => pages += 1,
                    other => stuck.push(format!("{other:?}")),
                }
            }
            (pages, stuck)
        });
    }
    let mut others = Vec::new();
    for _ in 0..6 {
        others.push(spawn_app().await);
    }
    starting.store(false, Ordering::Relaxed);
    let read = readers.join_all().await;
    let pages: usize = read.iter().map(|(pages, _)| pages).sum();
    let stuck: Vec<&String> = read.iter().flat_map(|(_, stuck)| stuck).collect();
    assert!(pages > 0, "pages were read while the other apps started");
    assert!(stuck.is_empty(), "{} of {} pages did not finish: {stuck:?}", stuck.len(), pages + stuck.len());
    for other in others {
        other.stop().await;
    }
    app.stop().await;
}
