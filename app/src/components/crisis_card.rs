//! The person's crisis cards on their sharing page: making one (its link and QR code shown
//! once), the cards in force with their openings, and stopping one.

use crate::api::crisis_card::{CrisisCardMade, MakeCrisisCard, StopCrisisCard};
use crate::components::common::form::{action_error, action_output, ErrorSummary, SelectField, TextField};
use crate::components::common::notice::SuccessNotice;
use crate::components::plan::{section_title, RemoveButton};
use crate::domain::crisis_card::{CrisisCard, DAYS, LABEL_MAX};
use crate::domain::date::{format_date, format_time};
use crate::domain::section::Section;
use crate::error::AppError;
use crate::i18n::tr_key;
use crate::i18n::use_locale;
use crate::tr;
use leptos::prelude::*;

/// "Opened 2 times: 23 November 2026 at 14:02, ..." or "Not opened yet".
fn openings_line(card: &CrisisCard) -> String {
    let locale = use_locale();
    if card.openings.is_empty() {
        return tr!("card.not_opened");
    }
    let when: Vec<String> = card
        .openings
        .iter()
        .map(|at| tr!("card.at", date = format_date(*at, locale), time = format_time(*at)))
        .collect();
    tr!("card.opened", count = card.openings.len(), when = when.join("; "))
}

/// "Shows: My crisis plan, My goals".
fn shows_line(card: &CrisisCard) -> String {
    let names: Vec<String> = card.sections.iter().map(|s| section_title(*s)).collect();
    tr!("card.shows", sections = names.join(", "))
}

/// Which sections the card's link shows: the crisis plan unless the person chooses more.
#[component]
fn SectionChoices(error: Signal<Option<AppError>>) -> impl IntoView {
    let message = move || {
        error
            .get()
            .and_then(|e| e.field_errors().iter().find(|f| f.field == "sections").map(|f| tr_key(&f.key, f.limit)))
    };
    view! {
        <fieldset class="field" id="card-sections" aria-describedby="card-sections-hint">
            <legend class="field__label">{tr!("card.sections")}</legend>
            <p class="hint" id="card-sections-hint">
                {tr!("card.sections_hint")}
            </p>
            {move || {
                message()
                    .map(|m| {
                        view! {
                            <p class="field__error">
                                <span class="visually-hidden">{tr!("error.prefix")}</span>
                                {m}
                            </p>
                        }
                    })
            }}
            <div class="choices">
                {Section::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(i, section)| {
                        view! {
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    name=format!("sections[{i}]")
                                    value=section.as_str()
                                    checked=section == Section::Crisis
                                />
                                <span>{section_title(section)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
pub fn CrisisCards(
    plan_id: i64,
    cards: Vec<CrisisCard>,
    now: i64,
    make: ServerAction<MakeCrisisCard>,
    stop: ServerAction<StopCrisisCard>,
) -> impl IntoView {
    let locale = use_locale();
    let make_error = action_error(make);
    let stop_error = action_error(stop);
    let made = action_output(make);
    let day_choices = StoredValue::new(
        DAYS.iter().map(|d| (d.to_string(), tr!("card.days", count = *d))).collect::<Vec<(String, String)>>(),
    );
    let (active, ended): (Vec<CrisisCard>, Vec<CrisisCard>) = cards.into_iter().partition(|c| c.active(now));
    view! {
        <section aria-labelledby="cards-heading">
            <h2 id="cards-heading">{tr!("card.title")}</h2>
            <p>{tr!("card.intro")}</p>
            {move || made.get().map(|made| view! { <MadeCard made /> })}
            <ErrorSummary error=stop_error />
            <ul class="card-list">
                {active
                    .into_iter()
                    .map(|card| {
                        let until = tr!("sharing.until", date = format_date(card.expires_at - 1, locale));
                        view! {
                            <li class="card">
                                <h3 class="card__title">{card.label.clone()}</h3>
                                <p>{until}</p>
                                <p>{shows_line(&card)}</p>
                                <p class="hint">{openings_line(&card)}</p>
                                <ActionForm action=stop>
                                    <RemoveButton
                                        plan=plan_id
                                        id_name="card_id"
                                        id=card.id
                                        label=tr!("card.stop")
                                        about=card.label.clone()
                                    />
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h3>{tr!("card.make_title")}</h3>
            <ErrorSummary error=make_error form="card-" />
            <ActionForm action=make>
                <input type="hidden" name="plan_id" value=plan_id />
                <TextField
                    name="label"
                    form="card-"
                    label=tr!("card.label")
                    hint=tr!("card.label_hint")
                    maxlength=LABEL_MAX
                    required=true
                    error=make_error
                />
                <SelectField
                    name="days"
                    form="card-"
                    label=tr!("card.how_long")
                    choices=day_choices.get_value()
                    chosen="7".to_string()
                    error=make_error
                />
                <SectionChoices error=make_error />
                <button type="submit" class="button" disabled=make.pending()>
                    {tr!("card.make")}
                </button>
            </ActionForm>
            {(!ended.is_empty())
                .then(|| {
                    view! {
                        <h3>{tr!("card.ended_title")}</h3>
                        <ul class="plain-list">
                            {ended
                                .iter()
                                .map(|card| {
                                    let line = tr!(
                                        "card.ended_line", label = card.label.clone(), date = format_date(card.created_at, locale)
                                    );
                                    view! { <li>{line} " " {openings_line(card)}</li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
    }
}

/// The card just made: its QR code and link, shown this once.
#[component]
fn MadeCard(made: CrisisCardMade) -> impl IntoView {
    let locale = use_locale();
    view! {
        <SuccessNotice>
            <h3>{tr!("card.made_title", label = made.label.clone())}</h3>
            <p>{tr!("card.made_body", date = format_date(made.expires_at - 1, locale))}</p>
            <div
                class="qr"
                role="img"
                aria-label=tr!("card.qr_alt", label = made.label.clone())
                inner_html=made.qr_svg
            ></div>
            <label class="field__label">
                {tr!("card.link_label")} <input class="field__input" readonly value=made.link />
            </label>
        </SuccessNotice>
    }
}
