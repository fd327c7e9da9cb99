//! Self-rating one question at a time: large choices, back and next, "3 of 11", then a review
//! of every answer before sending. Without JavaScript the same form shows every question at
//! once and sends as it is.

use crate::api::ratings::{rating_history, Rate, RatingQuestions, RatingsOverTime};
use crate::components::common::form::{action_error, ErrorSummary};
use crate::components::common::resource::{load, Loaded};
use crate::components::plan::plan_id_param;
use crate::domain::rating::instrument::Instrument;
use crate::domain::rating::{Measure, Question, NOT_APPLICABLE};
use crate::domain::text::Words;
use crate::error::AppError;
use crate::i18n::tr_key;
use crate::tr;
use leptos::prelude::*;

/// The name of what a question rates: "Mental health", "Money and finance", a goal's title.
pub fn item_name(label: &Words) -> String {
    match label {
        Words::Key(key) => tr_key(key, None),
        Words::Plain(text) => text.clone(),
    }
}

/// "DIALOG", "Wellbeing wheel", "Progress on my goals"; a licensed questionnaire's title is in
/// its own words ([`Wording::title`]), so here it is the general "Rate".
pub fn measure_title(measure: &Measure) -> String {
    match measure {
        Measure::Licensed(_) => tr!("rating.title.any"),
        built_in => tr_key(&format!("rating.title.{}", built_in.as_str()), None),
    }
}

/// What a choice says: "5 – fairly satisfied" for DIALOG, the number on the other built-in scales.
pub fn answer_label(measure: &Measure, value: Option<u8>) -> String {
    match (measure, value) {
        (_, None) => tr!("dialog.not_applicable"),
        (Measure::Dialog, Some(v)) => format!("{v} – {}", tr_key(&format!("dialog.scale.{v}"), None)),
        (_, Some(v)) => v.to_string(),
    }
}

/// What a rating form says around its questions and choices: a built-in measure's words are in
/// the locale files, a licensed questionnaire's are the deployment's.
#[derive(Clone)]
pub struct Wording {
    measure: Measure,
    instrument: Option<Instrument>,
}

impl Wording {
    pub fn of(form: &RatingQuestions) -> Self {
        Self { measure: form.measure.clone(), instrument: form.instrument.clone() }
    }

    pub fn title(&self) -> String {
        self.instrument.as_ref().map_or_else(|| measure_title(&self.measure), |i| i.title.clone())
    }

    pub fn intro(&self) -> String {
        match &self.instrument {
            Some(instrument) => instrument.instructions.clone(),
            None => tr_key(&format!("rating.intro.{}", self.measure.as_str()), None),
        }
    }

    /// The language of a licensed questionnaire's words, where the page may be in another.
    pub fn lang(&self) -> Option<String> {
        self.instrument.as_ref().map(|i| i.language.clone())
    }

    /// What the licence asks to be shown with the questions.
    pub fn notice(&self) -> Option<String> {
        self.instrument.as_ref().map(|i| i.notice.clone())
    }

    fn question(&self, question: &Question) -> String {
        let name = item_name(&question.label);
        match self.measure {
            Measure::Dialog => tr_key(&format!("dialog.question.{}", question.item), None),
            Measure::Wheel => tr!("wheel.question", area = name),
            Measure::Goals => tr!("goal_progress.question", goal = name),
            Measure::Licensed(_) => name,
        }
    }

    fn answer(&self, value: Option<u8>) -> String {
        match (&self.instrument, value) {
            (Some(instrument), Some(v)) => instrument.choice(v).to_string(),
            _ => answer_label(&self.measure, value),
        }
    }

    fn scale_hint(&self) -> Option<String> {
        match self.measure {
            Measure::Dialog | Measure::Licensed(_) => None,
            Measure::Wheel => Some(tr!("wheel.scale_hint")),
            Measure::Goals => Some(tr!("goal_progress.scale_hint")),
        }
    }

    /// Choices in words, one to a line, rather than a row of numbers.
    fn worded_choices(&self) -> bool {
        matches!(self.measure, Measure::Dialog | Measure::Licensed(_))
    }
}

/// Moves focus to the element `id` (the question or the review now shown), so a screen reader
/// reads it out and the keyboard carries on from there.
fn focus(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

#[component]
pub fn RatingSteps(form: RatingQuestions, rate: ServerAction<Rate>) -> impl IntoView {
    let wording = StoredValue::new(Wording::of(&form));
    let lang = wording.with_value(Wording::lang);
    let measure = form.measure.as_str().to_string();
    let total = form.questions.len();
    let questions = StoredValue::new(form.questions.clone());
    let chosen = RwSignal::new(vec![None::<String>; total]);
    let help = RwSignal::new(vec![false; total]);
    let step = RwSignal::new(0usize);
    // One question at a time needs JavaScript; until the page is interactive all are shown.
    let stepping = RwSignal::new(false);
    Effect::new(move |_| stepping.set(true));
    // A form the phone kept for offline use carries the same key each time it opens, so a second
    // rating made offline would be taken for a resend of the first: each opened form makes its
    // own key (a double tap still sends one key twice).
    let request_key = RwSignal::new(form.request_key.clone());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Ok(crypto) = window().crypto() {
            request_key.set(crypto.random_uuid());
        }
    });
    let unanswered = RwSignal::new(false);
    let error = action_error(rate);
    // The server named answers to fix: show every question, so the summary's links reach them.
    Effect::new(move |_| {
        if error.with(|e| e.as_ref().is_some_and(|e| !e.field_errors().is_empty())) {
            stepping.set(false);
        }
    });
    let last = StoredValue::new(form.last.clone());
    let go = move |to: usize| {
        unanswered.set(false);
        step.set(to);
        let id = questions.with_value(|q| q.get(to).map_or_else(|| "rating-review".to_string(), |q| q.item.clone()));
        request_animation_frame(move || focus(&id));
    };
    let next = move |i: usize| {
        if chosen.with(|c| c[i].is_none()) {
            unanswered.set(true);
        } else {
            go(i + 1);
        }
    };
    let fieldsets = form
        .questions
        .iter()
        .enumerate()
        .map(move |(i, q)| {
            let item = q.item.clone();
            let scale_choices = q.scale.values().map(Some);
            let choices: Vec<Option<u8>> = scale_choices.chain(q.not_applicable.then_some(None)).collect();
            let before = last.with_value(|l| l.as_ref().and_then(|r| r.answer(&q.item).map(|a| a.score)));
            let error_id = format!("{item}-unanswered");
            let message_id = error_id.clone();
            view! {
                <fieldset
                    class="question"
                    id=item.clone()
                    tabindex="-1"
                    hidden=move || stepping.get() && step.get() != i
                    aria-describedby=move || (unanswered.get() && step.get() == i).then(|| error_id.clone())
                >
                    <legend class="question__legend">
                        <span class="question__count">{tr!("rating.count", n = i + 1, total = total)}</span>
                        <span class="question__text" lang=lang.clone()>
                            {wording.with_value(|w| w.question(q))}
                        </span>
                    </legend>
                    {wording.with_value(Wording::scale_hint).map(|h| view! { <p class="field__hint">{h}</p> })}
                    {before
                        .map(|b| {
                            view! {
                                <p class="field__hint">
                                    {tr!("rating.last_time", answer = wording.with_value(|w| w.answer(b)))}
                                </p>
                            }
                        })}
                    <Show when=move || unanswered.get() && step.get() == i>
                        <p class="field__error" id=message_id.clone()>
                            {tr!("rating.error.missing")}
                        </p>
                    </Show>
                    <div class=if wording.with_value(Wording::worded_choices) {
                        "choices"
                    } else {
                        "choices choices--numbers"
                    }>
                        {choices
                            .into_iter()
                            .map(|value| {
                                let raw = value.map_or_else(|| NOT_APPLICABLE.to_string(), |v| v.to_string());
                                let picked = raw.clone();
                                view! {
                                    <label class="choice">
                                        <input
                                            type="radio"
                                            name=format!("answers[{i}][score]")
                                            value=raw
                                            on:change=move |_| {
                                                let picked = picked.clone();
                                                chosen.update(|c| c[i] = Some(picked));
                                                unanswered.set(false);
                                            }
                                        />
                                        <span lang=lang.clone()>{wording.with_value(|w| w.answer(value))}</span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                    <input type="hidden" name=format!("answers[{i}][item]") value=item.clone() />
                    {q
                        .more_help
                        .then(|| {
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        name=format!("answers[{i}][help]")
                                        value="yes"
                                        on:change=move |ev| help.update(|h| h[i] = event_target_checked(&ev))
                                    />
                                    <span>{tr!("dialog.more_help")}</span>
                                </label>
                            }
                        })}
                    <Show when=move || stepping.get()>
                        <div class="stepper">
                            <Show when=move || { i > 0 }>
                                <button type="button" class="button button--secondary" on:click=move |_| go(i - 1)>
                                    {tr!("rating.back")}
                                </button>
                            </Show>
                            <button type="button" class="button" on:click=move |_| next(i)>
                                {tr!("rating.next")}
                            </button>
                        </div>
                    </Show>
                </fieldset>
            }
        })
        .collect_view();
    let summary = move || {
        let lang = wording.with_value(Wording::lang);
        questions.with_value(|qs| {
            qs.iter()
                .enumerate()
                .map(|(i, q)| {
                    let name = item_name(&q.label);
                    let answer = move || {
                        chosen.with(|c| c[i].clone()).map_or_else(
                            || tr!("rating.not_answered"),
                            |raw| wording.with_value(|w| w.answer(raw.parse().ok())),
                        )
                    };
                    view! {
                        <div class="summary__row">
                            <dt lang=lang.clone()>{name.clone()}</dt>
                            <dd>
                                {answer}
                                {move || {
                                    let wants_help = help.with(|h| h[i]);
                                    wants_help.then(|| view! { <span class="tag">{tr!("rating.wants_help")}</span> })
                                }}
                            </dd>
                            <dd>
                                <button type="button" class="link-button" on:click=move |_| go(i)>
                                    {tr!("rating.change")}
                                    <span class="visually-hidden">{format!(": {name}")}</span>
                                </button>
                            </dd>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <ErrorSummary error />
        <ActionForm action=rate attr:class="rating">
            <input type="hidden" name="plan_id" value=form.plan_id />
            <input type="hidden" name="measure" value=measure />
            <input type="hidden" name="request_key" value=move || request_key.get() />
            {fieldsets}
            <Show when=move || stepping.get() && step.get() == total>
                <section class="review" aria-labelledby="rating-review">
                    <h2 id="rating-review" tabindex="-1">
                        {tr!("rating.review_title")}
                    </h2>
                    <dl class="summary">{summary}</dl>
                </section>
            </Show>
            <div class="stepper" hidden=move || stepping.get() && step.get() != total>
                <Show when=move || { stepping.get() && total > 0 }>
                    <button type="button" class="button button--secondary" on:click=move |_| go(total - 1)>
                        {tr!("rating.back")}
                    </button>
                </Show>
                <button type="submit" class="button" disabled=move || rate.pending().get()>
                    {tr!("rating.send")}
                </button>
            </div>
        </ActionForm>
    }
}

/// The plan's ratings over time, for the plan in the address.
pub fn ratings_resource() -> Loaded<Result<RatingsOverTime, AppError>> {
    let plan_id = plan_id_param();
    load(
        move || plan_id.get(),
        |id| async move {
            match id {
                Some(id) => rating_history(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}
