//! What the person's care team sees, on their sharing page: every section by default, less
//! those the person stopped sharing with it. Their named key worker always sees the whole plan.

use crate::api::sharing::{RestoreToCareTeam, WithholdFromCareTeam};
use crate::components::common::form::{action_error, ErrorSummary, SubmitFor};
use crate::components::plan::section_title;
use crate::domain::date::{format_date, format_time};
use crate::domain::section::Section;
use crate::domain::sharing::Withholding;
use crate::i18n::use_locale;
use crate::tr;
use leptos::prelude::*;

#[component]
pub fn CareTeamSharing(
    plan_id: i64,
    withholdings: Vec<Withholding>,
    withhold: ServerAction<WithholdFromCareTeam>,
    restore: ServerAction<RestoreToCareTeam>,
) -> impl IntoView {
    let withhold_error = action_error(withhold);
    let restore_error = action_error(restore);
    let withheld: Vec<Section> = withholdings.iter().filter(|w| w.restored_at.is_none()).map(|w| w.section).collect();
    view! {
        <section aria-labelledby="care-team-heading">
            <h2 id="care-team-heading">{tr!("care_team_sharing.title")}</h2>
            <p>{tr!("care_team_sharing.intro")}</p>
            <ErrorSummary error=withhold_error />
            <ErrorSummary error=restore_error />
            <ul class="plain-list">
                {Section::ALL
                    .into_iter()
                    .map(|section| {
                        let title = section_title(section);
                        let shared = !withheld.contains(&section);
                        let state = if shared {
                            tr!("care_team_sharing.shared")
                        } else {
                            tr!("care_team_sharing.withheld")
                        };
                        let button = view! {
                            <input type="hidden" name="plan_id" value=plan_id />
                            <input type="hidden" name="section" value=section.as_str() />
                            <SubmitFor
                                label=if shared {
                                    tr!("care_team_sharing.stop")
                                } else {
                                    tr!("care_team_sharing.share_again")
                                }
                                about=title.clone()
                            />
                        };
                        view! {
                            <li class="grant">
                                <p>
                                    <strong>{title.clone()}</strong>
                                    {format!(": {state}")}
                                </p>
                                {if shared {
                                    view! { <ActionForm action=withhold>{button}</ActionForm> }.into_any()
                                } else {
                                    view! { <ActionForm action=restore>{button}</ActionForm> }.into_any()
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// "You stopped sharing About me with your care team on 1 December 2026 at 14:02, and shared
/// it again on ...": a line of the consent history.
pub fn withholding_line(w: &Withholding) -> String {
    let locale = use_locale();
    let mut line = tr!(
        "care_team_sharing.history_line",
        section = section_title(w.section),
        date = format_date(w.withheld_at, locale),
        time = format_time(w.withheld_at)
    );
    if let Some(at) = w.restored_at {
        line.push(' ');
        line.push_str(&tr!("care_team_sharing.restored", date = format_date(at, locale), time = format_time(at)));
    }
    line
}
