//! Editing a written section: the formulation, the crisis plan's words, care and treatment,
//! and how to reach the care team.

use crate::api::plan::PlanView;
use crate::api::sections::SaveSection;
use crate::components::common::form::{action_error, success_count, SaveOutcome, TextArea};
use crate::components::common::notice::ErrorNotice;
use crate::components::plan::{plan_resource, section_title, BackToPlan, WithPlan};
use crate::domain::plan_text::{fields, ANSWER_MAX};
use crate::domain::section::Section;
use crate::error::AppError;
use crate::i18n::tr_key;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SectionEditPage() -> impl IntoView {
    let params = use_params_map();
    let section = Memo::new(move |_| {
        params.read().get("section").and_then(|s| Section::parse(&s)).filter(|s| fields(*s).is_some())
    });
    let save = ServerAction::<SaveSection>::new();
    let saved = success_count(save);
    let plan = plan_resource(saved.into());
    // `try_get`: the title may be rendered after the page's values are disposed (rate_page.rs).
    let title = move || section.try_get().flatten().map(section_title).unwrap_or_else(|| tr!("not_found.title"));
    view! {
        <Title text=title />
        {move || match section.get() {
            Some(section) => {
                view! {
                    <WithPlan
                        plan
                        title=section_title(section)
                        page=move |plan| view! { <SectionForm plan section save /> }
                    />
                }
                    .into_any()
            }
            None => view! { <ErrorNotice title=tr!("not_found.title") error=AppError::NotFound /> }.into_any(),
        }}
    }
}

#[component]
fn SectionForm(plan: PlanView, section: Section, save: ServerAction<SaveSection>) -> impl IntoView {
    let error = action_error(save);
    let prefix = section.as_str();
    let text = match section {
        Section::Formulation => plan.content.formulation.clone(),
        Section::Crisis => plan.content.crisis.clone(),
        Section::CareTreatment => plan.content.care_treatment.clone(),
        _ => plan.content.care_team.clone(),
    };
    if !plan.can_edit(section) {
        return view! {
            <BackToPlan plan=plan.plan_id />
            <ErrorNotice title=section_title(section) error=AppError::Forbidden />
        }
        .into_any();
    }
    view! {
        <BackToPlan plan=plan.plan_id />
        <h1>{section_title(section)}</h1>
        <p class="lead">{tr_key(&format!("{prefix}.intro"), None)}</p>
        <SaveOutcome action=save />
        <ActionForm action=save>
            <input type="hidden" name="plan_id" value=plan.plan_id />
            <input type="hidden" name="section" value=prefix />
            {fields(section)
                .unwrap_or_default()
                .iter()
                .copied()
                .map(|field| {
                    view! {
                        <TextArea
                            name=field
                            form_name=format!("answers[{field}]")
                            label=tr_key(&format!("{prefix}.{field}.label"), None)
                            hint=tr_key(&format!("{prefix}.{field}.hint"), None)
                            value=text.get(field).to_string()
                            maxlength=ANSWER_MAX
                            error
                        />
                    }
                })
                .collect_view()}
            <button type="submit" class="button" disabled=save.pending()>
                {tr!("plan.save")}
            </button>
        </ActionForm>
        {
            let crisis = section == Section::Crisis;
            let contacts = format!("/plans/{}/contacts", plan.plan_id);
            view! {
                <Show when=move || crisis>
                    <p>
                        <a href=contacts.clone()>{tr!("crisis.edit_contacts")}</a>
                    </p>
                </Show>
            }
        }
    }
    .into_any()
}
