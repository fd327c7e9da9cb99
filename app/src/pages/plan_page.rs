//! The whole plan on one page: every section the viewer may read, where co-production stands,
//! and agreeing it. Also the print view: the page prints cleanly on paper.

use crate::api::fhir::FhirBundle;
use crate::api::plan::{AgreePlan, AgreementStatus, PlanView};
use crate::api::suggestions::{DecideSuggestion, SuggestChange};
use crate::components::common::form::{action_error, success_count, ErrorSummary};
use crate::components::common::notice::SuccessNotice;
use crate::components::plan::{
    action_detail, held_label, item_line, plan_resource, section_title, sign_off_label, stage_label, status_label,
    text_pairs, Answers, BudgetTotals, CrisisBody, GoalBody, WithPlan,
};
use crate::domain::about_me::FIELDS as ABOUT_ME_FIELDS;
use crate::domain::date::format_date;
use crate::domain::role::Role;
use crate::domain::section::Section;
use crate::domain::suggestion::TEXT_MAX as SUGGESTION_MAX;
use crate::i18n::use_locale;
use crate::tr;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn PlanPage() -> impl IntoView {
    let agree = ServerAction::<AgreePlan>::new();
    let suggest = ServerAction::<SuggestChange>::new();
    let decide = ServerAction::<DecideSuggestion>::new();
    let (a, s, d) = (success_count(agree), success_count(suggest), success_count(decide));
    let plan = plan_resource(Signal::derive(move || a.get() + s.get() + d.get()));
    let actions = PlanActions { agree, suggest, decide };
    view! {
        <Title text=tr!("plan.title") />
        <WithPlan plan title=tr!("plan.title") page=move |plan| view! { <Plan plan actions /> } />
    }
}

/// The forms of the plan page.
#[derive(Clone, Copy)]
struct PlanActions {
    agree: ServerAction<AgreePlan>,
    suggest: ServerAction<SuggestChange>,
    decide: ServerAction<DecideSuggestion>,
}

#[component]
fn Plan(plan: PlanView, actions: PlanActions) -> impl IntoView {
    let PlanActions { agree, suggest, decide } = actions;
    let suggest_error = action_error(suggest);
    let decide_error = action_error(decide);
    let suggested = move || suggest.value().with(|v| matches!(v, Some(Ok(_))));
    let heading = if plan.own { tr!("plan.title") } else { tr!("plan.title_of", name = plan.owner_name.clone()) };
    let id = plan.plan_id;
    let agreement = plan.agreement.clone();
    view! {
        <h1>{heading}</h1>
        <ErrorSummary error=suggest_error />
        <ErrorSummary error=decide_error />
        <Show when=suggested>
            <SuccessNotice>
                <p>{tr!("suggest.sent")}</p>
            </SuccessNotice>
        </Show>
        {agreement.map(|status| view! { <Agreement plan=id status agree /> })}
        {plan
            .may_read_ratings
            .then(|| {
                view! {
                    <p class="no-print">
                        <a href=format!("/plans/{id}/ratings")>{tr!("plan.ratings_link")}</a>
                    </p>
                }
            })}
        <p class="no-print hint">{tr!("plan.print_hint")}</p>
        <form class="no-print" method="post" action=FhirBundle::url()>
            <input type="hidden" name="plan_id" value=id />
            <p class="hint" id="fhir-hint">
                {tr!("plan.fhir_hint")}
            </p>
            <button type="submit" class="button button--secondary" aria-describedby="fhir-hint">
                {tr!("plan.fhir_download")}
            </button>
        </form>
        <PlanSections plan suggest decide />
    }
}

/// Every section the viewer may read, in plan order; also what a crisis card's link shows.
#[component]
pub fn PlanSections(
    plan: PlanView,
    suggest: ServerAction<SuggestChange>,
    decide: ServerAction<DecideSuggestion>,
) -> impl IntoView {
    plan.readable
        .clone()
        .into_iter()
        .map(|section| view! { <PlanSection plan=plan.clone() section suggest decide /> })
        .collect_view()
}

/// Where co-production stands, and the agree button.
#[component]
fn Agreement(plan: i64, status: AgreementStatus, agree: ServerAction<AgreePlan>) -> impl IntoView {
    let locale = use_locale();
    let error = action_error(agree);
    let summary = match (&status.latest, status.draft) {
        (Some(v), false) => tr!(
            "plan.agreed_version",
            number = v.number,
            worker = v.worker_name.clone(),
            date = crate::domain::date::format_date(v.worker_agreed_at.max(v.owner_agreed_at), locale)
        ),
        (Some(v), true) => tr!("plan.draft_since", number = v.number),
        (None, _) => tr!("plan.never_agreed"),
    };
    let agreed_by = status
        .agreed_by
        .iter()
        .map(|(name, role, at)| {
            let who = if *role == Role::ServiceUser { tr!("role.service_user") } else { tr!("role.key_worker") };
            let line = tr!(
                "plan.agreed_by",
                name = name.clone(),
                role = who,
                date = crate::domain::date::format_date(*at, locale)
            );
            view! { <li>{line}</li> }
        })
        .collect_view();
    let draft = status.draft;
    let may_agree = status.may_agree && draft && !status.viewer_agreed;
    let hash = StoredValue::new(status.content_hash.clone());
    view! {
        <section class="card agreement" aria-labelledby="agreement-heading">
            <h2 class="card__title" id="agreement-heading">
                {tr!("plan.agreement_title")}
            </h2>
            <p class="tag" class:tag--draft=draft>
                {summary}
            </p>
            <ul class="plain-list">{agreed_by}</ul>
            <Show when=move || may_agree>
                <ErrorSummary error />
                <ActionForm action=agree attr:class="no-print">
                    <input type="hidden" name="plan_id" value=plan />
                    <input type="hidden" name="content_hash" value=hash.get_value() />
                    <p class="hint">{tr!("plan.agree_hint")}</p>
                    <button type="submit" class="button" name="agree" disabled=agree.pending()>
                        {tr!("plan.agree")}
                    </button>
                </ActionForm>
            </Show>
            <p class="no-print">
                <a href=format!("/plans/{plan}/history")>{tr!("plan.what_changed")}</a>
            </p>
        </section>
    }
}

/// Open suggestions on one section, with accept and decline for its writer, and a form for the
/// other party to suggest a change.
#[component]
fn Suggestions(
    plan: PlanView,
    section: Section,
    suggest: ServerAction<SuggestChange>,
    decide: ServerAction<DecideSuggestion>,
) -> impl IntoView {
    let locale = use_locale();
    let id = plan.plan_id;
    let can_decide = plan.can_edit(section);
    let can_suggest = plan.suggestable.contains(&section);
    let open: Vec<_> = plan.suggestions.iter().filter(|s| s.section == section).cloned().collect();
    let has_open = !open.is_empty();
    view! {
        <Show when=move || has_open>
            <h3>{tr!("suggest.open_title")}</h3>
        </Show>
        <ul class="plain-list">
            {open
                .into_iter()
                .map(|s| {
                    let by = tr!("suggest.by", name = s.author.clone(), date = format_date(s.created_at, locale));
                    view! {
                        <li class="suggestion">
                            <p class="hint">{by}</p>
                            <p class="answer">{s.text.clone()}</p>
                            <Show when=move || can_decide>
                                <ActionForm action=decide attr:class="actions-row no-print">
                                    <input type="hidden" name="plan_id" value=id />
                                    <input type="hidden" name="suggestion_id" value=s.id />
                                    <button type="submit" class="button" name="decision" value="accepted">
                                        {tr!("suggest.accept")}
                                    </button>
                                    <button
                                        type="submit"
                                        class="button button--secondary"
                                        name="decision"
                                        value="declined"
                                    >
                                        {tr!("suggest.decline")}
                                    </button>
                                </ActionForm>
                            </Show>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <Show when=move || can_suggest>
            <details class="no-print suggest">
                <summary>{tr!("suggest.open_form")}</summary>
                <ActionForm action=suggest>
                    <input type="hidden" name="plan_id" value=id />
                    <input type="hidden" name="section" value=section.as_str() />
                    <div class="field">
                        <label class="field__label" for=format!("suggest-{}", section.as_str())>
                            {tr!("suggest.label")}
                        </label>
                        <textarea
                            class="field__textarea"
                            id=format!("suggest-{}", section.as_str())
                            name="text"
                            rows="3"
                            maxlength=SUGGESTION_MAX
                        ></textarea>
                    </div>
                    <button type="submit" class="button" disabled=suggest.pending()>
                        {tr!("suggest.send")}
                    </button>
                </ActionForm>
            </details>
        </Show>
    }
}

#[component]
fn PlanSection(
    plan: PlanView,
    section: Section,
    suggest: ServerAction<SuggestChange>,
    decide: ServerAction<DecideSuggestion>,
) -> impl IntoView {
    let id = plan.plan_id;
    let edit_href = if section == Section::AboutMe && plan.own {
        "/about-me".to_string()
    } else {
        format!("/plans/{id}/{}", section.edit_path())
    };
    // Actions and review have pages of their own for ticking off and asking, even for those
    // who do not write the section.
    let linked =
        !plan.through_card && (plan.can_edit(section) || matches!(section, Section::Actions | Section::Review));
    let link_label = if plan.can_edit(section) { tr!("plan.edit_section") } else { tr!("plan.open_section") };
    let heading_id = format!("section-{}", section.as_str());
    let labelled_by = heading_id.clone();
    let c = plan.content.clone();
    let body = match section {
        Section::AboutMe => {
            let pairs: Vec<(&'static str, String)> =
                ABOUT_ME_FIELDS.iter().copied().zip(c.about_me.answers().map(str::to_string)).collect();
            view! { <Answers prefix="about_me" pairs /> }.into_any()
        }
        Section::Goals if c.goals.is_empty() => view! { <p class="empty">{tr!("plan.section_empty")}</p> }.into_any(),
        Section::Goals => view! {
            <ul class="plain-list">
                {c
                    .goals
                    .into_iter()
                    .map(|g| {
                        view! {
                            <li class="goal">
                                <GoalBody goal=g.text />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        Section::Actions if plan.actions.is_empty() => {
            view! { <p class="empty">{tr!("plan.section_empty")}</p> }.into_any()
        }
        Section::Actions => view! {
            <ul class="plain-list">
                {plan
                    .actions
                    .clone()
                    .into_iter()
                    .map(|a| {
                        let detail = action_detail(&a.plan);
                        view! {
                            <li class="action">
                                <p>{a.plan.what}</p>
                                <p class="hint">{detail}</p>
                                <p class="tag">{status_label(a.status)}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        Section::Crisis => {
            let own = plan.own;
            view! {
                <CrisisBody crisis=c.crisis contacts=c.contacts lines=plan.crisis_lines.clone() />
                <Show when=move || own>
                    <p class="no-print">
                        <a href="/crisis-plan">{tr!("crisis_page.open")}</a>
                    </p>
                </Show>
            }
            .into_any()
        }
        Section::Formulation => {
            view! { <Answers prefix="formulation" pairs=text_pairs(section, &c.formulation) /> }.into_any()
        }
        Section::CareTreatment => {
            view! { <Answers prefix="care_treatment" pairs=text_pairs(section, &c.care_treatment) /> }.into_any()
        }
        Section::CareTeam => {
            let worker = plan.key_worker_name.clone().unwrap_or_else(|| tr!("plan.no_key_worker"));
            view! {
                <p>{tr!("care_team.key_worker", name = worker)}</p>
                <Answers prefix="care_team" pairs=text_pairs(section, &c.care_team) />
            }
            .into_any()
        }
        Section::Budget => view! {
            <BudgetTotals budget=c.budget.clone() />
            <p>{sign_off_label(&c.budget.sign_off)}</p>
            <ul class="plain-list">
                {c.budget.items.iter().map(|item| view! { <li>{item_line(item)}</li> }).collect_view()}
            </ul>
            <Answers
                prefix="budget"
                pairs=vec![
                    ("needs", c.budget.terms.needs.clone()),
                    ("managed_by", c.budget.terms.managed_by.clone()),
                    ("review", c.budget.terms.review.clone()),
                ]
            />
            <p>{format!("{}: {}", tr!("budget.held.label"), held_label(c.budget.terms.held))}</p>
        }
        .into_any(),
        Section::Review => {
            let locale = use_locale();
            let next = c.review.next_review.map(|d| d.format(locale)).unwrap_or_else(|| tr!("plan.not_set"));
            let requests = plan.review_requests.len();
            view! {
                <dl class="answers">
                    <dt>{tr!("review.stage.label")}</dt>
                    <dd>{stage_label(c.review.stage)}</dd>
                    <dt>{tr!("review.next_review.label")}</dt>
                    <dd>{next}</dd>
                </dl>
                <Show when=move || { requests > 0 }>
                    <p class="tag tag--draft">{tr!("review.requested", count = requests)}</p>
                </Show>
            }
            .into_any()
        }
    };
    view! {
        <section class="card plan-section" aria-labelledby=labelled_by>
            <h2 class="card__title" id=heading_id>
                {section_title(section)}
            </h2>
            {body}
            <Suggestions plan=plan.clone() section suggest decide />
            <Show when=move || linked>
                <p class="no-print">
                    <a href=edit_href
                        .clone()>
                        {link_label.clone()}
                        <span class="visually-hidden">{format!(": {}", section_title(section))}</span>
                    </a>
                </p>
            </Show>
        </section>
    }
}
