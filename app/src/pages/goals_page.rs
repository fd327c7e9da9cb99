//! The person's goals: the list, adding one, changing one, removing one.

use crate::api::goals::{AddGoal, RemoveGoal, UpdateGoal};
use crate::api::plan::PlanView;
use crate::components::common::form::{action_error, success_count, ErrorSummary, SaveOutcome, TextArea, TextField};
use crate::components::common::notice::ErrorNotice;
use crate::components::plan::{plan_resource, section_title, BackToPlan, GoalBody, RemoveButton, WithPlan};
use crate::domain::goal::{STEP_MAX, TITLE_MAX};
use crate::domain::section::Section;
use crate::error::AppError;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn GoalsPage() -> impl IntoView {
    let add = ServerAction::<AddGoal>::new();
    let remove = ServerAction::<RemoveGoal>::new();
    let added = success_count(add);
    let removed = success_count(remove);
    let plan = plan_resource(Signal::derive(move || added.get() + removed.get()));
    let title = section_title(Section::Goals);
    view! {
        <Title text=title.clone() />
        <WithPlan plan title page=move |plan| view! { <Goals plan add remove /> } />
    }
}

#[component]
fn Goals(plan: PlanView, add: ServerAction<AddGoal>, remove: ServerAction<RemoveGoal>) -> impl IntoView {
    let id = plan.plan_id;
    let editable = plan.can_edit(Section::Goals);
    let add_error = action_error(add);
    let remove_error = action_error(remove);
    let goals = plan.content.goals.clone();
    let empty = goals.is_empty();
    view! {
        <BackToPlan plan=id />
        <h1>{section_title(Section::Goals)}</h1>
        <p class="lead">{tr!("goals.intro")}</p>
        <Show when=move || editable && !empty>
            <p>
                <a href=format!("/plans/{id}/rate/goals")>{tr!("goals.rate_progress")}</a>
            </p>
        </Show>
        <ErrorSummary error=remove_error />
        <Show when=move || empty>
            <p class="empty">{tr!("goals.empty")}</p>
        </Show>
        <ul class="card-list">
            {goals
                .into_iter()
                .map(|goal| {
                    let goal_id = goal.id;
                    let title = StoredValue::new(goal.text.title.clone());
                    view! {
                        <li class="card goal">
                            <GoalBody goal=goal.text />
                            <Show when=move || editable>
                                <p class="actions-row">
                                    <a class="button button--secondary" href=format!("/plans/{id}/goals/{goal_id}")>
                                        {tr!("goals.change")}
                                        <span class="visually-hidden">{format!(": {}", title.get_value())}</span>
                                    </a>
                                </p>
                                <ActionForm action=remove>
                                    <RemoveButton
                                        plan=id
                                        id_name="goal_id"
                                        id=goal_id
                                        label=tr!("goals.remove")
                                        about=title.get_value()
                                    />
                                </ActionForm>
                            </Show>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <Show when=move || editable>
            <section aria-labelledby="add-goal-heading">
                <h2 id="add-goal-heading">{tr!("goals.add_title")}</h2>
                <ErrorSummary error=add_error />
                <ActionForm action=add>
                    <input type="hidden" name="plan_id" value=id />
                    <GoalFields title=String::new() steps=String::new() error=add_error />
                    <button type="submit" class="button" disabled=add.pending()>
                        {tr!("goals.add")}
                    </button>
                </ActionForm>
            </section>
        </Show>
    }
}

#[component]
fn GoalFields(title: String, steps: String, error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <TextField
            name="title"
            label=tr!("goals.title_label")
            hint=tr!("goals.title_hint")
            maxlength=TITLE_MAX
            required=true
            value=title
            error
        />
        <TextArea
            name="steps"
            label=tr!("goals.steps_label")
            hint=tr!("goals.steps_hint", limit = STEP_MAX)
            value=steps
            maxlength=STEP_MAX * 13
            error
        />
    }
}

/// Changing one goal.
#[component]
pub fn GoalEditPage() -> impl IntoView {
    let params = use_params_map();
    let goal_id = Memo::new(move |_| params.read().get("goal_id").and_then(|id| id.parse::<i64>().ok()));
    let update = ServerAction::<UpdateGoal>::new();
    let updated = success_count(update);
    let plan = plan_resource(updated.into());
    let title = tr!("goals.change_title");
    view! {
        <Title text=title.clone() />
        <WithPlan
            plan
            title
            page=move |plan| {
                let goal = goal_id.get().and_then(|g| plan.content.goals.iter().find(|x| x.id == g).cloned());
                match goal {
                    Some(goal) if plan.can_edit(Section::Goals) => {
                        let error = action_error(update);
                        view! {
                            <p>
                                <a class="back-link" href=format!("/plans/{}/goals", plan.plan_id)>
                                    {tr!("goals.back")}
                                </a>
                            </p>
                            <h1>{tr!("goals.change_title")}</h1>
                            <SaveOutcome action=update />
                            <ActionForm action=update>
                                <input type="hidden" name="plan_id" value=plan.plan_id />
                                <input type="hidden" name="goal_id" value=goal.id />
                                <GoalFields title=goal.text.title.clone() steps=goal.text.steps_text() error />
                                <button type="submit" class="button" disabled=update.pending()>
                                    {tr!("plan.save")}
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    _ => view! { <ErrorNotice title=tr!("goals.change_title") error=AppError::NotFound /> }.into_any(),
                }
            }
        />
    }
}
