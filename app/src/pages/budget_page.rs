//! The personal health budget: costed items against the allocation, how the money is held,
//! and the commissioner's sign-off.

use crate::api::budget::{AddBudgetItem, RemoveBudgetItem, SaveBudget, SignOffBudget};
use crate::api::plan::PlanView;
use crate::components::common::form::{action_error, success_count, ErrorSummary, SelectField, TextArea, TextField};
use crate::components::plan::{
    frequency_label, held_label, item_line, plan_resource, section_title, sign_off_label, BackToPlan, BudgetTotals,
    RemoveButton, WithPlan,
};
use crate::domain::budget::{Frequency, HowHeld, ITEM_MAX, TEXT_MAX};
use crate::domain::section::Section;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn BudgetPage() -> impl IntoView {
    let save = ServerAction::<SaveBudget>::new();
    let add = ServerAction::<AddBudgetItem>::new();
    let remove = ServerAction::<RemoveBudgetItem>::new();
    let sign = ServerAction::<SignOffBudget>::new();
    let (a, b, c, d) = (success_count(save), success_count(add), success_count(remove), success_count(sign));
    let plan = plan_resource(Signal::derive(move || a.get() + b.get() + c.get() + d.get()));
    let title = section_title(Section::Budget);
    view! {
        <Title text=title.clone() />
        <WithPlan plan title page=move |plan| view! { <BudgetView plan save add remove sign /> } />
    }
}

#[component]
fn BudgetView(
    plan: PlanView,
    save: ServerAction<SaveBudget>,
    add: ServerAction<AddBudgetItem>,
    remove: ServerAction<RemoveBudgetItem>,
    sign: ServerAction<SignOffBudget>,
) -> impl IntoView {
    let id = plan.plan_id;
    let budget = plan.content.budget.clone();
    let editable = plan.can_edit(Section::Budget);
    let may_sign = plan.may_sign_off_budget;
    let (save_error, add_error, remove_error, sign_error) =
        (action_error(save), action_error(add), action_error(remove), action_error(sign));
    // Read inside the forms' closures, which may run more than once.
    let terms = StoredValue::new(budget.terms.clone());
    let mut held_choices = vec![(String::new(), tr!("budget.held.not_decided"))];
    held_choices.extend(HowHeld::ALL.map(|h| (h.as_str().to_string(), held_label(Some(h)))));
    let held_choices = StoredValue::new(held_choices);
    let every_choices: Vec<(String, String)> =
        Frequency::ALL.into_iter().map(|f| (f.as_str().to_string(), frequency_label(f))).collect();
    let every_choices = StoredValue::new(every_choices);
    let items = budget.items.clone();
    let no_items = items.is_empty();
    view! {
        <BackToPlan plan=id />
        <h1>{section_title(Section::Budget)}</h1>
        <p class="lead">{tr!("budget.intro")}</p>
        <BudgetTotals budget=budget.clone() />
        <p class="tag" class:tag--done=matches!(budget.sign_off, crate::domain::budget::SignOff::SignedOff { .. })>
            {sign_off_label(&budget.sign_off)}
        </p>
        <h2 id="items-heading">{tr!("budget.items_title")}</h2>
        <ErrorSummary error=remove_error />
        <Show when=move || no_items>
            <p class="empty">{tr!("budget.no_items")}</p>
        </Show>
        <ul class="plain-list" aria-labelledby="items-heading">
            {items
                .into_iter()
                .map(|item| {
                    let line = item_line(&item);
                    let what = StoredValue::new(item.what.clone());
                    view! {
                        <li class="budget-item">
                            <p>{line}</p>
                            <Show when=move || editable>
                                <ActionForm action=remove>
                                    <RemoveButton plan=id id_name="item_id" id=item.id label=tr!("budget.remove_item") about=what.get_value() />
                                </ActionForm>
                            </Show>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <Show when=move || editable>
            <section aria-labelledby="add-item-heading">
                <h2 id="add-item-heading">{tr!("budget.add_item_title")}</h2>
                <ErrorSummary error=add_error />
                <ActionForm action=add>
                    <input type="hidden" name="plan_id" value=id />
                    <TextField name="what" label=tr!("budget.item_what") maxlength=ITEM_MAX required=true error=add_error />
                    <TextField
                        name="cost"
                        label=tr!("budget.item_cost")
                        hint=tr!("budget.item_cost_hint")
                        input_type="text"
                        maxlength=20
                        required=true
                        error=add_error
                    />
                    <SelectField
                        name="every"
                        label=tr!("budget.item_every")
                        choices=every_choices.get_value()
                        chosen="monthly".to_string()
                        error=add_error
                    />
                    <button type="submit" class="button" disabled=add.pending()>
                        {tr!("budget.add_item")}
                    </button>
                </ActionForm>
            </section>
            <section aria-labelledby="terms-heading">
                <h2 id="terms-heading">{tr!("budget.terms_title")}</h2>
                <ErrorSummary error=save_error />
                <ActionForm action=save>
                    <input type="hidden" name="plan_id" value=id />
                    <TextArea
                        name="needs"
                        label=tr!("budget.needs.label")
                        hint=tr!("budget.needs.hint")
                        value=terms.with_value(|t| t.needs.clone())
                        maxlength=TEXT_MAX
                        error=save_error
                    />
                    <TextField
                        name="allocation"
                        label=tr!("budget.allocation.label")
                        hint=tr!("budget.allocation.hint")
                        maxlength=20
                        value=terms.with_value(|t| t.allocation.map(|a| a.plain()).unwrap_or_default())
                        error=save_error
                    />
                    <SelectField
                        name="held"
                        label=tr!("budget.held.label")
                        choices=held_choices.get_value()
                        chosen=terms.with_value(|t| t.held.map(|h| h.as_str().to_string()).unwrap_or_default())
                        error=save_error
                    />
                    <TextArea
                        name="managed_by"
                        label=tr!("budget.managed_by.label")
                        hint=tr!("budget.managed_by.hint")
                        value=terms.with_value(|t| t.managed_by.clone())
                        maxlength=TEXT_MAX
                        error=save_error
                    />
                    <TextArea
                        name="review"
                        label=tr!("budget.review.label")
                        hint=tr!("budget.review.hint")
                        value=terms.with_value(|t| t.review.clone())
                        maxlength=TEXT_MAX
                        error=save_error
                    />
                    <button type="submit" class="button" disabled=save.pending()>
                        {tr!("plan.save")}
                    </button>
                </ActionForm>
            </section>
        </Show>
        <Show when=move || may_sign>
            <section aria-labelledby="sign-off-heading">
                <h2 id="sign-off-heading">{tr!("budget.sign_off_title")}</h2>
                <p>{tr!("budget.sign_off_hint")}</p>
                <ErrorSummary error=sign_error />
                <ActionForm action=sign>
                    <input type="hidden" name="plan_id" value=id />
                    <button type="submit" class="button" name="sign_off" disabled=sign.pending()>
                        {tr!("budget.record_sign_off")}
                    </button>
                </ActionForm>
            </section>
        </Show>
    }
}
