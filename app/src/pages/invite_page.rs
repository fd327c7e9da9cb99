//! Where an invited person sets their password.

use crate::api::invites::{invite_info, AcceptInvite};
use crate::components::common::form::{action_error, reload_to, ErrorSummary, NewPasswordFields};
use crate::components::common::notice::ErrorNotice;
use crate::components::common::resource::load;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = load(token, invite_info);
    let accept = ServerAction::<AcceptInvite>::new();
    let error = action_error(accept);
    Effect::new(move |_| {
        if accept.value().with(|v| matches!(v, Some(Ok(())))) {
            reload_to("/");
        }
    });
    view! {
        <Title text=tr!("invite.title") />
        <h1>{tr!("invite.title")}</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match info.await {
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    Ok(name) => {
                        view! {
                            <p>{tr!("invite.welcome", name = name)}</p>
                            <ErrorSummary error />
                            <ActionForm action=accept>
                                <input type="hidden" name="token" value=token() />
                                <NewPasswordFields error />
                                <button type="submit" class="button" disabled=accept.pending()>
                                    {tr!("invite.submit")}
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}
