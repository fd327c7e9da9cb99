//! Headers, CSRF, malformed requests and the HTML form fallback.

use super::support::{error_of, spawn_app, DEMO_PASSWORD};
use reqwest::StatusCode;

#[tokio::test]
async fn a_page_carries_security_headers_and_a_csp_nonce_matching_its_scripts() {
    let app = spawn_app().await;
    let page = app.client().get(app.url("/login")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let header = |name: &str| page.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let csp = header("content-security-policy");
    let nonce = csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("nonce in CSP").to_string();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline")
    );
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("x-frame-options"), "DENY");
    assert_eq!(header("cache-control"), "no-store");
    assert_eq!(header("referrer-policy"), "same-origin");
    let html = page.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the nonce");
    assert!(html.contains("<html lang=\"en\""));
    app.stop().await;
}

#[tokio::test]
async fn a_cross_site_post_is_refused_before_it_reaches_the_app() {
    let app = spawn_app().await;
    let client = app.client();
    let form = [("email", "sam@example.org"), ("password", DEMO_PASSWORD)];
    let from_elsewhere =
        client.post(app.url("/api/login")).header("origin", "https://evil.example").form(&form).send().await.unwrap();
    assert_eq!(from_elsewhere.status(), StatusCode::FORBIDDEN);
    let cross_site =
        client.post(app.url("/api/login")).header("sec-fetch-site", "cross-site").form(&form).send().await.unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    let same_origin = client
        .post(app.url("/api/login"))
        .header("origin", app.address.clone())
        .header("sec-fetch-site", "same-origin")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(same_origin.status(), StatusCode::OK);
    app.stop().await;
}

#[tokio::test]
async fn malformed_requests_get_a_4xx_and_never_a_500() {
    let app = spawn_app().await;
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let post = |path: &str, body: &'static str| {
        sam.post(app.url(path)).header("content-type", "application/x-www-form-urlencoded").body(body).send()
    };
    let missing = post("/api/save_about_me", "who_i_am=only+one").await.unwrap();
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_of(missing).await, "BadRequest");
    let wrong_type = post("/api/about_me", "plan_id=not-a-number").await.unwrap();
    assert_eq!(wrong_type.status(), StatusCode::BAD_REQUEST);
    let garbage = post("/api/login", "%%%\u{0}").await.unwrap();
    assert!(garbage.status().is_client_error(), "{}", garbage.status());
    let unknown = post("/api/no_such_function", "").await.unwrap();
    assert!(unknown.status().is_client_error());
    let control = sam
        .post(app.url("/api/save_about_me"))
        .form(&app::domain::about_me::FIELDS.iter().map(|f| (*f, "a\u{7}b")).collect::<Vec<_>>())
        .send()
        .await
        .unwrap();
    assert_eq!(control.status(), StatusCode::BAD_REQUEST);
    let unknown_language = post("/api/language", "lang=xx").await.unwrap();
    assert_eq!(unknown_language.status(), StatusCode::BAD_REQUEST);
    app.stop().await;
}

#[tokio::test]
async fn a_plain_html_form_post_is_redirected_back_with_its_error() {
    let app = spawn_app().await;
    let referer = app.url("/login");
    let response = app
        .client()
        .post(app.url("/api/login"))
        .header("accept", "text/html")
        .header("referer", &referer)
        .form(&[("email", "sam@example.org"), ("password", "wrong password")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"].to_str().unwrap();
    assert!(location.starts_with(&referer) && location.contains("__err="), "{location}");

    let ok = app
        .client()
        .post(app.url("/api/login"))
        .header("accept", "text/html")
        .header("referer", &referer)
        .form(&[("email", "sam@example.org"), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::FOUND);
    assert_eq!(ok.headers()["location"], "/");
    app.stop().await;
}

#[tokio::test]
async fn an_unknown_page_is_a_404_page() {
    let app = spawn_app().await;
    let page = app.client().get(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert!(page.text().await.unwrap().contains("Page not found"));
    app.stop().await;
}
