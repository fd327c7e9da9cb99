//! `/sw.js`: the service worker in `public/`, stamped with a fingerprint of the built browser
//! files and the languages' strings, so that every new build installs a new worker (and drops
//! the old cached shell). The built files' own fingerprint also goes out with each of them
//! ([`BUILD_HEADER`]), so that a page can tell a newer build's code from its own.

use app::domain::rating::Measure;
use app::i18n::{catalogue, Locale};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::hash::{DefaultHasher, Hasher};
use std::path::Path;
use std::sync::Arc;

const VERSION_MARK: &str = "__WELLBEING_VERSION__";
/// Stands, quoted, for the list of the languages' files the worker keeps with the shell.
const LOCALES_MARK: &str = "'__WELLBEING_LOCALE_FILES__'";
/// Stands, quoted, for the list of the built browser files the worker keeps as the app shell.
const PKG_MARK: &str = "'__WELLBEING_PKG_FILES__'";
/// Stands, quoted, for the list of the measures whose rating forms the worker keeps for the
/// person's own plan: the built-in ones and each questionnaire this deployment loads.
const RATING_FORMS_MARK: &str = "'__WELLBEING_RATING_FORMS__'";
/// Sent with every site file: the fingerprint of the build it belongs to. Most pages' code is
/// a second WASM file the browser fetches when one of them is first shown; one from a build
/// newer than the code already running would not fit it, and the hydration script loads the
/// page whole instead (app/src/components/common/hydration.js).
pub const BUILD_HEADER: &str = "x-wellbeing-build";

/// The fingerprint of the built browser files under `site_root`.
pub fn build_fingerprint(site_root: &Path) -> String {
    let mut hasher = DefaultHasher::new();
    for file in pkg_files(site_root) {
        hasher.write(file.as_bytes());
        hasher.write(&std::fs::read(site_root.join(file)).unwrap_or_default());
    }
    format!("{:016x}", hasher.finish())
}

/// The worker script ready to serve, or `None` when the site has not been built.
#[derive(Clone)]
pub struct ServiceWorker(Arc<Option<String>>);

impl ServiceWorker {
    /// Reads and stamps the worker once, at start-up: the built files do not change under a
    /// running server. `build` is [`build_fingerprint`] of the same site, made once at start-up;
    /// `rating_forms` are the measures a service user may rate here.
    pub fn load(site_root: &Path, build: &str, rating_forms: &[Measure]) -> Self {
        let script = std::fs::read_to_string(site_root.join("sw.js")).ok().map(|script| {
            let mut hasher = DefaultHasher::new();
            hasher.write(script.as_bytes());
            hasher.write(build.as_bytes());
            for locale in Locale::ALL {
                hasher.write(catalogue::file(locale).as_bytes());
            }
            // A questionnaire loaded or dropped changes the kept pages, so it is a new worker.
            for measure in rating_forms {
                hasher.write(measure.as_str().as_bytes());
            }
            let locales: Vec<String> = Locale::ALL.iter().map(|l| format!("'{}'", l.file_path())).collect();
            let pkg: Vec<String> = pkg_files(site_root).iter().map(|file| format!("'/{file}'")).collect();
            // A measure's name is lower-case letters and digits (instrument::is_id): safe in quotes.
            let forms: Vec<String> = rating_forms.iter().map(|m| format!("'{}'", m.as_str())).collect();
            script
                .replace(VERSION_MARK, &format!("{:016x}", hasher.finish()))
                .replace(LOCALES_MARK, &locales.join(", "))
                .replace(PKG_MARK, &pkg.join(", "))
                .replace(RATING_FORMS_MARK, &forms.join(", "))
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

/// Every script, WASM and style sheet the build put in `pkg/`, as paths from the site root, in
/// order. Most pages' code is in a second WASM file (a split build, app/src/pages.rs), so the
/// worker keeps every file there for every page to open with no signal. The precompressed
/// copies are the same files.
fn pkg_files(site_root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(site_root.join("pkg")) else {
        return Vec::new();
    };
    let mut files: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".js") || name.ends_with(".wasm") || name.ends_with(".css"))
        .map(|name| format!("pkg/{name}"))
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_build_is_a_new_version_and_every_built_file_language_and_rating_form_is_kept() {
        let site = std::env::temp_dir().join(format!("wp-sw-{}", std::process::id()));
        std::fs::create_dir_all(site.join("pkg")).unwrap();
        let script = "const VERSION = '__WELLBEING_VERSION__';\n\
            const FORMS = ['__WELLBEING_RATING_FORMS__'];\n\
            const SHELL = ['__WELLBEING_PKG_FILES__', '/a.png', '__WELLBEING_LOCALE_FILES__'];";
        std::fs::write(site.join("sw.js"), script).unwrap();
        for (file, body) in [
            ("wellbeing.wasm", "one"),
            ("wellbeing.js", "main"),
            ("__wasm_split.js", "loader"),
            ("split_later_page_123.wasm", "later pages"),
            ("wellbeing.wasm.br", "a compressed copy"),
            ("__wasm_split_manifest.json", "{}"),
        ] {
            std::fs::write(site.join("pkg").join(file), body).unwrap();
        }
        let stamped = |forms: &[Measure]| {
            ServiceWorker::load(&site, &build_fingerprint(&site), forms).0.as_ref().clone().unwrap()
        };
        let built_in = Measure::BUILT_IN.to_vec();
        let first = stamped(&built_in);
        let shell = "const SHELL = ['/pkg/__wasm_split.js', '/pkg/split_later_page_123.wasm', '/pkg/wellbeing.js', \
            '/pkg/wellbeing.wasm', '/a.png', '/locales/en.yml', '/locales/cy.yml', '/locales/ur.yml', '/locales/pl.yml'];";
        assert!(first.ends_with(shell), "{first}");
        assert!(first.contains("const FORMS = ['dialog', 'wheel', 'goals'];"), "{first}");
        let mut with_questionnaire = built_in.clone();
        with_questionnaire.push(Measure::Licensed("checkin".into()));
        let loaded = stamped(&with_questionnaire);
        assert!(loaded.contains("const FORMS = ['dialog', 'wheel', 'goals', 'checkin'];"), "{loaded}");
        assert_ne!(first, loaded, "a questionnaire loaded is a new worker");
        std::fs::write(site.join("pkg/wellbeing.wasm"), "two").unwrap();
        let second = stamped(&built_in);
        std::fs::remove_dir_all(&site).unwrap();
        assert!(!first.contains(VERSION_MARK));
        assert_ne!(first, second);
        assert!(ServiceWorker::load(Path::new("/nonexistent"), "", &built_in).0.is_none());
    }
}
