//! Messages about the state of things: errors, confirmations, empty states.

use crate::error::AppError;
use crate::i18n::tr_key;
use crate::tr;
use leptos::prelude::*;

/// A whole-page problem, such as not being signed in or a plan that is not there; under the
/// page's heading, `title`, where the page could not show its own.
#[component]
pub fn ErrorNotice(error: AppError, #[prop(optional, into)] title: Option<String>) -> impl IntoView {
    // The page's status says so too. The service worker keeps a copy of a page for offline use
    // only when it was answered with success: a crisis plan that failed to load (the database
    // down, say) must not replace the one kept on the phone.
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(error.status()))
    {
        options.set_status(status);
    }
    let signed_out = error == AppError::Unauthenticated;
    view! {
        {title.map(|title| view! { <h1>{title}</h1> })}
        <div class="notice notice--warning" role="alert">
            <p>{tr_key(error.message_key(), error.message_limit())}</p>
            <Show when=move || signed_out>
                <p>
                    <a href="/login">{tr!("nav.login")}</a>
                </p>
            </Show>
        </div>
    }
}

/// A polite confirmation that something worked.
#[component]
pub fn SuccessNotice(children: Children) -> impl IntoView {
    view! {
        <div class="notice notice--success" role="status">
            {children()}
        </div>
    }
}
