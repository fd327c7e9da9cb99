//! Headers, CSRF, malformed requests, early answers and the HTML form fallback.

use super::support::{error_of, site_with, spawn_app, spawn_app_with, TestApp, DEMO_PASSWORD};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

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
    assert!(
        html.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")),
        "the hydration script carries the nonce"
    );
    // It asks for the app's JavaScript and WASM, and the page's language, after the first
    // paint: nothing preloads them.
    assert!(html.contains("(\"/pkg/wellbeing\", \"/locales/en.yml\");") && !html.contains("preload"));
    assert!(html.contains("<html lang=\"en\""));
    app.stop().await;
}

/// A fresh phone opening pages while its service worker fetches the app's files: each answer
/// carries its own headers. Leptos left a page's reactive owner as the thread's current one
/// while the page rendered, and leptos_axum made a site file's owner a child of whatever was
/// current: a file served meanwhile took the page's headers (its CSP with the script's nonce,
/// `no-store`) as its own, and the page went out with neither, its script and styles blocked.
#[tokio::test]
async fn pages_keep_their_own_headers_while_site_files_are_served() {
    let site = site_with("headers", &[("pkg/wellbeing.css", b"main { margin: 0 }")]);
    let root = site.display().to_string();
    let app = spawn_app_with(|s| s.site_root = root).await;
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    let plan = app.sam_plan().await;
    let mut answers = tokio::task::JoinSet::new();
    for n in 0..60 {
        let path = match n % 3 {
            0 => "/crisis-plan".to_string(),
            1 => format!("/plans/{plan}"),
            _ => "/pkg/wellbeing.css".to_string(),
        };
        let request = sam.get(app.url(&path)).send();
        answers.spawn(async move { (path, request.await.unwrap()) });
    }
    while let Some(answer) = answers.join_next().await {
        let (path, response) = answer.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let header = |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_string());
        let csp = header("content-security-policy").unwrap_or_default();
        if path.starts_with("/pkg/") {
            assert_eq!(csp, "default-src 'none'; frame-ancestors 'none'", "{path} has the CSP that allows nothing");
            assert_eq!(header("cache-control"), None, "{path}");
        } else {
            assert!(csp.contains("'nonce-"), "{path} has its own CSP: {csp}");
            assert_eq!(header("cache-control").as_deref(), Some("no-store"), "{path}");
        }
    }
    app.stop().await;
    let _ = std::fs::remove_dir_all(site);
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

/// Sends `head` and then `body` (which may be shorter than the head declares) on a connection
/// of its own, and reads the answer's head.
async fn answer_head(app: &TestApp, head: &str, body: &[u8]) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(app.address.trim_start_matches("http://")).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    let mut byte = [0u8; 1];
    while !answer.ends_with(b"\r\n\r\n") {
        assert_eq!(stream.read(&mut byte).await.unwrap(), 1, "the answer's head ended early: {answer:?}");
        answer.push(byte[0]);
    }
    (stream, String::from_utf8(answer).unwrap().to_ascii_lowercase())
}

/// Whether the server closes `stream` after its answer rather than waiting for the next request.
async fn closed_after_answer(mut stream: TcpStream) -> bool {
    let mut rest = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(3), stream.read_to_end(&mut rest)).await;
    // The end of the stream, or a reset for what was sent and never read: closed either way.
    read.is_ok()
}

#[tokio::test]
async fn an_answer_given_before_the_body_was_read_says_the_connection_closes() {
    let app = spawn_app().await;
    let post = |path: &str, headers: &str, length: usize| {
        format!(
            "POST {path} HTTP/1.1\r\nhost: x\r\ncontent-type: text/plain\r\n{headers}content-length: {length}\r\n\r\n"
        )
    };
    // Each is answered before its body arrives: with the rest of it in the way of a next
    // request, the server closes, and says so, so that the client sends the next elsewhere.
    let unread = [
        ("over the limit", post("/api/save_about_me", "", 3_000_000), StatusCode::PAYLOAD_TOO_LARGE),
        ("a post to a page", post("/plan", "", 500_000), StatusCode::METHOD_NOT_ALLOWED),
        ("from another site", post("/api/login", "origin: https://evil.example\r\n", 500_000), StatusCode::FORBIDDEN),
    ];
    for (kind, head, status) in unread {
        let (stream, answer) = answer_head(&app, &head, b"who_i_am=").await;
        assert!(answer.starts_with(&format!("http/1.1 {}", status.as_u16())), "{kind}: {answer}");
        assert!(answer.contains("\r\nconnection: close\r\n"), "{kind}: {answer}");
        assert!(closed_after_answer(stream).await, "{kind}: the server closed");
    }
    // A body that was read leaves the connection open for the next request.
    let body = b"email=nobody%40example.org&password=wrong";
    let (stream, answer) = answer_head(&app, &post("/api/login", "", body.len()), body).await;
    assert!(answer.starts_with("http/1.1 401"), "{answer}");
    assert!(!answer.contains("connection: close"), "{answer}");
    assert!(!closed_after_answer(stream).await, "the connection stayed open");
    app.stop().await;
}

thread_local! {
    /// What is logged on this thread while a test listens, each line after its spans, outermost
    /// first, as `name{ field=value}:name{}`.
    static HEARD: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Keeps what is logged on a thread that listens ([`listen`]).
struct Listener;

/// Writes a span's or an event's fields as ` name=value`.
struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        use std::fmt::Write;
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl<S> tracing_subscriber::Layer<S> for Listener
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        id: &tracing::span::Id,
        ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let mut fields = String::new();
        attrs.record(&mut Fields(&mut fields));
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(fields);
        }
    }

    fn on_event(&self, event: &tracing::Event<'_>, ctx: tracing_subscriber::layer::Context<'_, S>) {
        if HEARD.with(|heard| heard.borrow().is_none()) {
            return;
        }
        let scope: Vec<String> = ctx
            .event_scope(event)
            .into_iter()
            .flat_map(|scope| scope.from_root())
            .map(|span| {
                format!("{}{{{}}}", span.name(), span.extensions().get::<String>().cloned().unwrap_or_default())
            })
            .collect();
        let mut line = scope.join(":");
        event.record(&mut Fields(&mut line));
        HEARD.with(|heard| heard.borrow_mut().as_mut().map(|lines| lines.push(line)));
    }
}

/// Starts keeping what is logged on this thread: a test's runtime and the server it spawns run
/// on the test's thread. The subscriber is the process's own, set once: a subscriber set for
/// one thread (`set_default`) missed spans now and then while other tests ran, as tracing
/// remembers per call site whether anyone listens.
fn listen() {
    use tracing_subscriber::layer::SubscriberExt;
    static SUBSCRIBER: std::sync::Once = std::sync::Once::new();
    SUBSCRIBER.call_once(|| {
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(Listener))
            .expect("no other subscriber in the tests");
    });
    HEARD.with(|heard| *heard.borrow_mut() = Some(Vec::new()));
}

/// What was logged on this thread since [`listen`].
fn heard() -> Vec<String> {
    HEARD.with(|heard| heard.borrow_mut().take().unwrap_or_default())
}

#[tokio::test]
async fn what_is_logged_names_the_route_of_its_request_and_the_repository_method_never_the_address() {
    let app = spawn_app().await;
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    listen();
    // The database goes away: every request that needs it logs a database error.
    app.db.close().await;
    let token = "an-invitation-token-that-must-not-be-logged";
    // The pages say so in their status as well as their text (components/common/notice.rs).
    let page = sam.get(app.url(&format!("/invite/{token}"))).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let plan = sam.get(app.url("/plans/1")).send().await.unwrap();
    assert_eq!(plan.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let call = app.call(&sam, "me", &[]).await;
    assert_eq!(call.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let lines = heard();
    for route in ["/invite/{token}", "/plans/{plan_id}", "/api/me"] {
        let method = if route.starts_with("/api/") { "POST" } else { "GET" };
        let named = format!("request{{ method={method} route={route:?}}}:");
        // Inside the request, the span of the repository method that met the error: its name,
        // and none of what it was given.
        let in_method = |line: &&String| {
            line.strip_prefix(&named).and_then(|rest| rest.split_once("{}")).is_some_and(|(method, rest)| {
                method.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') && rest.contains("database error")
            })
        };
        assert!(
            lines.iter().any(|line| in_method(&line)),
            "no database error logged under {named}<method>: {lines:#?}"
        );
    }
    assert!(lines.iter().all(|line| !line.contains(token)), "{lines:#?}");
    app.stop().await;
}

/// A page that shows an error says so in its status too: the service worker keeps a page for
/// offline use only when it loaded, so an error never replaces a kept crisis plan.
#[tokio::test]
async fn a_page_showing_an_error_answers_with_the_error_s_status() {
    let app = spawn_app().await;
    let status = |client: reqwest::Client, path: &'static str| {
        let url = app.url(path);
        async move { client.get(url).send().await.unwrap().status() }
    };
    let sam = app.logged_in("sam@example.org", DEMO_PASSWORD).await;
    assert_eq!(status(sam.clone(), "/plans/1").await, StatusCode::OK);
    assert_eq!(status(sam, "/plans/999999").await, StatusCode::NOT_FOUND);
    let alex = app.logged_in("alex@example.org", DEMO_PASSWORD).await;
    assert_eq!(status(alex, "/plans/1/goals").await, StatusCode::NOT_FOUND, "nothing shared: not even there");
    assert_eq!(status(app.client(), "/crisis-plan").await, StatusCode::UNAUTHORIZED);
    app.stop().await;
}
