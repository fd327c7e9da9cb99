//! DIALOG+: after rating, the person picks up to three areas and talks each through in four
//! steps (understanding, looking forward, exploring options, agreeing actions); the fourth step
//! puts a goal or an action into the plan.

use crate::api::actions::AddAction;
use crate::api::goals::AddGoal;
use crate::api::ratings::RatingsOverTime;
use crate::components::common::form::{action_error, ErrorSummary, TextField};
use crate::components::common::notice::{ErrorNotice, SuccessNotice};
use crate::components::rating::{answer_label, ratings_resource};
use crate::domain::action::WHAT_MAX;
use crate::domain::goal::TITLE_MAX;
use crate::domain::rating::dialog::ITEMS;
use crate::domain::rating::{Measure, Rating};
use crate::error::AppError;
use crate::i18n::tr_key;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// DIALOG+ works on three areas at most in one go.
pub const AREAS_MAX: usize = 3;

#[component]
pub fn DialogPlusPage() -> impl IntoView {
    let query = use_query_map();
    let picked = Memo::new(move |_| query.read().get_all("area").unwrap_or_default());
    let history = ratings_resource();
    view! {
        <Title text=tr!("dialog_plus.title") />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match history.await {
                    Ok(history) if history.may_rate => view! { <DialogPlus history picked=picked.get() /> }.into_any(),
                    Ok(_) => {
                        view! { <ErrorNotice title=tr!("dialog_plus.title") error=AppError::NotFound /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice title=tr!("dialog_plus.title") error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn dialog_name(item: &str) -> String {
    tr_key(&format!("dialog.item.{item}"), None)
}

#[component]
fn DialogPlus(history: RatingsOverTime, picked: Vec<String>) -> impl IntoView {
    let plan_id = history.plan_id;
    let back = view! {
        <p>
            <a class="back-link" href=format!("/plans/{plan_id}/ratings")>
                {tr!("rating.back_to_ratings")}
            </a>
        </p>
        <h1>{tr!("dialog_plus.title")}</h1>
    };
    let Some(latest) = history.dialog.last().map(|e| e.rating.clone()) else {
        return view! {
            {back}
            <p class="empty">{tr!("dialog_plus.rate_first")}</p>
            <p>
                <a class="button" href=format!("/plans/{plan_id}/rate/dialog")>
                    {tr!("rating.title.dialog")}
                </a>
            </p>
        }
        .into_any();
    };
    let mut areas: Vec<&str> = ITEMS.iter().copied().filter(|item| picked.iter().any(|p| p == item)).collect();
    areas.dedup();
    if areas.is_empty() || areas.len() > AREAS_MAX {
        let too_many = areas.len() > AREAS_MAX;
        return view! {
            {back}
            <p class="lead">{tr!("dialog_plus.intro")}</p>
            <AreaPicker latest too_many />
        }
        .into_any();
    }
    view! {
        {back}
        <p class="lead">{tr!("dialog_plus.working_intro")}</p>
        {areas
            .into_iter()
            .map(|item| view! { <AreaWork plan_id item=item.to_string() latest=latest.clone() /> })
            .collect_view()}
        <p>
            <a href=format!("/plans/{plan_id}/dialog-plus")>{tr!("dialog_plus.choose_again")}</a>
        </p>
    }
    .into_any()
}

/// Up to three areas, chosen with an ordinary form: it works without JavaScript.
#[component]
fn AreaPicker(latest: Rating, too_many: bool) -> impl IntoView {
    view! {
        <form method="get" class="area-picker">
            {too_many
                .then(|| {
                    view! {
                        <div class="error-summary" role="alert" tabindex="-1">
                            <h2 class="error-summary__title">{tr!("error.summary_title")}</h2>
                            <p>{tr!("dialog_plus.too_many", limit = AREAS_MAX)}</p>
                        </div>
                    }
                })}
            <fieldset class="question">
                <legend class="question__legend">{tr!("dialog_plus.pick", limit = AREAS_MAX)}</legend>
                <div class="choices">
                    {latest
                        .answers
                        .iter()
                        .map(|a| {
                            let label = format!(
                                "{}: {}",
                                dialog_name(&a.item),
                                answer_label(&Measure::Dialog, a.score),
                            );
                            view! {
                                <label class="choice">
                                    <input type="checkbox" name="area" value=a.item.clone() />
                                    <span>
                                        {label}
                                        {a
                                            .more_help
                                            .then(|| {
                                                view! {
                                                    " "
                                                    <span class="tag">{tr!("rating.wants_help")}</span>
                                                }
                                            })}
                                    </span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <button type="submit" class="button">
                {tr!("dialog_plus.start")}
            </button>
        </form>
    }
}

/// The four steps for one area; the fourth adds a goal or an action to the plan.
#[component]
fn AreaWork(plan_id: i64, item: String, latest: Rating) -> impl IntoView {
    let add_goal = ServerAction::<AddGoal>::new();
    let add_action = ServerAction::<AddAction>::new();
    let goal_error = action_error(add_goal);
    let action_error_ = action_error(add_action);
    let answer = latest.answer(&item).cloned();
    let name = dialog_name(&item);
    let heading = format!("area-{item}");
    let labelled_by = heading.clone();
    let goal_label = tr!("dialog_plus.goal_label", area = name.clone());
    let action_label = tr!("dialog_plus.action_label", area = name.clone());
    let goal_form = format!("{item}-goal-");
    let action_form = format!("{item}-action-");
    let steps = ["understanding", "looking_forward", "options"].map(|step| {
        view! {
            <li>
                <h3>{tr_key(&format!("dialog_plus.{step}.title"), None)}</h3>
                <ul>
                    {["1", "2", "3"]
                        .map(|n| view! { <li>{tr_key(&format!("dialog_plus.{step}.prompt{n}"), None)}</li> })
                        .into_iter()
                        .collect_view()}
                </ul>
            </li>
        }
    });
    let added_goal = move || add_goal.value().with(|v| matches!(v, Some(Ok(_))));
    let added_action = move || add_action.value().with(|v| matches!(v, Some(Ok(_))));
    view! {
        <article class="card dialog-plus" aria-labelledby=labelled_by>
            <h2 id=heading>{name}</h2>
            {answer
                .map(|a| {
                    view! { <p>{tr!("dialog_plus.your_rating", answer = answer_label(&Measure::Dialog, a.score))}</p> }
                })}
            <ol class="dialog-plus__steps">
                {steps.into_iter().collect_view()} <li>
                    <h3>{tr!("dialog_plus.agreeing.title")}</h3>
                    <p>{tr!("dialog_plus.agreeing.prompt")}</p>
                    <Show when=added_goal>
                        <SuccessNotice>
                            <p>
                                {tr!("dialog_plus.goal_added")} " "
                                <a href=format!("/plans/{plan_id}/goals")>{tr!("dialog_plus.see_goals")}</a>
                            </p>
                        </SuccessNotice>
                    </Show>
                    <ErrorSummary error=goal_error form=goal_form.clone() />
                    <ActionForm action=add_goal>
                        <input type="hidden" name="plan_id" value=plan_id />
                        <input type="hidden" name="steps" value="" />
                        <TextField
                            name="title"
                            form=goal_form
                            label=goal_label
                            maxlength=TITLE_MAX
                            required=true
                            error=goal_error
                        />
                        <button type="submit" class="button" disabled=add_goal.pending()>
                            {tr!("dialog_plus.add_goal")}
                        </button>
                    </ActionForm>
                    <Show when=added_action>
                        <SuccessNotice>
                            <p>
                                {tr!("dialog_plus.action_added")} " "
                                <a href=format!("/plans/{plan_id}/actions")>{tr!("dialog_plus.see_actions")}</a>
                            </p>
                        </SuccessNotice>
                    </Show>
                    <ErrorSummary error=action_error_ form=action_form.clone() />
                    <ActionForm action=add_action>
                        <input type="hidden" name="plan_id" value=plan_id />
                        <input type="hidden" name="who" value="me" />
                        <input type="hidden" name="service_name" value="" />
                        <TextField
                            name="what"
                            form=action_form.clone()
                            label=action_label
                            maxlength=WHAT_MAX
                            required=true
                            error=action_error_
                        />
                        <TextField
                            name="due"
                            form=action_form
                            input_type="date"
                            label=tr!("dialog_plus.due_label")
                            hint=tr!("dialog_plus.due_hint")
                            error=action_error_
                        />
                        <button type="submit" class="button button--secondary" disabled=add_action.pending()>
                            {tr!("dialog_plus.add_action")}
                        </button>
                    </ActionForm>
                </li>
            </ol>
        </article>
    }
}
