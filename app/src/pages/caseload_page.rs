//! A key worker's caseload, and inviting a new service user onto it.

use crate::api::invites::InviteServiceUser;
use crate::api::people::caseload;
use crate::components::common::form::{action_error, success_count, ErrorSummary, TextField};
use crate::components::common::notice::ErrorNotice;
use crate::components::people::{InviteLink, PersonList};
use crate::domain::account::{EMAIL_MAX, NAME_MAX};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CaseloadPage() -> impl IntoView {
    let invite = ServerAction::<InviteServiceUser>::new();
    let invited = success_count(invite);
    let people = Resource::new(move || invited.get(), |_| caseload());
    let error = action_error(invite);
    view! {
        <Title text=tr!("nav.caseload") />
        <h1>{tr!("nav.caseload")}</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match people.await {
                    Ok(people) => {
                        view! { <PersonList people link_plans=true empty=tr!("caseload.empty") /> }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{tr!("caseload.invite_title")}</h2>
            <p>{tr!("caseload.invite_body")}</p>
            {move || {
                invite.value().get().and_then(Result::ok).map(|invite| view! { <InviteLink invite /> })
            }}
            <ErrorSummary error />
            <ActionForm action=invite>
                <TextField name="name" label=tr!("invite.name") maxlength=NAME_MAX required=true error />
                <TextField
                    name="email"
                    label=tr!("invite.email")
                    input_type="email"
                    autocomplete="off"
                    maxlength=EMAIL_MAX
                    required=true
                    error
                />
                <button type="submit" class="button" disabled=invite.pending()>
                    {tr!("caseload.invite_submit")}
                </button>
            </ActionForm>
        </section>
    }
}
