//! Actions: who does what by when, ticking them off, and adding new ones.

use crate::api::actions::{AddAction, RemoveAction, SetActionStatus, UpdateAction};
use crate::api::plan::PlanView;
use crate::components::common::form::{action_error, success_count, ErrorSummary, SaveOutcome, SelectField, TextField};
use crate::components::common::notice::ErrorNotice;
use crate::components::plan::{
    action_detail, plan_resource, section_title, status_label, BackToPlan, RemoveButton, WithPlan,
};
use crate::domain::action::{ActionPlan, ActionSide, ActionStatus, Assignee, CareAction, SERVICE_MAX, WHAT_MAX};
use crate::domain::date::format_date;
use crate::domain::section::Section;
use crate::error::AppError;
use crate::i18n::use_locale;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ActionsPage() -> impl IntoView {
    let add = ServerAction::<AddAction>::new();
    let status = ServerAction::<SetActionStatus>::new();
    let remove = ServerAction::<RemoveAction>::new();
    let (a, s, r) = (success_count(add), success_count(status), success_count(remove));
    let plan = plan_resource(Signal::derive(move || a.get() + s.get() + r.get()));
    let title = section_title(Section::Actions);
    view! {
        <Title text=title.clone() />
        <WithPlan plan title page=move |plan| view! { <Actions plan add status remove /> } />
    }
}

#[component]
fn Actions(
    plan: PlanView,
    add: ServerAction<AddAction>,
    status: ServerAction<SetActionStatus>,
    remove: ServerAction<RemoveAction>,
) -> impl IntoView {
    let id = plan.plan_id;
    let status_error = action_error(status);
    let remove_error = action_error(remove);
    let empty = plan.actions.is_empty();
    let cards = plan
        .actions
        .iter()
        .map(|action| {
            let writable = plan.action_sides.contains(&action.plan.who.side());
            // A carer ticks off the actions shared with or assigned to them.
            let tickable = writable || plan.tickable.contains(&action.id);
            view! { <ActionCard plan=id action=action.clone() writable tickable status remove /> }
        })
        .collect_view();
    view! {
        <BackToPlan plan=id />
        <h1>{section_title(Section::Actions)}</h1>
        <p class="lead">{tr!("actions.intro")}</p>
        <ErrorSummary error=status_error />
        <ErrorSummary error=remove_error />
        <Show when=move || empty>
            <p class="empty">{tr!("actions.empty")}</p>
        </Show>
        <ul class="card-list">{cards}</ul>
        <Show when={
            let can = !plan.action_sides.is_empty();
            move || can
        }>
            <AddActionForm plan=plan.clone() add />
        </Show>
    }
}

/// One action on the list: what, who and by when, its status, and what the viewer may do to it.
#[component]
fn ActionCard(
    plan: i64,
    action: CareAction,
    writable: bool,
    tickable: bool,
    status: ServerAction<SetActionStatus>,
    remove: ServerAction<RemoveAction>,
) -> impl IntoView {
    let locale = use_locale();
    let id = plan;
    let detail = action_detail(&action.plan);
    // Copied into the nested form closures, which may run more than once.
    let what = StoredValue::new(action.plan.what.clone());
    let current = action.status;
    let action_id = action.id;
    let done = current == ActionStatus::Done;
    view! {
        <li class="card action">
            <p class="action__what">{action.plan.what.clone()}</p>
            <p class="hint">{detail}</p>
            <p class="tag" class:tag--done=done>
                {status_label(current)}
            </p>
            {action
                .status_by
                .clone()
                .map(|(name, at)| {
                    view! {
                        <p class="hint">
                            {tr!("actions.status_by", name = name, date = format_date(at, locale))}
                        </p>
                    }
                })}
            <Show when=move || writable>
                <p>
                    <a href=format!("/plans/{id}/actions/{action_id}")>
                        {tr!("actions.change")}
                        <span class="visually-hidden">{format!(": {}", what.get_value())}</span>
                    </a>
                </p>
            </Show>
            <Show when=move || tickable>
                <ActionForm action=status attr:class="actions-row">
                    <input type="hidden" name="plan_id" value=id />
                    <input type="hidden" name="action_id" value=action_id />
                    {ActionStatus::ALL
                        .into_iter()
                        .filter(|s| *s != current)
                        .map(|s| {
                            view! {
                                <button type="submit" class="button button--secondary" name="status" value=s.as_str()>
                                    {tr_status_button(s)}
                                    <span class="visually-hidden">{format!(": {}", what.get_value())}</span>
                                </button>
                            }
                        })
                        .collect_view()}
                </ActionForm>
            </Show>
            <Show when=move || writable>
                <ActionForm action=remove>
                    <RemoveButton plan=id id_name="action_id" id=action_id label=tr!("actions.remove") about=what.get_value() />
                </ActionForm>
            </Show>
        </li>
    }
}

fn tr_status_button(status: ActionStatus) -> String {
    match status {
        ActionStatus::ToDo => tr!("actions.mark_to_do"),
        ActionStatus::Done => tr!("actions.mark_done"),
        ActionStatus::NotNeeded => tr!("actions.mark_not_needed"),
    }
}

/// What, who and by when: the fields of adding an action and of changing one.
#[component]
fn ActionFields(plan: PlanView, current: Option<ActionPlan>, error: Signal<Option<AppError>>) -> impl IntoView {
    let mut choices: Vec<(String, String)> = Vec::new();
    if plan.action_sides.contains(&ActionSide::Person) {
        choices.push(("me".into(), tr!("action.who.me")));
        choices.extend(plan.carers.iter().map(|(id, name)| (format!("carer:{id}"), name.clone())));
    }
    if plan.action_sides.contains(&ActionSide::Service) {
        choices.push(("key_worker".into(), tr!("action.who.key_worker")));
        choices.push(("service".into(), tr!("action.who.service")));
    }
    let what = current.as_ref().map(|a| a.what.clone()).unwrap_or_default();
    let chosen = current.as_ref().map(|a| a.who.form_value()).unwrap_or_default();
    let service = match current.as_ref().map(|a| &a.who) {
        Some(Assignee::Service { name }) => name.clone(),
        _ => String::new(),
    };
    let due = current.as_ref().and_then(|a| a.due).map(|d| d.iso()).unwrap_or_default();
    view! {
        <TextField name="what" label=tr!("actions.what_label") maxlength=WHAT_MAX required=true value=what error />
        <SelectField name="who" label=tr!("actions.who_label") choices chosen error />
        <TextField
            name="service_name"
            label=tr!("actions.service_label")
            hint=tr!("actions.service_hint")
            maxlength=SERVICE_MAX
            value=service
            error
        />
        <TextField
            name="due"
            label=tr!("actions.due_label")
            hint=tr!("actions.due_hint")
            input_type="date"
            value=due
            error
        />
    }
}

#[component]
fn AddActionForm(plan: PlanView, add: ServerAction<AddAction>) -> impl IntoView {
    let error = action_error(add);
    view! {
        <section aria-labelledby="add-action-heading">
            <h2 id="add-action-heading">{tr!("actions.add_title")}</h2>
            <ErrorSummary error />
            <ActionForm action=add>
                <input type="hidden" name="plan_id" value=plan.plan_id />
                <ActionFields plan=plan.clone() current=None error />
                <button type="submit" class="button" disabled=add.pending()>
                    {tr!("actions.add")}
                </button>
            </ActionForm>
        </section>
    }
}

/// Changing one action.
#[component]
pub fn ActionEditPage() -> impl IntoView {
    let params = use_params_map();
    let action_id = Memo::new(move |_| params.read().get("action_id").and_then(|id| id.parse::<i64>().ok()));
    let update = ServerAction::<UpdateAction>::new();
    let updated = success_count(update);
    let plan = plan_resource(updated.into());
    let title = tr!("actions.change_title");
    view! {
        <Title text=title.clone() />
        <WithPlan
            plan
            title
            page=move |plan| {
                let action = action_id.get().and_then(|a| plan.actions.iter().find(|x| x.id == a).cloned());
                match action {
                    Some(action) if plan.action_sides.contains(&action.plan.who.side()) => {
                        let error = action_error(update);
                        view! {
                            <p>
                                <a class="back-link" href=format!("/plans/{}/actions", plan.plan_id)>
                                    {tr!("actions.back")}
                                </a>
                            </p>
                            <h1>{tr!("actions.change_title")}</h1>
                            <SaveOutcome action=update />
                            <ActionForm action=update>
                                <input type="hidden" name="plan_id" value=plan.plan_id />
                                <input type="hidden" name="action_id" value=action.id />
                                <ActionFields plan=plan.clone() current=Some(action.plan.clone()) error />
                                <button type="submit" class="button" disabled=update.pending()>
                                    {tr!("plan.save")}
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    _ => view! { <ErrorNotice title=tr!("actions.change_title") error=AppError::NotFound /> }.into_any(),
                }
            }
        />
    }
}
