use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=tr!("not_found.title") />
        <h1>{tr!("not_found.title")}</h1>
        <p>{tr!("not_found.body")}</p>
        <p>
            <a href="/">{tr!("nav.home")}</a>
        </p>
    }
}
