//! Request and response protections that apply to every route.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode, Version};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body::{Body as HttpBody, Frame, SizeHint};
use http_body_util::Limited;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tower_http::set_header::SetResponseHeaderLayer;

/// The origins allowed to send state-changing requests: the configured public address, and
/// the address the request itself was sent to (which differs in local set-ups and tests).
#[derive(Clone)]
pub struct Origins {
    public: String,
}

impl Origins {
    pub fn new(public_url: &str) -> Self {
        Self { public: public_url.trim_end_matches('/').to_ascii_lowercase() }
    }

    fn allows(&self, origin: &str, host: Option<&str>) -> bool {
        let origin = origin.to_ascii_lowercase();
        if origin == self.public {
            return true;
        }
        let Some(host) = host else { return false };
        let host = host.to_ascii_lowercase();
        origin == format!("http://{host}") || origin == format!("https://{host}")
    }
}

/// CSRF defence on top of SameSite cookies: a browser marks every request with where it came
/// from, and a write from another site is refused before it reaches any handler.
pub async fn refuse_cross_site_writes(State(origins): State<Origins>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let headers = request.headers();
        let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let cross_site = fetch_site == Some("cross-site") || origin.is_some_and(|o| !origins.allows(o, host));
        if cross_site {
            return (StatusCode::FORBIDDEN, "Cross-site request refused").into_response();
        }
    }
    next.run(request).await
}

/// The most a request body may carry: far above what any form sends (a whole About Me at
/// every field's limit is under 100 KB), and a bound on what one request makes the server hold.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Refuses a body over [`BODY_LIMIT`] with 413 before any handler reads it; one without a
/// declared length (chunked) is cut off at the limit as it streams, failing its handler's read.
///
/// An answer given before the body was read (that 413, a refused cross-site post, a 405) says
/// `Connection: close`. The server closes such a connection anyway, as the unread rest of the
/// body is in the way of the next request; without the header the client believes it may
/// send its next request on it, and that request is lost when the close arrives.
pub async fn limit_body(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let http1 = request.version() <= Version::HTTP_11;
    let read = Arc::new(AtomicBool::new(request.body().is_end_stream()));
    let mut response = if declared.is_some_and(|length| length > BODY_LIMIT as u64) {
        // The error every server function answers with, so a form shows it like any other.
        let body = serde_json::to_string(&app::error::AppError::TooLarge).unwrap_or_default();
        (StatusCode::PAYLOAD_TOO_LARGE, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    } else {
        let watched = |body| Body::new(ReadToEnd { inner: Limited::new(body, BODY_LIMIT), read: read.clone() });
        next.run(request.map(watched)).await
    };
    if http1 && !read.load(Ordering::Relaxed) {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// A request body that notes when it has been read to its end.
struct ReadToEnd<B> {
    inner: B,
    read: Arc<AtomicBool>,
}

impl<B: HttpBody + Unpin> HttpBody for ReadToEnd<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<B::Data>, B::Error>>> {
        let frame = Pin::new(&mut self.inner).poll_frame(cx);
        if matches!(frame, Poll::Ready(None)) || self.inner.is_end_stream() {
            self.read.store(true, Ordering::Relaxed);
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

fn set(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// Headers on every response. Pages set their own CSP (with the hydration script's nonce);
/// anything else gets one that allows nothing.
pub fn with_headers<S: Clone + Send + Sync + 'static>(router: Router<S>, https: bool) -> Router<S> {
    let hsts = if https { "max-age=31536000; includeSubDomains" } else { "max-age=0" };
    router
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        // Same-origin referrers are needed: a form posted without JavaScript is sent back to
        // the page it came from.
        .layer(set(header::REFERRER_POLICY, "same-origin"))
        .layer(set(
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ))
        .layer(set(HeaderName::from_static("cross-origin-opener-policy"), "same-origin"))
        .layer(set(header::STRICT_TRANSPORT_SECURITY, hsts))
        .layer(set(header::CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_public_origin_or_the_requested_host_may_write() {
        let origins = Origins::new("https://plan.example.nhs.uk/");
        assert!(origins.allows("https://plan.example.nhs.uk", Some("internal:8080")));
        assert!(origins.allows("http://127.0.0.1:3000", Some("127.0.0.1:3000")));
        assert!(!origins.allows("https://evil.example", Some("127.0.0.1:3000")));
        assert!(!origins.allows("null", Some("127.0.0.1:3000")));
    }
}
