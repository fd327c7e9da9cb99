//! A key worker's caseload, and inviting a new service user onto it.

use crate::api::invites::{InviteServiceUser, NewPasswordLink};
use crate::api::people::caseload;
use crate::components::common::form::{action_error, action_output, success_count};
use crate::components::common::notice::ErrorNotice;
use crate::components::common::resource::load;
use crate::components::people::{InviteOutcome, InviteeFields, PersonList};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CaseloadPage() -> impl IntoView {
    let invite = ServerAction::<InviteServiceUser>::new();
    let relink = ServerAction::<NewPasswordLink>::new();
    let relink_error = action_error(relink);
    let invited = success_count(invite);
    let people = load(move || invited.get(), |_| caseload());
    let error = action_error(invite);
    view! {
        <Title text=tr!("nav.caseload") />
        <h1>{tr!("nav.caseload")}</h1>
        {move || relink_error.get().map(|error| view! { <ErrorNotice error /> })}
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match people.await {
                    Ok(people) => {
                        view! { <PersonList people link_plans=true relink empty=tr!("caseload.empty") /> }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{tr!("caseload.invite_title")}</h2>
            <p>{tr!("caseload.invite_body")}</p>
            <InviteOutcome created=action_output(invite) error=error />
            <ActionForm action=invite>
                <InviteeFields error=error />
                <button type="submit" class="button" disabled=invite.pending()>
                    {tr!("caseload.invite_submit")}
                </button>
            </ActionForm>
        </section>
    }
}
