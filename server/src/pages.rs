//! A page the browser leaves while it loads is still rendered to its end.
//!
//! Leptos keeps a page's reactive owner in the handler's future and then in the page's stream,
//! so a browser that hangs up early (a tap on another link while the page loads) drops the
//! owner at once. But a `<Suspense>` learns that its loads are done from an effect on another
//! worker thread, and that effect walks the page's view again, reading the page's signals: when
//! the owner went in the meantime, the thread panics ("you tried to access a reactive value ...
//! but it has already been disposed": seen in an end-to-end run's log, and in about one page in
//! forty left part-way on purpose). Finishing the render lets it end as it always does, after
//! which leptos disposes of the owner itself.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::{Body as HttpBody, Frame, SizeHint};
use http_body_util::BodyExt;
use std::pin::Pin;
use std::task::{Context, Poll};
use tracing::Instrument;

/// Renders every page (and sends every site file) in a task of its own, which goes on when the
/// browser hangs up before the answer starts, and gives a page a body that is read to its end
/// when the browser hangs up during it. Server functions (`/api/`) are not pages and keep ending
/// with their connection. A task for every page costs nothing measurable: the plan page gave
/// 1.8-1.9k pages/s with it and 1.6-1.8k rendered in place, in alternating runs.
pub async fn render_to_end(request: Request, next: Next) -> Response {
    let page = matches!(*request.method(), Method::GET | Method::HEAD) && !request.uri().path().starts_with("/api/");
    if !page {
        return next.run(request).await;
    }
    // In the request's span (spans.rs), which a task of its own does not inherit.
    let render = tokio::spawn(
        async move {
            let response = next.run(request).await;
            let html = response
                .headers()
                .get(header::CONTENT_TYPE)
                .is_some_and(|kind| kind.as_bytes().starts_with(b"text/html"));
            if html {
                response.map(|body| Body::new(ReadToEndOnDrop(Some(body))))
            } else {
                response
            }
        }
        .in_current_span(),
    );
    match render.await {
        Ok(response) => response,
        // A handler that panicked ends its connection, as it would without the task.
        Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        // Only when the runtime is shutting down.
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// A response body that, dropped before its end, is read to the end by a task of its own.
struct ReadToEndOnDrop(Option<Body>);

impl HttpBody for ReadToEndOnDrop {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let Some(body) = self.0.as_mut() else { return Poll::Ready(None) };
        let frame = Pin::new(body).poll_frame(cx);
        if matches!(frame, Poll::Ready(None | Some(Err(_)))) {
            // Finished (or failed): nothing is left to read when the body is dropped.
            self.0 = None;
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.0.as_ref().is_none_or(Body::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.0.as_ref().map_or_else(|| SizeHint::with_exact(0), Body::size_hint)
    }
}

impl Drop for ReadToEndOnDrop {
    fn drop(&mut self) {
        let Some(mut body) = self.0.take() else { return };
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { while let Some(Ok(_)) = body.frame().await {} });
        }
    }
}
