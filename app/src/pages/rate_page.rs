//! Self-rating one measure: DIALOG, the wellbeing wheel, goal progress or a licensed
//! questionnaire the deployment offers.

use crate::api::ratings::{rating_form, Rate};
use crate::components::common::form::success_count;
use crate::components::common::notice::{ErrorNotice, SuccessNotice};
use crate::components::common::resource::load;
use crate::components::plan::plan_id_param;
use crate::components::rating::{measure_title, RatingSteps, Wording};
use crate::domain::rating::Measure;
use crate::error::AppError;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RatePage() -> impl IntoView {
    let plan_id = plan_id_param();
    let params = use_params_map();
    let measure = Memo::new(move |_| params.read().get("measure").and_then(|m| Measure::parse(&m)));
    let rate = ServerAction::<Rate>::new();
    let sent = success_count(rate);
    // Going from one measure to the next keeps this page: forget the last one's "saved".
    Effect::new(move |previous: Option<Option<Measure>>| {
        let now = measure.get();
        if previous.is_some_and(|p| p != now) {
            rate.value().set(None);
        }
        now
    });
    let form = load(
        move || (plan_id.get(), measure.get(), sent.get()),
        |(plan_id, measure, _)| async move {
            match (plan_id, measure) {
                (Some(plan_id), Some(measure)) => rating_form(plan_id, measure.as_str().to_string()).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    // leptos_meta renders the title into the served page after the page itself, and once in CI
    // did so after this page's values were disposed: `try_get` then gives the general title
    // where `get` panicked the request.
    let title =
        move || measure.try_get().flatten().map(|m| measure_title(&m)).unwrap_or_else(|| tr!("rating.title.any"));
    // A memo, so an error answer (the network dropped) does not redraw the questions and lose
    // the answers given.
    let saved = Memo::new(move |_| rate.value().with(|v| matches!(v, Some(Ok(_)))));
    view! {
        <Title text=title />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => {
                        let plan_id = form.plan_id;
                        let wording = Wording::of(&form);
                        let is_dialog = form.measure == Measure::Dialog;
                        view! {
                            <p>
                                <a class="back-link" href=format!("/plans/{plan_id}/ratings")>
                                    {tr!("rating.back_to_ratings")}
                                </a>
                            </p>
                            <h1 lang=wording.lang()>{wording.title()}</h1>
                            {move || match saved.get() {
                                true => view! { <Saved plan_id is_dialog /> }.into_any(),
                                false if form.questions.is_empty() => {
                                    view! {
                                        <p class="empty">{tr!("rating.no_goals")}</p>
                                        <p>
                                            <a href=format!("/plans/{plan_id}/goals")>{tr!("rating.add_goal")}</a>
                                        </p>
                                    }
                                        .into_any()
                                }
                                false => {
                                    view! {
                                        <p class="lead" lang=wording.lang()>
                                            {wording.intro()}
                                        </p>
                                        <RatingSteps form=form.clone() rate />
                                        {wording
                                            .notice()
                                            .map(|notice| {
                                                view! {
                                                    <p class="field__hint" lang=wording.lang()>
                                                        {notice}
                                                    </p>
                                                }
                                            })}
                                    }
                                        .into_any()
                                }
                            }}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice title=title() error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// After sending: what next.
#[component]
fn Saved(plan_id: i64, is_dialog: bool) -> impl IntoView {
    view! {
        <SuccessNotice>
            <h2>{tr!("rating.saved_title")}</h2>
            <p>{tr!("rating.saved_body")}</p>
        </SuccessNotice>
        <ul class="link-list">
            {is_dialog
                .then(|| {
                    view! {
                        <li>
                            <a href=format!("/plans/{plan_id}/rate/wheel")>{tr!("rating.next_wheel")}</a>
                        </li>
                        <li>
                            <a href=format!("/plans/{plan_id}/dialog-plus")>{tr!("dialog_plus.link")}</a>
                        </li>
                    }
                })} <li>
                <a href=format!("/plans/{plan_id}/ratings")>{tr!("rating.see_over_time")}</a>
            </li>
        </ul>
    }
}
