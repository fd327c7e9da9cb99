//! The people who care for the service user, and inviting one more.

use crate::api::invites::{InviteCarer, NewPasswordLink};
use crate::api::people::my_carers;
use crate::components::common::form::{action_error, action_output, success_count, TextField};
use crate::components::common::notice::ErrorNotice;
use crate::components::common::resource::load;
use crate::components::people::{InviteOutcome, InviteeFields, PersonList};
use crate::domain::account::RELATIONSHIP_MAX;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CarersPage() -> impl IntoView {
    let invite = ServerAction::<InviteCarer>::new();
    let relink = ServerAction::<NewPasswordLink>::new();
    let relink_error = action_error(relink);
    let invited = success_count(invite);
    let carers = load(move || invited.get(), |_| my_carers());
    let error = action_error(invite);
    view! {
        <Title text=tr!("nav.carers") />
        <h1>{tr!("nav.carers")}</h1>
        <p class="lead">{tr!("carers.intro")}</p>
        {move || relink_error.get().map(|error| view! { <ErrorNotice error /> })}
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match carers.await {
                    Ok(people) => view! { <PersonList people relink empty=tr!("carers.empty") /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{tr!("carers.invite_title")}</h2>
            <InviteOutcome created=action_output(invite) error=error />
            <ActionForm action=invite>
                <InviteeFields error=error />
                <TextField
                    name="relationship"
                    label=tr!("carers.relationship")
                    hint=tr!("carers.relationship_hint")
                    maxlength=RELATIONSHIP_MAX
                    required=true
                    error
                />
                <button type="submit" class="button" disabled=invite.pending()>
                    {tr!("carers.invite_submit")}
                </button>
            </ActionForm>
        </section>
    }
}
