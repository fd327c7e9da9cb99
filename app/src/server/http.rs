//! Reading the request and shaping the response from inside a server function.

use super::auth::RequestSession;
use super::state::AppState;
use crate::error::AppError;
use axum::extract::ConnectInfo;
use http::header::{ACCEPT, COOKIE};
use http::request::Parts;
use http::{HeaderValue, StatusCode};
use leptos::prelude::{provide_context, use_context, Owner};
use leptos::reactive::computed::ScopedFuture;
use leptos_axum::ResponseOptions;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use tracing::instrument::Instrumented;
use tracing::Instrument;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or(AppError::Internal)
}

/// What server functions read from the reactive context (the app state, the request's head,
/// the response being made), taken while rendering a page, to hand to a load that may start
/// after that part of the render is gone.
#[derive(Clone)]
pub struct RequestScope {
    state: Option<AppState>,
    parts: Option<Parts>,
    options: Option<ResponseOptions>,
    session: Option<RequestSession>,
    /// The request's span (the server's spans.rs), so that what the load logs names the request.
    span: tracing::Span,
}

impl RequestScope {
    pub fn capture() -> Self {
        let span = tracing::Span::current();
        Self { state: use_context(), parts: use_context(), options: use_context(), session: use_context(), span }
    }

    /// The future `make` returns, polled under an owner of its own that holds this request.
    /// The owner keeps the contexts itself: looking them up through the render's owners fails
    /// once those are dropped.
    pub fn run<F: Future>(self, make: impl FnOnce() -> F) -> Instrumented<ScopedFuture<F>> {
        let owner = Owner::new();
        let fut = owner.with(|| {
            if let Some(state) = self.state {
                provide_context(state);
            }
            if let Some(parts) = self.parts {
                provide_context(parts);
            }
            if let Some(options) = self.options {
                provide_context(options);
            }
            if let Some(session) = self.session {
                provide_context(session);
            }
            make()
        });
        ScopedFuture { owner, observer: None, fut }.instrument(self.span)
    }
}

/// A plain HTML form post (no JavaScript): the answer must be a redirect back to the page.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|p| p.headers.get(ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html")))
        .unwrap_or(false)
}

/// Gives an error response its status. A plain form post keeps the redirect that carries the
/// error back to the form instead.
pub fn set_error_status(status: u16) {
    if is_plain_form_post() {
        return;
    }
    if let (Some(options), Ok(status)) = (use_context::<ResponseOptions>(), StatusCode::from_u16(status)) {
        options.set_status(status);
    }
}

pub fn cookie(name: &str) -> Option<String> {
    let parts = use_context::<Parts>()?;
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

pub fn header(name: &str) -> Option<String> {
    use_context::<Parts>()?.headers.get(name)?.to_str().ok().map(str::to_string)
}

/// A plain form post gets this answer itself (a file to save) rather than the redirect back to
/// its page that leptos_axum gives such posts: a status set here wins over that redirect's.
pub fn answer_in_place() {
    if let Some(options) = use_context::<ResponseOptions>() {
        options.set_status(StatusCode::OK);
    }
}

/// Asks the browser to drop its HTTP cache for this site (leaving out the account). Not
/// "storage": that would also take the crisis plan a person chose to keep on their phone; the
/// service worker wipes everything else it kept when it sees the logout or a 401.
pub fn clear_browser_cache() {
    set_header("clear-site-data", "\"cache\"");
}

pub fn set_header(name: &'static str, value: &'static str) {
    if let Some(options) = use_context::<ResponseOptions>() {
        options.insert_header(http::HeaderName::from_static(name), HeaderValue::from_static(value));
    }
}

pub fn set_cookie(value: &str) {
    if let (Some(options), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(value)) {
        options.append_header(http::header::SET_COOKIE, value);
    }
}

/// The address of the connecting peer (a reverse proxy's address when behind one).
pub fn client_ip() -> Option<IpAddr> {
    use_context::<Parts>()?.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())
}

/// Per-page response set-up: the page's language, a fresh CSP nonce for the hydration script,
/// and headers that keep personal pages out of caches.
pub fn page_setup() -> crate::i18n::Locale {
    use crate::i18n::Locale;
    leptos::nonce::provide_nonce();
    if let (Some(options), Some(nonce)) = (use_context::<ResponseOptions>(), leptos::nonce::use_nonce()) {
        let csp = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
             manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(csp) = HeaderValue::from_str(&csp) {
            options.insert_header(http::header::CONTENT_SECURITY_POLICY, csp);
        }
        options.insert_header(http::header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    cookie(LANG_COOKIE)
        .and_then(|code| Locale::parse(&code))
        .unwrap_or_else(|| Locale::from_accept_language(&header("accept-language").unwrap_or_default()))
}

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";
