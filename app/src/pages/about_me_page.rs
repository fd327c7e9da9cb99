//! About Me: the person writes it; their care team reads it.

use crate::api::about_me::{get_about_me, AboutMeView, SaveAboutMe};
use crate::components::common::form::{action_error, ErrorSummary, TextArea};
use crate::components::common::notice::{ErrorNotice, SuccessNotice};
use crate::components::common::resource::load;
use crate::domain::about_me::{ANSWER_MAX, FIELDS};
use crate::domain::date::format_date;
use crate::i18n::{tr_key, use_locale};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn label(field: &str) -> String {
    tr_key(&format!("about_me.{field}.label"), None)
}

fn hint(field: &str) -> String {
    tr_key(&format!("about_me.{field}.hint"), None)
}

#[component]
pub fn AboutMePage() -> impl IntoView {
    let params = use_params_map();
    // No id in the address means "my own plan".
    let plan_id = move || params.read().get("plan_id").and_then(|id| id.parse::<i64>().ok());
    let view_data = load(plan_id, get_about_me);
    view! {
        <Title text=tr!("about_me.title") />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(data) if data.own => view! { <AboutMeForm data /> }.into_any(),
                    Ok(data) => view! { <AboutMeRead data /> }.into_any(),
                    Err(e) => view! { <ErrorNotice title=tr!("about_me.title") error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn LastSaved(at: i64) -> impl IntoView {
    let locale = use_locale();
    view! { <p class="hint">{tr!("about_me.last_saved", date = format_date(at, locale))}</p> }
}

#[component]
fn AboutMeForm(data: AboutMeView) -> impl IntoView {
    let save = ServerAction::<SaveAboutMe>::new();
    let error = action_error(save);
    let saved = move || save.value().with(|v| matches!(v, Some(Ok(_))));
    let answers: Vec<(&'static str, String)> =
        FIELDS.iter().copied().zip(data.about.answers().map(str::to_string)).collect();
    view! {
        <h1>{tr!("about_me.title")}</h1>
        <p class="lead">{tr!("about_me.intro")}</p>
        <LastSaved at=data.updated_at />
        <ErrorSummary error />
        <Show when=saved>
            <SuccessNotice>
                <p>{tr!("about_me.saved")}</p>
            </SuccessNotice>
        </Show>
        <ActionForm action=save>
            {answers
                .into_iter()
                .map(|(field, value)| {
                    view! {
                        <TextArea name=field label=label(field) hint=hint(field) value maxlength=ANSWER_MAX error />
                    }
                })
                .collect_view()} <button type="submit" class="button" disabled=save.pending()>
                {tr!("about_me.save")}
            </button>
        </ActionForm>
    }
}

#[component]
fn AboutMeRead(data: AboutMeView) -> impl IntoView {
    let answers: Vec<(&'static str, String)> =
        FIELDS.iter().copied().zip(data.about.answers().map(str::to_string)).collect();
    view! {
        <h1>{tr!("about_me.title_of", name = data.owner_name.clone())}</h1>
        <LastSaved at=data.updated_at />
        <dl class="answers">
            {answers
                .into_iter()
                .map(|(field, value)| {
                    let empty = value.is_empty();
                    view! {
                        <dt>{label(field)}</dt>
                        <dd class:empty=empty>{if empty { tr!("about_me.not_filled") } else { value }}</dd>
                    }
                })
                .collect_view()}
        </dl>
    }
}
