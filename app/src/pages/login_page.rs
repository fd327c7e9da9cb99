use crate::api::session::Login;
use crate::components::common::form::{action_error, reload_to, ErrorSummary, TextField};
use crate::components::common::offline::KeptCrisisPlanLink;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let error = action_error(login);
    Effect::new(move |_| {
        if login.value().with(|v| matches!(v, Some(Ok(())))) {
            reload_to("/");
        }
    });
    view! {
        <Title text=tr!("login.title") />
        <h1>{tr!("login.title")}</h1>
        <KeptCrisisPlanLink />
        <ErrorSummary error />
        <ActionForm action=login>
            <TextField
                name="email"
                label=tr!("login.email")
                input_type="email"
                autocomplete="username"
                maxlength=254
                required=true
                error
            />
            <TextField
                name="password"
                label=tr!("login.password")
                input_type="password"
                autocomplete="current-password"
                maxlength=1024
                required=true
                error
            />
            <button type="submit" class="button" disabled=login.pending()>
                {tr!("login.submit")}
            </button>
        </ActionForm>
        <p class="hint">{tr!("login.no_account")}</p>
    }
}
