//! Review: the stage of care and the next review (the key worker sets them), and asking for a
//! review at any time (the person).

use crate::api::plan::PlanView;
use crate::api::sections::{RequestReview, SaveReview};
use crate::components::common::form::{action_error, success_count, ErrorSummary, TextArea, TextField};
use crate::components::common::notice::SuccessNotice;
use crate::components::plan::{plan_resource, section_title, stage_label, BackToPlan, WithPlan};
use crate::domain::date::format_date;
use crate::domain::review::{CareStage, TOPICS_MAX};
use crate::domain::section::Section;
use crate::i18n::use_locale;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let save = ServerAction::<SaveReview>::new();
    let request = ServerAction::<RequestReview>::new();
    let (s, r) = (success_count(save), success_count(request));
    let plan = plan_resource(Signal::derive(move || s.get() + r.get()));
    let title = section_title(Section::Review);
    view! {
        <Title text=title.clone() />
        <WithPlan plan title page=move |plan| view! { <Review plan save request /> } />
    }
}

#[component]
fn Review(plan: PlanView, save: ServerAction<SaveReview>, request: ServerAction<RequestReview>) -> impl IntoView {
    let locale = use_locale();
    let id = plan.plan_id;
    let review = plan.content.review.clone();
    let next = review.next_review.map(|d| d.format(locale)).unwrap_or_else(|| tr!("plan.not_set"));
    let save_error = action_error(save);
    let request_error = action_error(request);
    let requested = move || request.value().with(|v| matches!(v, Some(Ok(_))));
    let editable = plan.can_edit(Section::Review);
    let may_request = plan.may_request_review;
    let requests = plan.review_requests.clone();
    let has_requests = !requests.is_empty();
    view! {
        <BackToPlan plan=id />
        <h1>{section_title(Section::Review)}</h1>
        <dl class="answers">
            <dt>{tr!("review.stage.label")}</dt>
            <dd>{stage_label(review.stage)}</dd>
            <dt>{tr!("review.next_review.label")}</dt>
            <dd>{next}</dd>
        </dl>
        <Show when=move || has_requests>
            <h2>{tr!("review.open_requests")}</h2>
            <ul class="card-list">
                {requests
                    .clone()
                    .into_iter()
                    .map(|r| {
                        let topics = if r.topics.is_empty() { tr!("review.no_topics") } else { r.topics.clone() };
                        view! {
                            <li class="card">
                                <p class="hint">
                                    {tr!("review.requested_on", date = format_date(r.requested_at, locale))}
                                </p>
                                <p class="answer">{topics}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </Show>
        <Show when=move || editable>
            <section aria-labelledby="set-review-heading">
                <h2 id="set-review-heading">{tr!("review.set_title")}</h2>
                <ErrorSummary error=save_error />
                <ActionForm action=save>
                    <input type="hidden" name="plan_id" value=id />
                    <fieldset class="fieldset">
                        <legend class="field__label">{tr!("review.stage.label")}</legend>
                        {CareStage::ALL
                            .into_iter()
                            .map(|stage| {
                                let input_id = format!("stage-{}", stage.as_str());
                                let current = stage == review.stage;
                                view! {
                                    <div class="radio">
                                        <input
                                            type="radio"
                                            id=input_id.clone()
                                            name="stage"
                                            value=stage.as_str()
                                            checked=current
                                        />
                                        <label for=input_id>{stage_label(stage)}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <TextField
                        name="next_review"
                        label=tr!("review.next_review.label")
                        hint=tr!("review.next_review.hint")
                        input_type="date"
                        value=review.next_review.map(|d| d.iso()).unwrap_or_default()
                        error=save_error
                    />
                    <button type="submit" class="button" disabled=save.pending()>
                        {tr!("plan.save")}
                    </button>
                </ActionForm>
            </section>
        </Show>
        <Show when=move || may_request>
            <section aria-labelledby="request-review-heading">
                <h2 id="request-review-heading">{tr!("review.request_title")}</h2>
                <p>{tr!("review.request_intro")}</p>
                <ErrorSummary error=request_error />
                <Show when=requested>
                    <SuccessNotice>
                        <p>{tr!("review.request_sent")}</p>
                    </SuccessNotice>
                </Show>
                <ActionForm action=request>
                    <input type="hidden" name="plan_id" value=id />
                    <TextArea
                        name="topics"
                        label=tr!("review.topics_label")
                        hint=tr!("review.topics_hint")
                        value=String::new()
                        maxlength=TOPICS_MAX
                        error=request_error
                    />
                    <button type="submit" class="button" disabled=request.pending()>
                        {tr!("review.request")}
                    </button>
                </ActionForm>
            </section>
        </Show>
    }
}
