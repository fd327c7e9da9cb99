//! `/sw.js`: the service worker in `public/`, stamped with a fingerprint of the built browser
//! files and the languages' strings, so that every new build installs a new worker (and drops
//! the old cached shell).

use app::i18n::{catalogue, Locale};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::hash::{DefaultHasher, Hasher};
use std::path::Path;
use std::sync::Arc;

const VERSION_MARK: &str = "__WELLBEING_VERSION__";
/// Stands, quoted, for the list of the languages' files the worker keeps with the shell.
const LOCALES_MARK: &str = "'__WELLBEING_LOCALE_FILES__'";
/// The files the worker caches as the app shell; a change to any of them is a new version.
const SHELL: [&str; 3] = ["pkg/wellbeing.js", "pkg/wellbeing.wasm", "pkg/wellbeing.css"];

/// The worker script ready to serve, or `None` when the site has not been built.
#[derive(Clone)]
pub struct ServiceWorker(Arc<Option<String>>);

impl ServiceWorker {
    /// Reads and stamps the worker once, at start-up: the built files do not change under a
    /// running server.
    pub fn load(site_root: &Path) -> Self {
        let script = std::fs::read_to_string(site_root.join("sw.js")).ok().map(|script| {
            let mut hasher = DefaultHasher::new();
            hasher.write(script.as_bytes());
            for file in SHELL {
                hasher.write(&std::fs::read(site_root.join(file)).unwrap_or_default());
            }
            for locale in Locale::ALL {
                hasher.write(catalogue::file(locale).as_bytes());
            }
            let locales: Vec<String> = Locale::ALL.iter().map(|l| format!("'{}'", l.file_path())).collect();
            script
                .replace(VERSION_MARK, &format!("{:016x}", hasher.finish()))
                .replace(LOCALES_MARK, &locales.join(", "))
        });
        Self(Arc::new(script))
    }

    pub fn response(&self) -> Response {
        let Some(script) = self.0.as_ref().clone() else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let headers = [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
            // Browsers check for a new worker on every visit; no cache may answer for it.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (HeaderName::from_static("service-worker-allowed"), HeaderValue::from_static("/")),
            // A worker's own CSP governs what it may fetch: this origin only.
            (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; connect-src 'self'")),
        ];
        (headers, script).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_build_is_a_new_version_and_every_language_is_kept() {
        let site = std::env::temp_dir().join(format!("wp-sw-{}", std::process::id()));
        std::fs::create_dir_all(site.join("pkg")).unwrap();
        let script =
            "const VERSION = '__WELLBEING_VERSION__';\nconst SHELL = ['/a.css', '__WELLBEING_LOCALE_FILES__'];";
        std::fs::write(site.join("sw.js"), script).unwrap();
        std::fs::write(site.join("pkg/wellbeing.wasm"), "one").unwrap();
        let first = ServiceWorker::load(&site).0.as_ref().clone().unwrap();
        let shell =
            "const SHELL = ['/a.css', '/locales/en.yml', '/locales/cy.yml', '/locales/ur.yml', '/locales/pl.yml'];";
        assert!(first.ends_with(shell), "{first}");
        std::fs::write(site.join("pkg/wellbeing.wasm"), "two").unwrap();
        let second = ServiceWorker::load(&site).0.as_ref().clone().unwrap();
        std::fs::remove_dir_all(&site).unwrap();
        assert!(!first.contains(VERSION_MARK));
        assert_ne!(first, second);
        assert!(ServiceWorker::load(Path::new("/nonexistent")).0.is_none());
    }
}
