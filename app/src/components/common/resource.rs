//! Loading a page's data from a server function.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;

/// A page's data, as [`load`] loads it.
pub type Loaded<T> = Resource<T, JsonBytes>;

/// How a page's data travels from the server's render into the browser's: JSON, as
/// `Resource::new` sends it, but read back from its bytes, which is how the browser reads a
/// server function's answer. Read the same way twice, each type has one JSON reader in the
/// browser's WASM instead of one for text and one for bytes.
pub struct JsonBytes;

impl<T: Serialize> Encoder<T> for JsonBytes {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, Self::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for JsonBytes {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(json: &str) -> Result<T, Self::Error> {
        serde_json::from_slice(json.as_bytes())
    }
}

/// A resource loaded by `fetcher` whenever `source` changes, as `Resource::new` (but in
/// [`JsonBytes`]), except that on the server the load carries the request with it.
///
/// The server renders a page part more than once (to start every load early, then for real),
/// and the first render's owner can be gone before its load is first polled: a server function
/// reading the request from that owner would find nothing and fail, and the browser, which
/// hydrates from the first render's data, would then show an error the page did not.
pub fn load<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Loaded<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    #[cfg(feature = "ssr")]
    {
        let request = crate::server::http::RequestScope::capture();
        Resource::new_with_options(source, move |s| request.clone().run(|| fetcher(s)), false)
    }
    #[cfg(not(feature = "ssr"))]
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_reads_back_exactly_what_the_server_wrote() {
        let sent: Result<Vec<(String, i64)>, String> = Ok(vec![("Sam's \"plan\" \u{2013} \u{1F600}\n\\".into(), -7)]);
        let json = <JsonBytes as Encoder<_>>::encode(&sent).unwrap();
        let read: Result<Vec<(String, i64)>, String> = <JsonBytes as Decoder<_>>::decode(&json).unwrap();
        assert_eq!(read, sent);
        let broken: Result<Result<Vec<(String, i64)>, String>, _> = <JsonBytes as Decoder<_>>::decode(&json[1..]);
        assert!(broken.is_err());
    }
}
