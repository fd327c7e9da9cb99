//! Every request the app answers is handled with no other request's reactive owner in reach.
//!
//! Leptos makes a page's root owner the current owner of the thread that starts rendering the
//! page (`Owner::new_root` sets it, and nothing sets it back), and leptos_axum makes the owner of
//! a site file or of a server function call a child of whatever owner is current. A site file
//! served on that thread while the page was rendering thus became part of the page and took the
//! page's response headers as its own: the page went out with neither its CSP (which carries
//! the script's nonce) nor `no-store`, so its script and styles were blocked. Seen on a fresh
//! phone, where the service worker fetches the app's files as the person opens pages; a server
//! function called meanwhile could likewise read the page's contexts.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::Owner;
use leptos::reactive::computed::ScopedFuture;

/// Runs the rest of the request under a root owner of its own, which every poll makes current
/// and then puts back what was current before, so a page's render leaves nothing on the thread.
pub async fn own_owner(request: Request, next: Next) -> Response {
    let owner = Owner::new_root(None);
    // `new_root` made it the thread's current owner outside any poll: undone at once.
    owner.clone().unset();
    ScopedFuture { owner, observer: None, fut: next.run(request) }.await
}
