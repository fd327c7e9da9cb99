//! Every request's log lines say which request they belong to.
//!
//! A request runs in a span naming its method and its route as the router knows it
//! (`/plans/{plan_id}`, `/api/rate`), never the address it came to: an address can hold an
//! invitation's or a crisis card's token, and log lines are read by more people than plans are.
//! Nothing is logged per request: the span only gives context to what is logged within it,
//! such as a database error.

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

/// Runs the rest of the request in its span.
pub async fn name_request(request: Request, next: Next) -> Response {
    // Site files and unknown addresses are answered by the fallback, which has no route.
    let route = request.extensions().get::<MatchedPath>().map_or("(fallback)", |path| path.as_str()).to_owned();
    let span = tracing::info_span!("request", method = %request.method(), route);
    next.run(request).instrument(span).await
}
