//! `/locales/<code>.yml`: one language's strings for the browser, which carries none in its
//! WASM (app/src/i18n/catalogue.rs). Served from the server's own copy, so a page's hydration
//! always gets the words the server rendered it with.

use app::i18n::{catalogue, Locale};
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::hash::{DefaultHasher, Hash, Hasher};

/// A fingerprint of a language's text, for revalidation (`ETag`).
fn fingerprint(locale: Locale) -> String {
    let mut hasher = DefaultHasher::new();
    catalogue::file(locale).hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}

pub async fn locale_file(Path(name): Path<String>, request: HeaderMap) -> Response {
    let path = format!("/locales/{name}");
    let Some(locale) = Locale::ALL.into_iter().find(|l| l.file_path() == path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = fingerprint(locale);
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/yaml; charset=utf-8")),
        // The service worker keeps it for offline use; a browser without one asks each time
        // whether it changed, as a new build may change the words.
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        (header::ETAG, HeaderValue::from_str(&etag).expect("hex digits in quotes")),
    ];
    let unchanged = request.get(header::IF_NONE_MATCH).is_some_and(|v| v.as_bytes() == etag.as_bytes());
    if unchanged {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    (headers, catalogue::file(locale)).into_response()
}
