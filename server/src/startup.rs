//! Builds the app from settings and serves it; tests call the same functions on port 0.

use crate::service_worker::{build_fingerprint, ServiceWorker, BUILD_HEADER};
use crate::settings::Settings;
use crate::{locale_files, owners, pages, security, spans};
use app::app::{shell, App};
use app::domain::rating::Measure;
use app::server::auth::{LoginLimiter, RequestSession, SessionPolicy};
use app::server::db::Db;
use app::server::push;
use app::server::state::AppState;
use axum::handler::Handler;
use axum::http::{HeaderName, HeaderValue};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::CompressionLevel;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("database: {0}")]
    Database(#[from] app::server::db::DbError),
    #[error("demo data: {0}")]
    Demo(String),
    #[error("push: {0}")]
    Push(#[from] app::server::push::PushError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The app's page routes, listed once per process. Listing them renders the app with every
/// resource load in the process held back (a process-wide flag in leptos_server, leptos#4773):
/// a page another app in the same process was rendering meanwhile would wait forever on a load
/// that never starts. Made before the first app here serves anything, then only read.
pub fn page_routes() -> &'static [AxumRouteListing] {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App))
}

/// Opens the database (migrating it), seeds demo data if asked, and returns the router with
/// the state it shares with every handler.
pub async fn build(settings: &Settings) -> Result<(Router, AppState), StartupError> {
    crate::return_freed_memory_at_once();
    let db = Db::connect(&settings.database_url).await?;
    if settings.demo_data {
        crate::demo::seed(&db).await.map_err(|e| StartupError::Demo(format!("{e:?}")))?;
        if settings.demo_history {
            crate::demo::seed_history(&db, &settings.wheel_areas, &settings.instruments)
                .await
                .map_err(|e| StartupError::Demo(format!("{e:?}")))?;
        }
    }
    let leptos_options = LeptosOptions::builder()
        .output_name(settings.output_name.as_str())
        .site_root(settings.site_root.as_str())
        .site_addr(settings.listen)
        .build();
    let (private_key, public_key) = push::vapid_keys(&db, &settings.push, app::server::auth::now()).await?;
    if settings.push.worker {
        let pusher = Arc::new(push::Pusher::new(db.clone(), &private_key, &settings.push)?);
        tokio::spawn(pusher.run(settings.push.poll));
    }
    let state = AppState {
        leptos_options: leptos_options.clone(),
        db,
        sessions: SessionPolicy {
            secure_cookies: settings.secure_cookies(),
            idle_secs: settings.session_idle_secs,
            absolute_secs: settings.session_absolute_secs,
        },
        login_limiter: Arc::new(LoginLimiter::new(
            Duration::from_secs(15 * 60),
            settings.login_failures_per_account,
            settings.login_failures_per_address,
        )),
        public_url: settings.public_url.clone(),
        crisis_lines: Arc::new(settings.crisis_lines.clone()),
        wheel_areas: Arc::new(settings.wheel_areas.clone()),
        instruments: Arc::new(settings.instruments.clone()),
        push_public_key: public_key.into(),
        push_services: Arc::new(settings.push.services.clone()),
    };
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(RequestSession::default());
        }
    };
    let site_root = std::path::Path::new(&settings.site_root);
    let build = build_fingerprint(site_root);
    let rating_forms: Vec<Measure> =
        Measure::BUILT_IN.into_iter().chain(settings.instruments.iter().map(|i| i.measure())).collect();
    let worker = ServiceWorker::load(site_root, &build, &rating_forms);
    let build = HeaderValue::from_str(&build).expect("a hex fingerprint is a header value");
    // The site's files (the WASM above all: 2.7 MB raw, a fifth of that in brotli) go out
    // compressed, from the copies a release build made beforehand where there are any
    // (`--precompress`), else as they are sent. Pages and server function answers do not, so
    // that no secret in a personal page sits beside text an attacker typed in one compressed
    // body (BREACH).
    let compressed = CompressionLayer::new().quality(CompressionLevel::Precise(5));
    // The app's pages, its server functions and the site's files (the fallback, which renders
    // the not-found page too). Each request gets its own reactive owner inside the task the page
    // layer runs it in, where its handler is polled.
    let app = Router::new()
        .leptos_routes_with_context(&state, page_routes().to_vec(), context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(
            leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell)
                .layer(compressed.clone())
                .layer(SetResponseHeaderLayer::overriding(HeaderName::from_static(BUILD_HEADER), build)),
        )
        .layer(axum::middleware::from_fn(owners::own_owner))
        .layer(axum::middleware::from_fn(pages::render_to_end));
    let router = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/sw.js", get(move || async move { worker.response() }).layer(compressed.clone()))
        .route("/locales/{name}", get(locale_files::locale_file).layer(compressed))
        .merge(app)
        .layer(axum::middleware::from_fn_with_state(
            security::Origins::new(&settings.public_url),
            security::refuse_cross_site_writes,
        ))
        .layer(axum::middleware::from_fn(security::limit_body))
        .layer(axum::middleware::from_fn(spans::name_request))
        .with_state(state.clone());
    let router = security::with_headers(router, settings.secure_cookies());
    Ok((router, state))
}

/// Serves until `shutdown` completes.
pub async fn run(
    settings: Settings,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartupError> {
    let (router, state) = build(&settings).await?;
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await?;
    state.db.close().await;
    Ok(())
}
