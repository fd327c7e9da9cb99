//! Lists of people and the invite form that adds to them.

use crate::api::invites::InviteCreated;
use crate::api::PersonSummary;
use crate::components::common::notice::SuccessNotice;
use crate::domain::role::Role;
use crate::tr;
use leptos::prelude::*;

fn role_label(role: Role) -> String {
    match role {
        Role::ServiceUser => tr!("role.service_user"),
        Role::Carer => tr!("role.carer"),
        Role::KeyWorker => tr!("role.key_worker"),
        Role::TeamAdmin => tr!("role.team_admin"),
    }
}

/// People as a list of cards; `link_plans` links each to their About Me.
#[component]
pub fn PersonList(people: Vec<PersonSummary>, #[prop(optional)] link_plans: bool, empty: String) -> impl IntoView {
    if people.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    view! {
        <ul class="card-list">
            {people
                .into_iter()
                .map(|p| {
                    let activated = p.activated;
                    let name = match (link_plans, p.plan_id) {
                        (true, Some(plan)) => {
                            view! {
                                <a href=format!("/plans/{plan}/about-me")>{p.name.clone()}</a>
                            }
                                .into_any()
                        }
                        _ => view! { <span>{p.name.clone()}</span> }.into_any(),
                    };
                    view! {
                        <li class="card">
                            <h3 class="card__title">{name}</h3>
                            <p class="card__detail">{role_label(p.role)} " · " {p.detail.clone()}</p>
                            <Show when=move || !activated>
                                <p class="tag">{tr!("people.invite_pending")}</p>
                            </Show>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The link to pass on after inviting someone.
#[component]
pub fn InviteLink(invite: InviteCreated) -> impl IntoView {
    view! {
        <SuccessNotice>
            <h2>{tr!("invite.created_title", name = invite.name.clone())}</h2>
            <p>{tr!("invite.created_body")}</p>
            <label class="field__label">
                {tr!("invite.link_label")}
                <input class="field__input" readonly value=invite.link.clone() />
            </label>
        </SuccessNotice>
    }
}
