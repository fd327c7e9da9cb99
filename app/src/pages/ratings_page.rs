//! Ratings over time as pictures: DIALOG item by item against last time and its two scores
//! as trend lines, the wellbeing wheel now over the one before and through time, each goal's
//! progress, and each licensed questionnaire's total. Every picture has its numbers in a table too.

use crate::api::ratings::{DialogEntry, GoalTrend, InstrumentHistory, RatingsOverTime};
use crate::components::charts::{change_words, total_words, ItemDots, RatingLine, Trend, TrendChart, Wheel};
use crate::components::common::notice::ErrorNotice;
use crate::components::plan::BackToPlan;
use crate::components::rating::{answer_label, item_name, measure_title, ratings_resource};
use crate::domain::date::format_date;
use crate::domain::rating::change::{changes, Change};
use crate::domain::rating::dialog::{self, format_score, ITEMS};
use crate::domain::rating::{wheel, Measure, Rating, GOAL_SCALE};
use crate::i18n::{tr_key, use_locale};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// The wheel pictures shown "through time": the latest few, newest first.
const WHEELS_THROUGH_TIME: usize = 4;

#[component]
pub fn RatingsPage() -> impl IntoView {
    let history = ratings_resource();
    view! {
        <Title text=tr!("ratings.title") />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match history.await {
                    Ok(history) => view! { <Ratings history /> }.into_any(),
                    Err(error) => view! { <ErrorNotice title=tr!("ratings.title") error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Ratings(history: RatingsOverTime) -> impl IntoView {
    let id = history.plan_id;
    let heading = if history.may_rate {
        tr!("ratings.title")
    } else {
        tr!("ratings.title_of", name = history.owner_name.clone())
    };
    let built_in = Measure::BUILT_IN.map(|m| (m.as_str().to_string(), measure_title(&m)));
    let licensed = history.instruments.iter().map(|h| (h.instrument.id.clone(), h.instrument.title.clone()));
    let rate_links: Vec<(String, String)> = built_in.into_iter().chain(licensed).collect();
    view! {
        <BackToPlan plan=id />
        <h1>{heading}</h1>
        {history
            .may_rate
            .then(|| {
                view! {
                    <ul class="link-list link-list--buttons">
                        {rate_links
                            .into_iter()
                            .map(|(name, title)| {
                                view! {
                                    <li>
                                        <a class="button" href=format!("/plans/{id}/rate/{name}")>
                                            {tr!("ratings.rate", what = title)}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()} <li>
                            <a class="button button--secondary" href=format!("/plans/{id}/dialog-plus")>
                                {tr!("dialog_plus.link")}
                            </a>
                        </li>
                    </ul>
                }
            })}
        <MeasureSection name="dialog" title=measure_title(&Measure::Dialog)>
            <DialogPictures entries=history.dialog />
        </MeasureSection>
        <MeasureSection name="wheel" title=measure_title(&Measure::Wheel)>
            <WheelPictures ratings=history.wheel areas=history.wheel_areas />
        </MeasureSection>
        <MeasureSection name="goals" title=measure_title(&Measure::Goals)>
            <GoalPictures goals=history.goals />
        </MeasureSection>
        {history
            .instruments
            .into_iter()
            .map(|history| {
                view! {
                    <MeasureSection
                        name=history.instrument.id.clone()
                        title=history.instrument.title.clone()
                        lang=history.instrument.language.clone()
                    >
                        <InstrumentPictures history />
                    </MeasureSection>
                }
            })
            .collect_view()}
    }
}

/// One measure's part of the page, under its heading.
#[component]
fn MeasureSection(
    #[prop(into)] name: String,
    title: String,
    /// The language of the title, where it is a licensed questionnaire's own.
    #[prop(optional, into)]
    lang: Option<String>,
    children: Children,
) -> impl IntoView {
    let heading = format!("{name}-heading");
    let labelled_by = heading.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading lang=lang>
                {title}
            </h2>
            {children()}
        </section>
    }
}

fn none_yet() -> impl IntoView {
    view! { <p class="empty">{tr!("ratings.none_yet")}</p> }
}

fn when(at: i64) -> String {
    format_date(at, use_locale())
}

fn dialog_name(item: &str) -> String {
    tr_key(&format!("dialog.item.{item}"), None)
}

/// A table the picture's numbers are in, folded away under "Show as a table". A screen reader
/// hears which table too: a page has several, and a list of its controls would otherwise give
/// the same words for each. A table wider than the screen scrolls sideways in its box, which
/// takes the keyboard's focus so that it can be scrolled without a pointer.
#[component]
fn NumbersTable(caption: String, head: Vec<String>, rows: Vec<Vec<String>>) -> impl IntoView {
    view! {
        <details class="chart__table">
            <summary>{tr!("chart.show_table")} <span class="visually-hidden">{format!(": {caption}")}</span></summary>
            <div class="table-scroll" tabindex="0">
                <table>
                    <caption>{caption}</caption>
                    <thead>
                        <tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|row| {
                                let mut cells = row.into_iter();
                                let first = cells.next().unwrap_or_default();
                                view! {
                                    <tr>
                                        <th scope="row">{first}</th>
                                        {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| tr!("chart.no_score"), |s| format_score(s, use_locale()))
}

#[component]
fn DialogPictures(entries: Vec<DialogEntry>) -> impl IntoView {
    let Some(latest) = entries.last().cloned() else {
        return none_yet().into_any();
    };
    let previous = entries.len().checked_sub(2).map(|i| entries[i].clone());
    let rows = changes(&latest.rating, previous.as_ref().map(|p| &p.rating));
    let compared = match &previous {
        Some(p) => tr!("ratings.dialog_compared", now = when(latest.rating.at), before = when(p.rating.at)),
        None => tr!("ratings.dialog_first", now = when(latest.rating.at)),
    };
    let items = rows
        .into_iter()
        .map(|c| {
            let help = latest.rating.answer(&c.item).is_some_and(|a| a.more_help);
            let words = match (c.now, c.before, c.change) {
                (_, _, Change::NoComparison) => answer_label(&Measure::Dialog, c.now),
                (_, before, change) => tr!(
                    "ratings.item_change",
                    now = answer_label(&Measure::Dialog, c.now),
                    before = answer_label(&Measure::Dialog, before),
                    change = change_words(change)
                ),
            };
            view! {
                <li class="item-change">
                    <span class="item-change__name">{dialog_name(&c.item)}</span>
                    <ItemDots now=c.now before=c.before scale=dialog::SCALE />
                    <span class="item-change__words">{words}</span>
                    {help.then(|| view! { <span class="tag">{tr!("rating.wants_help")}</span> })}
                </li>
            }
        })
        .collect_view();
    let dates: Vec<String> = entries.iter().map(|e| when(e.rating.at)).collect();
    let trends = vec![
        Trend {
            name: tr!("dialog.quality_of_life"),
            values: entries.iter().map(|e| e.scores.quality_of_life).collect(),
        },
        Trend {
            name: tr!("dialog.treatment_satisfaction"),
            values: entries.iter().map(|e| e.scores.treatment_satisfaction).collect(),
        },
    ];
    let score_rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![when(e.rating.at), score_text(e.scores.quality_of_life), score_text(e.scores.treatment_satisfaction)]
        })
        .collect();
    let item_head: Vec<String> = std::iter::once(tr!("ratings.item")).chain(dates.iter().cloned()).collect();
    let item_rows: Vec<Vec<String>> = ITEMS
        .iter()
        .map(|item| {
            std::iter::once(dialog_name(item))
                .chain(entries.iter().map(|e| {
                    e.rating.answer(item).map_or_else(String::new, |a| answer_label(&Measure::Dialog, a.score))
                }))
                .collect()
        })
        .collect();
    view! {
        <p>{compared}</p>
        <p class="field__hint">{tr!("ratings.dots_key")}</p>
        <ul class="item-changes">{items}</ul>
        <NumbersTable caption=tr!("ratings.dialog_table") head=item_head rows=item_rows />
        <h3>{tr!("ratings.scores_title")}</h3>
        <p>
            {tr!(
                "ratings.scores_now",
                    quality = score_text(latest.scores.quality_of_life),
                    satisfaction = score_text(latest.scores.treatment_satisfaction)
            )}
        </p>
        <TrendChart series=trends dates=dates scale=dialog::SCALE />
        <NumbersTable
            caption=tr!("ratings.scores_title")
            head=vec![tr!("ratings.date"), tr!("dialog.quality_of_life"), tr!("dialog.treatment_satisfaction")]
            rows=score_rows
        />
    }
    .into_any()
}

fn wheel_line(name: String, rating: &Rating, areas: &[wheel::WheelArea]) -> RatingLine {
    RatingLine { name, scores: areas.iter().map(|a| rating.score(&a.item)).collect() }
}

#[component]
fn WheelPictures(ratings: Vec<Rating>, areas: Vec<wheel::WheelArea>) -> impl IntoView {
    let Some(latest) = ratings.last().cloned() else {
        return none_yet().into_any();
    };
    let names: Vec<String> = areas.iter().map(|a| item_name(&a.label)).collect();
    let previous = ratings.len().checked_sub(2).map(|i| ratings[i].clone());
    let now_line = wheel_line(tr!("ratings.now_on", date = when(latest.at)), &latest, &areas);
    let before_line = previous.as_ref().map(|p| wheel_line(tr!("ratings.before_on", date = when(p.at)), p, &areas));
    let key = areas
        .iter()
        .zip(&names)
        .map(|(area, name)| {
            let now = latest.score(&area.item);
            let before = previous.as_ref().and_then(|p| p.score(&area.item));
            let change = match Change::between(now, before) {
                Change::NoComparison => String::new(),
                c => format!(" ({})", change_words(c)),
            };
            let score = now.map_or_else(|| tr!("chart.no_score"), |s| s.to_string());
            view! { <li>{format!("{name}: {score}{change}")}</li> }
        })
        .collect_view();
    let through_time = ratings
        .iter()
        .rev()
        .skip(1)
        .take(WHEELS_THROUGH_TIME - 1)
        .map(|r| {
            let line = wheel_line(when(r.at), r, &areas);
            view! {
                <li>
                    <Wheel areas=names.clone() scale=wheel::SCALE now=line before=None />
                </li>
            }
        })
        .collect_view();
    let head: Vec<String> = std::iter::once(tr!("ratings.area")).chain(ratings.iter().map(|r| when(r.at))).collect();
    let rows: Vec<Vec<String>> = areas
        .iter()
        .zip(&names)
        .map(|(area, name)| {
            std::iter::once(name.clone())
                .chain(ratings.iter().map(|r| r.score(&area.item).map_or_else(String::new, |s| s.to_string())))
                .collect()
        })
        .collect();
    view! {
        <Wheel areas=names.clone() scale=wheel::SCALE now=now_line before=before_line />
        <ol class="wheel-key">{key}</ol>
        <NumbersTable caption=tr!("ratings.wheel_table") head rows />
        {(ratings.len() > 1)
            .then(|| {
                view! {
                    <h3>{tr!("ratings.wheel_through_time")}</h3>
                    <ul class="wheel-history">{through_time}</ul>
                }
            })}
    }
    .into_any()
}

#[component]
fn GoalPictures(goals: Vec<GoalTrend>) -> impl IntoView {
    let rated: Vec<GoalTrend> = goals.into_iter().filter(|g| !g.points.is_empty()).collect();
    if rated.is_empty() {
        none_yet().into_any()
    } else {
        rated
            .into_iter()
            .map(|goal| {
                let first = goal.points.first().map_or(0, |p| p.1);
                let now = goal.points.last().map_or(0, |p| p.1);
                let since = tr!(
                    "ratings.goal_since_first",
                    first = first,
                    now = now,
                    change = change_words(Change::between(Some(now), Some(first)))
                );
                let dates: Vec<String> = goal.points.iter().map(|p| when(p.0)).collect();
                let trend = Trend {
                    name: goal.title.clone(),
                    values: goal.points.iter().map(|p| Some(f64::from(p.1))).collect(),
                };
                let rows: Vec<Vec<String>> = goal.points.iter().map(|p| vec![when(p.0), p.1.to_string()]).collect();
                view! {
                    <article class="card" aria-labelledby=format!("goal-{}-title", goal.goal_id)>
                        <h3 class="card__title" id=format!("goal-{}-title", goal.goal_id)>
                            {goal.title.clone()}
                        </h3>
                        <p>{since}</p>
                        <TrendChart series=vec![trend] dates scale=GOAL_SCALE />
                        <NumbersTable
                            caption=goal.title.clone()
                            head=vec![tr!("ratings.date"), tr!("ratings.progress")]
                            rows
                        />
                    </article>
                }
            })
            .collect_view()
            .into_any()
    }
}

/// A licensed questionnaire: its total through time, what a total means, and each answer in a
/// table, with the notice its licence asks for.
#[component]
fn InstrumentPictures(history: InstrumentHistory) -> impl IntoView {
    let InstrumentHistory { instrument, ratings } = history;
    let lang = instrument.language.clone();
    let notice = view! {
        <p class="field__hint" lang=lang.clone()>
            {instrument.notice.clone()}
        </p>
    };
    let totals: Vec<(i64, Option<u8>)> = ratings.iter().map(|r| (r.at, instrument.total(&r.answers))).collect();
    let Some(&(latest_at, latest)) = totals.last() else {
        return view! {
            {none_yet()}
            {notice}
        }
        .into_any();
    };
    let scale = instrument.total_scale();
    let total_text = |total: Option<u8>| total_words(total, total.and_then(|t| instrument.score(t)).as_ref());
    let first = totals.first().and_then(|t| t.1);
    let summary = match (first, totals.len()) {
        (Some(first), 2..) => tr!(
            "ratings.total_since_first",
            first = total_text(Some(first)),
            now = total_text(latest),
            change = change_words(Change::between(latest, Some(first)))
        ),
        _ => tr!("ratings.total_now", now = total_text(latest), date = when(latest_at)),
    };
    let dates: Vec<String> = totals.iter().map(|t| when(t.0)).collect();
    let trend = Trend { name: tr!("ratings.total"), values: totals.iter().map(|t| t.1.map(f64::from)).collect() };
    // A questionnaire that reports a score has it in a column of its own, under its name, and
    // then a column for each of its subscales.
    let score_name = instrument.score.as_ref().map(|table| table.name.clone());
    let total_rows: Vec<Vec<String>> = totals
        .iter()
        .zip(&ratings)
        .map(|(&(at, total), rating)| {
            let score = total.and_then(|t| instrument.score(t)).map(|s| s.display(use_locale()));
            let mut row = vec![when(at), total_words(total, None)];
            row.extend(score_name.is_some().then(|| score.unwrap_or_default()));
            row.extend(instrument.subscale_sums(&rating.answers).into_iter().map(|sum| total_words(sum, None)));
            row
        })
        .collect();
    let total_head: Vec<String> = [tr!("ratings.date"), tr!("ratings.total")]
        .into_iter()
        .chain(score_name)
        .chain(instrument.subscales.iter().map(|s| s.name.clone()))
        .collect();
    let answer_head: Vec<String> = std::iter::once(tr!("ratings.item")).chain(dates.iter().cloned()).collect();
    let answer_rows: Vec<Vec<String>> = instrument
        .statements
        .iter()
        .map(|statement| {
            let answers = ratings
                .iter()
                .map(|r| r.score(&statement.id).map_or_else(String::new, |v| instrument.choice(v).to_string()));
            let text = if statement.in_total {
                statement.text.clone()
            } else {
                tr!("ratings.not_in_total", text = statement.text.clone())
            };
            std::iter::once(text).chain(answers).collect()
        })
        .collect();
    view! {
        <p>{summary}</p>
        <p lang=lang>{instrument.total_meaning.clone()}</p>
        <TrendChart series=vec![trend] dates scale />
        <NumbersTable
            caption=tr!("ratings.totals_table", what = instrument.title.clone())
            head=total_head
            rows=total_rows
        />
        <NumbersTable
            caption=tr!("ratings.answers_table", what = instrument.title.clone())
            head=answer_head
            rows=answer_rows
        />
        {notice}
    }
    .into_any()
}
