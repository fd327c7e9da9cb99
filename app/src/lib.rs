//! Wellbeing Plan: the care and support plan a person owns.
//!
//! Built twice by cargo-leptos: with `ssr` for the server (pages rendered to HTML, server
//! functions, database, sessions, policy) and with `hydrate` for the browser (WASM).

// rust-i18n's lookups, fallback and `t!`, with the strings read from `locales/` by the
// catalogue: the path given to the macro holds no locale files, so it embeds none itself
// (see i18n/catalogue.rs for why, and for how the browser gets its one language).
rust_i18n::i18n!("src/i18n", fallback = "en", backend = crate::i18n::catalogue::Catalogue::load());

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

/// Browser entry point: attaches the WASM app to the server-rendered page, given the locale
/// file of the page's language (fetched beside the WASM; see i18n/catalogue.rs).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(locale_file: String) {
    console_error_panic_hook::set_once();
    i18n::catalogue::set_page_language(app::page_locale(), locale_file);
    use leptos::prelude::document;
    let Some(body) = document().body() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        // A page whose code is in the second WASM file (pages.rs, `LaterPage`) is taken over
        // once that file has come, and only then marked as interactive, for browser tests: a
        // click before then would find the server's page, not the app.
        leptos::mount::hydrate_from_async(body.clone(), app::App).await.forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
