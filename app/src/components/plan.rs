//! Pieces shared by the plan's pages: loading the plan, and showing its parts in words.

use crate::api::plan::{get_plan, PlanView};
use crate::components::common::notice::ErrorNotice;
use crate::components::common::resource::{load, Loaded};
use crate::domain::action::{ActionPlan, ActionStatus, Assignee};
use crate::domain::budget::{Budget, BudgetItem, Frequency, HowHeld, SignOff};
use crate::domain::contact::{ContactEntry, CrisisContact, CrisisLine};
use crate::domain::date::format_date;
use crate::domain::goal::GoalText;
use crate::domain::plan::Shown;
use crate::domain::plan_text::{fields, SectionText};
use crate::domain::review::CareStage;
use crate::domain::section::Section;
use crate::domain::text::Words;
use crate::error::AppError;
use crate::i18n::{tr_key, use_locale};
use crate::tr;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The plan id in the address (`/plans/:plan_id/...`); `None` for the person's own `/plan`.
pub fn plan_id_param() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("plan_id").and_then(|id| id.parse::<i64>().ok()))
}

/// Loads the plan again whenever `version` changes (after each successful save).
pub fn plan_resource(version: Signal<u32>) -> Loaded<Result<PlanView, AppError>> {
    let plan_id = plan_id_param();
    load(move || (plan_id.get(), version.get()), |(id, _)| get_plan(id))
}

/// Shows `page` once the plan has loaded, or what went wrong.
#[component]
pub fn WithPlan<V, F>(plan: Loaded<Result<PlanView, AppError>>, title: String, page: F) -> impl IntoView
where
    F: Fn(PlanView) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=|| ()>
            {move || {
                let page = page.clone();
                let title = title.clone();
                Suspend::new(async move {
                    match plan.await {
                        Ok(plan) => page(plan).into_any(),
                        Err(error) => view! { <ErrorNotice title=title error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// "Back to the plan", at the top of each section's page.
#[component]
pub fn BackToPlan(plan: i64) -> impl IntoView {
    view! {
        <p>
            <a class="back-link" href=format!("/plans/{plan}")>
                {tr!("plan.back")}
            </a>
        </p>
    }
}

pub fn section_title(section: Section) -> String {
    tr_key(&section.title_key(), None)
}

pub fn status_label(status: ActionStatus) -> String {
    tr_key(&format!("action.status.{}", status.as_str()), None)
}

pub fn stage_label(stage: CareStage) -> String {
    tr_key(&format!("review.stage.{}", stage.as_str()), None)
}

pub fn assignee_label(who: &Assignee) -> String {
    match who {
        Assignee::Me => tr!("action.who.me"),
        Assignee::KeyWorker => tr!("action.who.key_worker"),
        Assignee::Carer { name, .. } | Assignee::Service { name } => name.clone(),
    }
}

/// "Who · by when" of an action.
pub fn action_detail(action: &ActionPlan) -> String {
    let locale = use_locale();
    match action.due {
        Some(due) => tr!("action.detail_due", who = assignee_label(&action.who), due = due.format(locale)),
        None => assignee_label(&action.who),
    }
}

/// A goal: its title, then its steps.
#[component]
pub fn GoalBody(goal: GoalText) -> impl IntoView {
    view! {
        <p class="goal__title">{goal.title}</p>
        <Show when={
            let has = !goal.steps.is_empty();
            move || has
        }>
            <ol class="steps">{goal.steps.clone().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
        </Show>
    }
}

/// A contact with call and text links.
#[component]
pub fn ContactBody(contact: CrisisContact) -> impl IntoView {
    let dial = contact.phone.dial();
    view! {
        <p class="contact__name">
            {contact.name}
            <Show when={
                let has = !contact.relationship.is_empty();
                move || has
            }>{format!(" ({})", contact.relationship)}</Show>
        </p>
        <p class="contact__links">
            <a class="button button--secondary" href=format!("tel:{dial}")>
                {tr!("crisis.call", number = contact.phone.shown(use_locale()))}
            </a>
            " "
            <a class="button button--secondary" href=format!("sms:{dial}")>
                {tr!("crisis.text")}
            </a>
        </p>
        <Show when={
            let has = !contact.available.is_empty();
            move || has
        }>
            <p class="hint">{tr!("crisis.available", when = contact.available.clone())}</p>
        </Show>
    }
}

/// A national crisis line with its call or text link.
#[component]
pub fn LineBody(line: CrisisLine) -> impl IntoView {
    let detail = match &line.detail {
        Words::Key(key) => tr_key(key, None),
        Words::Plain(text) => text.clone(),
    };
    let call = line.phone.map(|p| {
        view! {
            <a class="button button--secondary" href=format!("tel:{}", p.dial())>
                {tr!("crisis.call", number = p.shown(use_locale()))}
            </a>
        }
    });
    let text = line.text.map(|(number, word)| {
        view! {
            <a class="button button--secondary" href=format!("sms:{}?body={word}", number.dial())>
                {tr!("crisis.text_word", word = word.clone(), number = number.shown(use_locale()))}
            </a>
        }
    });
    view! {
        <p class="contact__name">{line.name}</p>
        <p>{detail}</p>
        <p class="contact__links">{call} {text}</p>
    }
}

/// One side of a change, in words.
#[component]
pub fn ShownBody(shown: Shown) -> impl IntoView {
    let locale = use_locale();
    match shown {
        Shown::Text(text) => view! { <p class="answer">{text}</p> }.into_any(),
        Shown::Goal(goal) => view! { <GoalBody goal /> }.into_any(),
        Shown::Action(action) => {
            let detail = action_detail(&action);
            view! {
                <p>{action.what}</p>
                <p class="hint">{detail}</p>
            }
            .into_any()
        }
        Shown::Contact(contact) => {
            view! { <p>{format!("{} ({}) {}", contact.name, contact.relationship, contact.phone.shown(use_locale()))}</p> }
                .into_any()
        }
        Shown::Stage(stage) => view! { <p>{stage_label(stage)}</p> }.into_any(),
        Shown::Day(day) => {
            view! { <p>{day.map(|d| d.format(locale)).unwrap_or_else(|| tr!("plan.not_set"))}</p> }.into_any()
        }
        Shown::Money(money) => {
            view! { <p>{money.map(|m| m.display(use_locale())).unwrap_or_else(|| tr!("plan.not_set"))}</p> }.into_any()
        }
        Shown::Held(held) => view! { <p>{held_label(held)}</p> }.into_any(),
        Shown::BudgetItem(item) => view! { <p>{item_line(&item)}</p> }.into_any(),
        Shown::SignOff(sign_off) => view! { <p>{sign_off_label(&sign_off)}</p> }.into_any(),
    }
}

pub fn frequency_label(every: Frequency) -> String {
    tr_key(&format!("budget.every.{}", every.as_str()), None)
}

pub fn held_label(held: Option<HowHeld>) -> String {
    match held {
        Some(h) => tr_key(&format!("budget.held.{}", h.as_str()), None),
        None => tr!("plan.not_set"),
    }
}

pub fn sign_off_label(sign_off: &SignOff) -> String {
    let locale = use_locale();
    match sign_off {
        SignOff::NotSignedOff => tr!("budget.not_signed_off"),
        SignOff::SignedOff { by, at } => tr!("budget.signed_off", name = by.clone(), date = format_date(*at, locale)),
    }
}

/// "Gym: £25 monthly (£300 a year)".
pub fn item_line(item: &BudgetItem) -> String {
    tr!(
        "budget.item_line",
        what = item.what.clone(),
        cost = item.cost.display(use_locale()),
        every = frequency_label(item.every),
        yearly = item.yearly().display(use_locale())
    )
}

/// The budget's totals, with a warning in words when the items cost more than the allocation.
#[component]
pub fn BudgetTotals(budget: Budget) -> impl IntoView {
    let total = budget.yearly_total().display(use_locale());
    let allocation = budget.terms.allocation.map(|a| a.display(use_locale())).unwrap_or_else(|| tr!("plan.not_set"));
    let over = budget.over_allocation();
    view! {
        <dl class="answers">
            <dt>{tr!("budget.allocation.label")}</dt>
            <dd>{allocation}</dd>
            <dt>{tr!("budget.total")}</dt>
            <dd>{total}</dd>
        </dl>
        {over
            .map(|over| {
                view! {
                    <div class="notice notice--warning">
                        <p>
                            <strong>{tr!("budget.warning")}</strong>
                            " "
                            {tr!("budget.over_by", amount = over.display(use_locale()))}
                        </p>
                    </div>
                }
            })}
    }
}

/// The inside of a form that removes one item of a plan's list: the ids it posts, and a button
/// whose hidden words say which item ("Remove: Gym") for screen readers.
#[component]
pub fn RemoveButton(plan: i64, id_name: &'static str, id: i64, label: String, about: String) -> impl IntoView {
    view! {
        <input type="hidden" name="plan_id" value=plan />
        <input type="hidden" name=id_name value=id />
        <button type="submit" class="button button--warning">
            {label}
            <span class="visually-hidden">{format!(": {about}")}</span>
        </button>
    }
}

/// Question-and-answer pairs of a written section; unanswered questions are left out.
#[component]
pub fn Answers(prefix: &'static str, pairs: Vec<(&'static str, String)>) -> impl IntoView {
    let answered: Vec<_> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    if answered.is_empty() {
        return view! { <p class="empty">{tr!("plan.section_empty")}</p> }.into_any();
    }
    view! {
        <dl class="answers">
            {answered
                .into_iter()
                .map(|(field, value)| {
                    view! {
                        <dt>{tr_key(&format!("{prefix}.{field}.label"), None)}</dt>
                        <dd>{value}</dd>
                    }
                })
                .collect_view()}
        </dl>
    }
    .into_any()
}

pub fn text_pairs(section: Section, text: &SectionText) -> Vec<(&'static str, String)> {
    fields(section).unwrap_or_default().iter().map(|f| (*f, text.get(f).to_string())).collect()
}

/// The crisis plan: the person's words, who to contact, and the national lines, every number
/// a link that calls or texts. `own_page`: under the page's h1 rather than a section's h2, so
/// its headings are one level up.
#[component]
pub fn CrisisBody(
    crisis: SectionText,
    contacts: Vec<ContactEntry>,
    lines: Vec<CrisisLine>,
    #[prop(optional)] own_page: bool,
) -> impl IntoView {
    let none = contacts.is_empty();
    let heading = move |text: String| {
        if own_page {
            view! { <h2>{text}</h2> }.into_any()
        } else {
            view! { <h3>{text}</h3> }.into_any()
        }
    };
    view! {
        <Answers prefix="crisis" pairs=text_pairs(Section::Crisis, &crisis) />
        {heading(tr!("crisis.contacts_title"))}
        <Show when=move || none>
            <p class="empty">{tr!("crisis.no_contacts")}</p>
        </Show>
        <ul class="plain-list">
            {contacts
                .into_iter()
                .map(|e| {
                    view! {
                        <li class="contact">
                            <ContactBody contact=e.contact />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {heading(tr!("crisis.lines_title"))}
        <ul class="plain-list">
            {lines
                .into_iter()
                .map(|line| {
                    view! {
                        <li class="contact">
                            <LineBody line />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
