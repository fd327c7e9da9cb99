//! Starts the browser's copy of the app once the server-rendered page is on screen.
//!
//! Leptos's own `<HydrationScripts>` asks for the JavaScript and the WASM (570 KB in brotli)
//! from the page's head, so they share a slow connection with what the first paint needs.
//! Lighthouse's slow-4G simulation then counted the whole WASM download in the largest
//! contentful paint: 4 s instead of 1 s for the same page (BENCHMARKS.md). The page works before
//! it is hydrated (its forms post and its links navigate), so the download waits for the first
//! frame instead.

use crate::i18n::use_locale;
use leptos::prelude::*;

/// The module script that hydrates the page after its first paint. The file names are the ones
/// cargo-leptos gives the site's package (`output-name` in the workspace's Cargo.toml); the
/// page's language comes as a file of its own (i18n/catalogue.rs).
#[component]
pub fn HydrateAfterPaint(options: LeptosOptions) -> impl IntoView {
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let words = use_locale().file_path();
    let script = include_str!("hydration.js").trim_end();
    view! {
        <script type="module" nonce=leptos::nonce::use_nonce()>
            {format!("{script}({pkg:?}, {words:?});")}
        </script>
    }
}
