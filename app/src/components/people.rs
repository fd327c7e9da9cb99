//! Lists of people and the invite form that adds to them.

use crate::api::invites::{InviteCreated, NewPasswordLink, PasswordLink};
use crate::api::ratings::{QuestionnaireTotal, RatingFlags};
use crate::api::PersonSummary;
use crate::components::charts::{change_words, total_words};
use crate::components::common::form::{action_output, ErrorSummary, SubmitFor, TextField};
use crate::components::common::notice::SuccessNotice;
use crate::domain::account::{EMAIL_MAX, NAME_MAX};
use crate::domain::date::format_date;
use crate::domain::rating::change::Change;
use crate::domain::rating::dialog::format_score;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::i18n::{tr_key, use_locale};
use crate::tr;
use leptos::prelude::*;

pub fn role_label(role: Role) -> String {
    match role {
        Role::ServiceUser => tr!("role.service_user"),
        Role::Carer => tr!("role.carer"),
        Role::KeyWorker => tr!("role.key_worker"),
        Role::TeamAdmin => tr!("role.team_admin"),
    }
}

/// People as a list of cards; `link_plans` links each to their plan, and `relink` offers a new
/// set-password link for each service user (their plan's) and carer (the plan they care for).
#[component]
pub fn PersonList(
    people: Vec<PersonSummary>,
    #[prop(optional)] link_plans: bool,
    #[prop(optional)] relink: Option<ServerAction<NewPasswordLink>>,
    empty: String,
) -> impl IntoView {
    if people.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    view! {
        <ul class="card-list">
            {people
                .into_iter()
                .map(|p| {
                    let activated = p.activated;
                    let review_requested = p.review_requests > 0;
                    let overdue = p.overdue_actions;
                    let has_overdue = overdue > 0;
                    let name = match (link_plans, p.plan_id) {
                        (true, Some(plan)) => view! { <a href=format!("/plans/{plan}")>{p.name.clone()}</a> }.into_any(),
                        _ => view! { <span>{p.name.clone()}</span> }.into_any(),
                    };
                    view! {
                        <li class="card">
                            <h2 class="card__title">{name}</h2>
                            <p class="card__detail">{role_label(p.role)} " · " {p.detail.clone()}</p>
                            {p.rating.clone().map(|rating| view! { <RatingFlagsLine rating /> })}
                            {p
                                .questionnaires
                                .iter()
                                .cloned()
                                .map(|total| view! { <QuestionnaireLine total /> })
                                .collect_view()}
                            <Show when=move || review_requested>
                                <p class="tag tag--draft">{tr!("people.review_requested")}</p>
                            </Show>
                            <Show when=move || has_overdue>
                                <p class="tag tag--draft">{tr!("people.overdue_actions", count = overdue)}</p>
                            </Show>
                            <Show when=move || !activated>
                                <p class="tag">{tr!("people.invite_pending")}</p>
                            </Show>
                            {relink
                                .zip(p.plan_id)
                                .and_then(|(relink, plan)| {
                                    let carer = match p.role {
                                        Role::ServiceUser => None,
                                        Role::Carer => Some(p.account_id),
                                        Role::KeyWorker | Role::TeamAdmin => return None,
                                    };
                                    Some(
                                        view! {
                                            <NewLinkForm relink plan carer account=p.account_id name=p.name.clone() />
                                        },
                                    )
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// A caseload entry's last DIALOG rating: its scores, where the person wants more help, and
/// items that dropped two points or more since the rating before.
#[component]
fn RatingFlagsLine(rating: RatingFlags) -> impl IntoView {
    let name = |item: &str| tr_key(&format!("dialog.item.{item}"), None);
    let help: Vec<String> = rating.wants_help.iter().map(|i| name(i)).collect();
    let drops: Vec<String> = rating
        .drops
        .iter()
        .map(|d| {
            let (now, before) = (d.now.unwrap_or_default(), d.before.unwrap_or_default());
            tr!("people.drop", item = name(&d.item), before = before, now = now)
        })
        .collect();
    let score = |s: Option<f64>| s.map_or_else(|| tr!("chart.no_score"), |s| format_score(s, use_locale()));
    view! {
        <p class="card__detail">
            {tr!(
                "people.last_rating",
                date = format_date(rating.at, use_locale()),
                quality = score(rating.scores.quality_of_life),
                satisfaction = score(rating.scores.treatment_satisfaction)
            )}
        </p>
        {(!help.is_empty())
            .then(|| {
                view! {
                    <p class="flag flag--help">
                        <span class="flag__icon" aria-hidden="true">
                            "✋"
                        </span>
                        {tr!("people.wants_help", items = help.join(", "))}
                    </p>
                }
            })}
        {(!drops.is_empty())
            .then(|| {
                view! {
                    <p class="flag flag--drop">
                        <span class="flag__icon" aria-hidden="true">
                            "▼"
                        </span>
                        {tr!("people.dropped", items = drops.join(", "))}
                    </p>
                }
            })}
    }
}

/// A caseload entry's newest total of a questionnaire, with its change since the rating before.
#[component]
fn QuestionnaireLine(total: QuestionnaireTotal) -> impl IntoView {
    let date = format_date(total.at, use_locale());
    let shown = total_words(total.total, total.score.as_ref());
    let words = match total.previous {
        Some(before) => tr!(
            "people.questionnaire_change",
            date = date,
            total = shown,
            change = change_words(Change::between(total.total, Some(before)))
        ),
        None => tr!("people.questionnaire_total", date = date, total = shown),
    };
    let parts: Vec<String> = total
        .parts
        .into_iter()
        .map(|(name, sum)| tr!("people.questionnaire_part", name = name, sum = total_words(sum, None)))
        .collect();
    view! {
        <p class="card__detail">
            <span lang=total.lang.clone()>{total.title}</span>
            " · "
            {words}
        </p>
        {(!parts.is_empty())
            .then(|| {
                view! {
                    <p class="card__detail">
                        {tr!("people.questionnaire_parts")} " " <span lang=total.lang>{parts.join(", ")}</span>
                    </p>
                }
            })}
    }
}

/// Makes a new set-password link for account `account`, the owner of `plan` or (`carer`) one of
/// its carers, and shows it once made.
#[component]
fn NewLinkForm(
    relink: ServerAction<NewPasswordLink>,
    plan: i64,
    carer: Option<i64>,
    account: i64,
    name: String,
) -> impl IntoView {
    let made = action_output(relink);
    view! {
        <ActionForm action=relink>
            <input type="hidden" name="plan_id" value=plan />
            {carer.map(|carer| view! { <input type="hidden" name="carer_id" value=carer /> })}
            <SubmitFor label=tr!("people.new_link") about=name />
        </ActionForm>
        {move || {
            made.get()
                .filter(|made| made.account_id == account)
                .map(|made: PasswordLink| {
                    view! {
                        <SuccessNotice>
                            // Inside a person's card, under its heading.
                            <h3>{tr!("people.new_link_title", name = made.name)}</h3>
                            <LinkToPassOn body=tr!("people.new_link_body") link=made.link />
                        </SuccessNotice>
                    }
                })
        }}
    }
}

/// The link to pass on after inviting someone.
#[component]
pub fn InviteLink(invite: InviteCreated) -> impl IntoView {
    view! {
        <SuccessNotice>
            <h2>{tr!("invite.created_title", name = invite.name)}</h2>
            <LinkToPassOn body=tr!("invite.created_body") link=invite.link />
        </SuccessNotice>
    }
}

/// A one-time set-password link, shown once, with what to do with it.
#[component]
fn LinkToPassOn(body: String, link: String) -> impl IntoView {
    view! {
        <p>{body}</p>
        <label class="field__label">
            {tr!("invite.link_label")} <input class="field__input" readonly value=link />
        </label>
    }
}

/// What came of an invite form: the link to pass on, or what went wrong.
#[component]
pub fn InviteOutcome(
    created: Signal<Option<InviteCreated>>,
    error: Signal<Option<AppError>>,
    /// Id prefix of the form's fields.
    #[prop(optional)]
    form: &'static str,
) -> impl IntoView {
    view! {
        {move || created.get().map(|invite| view! { <InviteLink invite /> })}
        <ErrorSummary error form />
    }
}

/// The name and email of the person being invited.
#[component]
pub fn InviteeFields(
    error: Signal<Option<AppError>>,
    /// Id prefix, for pages with more than one invite form.
    #[prop(optional)]
    form: &'static str,
) -> impl IntoView {
    view! {
        <TextField name="name" form label=tr!("invite.name") maxlength=NAME_MAX required=true error />
        <TextField
            name="email"
            form
            label=tr!("invite.email")
            input_type="email"
            autocomplete="off"
            maxlength=EMAIL_MAX
            required=true
            error
        />
    }
}
