//! The crisis plan's contacts: who to call, with tap-to-call links.

use crate::api::contacts::{AddContact, RemoveContact};
use crate::api::plan::PlanView;
use crate::components::common::form::{action_error, success_count, ErrorSummary, TextField};
use crate::components::plan::{plan_resource, BackToPlan, ContactBody, RemoveButton, WithPlan};
use crate::domain::contact::{NAME_MAX, ROLE_MAX, WHEN_MAX};
use crate::domain::section::Section;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ContactsPage() -> impl IntoView {
    let add = ServerAction::<AddContact>::new();
    let remove = ServerAction::<RemoveContact>::new();
    let (a, r) = (success_count(add), success_count(remove));
    let plan = plan_resource(Signal::derive(move || a.get() + r.get()));
    let title = tr!("crisis.contacts_title");
    view! {
        <Title text=title.clone() />
        <WithPlan plan title page=move |plan| view! { <Contacts plan add remove /> } />
    }
}

#[component]
fn Contacts(plan: PlanView, add: ServerAction<AddContact>, remove: ServerAction<RemoveContact>) -> impl IntoView {
    let id = plan.plan_id;
    let editable = plan.can_edit(Section::Crisis);
    let add_error = action_error(add);
    let remove_error = action_error(remove);
    let empty = plan.content.contacts.is_empty();
    view! {
        <BackToPlan plan=id />
        <h1>{tr!("crisis.contacts_title")}</h1>
        <p class="lead">{tr!("crisis.contacts_intro")}</p>
        <ErrorSummary error=remove_error />
        <Show when=move || empty>
            <p class="empty">{tr!("crisis.no_contacts")}</p>
        </Show>
        <ul class="card-list">
            {plan
                .content
                .contacts
                .clone()
                .into_iter()
                .map(|entry| {
                    let name = StoredValue::new(entry.contact.name.clone());
                    view! {
                        <li class="card contact">
                            <ContactBody contact=entry.contact />
                            <Show when=move || editable>
                                <ActionForm action=remove>
                                    <RemoveButton
                                        plan=id
                                        id_name="contact_id"
                                        id=entry.id
                                        label=tr!("crisis.remove_contact")
                                        about=name.get_value()
                                    />
                                </ActionForm>
                            </Show>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <Show when=move || editable>
            <section aria-labelledby="add-contact-heading">
                <h2 id="add-contact-heading">{tr!("crisis.add_contact_title")}</h2>
                <ErrorSummary error=add_error />
                <ActionForm action=add>
                    <input type="hidden" name="plan_id" value=id />
                    <TextField
                        name="name"
                        label=tr!("crisis.contact_name")
                        maxlength=NAME_MAX
                        required=true
                        error=add_error
                    />
                    <TextField
                        name="relationship"
                        label=tr!("crisis.contact_relationship")
                        hint=tr!("crisis.contact_relationship_hint")
                        maxlength=ROLE_MAX
                        error=add_error
                    />
                    <TextField
                        name="phone"
                        label=tr!("crisis.contact_phone")
                        input_type="tel"
                        autocomplete="tel"
                        maxlength=30
                        required=true
                        error=add_error
                    />
                    <TextField
                        name="available"
                        label=tr!("crisis.contact_available")
                        hint=tr!("crisis.contact_available_hint")
                        maxlength=WHEN_MAX
                        error=add_error
                    />
                    <button type="submit" class="button" disabled=add.pending()>
                        {tr!("crisis.add_contact")}
                    </button>
                </ActionForm>
            </section>
        </Show>
    }
}
