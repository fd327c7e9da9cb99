//! What a phone may keep for offline use: the worker script itself, and the crisis plan page
//! that is kept for when the person is logged out.

use super::support::{site_with, spawn_app, spawn_app_with, DEMO_PASSWORD};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn the_service_worker_is_served_stamped_with_the_build_and_may_fetch_only_this_origin() {
    let site = site_with(
        "stamped",
        &[("sw.js", b"const VERSION = '__WELLBEING_VERSION__';"), ("pkg/wellbeing.wasm", b"built")],
    );
    let root = site.display().to_string();
    let app = spawn_app_with(|s| s.site_root = root).await;
    let response = app.client().get(app.url("/sw.js")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let header = |name: &str| response.headers()[name].to_str().unwrap().to_string();
    assert!(header("content-type").starts_with("text/javascript"));
    assert_eq!(header("cache-control"), "no-cache");
    assert_eq!(header("content-security-policy"), "default-src 'none'; connect-src 'self'");
    let script = response.text().await.unwrap();
    assert!(script.starts_with("const VERSION = '") && !script.contains("__WELLBEING_VERSION__"), "{script}");
    app.stop().await;
    std::fs::remove_dir_all(&site).unwrap();

    let unbuilt = spawn_app_with(|s| s.site_root = "/nonexistent".into()).await;
    let response = unbuilt.client().get(unbuilt.url("/sw.js")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    unbuilt.stop().await;
}

#[tokio::test]
async fn every_site_file_names_its_build_and_the_worker_keeps_both_wasm_files() {
    let site = site_with(
        "build",
        &[
            ("sw.js", b"const SHELL = ['__WELLBEING_PKG_FILES__'];"),
            ("pkg/wellbeing.wasm", b"the pages the app is opened on"),
        ],
    );
    let started = |text: &'static str| {
        let root = site.display().to_string();
        std::fs::write(site.join("pkg/split_later_page_1.wasm"), text).unwrap();
        async move { spawn_app_with(|s| s.site_root = root).await }
    };
    let app = started("the other pages").await;
    let build = |path: &'static str| {
        let request = app.client().get(app.url(path)).send();
        async move { request.await.unwrap().headers()["x-wellbeing-build"].to_str().unwrap().to_string() }
    };
    let first = build("/pkg/wellbeing.wasm").await;
    assert_eq!(first.len(), 16);
    assert_eq!(build("/pkg/split_later_page_1.wasm").await, first);
    let worker = app.client().get(app.url("/sw.js")).send().await.unwrap().text().await.unwrap();
    assert_eq!(worker, "const SHELL = ['/pkg/split_later_page_1.wasm', '/pkg/wellbeing.wasm'];");
    app.stop().await;

    // Another build (here, of the later pages alone) is another fingerprint on every file.
    let app = started("the other pages, changed").await;
    let second = app.client().get(app.url("/pkg/wellbeing.wasm")).send().await.unwrap();
    assert_ne!(second.headers()["x-wellbeing-build"].to_str().unwrap(), first);
    app.stop().await;
    std::fs::remove_dir_all(&site).unwrap();
}

#[tokio::test]
async fn the_site_files_go_out_compressed_from_a_release_builds_copies_and_pages_do_not() {
    let site = site_with(
        "compressed",
        &[
            ("sw.js", "const VERSION = '__WELLBEING_VERSION__';".repeat(20).as_bytes()),
            ("pkg/wellbeing.css", "body { margin: 0 }\n".repeat(100).as_bytes()),
            ("pkg/wellbeing.js", "export default function init() {}\n".repeat(100).as_bytes()),
            // What `cargo leptos build --release --precompress` leaves beside the file: sent as it is.
            ("pkg/wellbeing.js.br", b"made at build time"),
        ],
    );
    let root = site.display().to_string();
    let app = spawn_app_with(|s| s.site_root = root).await;
    let get = |path: &str| app.client().get(app.url(path)).header("accept-encoding", "br").send();
    let encoding = |r: &reqwest::Response| r.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_string());

    let js = get("/pkg/wellbeing.js").await.unwrap();
    assert_eq!((js.status(), encoding(&js).as_deref()), (StatusCode::OK, Some("br")));
    assert!(js.headers()["content-type"].to_str().unwrap().contains("javascript"));
    assert_eq!(js.bytes().await.unwrap().as_ref(), b"made at build time");
    for path in ["/pkg/wellbeing.css", "/sw.js"] {
        let compressed = get(path).await.unwrap();
        assert_eq!((compressed.status(), encoding(&compressed).as_deref()), (StatusCode::OK, Some("br")), "{path}");
    }
    let page = get("/login").await.unwrap();
    assert_eq!((page.status(), encoding(&page)), (StatusCode::OK, None), "a page never goes compressed");
    app.stop().await;
    std::fs::remove_dir_all(&site).unwrap();
}

#[tokio::test]
async fn the_crisis_plan_kept_for_logged_out_use_carries_no_other_section() {
    let app = spawn_app().await;
    let plan = app.sam_plan().await.to_string();
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let words = [("plan_id", plan.as_str()), ("section", "crisis"), ("answers[helps]", "A walk by the river")];
    assert_eq!(app.call(&sam, "save_section", &words).await.status(), StatusCode::OK);
    let contact =
        [("plan_id", plan.as_str()), ("name", "Jo"), ("relationship", ""), ("phone", "0300 123"), ("available", "")];
    assert_eq!(app.call(&sam, "add_contact", &contact).await.status(), StatusCode::OK);
    let goal = [("plan_id", plan.as_str()), ("title", "A private goal"), ("steps", "")];
    assert_eq!(app.call(&sam, "add_goal", &goal).await.status(), StatusCode::OK);
    let mut about: Vec<(&str, &str)> = app::domain::about_me::FIELDS.iter().map(|f| (*f, "")).collect();
    about[0].1 = "Private words about me";
    assert_eq!(app.call(&sam, "save_about_me", &about).await.status(), StatusCode::OK);

    let crisis: Value = app.call(&sam, "own_crisis_plan", &[]).await.json().await.unwrap();
    assert_eq!(crisis["crisis"]["helps"], "A walk by the river");
    assert_eq!(crisis["contacts"][0]["contact"]["name"], "Jo");
    assert_eq!(crisis["owner_name"], "Sam Taylor");
    let page = sam.get(app.url("/crisis-plan")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("A walk by the river") && page.contains("tel:0300123"), "the page works without JavaScript");
    for private in ["A private goal", "Private words about me"] {
        assert!(!crisis.to_string().contains(private) && !page.contains(private), "{private} must not be kept");
    }
    // Only the person themselves: a key worker has no "own" crisis plan.
    let worker = app.logged_in("keyworker@example.org", DEMO_PASSWORD).await;
    assert_eq!(app.call(&worker, "own_crisis_plan", &[]).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.call(&app.client(), "own_crisis_plan", &[]).await.status(), StatusCode::UNAUTHORIZED);
    app.stop().await;
}

#[tokio::test]
async fn each_language_is_served_whole_for_the_browser_and_revalidates_cheaply() {
    let app = spawn_app().await;
    let client = app.client();
    let welsh = client.get(app.url("/locales/cy.yml")).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(welsh.status(), StatusCode::OK);
    let header = |name: &str| welsh.headers()[name].to_str().unwrap().to_string();
    assert!(header("content-type").starts_with("text/yaml"));
    assert_eq!(header("cache-control"), "no-cache");
    assert_eq!(header("content-encoding"), "br", "it goes out compressed, as the WASM does");
    let etag = header("etag");
    // Signed out too: the login page hydrates with it.
    let text = client.get(app.url("/locales/cy.yml")).send().await.unwrap().text().await.unwrap();
    assert_eq!(text, app::i18n::catalogue::file(app::i18n::Locale::Cy));
    let again = client.get(app.url("/locales/cy.yml")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    let english = client.get(app.url("/locales/en.yml")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(english.status(), StatusCode::OK, "each language has its own fingerprint");
    for path in ["/locales/fr.yml", "/locales/CY.yml", "/locales/cy", "/locales/cy.yml.br", "/locales/..%2Fen.yml"] {
        assert_eq!(client.get(app.url(path)).send().await.unwrap().status(), StatusCode::NOT_FOUND, "{path}");
    }
    app.stop().await;
}
