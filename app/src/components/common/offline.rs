//! Working without a signal: the service worker that keeps the person's plan on the phone, and
//! the banner that is honest about it (offline, how old the kept copy is, what waits to be sent).
//! The worker itself is `public/sw.js`; this side registers it and talks to it.

use crate::domain::date::{format_date, format_time};
use crate::i18n::use_locale;
use crate::tr;
use leptos::prelude::*;

/// What the phone knows about the connection, shared by the banner and the log-out button.
#[derive(Clone, Copy)]
pub struct Connection {
    pub online: RwSignal<bool>,
    /// Writes made offline, kept on the phone until they are sent.
    pub queued: RwSignal<u32>,
    /// When the page being shown was kept, if it came from the phone rather than the server.
    pub saved_at: RwSignal<Option<i64>>,
    /// Whether the person chose to keep their crisis plan on this phone for when they are
    /// logged out; `None` until the worker has said (or where there is none).
    pub crisis_kept: RwSignal<Option<bool>>,
}

pub fn use_connection() -> Connection {
    expect_context::<Connection>()
}

/// Provides [`Connection`] and, in the browser, registers the worker and keeps it up to date.
/// Everything starts as "online, nothing queued" on both sides, so hydration matches the page
/// the server rendered; the browser's real state is filled in after.
pub fn provide_connection() {
    let connection = Connection {
        online: RwSignal::new(true),
        queued: RwSignal::new(0),
        saved_at: RwSignal::new(None),
        crisis_kept: RwSignal::new(None),
    };
    provide_context(connection);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| browser::start(connection));
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Connection;
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    pub fn start(connection: Connection) {
        connection.online.set(window().navigator().on_line());
        let saved_at = document().body().and_then(|b| b.get_attribute("data-offline-saved-at"));
        connection.saved_at.set(saved_at.and_then(|ms| ms.parse::<i64>().ok()).map(|ms| ms / 1000));
        let Ok(workers) = service_workers() else { return };
        let _ = workers.register("/sw.js");
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            if let Some(count) = text.strip_prefix("queued:").and_then(|n| n.parse().ok()) {
                connection.queued.set(count);
            } else if let Some(kept) = text.strip_prefix("crisis-kept:") {
                connection.crisis_kept.set(Some(kept == "1"));
            } else if let Some(path) = text.strip_prefix("open:").filter(|p| p.starts_with('/') && !p.starts_with("//"))
            {
                // A click on a notification, for a window the worker could not navigate.
                let _ = window().location().assign(path);
            }
        });
        workers.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // Lives as long as the page does.
        on_message.forget();
        tell_worker("status");
        tell_worker("flush");
        let _ = window_event_listener(leptos::ev::online, move |_| {
            connection.online.set(true);
            tell_worker("flush");
        });
        let _ = window_event_listener(leptos::ev::offline, move |_| connection.online.set(false));
        // The "online" event can come before the worker's own network is back: keep asking
        // while something waits.
        set_interval(
            move || {
                if connection.queued.get_untracked() > 0 && window().navigator().on_line() {
                    tell_worker("flush");
                }
            },
            std::time::Duration::from_secs(5),
        );
    }

    fn service_workers() -> Result<web_sys::ServiceWorkerContainer, JsValue> {
        // Absent on plain http other than localhost, and in some private modes.
        let navigator = window().navigator();
        if has_property(&navigator, "serviceWorker") {
            Ok(navigator.service_worker())
        } else {
            Err(JsValue::NULL)
        }
    }

    fn has_property(target: &JsValue, name: &str) -> bool {
        web_sys::js_sys::Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false)
    }

    /// Sends `message` to the worker controlling this page or, when none does, to the site's
    /// worker once it is active. A page can stay uncontrolled with a worker running: on a first
    /// visit until the worker has installed, and for good when the page was still loading as
    /// the worker took the site's pages over (`clients.claim` passes such a page by, and no
    /// "controllerchange" comes). The worker answers whichever page asked.
    pub fn tell_worker(message: &'static str) {
        let Ok(workers) = service_workers() else { return };
        if let Some(worker) = workers.controller() {
            let _ = worker.post_message(&JsValue::from_str(message));
            return;
        }
        let Ok(ready) = workers.ready() else { return };
        leptos::task::spawn_local(async move {
            let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else { return };
            let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
            if let Some(worker) = registration.active() {
                let _ = worker.post_message(&JsValue::from_str(message));
            }
        });
    }
}

/// The banner under the header: offline, the age of what is shown, and writes waiting to go.
#[component]
pub fn ConnectionBanner() -> impl IntoView {
    let connection = use_connection();
    let locale = use_locale();
    let offline = move || !connection.online.get();
    let saved = move || {
        connection
            .saved_at
            .get()
            .map(|at| tr!("offline.saved_at", date = format_date(at, locale), time = format_time(at)))
    };
    let queued = move || connection.queued.get();
    view! {
        <div class="connection" role="status">
            <Show when=offline>
                <p class="connection__line">
                    <strong>{tr!("offline.offline")}</strong>
                    " "
                    {move || saved().unwrap_or_else(|| tr!("offline.unsaved"))}
                </p>
            </Show>
            <Show when=move || !offline() && connection.saved_at.get().is_some()>
                <p class="connection__line">{saved}</p>
            </Show>
            <Show when=move || { queued() > 0 }>
                <p class="connection__line">{move || tr!("offline.queued", count = queued())}</p>
            </Show>
        </div>
    }
}

/// Whether the crisis plan is kept, as a part of the page may show it: not known until that
/// part is hydrated, as the server rendered it. The worker's answer may come before a part
/// inside a `<Suspense>` is hydrated, and a part that no longer matches the server's HTML when
/// it is hydrated is not shown right.
fn crisis_kept_here() -> Signal<Option<bool>> {
    let kept = use_connection().crisis_kept;
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    Signal::derive(move || kept.get().filter(|_| hydrated.get()))
}

/// Asks the worker to keep (or stop keeping) the person's crisis plan for when logged out.
fn keep_crisis_plan(keep: bool) {
    #[cfg(feature = "hydrate")]
    browser::tell_worker(if keep { "keep-crisis:on" } else { "keep-crisis:off" });
    #[cfg(not(feature = "hydrate"))]
    let _ = keep;
}

/// The choice to keep the crisis plan on this phone, shown once the worker has said where it
/// stands (it needs JavaScript and a service worker).
#[component]
pub fn KeepOnPhone() -> impl IntoView {
    let kept = crisis_kept_here();
    view! {
        <div class="keep no-print" aria-live="polite">
            {move || match kept.get() {
                None => ().into_any(),
                Some(true) => {
                    view! {
                        <p>{tr!("offline.crisis_kept")}</p>
                        <button
                            type="button"
                            class="button button--secondary"
                            on:click=move |_| keep_crisis_plan(false)
                        >
                            {tr!("offline.crisis_stop_keeping")}
                        </button>
                    }
                        .into_any()
                }
                Some(false) => {
                    // The hint follows the button: it says what pressing it does ("Then it opens...").
                    view! {
                        <button
                            type="button"
                            class="button button--secondary"
                            aria-describedby="keep-crisis-hint"
                            on:click=move |_| keep_crisis_plan(true)
                        >
                            {tr!("offline.crisis_keep")}
                        </button>
                        <p class="hint" id="keep-crisis-hint">
                            {tr!("offline.crisis_keep_hint")}
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// On the login page: the crisis plan this phone keeps, when its owner chose that.
#[component]
pub fn KeptCrisisPlanLink() -> impl IntoView {
    let kept = crisis_kept_here();
    view! {
        <Show when=move || kept.get() == Some(true)>
            <p class="notice">
                <a href="/crisis-plan">{tr!("offline.open_kept_crisis")}</a>
            </p>
        </Show>
    }
}
