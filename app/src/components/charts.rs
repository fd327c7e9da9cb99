//! Pictures of ratings over time, drawn as SVG in the page itself: rendered on the server,
//! readable without JavaScript, each with its numbers as a table beside it. Now and before
//! differ by line style and marker shape as well as colour, never colour alone.

use crate::domain::rating::change::Change;
use crate::domain::rating::instrument::Score;
use crate::domain::rating::Scale;
use crate::i18n::use_locale;
use crate::tr;
use leptos::prelude::*;

/// Where a point sits: `score` on `scale`, as a fraction 0..=1.
fn fraction(score: u8, scale: Scale) -> f64 {
    f64::from(score.saturating_sub(scale.min)) / f64::from((scale.max - scale.min).max(1))
}

/// A number to one decimal place at most, for SVG coordinates.
fn n(x: f64) -> String {
    format!("{x:.1}")
}

/// One side of a comparison: which rating, and its scores in the chart's item order.
#[derive(Clone)]
pub struct RatingLine {
    /// "Now (3 March 2026)" and the like.
    pub name: String,
    pub scores: Vec<Option<u8>>,
}

/// The wellbeing wheel: one spoke per area, the rating now filled with a solid edge and round
/// markers, the one before as a dashed outline with square markers. Spokes are numbered; the
/// list below the wheel names them.
#[component]
pub fn Wheel(
    /// Names of the spokes, in order.
    areas: Vec<String>,
    scale: Scale,
    now: RatingLine,
    before: Option<RatingLine>,
) -> impl IntoView {
    const R: f64 = 100.0;
    let count = areas.len().max(3);
    let angle = move |i: usize| std::f64::consts::TAU * i as f64 / count as f64 - std::f64::consts::FRAC_PI_2;
    let at = move |i: usize, r: f64| (r * angle(i).cos(), r * angle(i).sin());
    let points = move |scores: &[Option<u8>]| -> Vec<(f64, f64)> {
        (0..areas.len())
            .map(|i| at(i, R * scores.get(i).copied().flatten().map_or(0.0, |s| fraction(s, scale))))
            .collect()
    };
    let path =
        |pts: &[(f64, f64)]| pts.iter().map(|(x, y)| format!("{},{}", n(*x), n(*y))).collect::<Vec<_>>().join(" ");
    let rings = (1..=4).map(|k| {
        let r = R * f64::from(k) / 4.0;
        let ring: Vec<_> = (0..count).map(|i| at(i, r)).collect();
        view! { <polygon class="chart__grid" points=path(&ring) /> }
    });
    let spokes = (0..count).map(|i| {
        let (x, y) = at(i, R);
        let (lx, ly) = at(i, R + 12.0);
        view! {
            <line class="chart__grid" x1="0" y1="0" x2=n(x) y2=n(y) />
            <text class="chart__label" x=n(lx) y=n(ly) text-anchor="middle" dominant-baseline="middle">
                {i + 1}
            </text>
        }
    });
    let now_points = points(&now.scores);
    let before_view = before.as_ref().map(|b| {
        let pts = points(&b.scores);
        view! {
            <polygon class="chart__line chart__line--before" points=path(&pts) />
            {pts
                .iter()
                .map(|(x, y)| {
                    view! { <rect class="chart__marker--before" x=n(x - 3.5) y=n(y - 3.5) width="7" height="7" /> }
                })
                .collect_view()}
        }
    });
    let description = match &before {
        Some(b) => tr!("chart.wheel_desc_compare", now = now.name.clone(), before = b.name.clone()),
        None => tr!("chart.wheel_desc", now = now.name.clone()),
    };
    view! {
        <figure class="chart chart--wheel">
            <svg viewBox="-125 -125 250 250" role="img" aria-label=description class="chart__svg">
                {rings.collect_view()}
                {spokes.collect_view()}
                {before_view}
                <polygon class="chart__line chart__line--now chart__area" points=path(&now_points) />
                {now_points
                    .iter()
                    .map(|(x, y)| view! { <circle class="chart__marker--now" cx=n(*x) cy=n(*y) r="4" /> })
                    .collect_view()}
            </svg>
            <figcaption>
                <Legend now=now.name.clone() before=before.as_ref().map(|b| b.name.clone()) />
            </figcaption>
        </figure>
    }
}

/// Says which line is which, by the line's look: solid and round, dashed and square.
#[component]
fn Legend(now: String, before: Option<String>) -> impl IntoView {
    view! {
        <ul class="chart__legend">
            <li>
                <svg class="chart__key" viewBox="0 0 30 10" aria-hidden="true">
                    <line class="chart__line chart__line--now" x1="0" y1="5" x2="30" y2="5" />
                    <circle class="chart__marker--now" cx="15" cy="5" r="4" />
                </svg>
                {tr!("chart.solid_round")}
                ": "
                {now}
            </li>
            {before
                .map(|before| {
                    view! {
                        <li>
                            <svg class="chart__key" viewBox="0 0 30 10" aria-hidden="true">
                                <line class="chart__line chart__line--before" x1="0" y1="5" x2="30" y2="5" />
                                <rect class="chart__marker--before" x="11.5" y="1.5" width="7" height="7" />
                            </svg>
                            {tr!("chart.dashed_square")}
                            ": "
                            {before}
                        </li>
                    }
                })}
        </ul>
    }
}

/// One line of a trend chart.
#[derive(Clone)]
pub struct Trend {
    pub name: String,
    /// One value per rating, in the order of the chart's dates; `None` where not rated.
    pub values: Vec<Option<f64>>,
}

/// Lines over time: the first series solid with round markers, the second dashed with square
/// ones. Ratings are evenly spaced; the first and last dates are written under the axis.
#[component]
pub fn TrendChart(series: Vec<Trend>, dates: Vec<String>, scale: Scale) -> impl IntoView {
    const W: f64 = 300.0;
    const H: f64 = 150.0;
    const LEFT: f64 = 24.0;
    const TOP: f64 = 8.0;
    let count = dates.len();
    let x = move |i: usize| {
        LEFT + if count < 2 { (W - LEFT) / 2.0 } else { (W - LEFT - 8.0) * i as f64 / (count - 1) as f64 }
    };
    let span = f64::from(scale.max - scale.min);
    let y = move |v: f64| TOP + (H - TOP - 24.0) * (1.0 - (v - f64::from(scale.min)) / span);
    let ticks = [scale.min, scale.min + (scale.max - scale.min) / 2, scale.max].map(|t| {
        let ty = y(f64::from(t));
        view! {
            <line class="chart__grid" x1=n(LEFT) y1=n(ty) x2=n(W) y2=n(ty) />
            <text class="chart__label" x=n(LEFT - 4.0) y=n(ty) text-anchor="end" dominant-baseline="middle">
                {t}
            </text>
        }
    });
    let lines = series.iter().enumerate().map(|(k, s)| {
        let pts: Vec<(f64, f64)> = s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (x(i), y(v)))).collect();
        let path = pts.iter().map(|(px, py)| format!("{},{}", n(*px), n(*py))).collect::<Vec<_>>().join(" ");
        let (line, marker) =
            if k == 0 { ("chart__line chart__line--now", true) } else { ("chart__line chart__line--before", false) };
        view! {
            <polyline class=line points=path fill="none" />
            {pts
                .iter()
                .map(|(px, py)| {
                    if marker {
                        view! { <circle class="chart__marker--now" cx=n(*px) cy=n(*py) r="4" /> }.into_any()
                    } else {
                        view! {
                            <rect class="chart__marker--before" x=n(px - 3.5) y=n(py - 3.5) width="7" height="7" />
                        }
                            .into_any()
                    }
                })
                .collect_view()}
        }
    });
    let first = dates.first().cloned().unwrap_or_default();
    let last = if count > 1 { dates.last().cloned().unwrap_or_default() } else { String::new() };
    let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    let newest = dates.last().cloned().unwrap_or_default();
    let description =
        tr!("chart.trend_desc", what = names.join(", "), count = count, first = first.clone(), last = newest);
    view! {
        <figure class="chart chart--trend">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=description class="chart__svg">
                {ticks.into_iter().collect_view()}
                {lines.collect_view()}
                <text class="chart__label" x=n(LEFT) y=n(H - 6.0)>
                    {first}
                </text>
                <text class="chart__label" x=n(W) y=n(H - 6.0) text-anchor="end">
                    {last}
                </text>
            </svg>
            <figcaption>
                <Legend now=names.first().cloned().unwrap_or_default() before=names.get(1).cloned() />
            </figcaption>
        </figure>
    }
}

/// An item now against last time, as a small scale with both marked: a filled circle now, a
/// hollow square last time, joined by a line.
#[component]
pub fn ItemDots(now: Option<u8>, before: Option<u8>, scale: Scale) -> impl IntoView {
    const W: f64 = 200.0;
    let x = move |s: u8| 8.0 + (W - 16.0) * fraction(s, scale);
    let join =
        now.zip(before).map(|(a, b)| view! { <line class="chart__line" x1=n(x(a)) y1="10" x2=n(x(b)) y2="10" /> });
    let ticks = scale.values().map(|s| view! { <line class="chart__grid" x1=n(x(s)) y1="4" x2=n(x(s)) y2="16" /> });
    view! {
        <svg class="chart__dots" viewBox=format!("0 0 {W} 20") aria-hidden="true">
            <line class="chart__grid" x1="8" y1="10" x2=n(W - 8.0) y2="10" />
            {ticks.collect_view()}
            {join}
            {before
                .map(|b| view! { <rect class="chart__marker--before" x=n(x(b) - 4.5) y="5.5" width="9" height="9" /> })}
            {now.map(|a| view! { <circle class="chart__marker--now" cx=n(x(a)) cy="10" r="5" /> })}
        </svg>
    }
}

/// "▲ up 2", "▼ down 1", "= the same": an arrow and words.
pub fn change_words(change: Change) -> String {
    match change {
        Change::Up(by) => tr!("chart.up", by = by),
        Change::Down(by) => tr!("chart.down", by = by),
        Change::Same => tr!("chart.same"),
        Change::NoComparison => tr!("chart.no_comparison"),
    }
}

/// A questionnaire's total as people read it, with the score its table gives it: "10 (Scaled
/// score: 83.3)". A rating that no longer answers the questionnaire has none.
pub fn total_words(total: Option<u8>, score: Option<&Score>) -> String {
    match (total, score) {
        (None, _) => tr!("chart.no_score"),
        (Some(total), None) => total.to_string(),
        (Some(total), Some(score)) => {
            tr!("chart.total_scored", total = total, name = score.name.clone(), score = score.display(use_locale()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_sit_along_their_scale() {
        let scale = Scale { min: 1, max: 7 };
        assert_eq!(fraction(1, scale), 0.0);
        assert_eq!(fraction(4, scale), 0.5);
        assert_eq!(fraction(7, scale), 1.0);
        assert_eq!(fraction(0, Scale { min: 0, max: 10 }), 0.0);
    }
}
