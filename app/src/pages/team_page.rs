//! A team admin's view: who is in the team, inviting key workers and service users, and the
//! record systems connected to the team.

use crate::api::invites::{InviteKeyWorker, InviteServiceUser, NewPasswordLink};
use crate::api::people::team;
use crate::api::PersonSummary;
use crate::components::common::form::{action_error, action_output, success_count};
use crate::components::common::notice::ErrorNotice;
use crate::components::common::resource::load;
use crate::components::people::{InviteOutcome, InviteeFields, PersonList};
use crate::components::trusted_systems::TrustedSystems;
use crate::domain::role::Role;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TeamPage() -> impl IntoView {
    let invite_worker = ServerAction::<InviteKeyWorker>::new();
    let invite_person = ServerAction::<InviteServiceUser>::new();
    let relink = ServerAction::<NewPasswordLink>::new();
    let relink_error = action_error(relink);
    let workers_added = success_count(invite_worker);
    let people_added = success_count(invite_person);
    let members = load(move || (workers_added.get(), people_added.get()), |_| team());
    let worker_error = action_error(invite_worker);
    let person_error = action_error(invite_person);
    view! {
        <Title text=tr!("nav.team") />
        <h1>{tr!("nav.team")}</h1>
        {move || relink_error.get().map(|error| view! { <ErrorNotice error /> })}
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match members.await {
                    Ok(people) => {
                        let key_workers: Vec<PersonSummary> = people
                            .iter()
                            .filter(|p| p.role == Role::KeyWorker)
                            .cloned()
                            .collect();
                        view! {
                            <PersonList people relink empty=tr!("team.empty") />
                            <section aria-labelledby="person-heading">
                                <h2 id="person-heading">{tr!("team.invite_person_title")}</h2>
                                <InviteOutcome created=action_output(invite_person) error=person_error form="person-" />
                                <ActionForm action=invite_person>
                                    <InviteeFields error=person_error form="person-" />
                                    <div class="field">
                                        <label class="field__label" for="key_worker_id">
                                            {tr!("team.key_worker")}
                                        </label>
                                        <select class="field__select" id="key_worker_id" name="key_worker_id" required>
                                            {key_workers
                                                .into_iter()
                                                .map(|k| view! { <option value=k.account_id>{k.name}</option> })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    <button type="submit" class="button" disabled=invite_person.pending()>
                                        {tr!("caseload.invite_submit")}
                                    </button>
                                </ActionForm>
                            </section>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="worker-heading">
            <h2 id="worker-heading">{tr!("team.invite_worker_title")}</h2>
            <InviteOutcome created=action_output(invite_worker) error=worker_error form="worker-" />
            <ActionForm action=invite_worker>
                <InviteeFields error=worker_error form="worker-" />
                <button type="submit" class="button" disabled=invite_worker.pending()>
                    {tr!("team.invite_worker_submit")}
                </button>
            </ActionForm>
        </section>
        <TrustedSystems />
    }
}
