//! Loading a page's data from a server function.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;

/// A resource loaded by `fetcher` whenever `source` changes, as `Resource::new`, except that on
/// the server the load carries the request with it.
///
/// The server renders a page part more than once (to start every load early, then for real),
/// and the first render's owner can be gone before its load is first polled: a server function
/// reading the request from that owner would find nothing and fail, and the browser, which
/// hydrates from the first render's data, would then show an error the page did not.
pub fn load<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    #[cfg(feature = "ssr")]
    {
        let request = crate::server::http::RequestScope::capture();
        Resource::new(source, move |s| request.clone().run(|| fetcher(s)))
    }
    #[cfg(not(feature = "ssr"))]
    Resource::new(source, fetcher)
}
