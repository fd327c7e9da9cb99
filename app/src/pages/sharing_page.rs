//! Who sees my plan: the person shares sections with the carers they invited, stops sharing,
//! decides what their care team sees, makes crisis cards, and sees the history of all of it.

use crate::api::crisis_card::{MakeCrisisCard, StopCrisisCard};
use crate::api::sharing::{
    sharing, RestoreToCareTeam, ShareAction, ShareSection, SharingView, StopSharing, WithholdFromCareTeam,
};
use crate::components::care_team_sharing::{withholding_line, CareTeamSharing};
use crate::components::common::form::{action_error, success_count, ErrorSummary, SelectField, TextField};
use crate::components::common::notice::ErrorNotice;
use crate::components::common::resource::load;
use crate::components::crisis_card::CrisisCards;
use crate::components::people::role_label;
use crate::components::plan::{plan_id_param, section_title, BackToPlan, RemoveButton};
use crate::domain::date::{format_date, format_time};
use crate::domain::section::Section;
use crate::domain::sharing::{AccessLine, ShareGrant};
use crate::i18n::{tr_key, use_locale};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SharingPage() -> impl IntoView {
    let share = ServerAction::<ShareSection>::new();
    let share_one = ServerAction::<ShareAction>::new();
    let stop = ServerAction::<StopSharing>::new();
    let make_card = ServerAction::<MakeCrisisCard>::new();
    let stop_card = ServerAction::<StopCrisisCard>::new();
    let withhold = ServerAction::<WithholdFromCareTeam>::new();
    let restore = ServerAction::<RestoreToCareTeam>::new();
    let changes = [
        success_count(share),
        success_count(stop),
        success_count(share_one),
        success_count(make_card),
        success_count(stop_card),
        success_count(withhold),
        success_count(restore),
    ];
    let plan_id = plan_id_param();
    let view_data = load(
        move || (plan_id.get(), changes.iter().map(|c| c.get()).sum::<u32>()),
        |(plan, _)| async move {
            match plan {
                Some(plan) => sharing(plan).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=tr!("sharing.title") />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(data) => {
                        view! {
                            <Sharing
                                data
                                forms=SharingForms {
                                    share,
                                    share_one,
                                    stop,
                                    make_card,
                                    stop_card,
                                    withhold,
                                    restore,
                                }
                            />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice title=tr!("sharing.title") error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// What a grant shares: a section's title, or "Action: Collect the prescription".
fn granted(grant: &ShareGrant) -> String {
    match &grant.action {
        Some((_, what)) => tr!("sharing.one_action", what = what.clone()),
        None => section_title(grant.section),
    }
}

/// "Shared My crisis plan with Alex on 3 May, until 1 June; stopped on 20 May."
fn history_line(grant: &ShareGrant, now: i64) -> String {
    let locale = use_locale();
    let mut line = tr!(
        "sharing.history_line",
        section = granted(grant),
        name = grant.grantee_name.clone(),
        date = format_date(grant.granted_at, locale)
    );
    if let Some(end) = grant.expires_at {
        line.push(' ');
        line.push_str(&tr!("sharing.until", date = format_date(end - 1, locale)));
    }
    if let Some(stopped) = grant.revoked_at {
        line.push(' ');
        line.push_str(&tr!("sharing.stopped", date = format_date(stopped, locale)));
    } else if !grant.active(now) {
        line.push(' ');
        line.push_str(&tr!("sharing.ended"));
    }
    line
}

/// "Alex Taylor (carer) read My crisis plan, My goals on 23 November 2026 at 14:02".
fn access_line(line: &AccessLine) -> String {
    let locale = use_locale();
    let what: Vec<String> = line
        .what
        .iter()
        .map(|w| match Section::parse(w) {
            Some(section) => section_title(section),
            None => tr_key(&format!("sharing.part.{w}"), None),
        })
        .collect();
    let (date, time) = (format_date(line.at, locale), format_time(line.at));
    if let Some(system) = &line.system {
        return tr!("sharing.system_line", name = system.clone(), what = what.join(", "), date = date, time = time);
    }
    let (Some(role), None) = (line.role, &line.card) else {
        return tr!(
            "sharing.card_line",
            label = line.card.clone().unwrap_or_default(),
            what = what.join(", "),
            date = date,
            time = time
        );
    };
    tr!(
        "sharing.access_line",
        name = line.name.clone().unwrap_or_else(|| tr!("sharing.someone")),
        role = role_label(role),
        action = tr_key(&format!("sharing.did.{}", line.action), None),
        what = what.join(", "),
        date = date,
        time = time
    )
}

/// The page's forms: share a section, share one action, stop a grant, make and stop a
/// crisis card, stop and start sharing a section with the care team.
struct SharingForms {
    share: ServerAction<ShareSection>,
    share_one: ServerAction<ShareAction>,
    stop: ServerAction<StopSharing>,
    make_card: ServerAction<MakeCrisisCard>,
    stop_card: ServerAction<StopCrisisCard>,
    withhold: ServerAction<WithholdFromCareTeam>,
    restore: ServerAction<RestoreToCareTeam>,
}

#[component]
fn Sharing(data: SharingView, forms: SharingForms) -> impl IntoView {
    let SharingForms { share, share_one, stop, make_card, stop_card, withhold, restore } = forms;
    let cards = data.cards.clone();
    let id = data.plan_id;
    let now = data.now;
    let share_error = action_error(share);
    let share_one_error = action_error(share_one);
    let no_actions = data.actions.is_empty();
    let action_choices =
        StoredValue::new(data.actions.iter().map(|(a, what)| (a.to_string(), what.clone())).collect::<Vec<_>>());
    let stop_error = action_error(stop);
    let no_carers = data.carers.is_empty();
    let carers = data.carers.clone();
    let active: Vec<ShareGrant> = data.grants.iter().filter(|g| g.active(now)).cloned().collect();
    let history: Vec<String> =
        data.grants.iter().map(|g| history_line(g, now)).chain(data.care_team.iter().map(withholding_line)).collect();
    let withholdings = data.care_team.clone();
    let access: Vec<String> = data.access.iter().map(access_line).collect();
    // Read inside the form's closures, which may run more than once.
    let carer_choices = StoredValue::new(carers.iter().map(|(c, n)| (c.to_string(), n.clone())).collect::<Vec<_>>());
    let section_choices =
        StoredValue::new(Section::ALL.iter().map(|s| (s.as_str().to_string(), section_title(*s))).collect::<Vec<_>>());
    view! {
        <BackToPlan plan=id />
        <h1>{tr!("sharing.title")}</h1>
        <p class="lead">{tr!("sharing.intro")}</p>
        <ErrorSummary error=stop_error />
        <Show when=move || no_carers>
            <p class="empty">{tr!("sharing.no_carers")} " " <a href="/carers">{tr!("nav.carers")}</a></p>
        </Show>
        <ul class="card-list">
            {carers
                .into_iter()
                .map(|(carer, name)| {
                    let theirs: Vec<ShareGrant> = active.iter().filter(|g| g.grantee_id == carer).cloned().collect();
                    let nothing = theirs.is_empty();
                    view! {
                        <li class="card">
                            <h2 class="card__title">{name.clone()}</h2>
                            <Show when=move || nothing>
                                <p class="empty">{tr!("sharing.nothing_yet")}</p>
                            </Show>
                            <ul class="plain-list">
                                {theirs
                                    .into_iter()
                                    .map(|grant| {
                                        let title = granted(&grant);
                                        let about = format!("{title}, {name}");
                                        let locale = use_locale();
                                        let until = grant
                                            .expires_at
                                            .map(|end| tr!("sharing.until", date = format_date(end - 1, locale)));
                                        view! {
                                            <li class="grant">
                                                <p>{title.clone()} {until.map(|u| format!(" {u}"))}</p>
                                                <ActionForm action=stop>
                                                    <RemoveButton
                                                        plan=id
                                                        id_name="grant_id"
                                                        id=grant.id
                                                        label=tr!("sharing.stop")
                                                        about=about.clone()
                                                    />
                                                </ActionForm>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <Show when=move || !no_carers>
            <section aria-labelledby="share-heading">
                <h2 id="share-heading">{tr!("sharing.share_title")}</h2>
                <ErrorSummary error=share_error />
                <ActionForm action=share>
                    <input type="hidden" name="plan_id" value=id />
                    <SelectField
                        name="carer_id"
                        label=tr!("sharing.with")
                        choices=carer_choices.get_value()
                        chosen=String::new()
                        error=share_error
                    />
                    <SelectField
                        name="section"
                        label=tr!("sharing.what")
                        choices=section_choices.get_value()
                        chosen="crisis".to_string()
                        error=share_error
                    />
                    <TextField
                        name="until"
                        label=tr!("sharing.until_label")
                        hint=tr!("sharing.until_hint")
                        input_type="date"
                        error=share_error
                    />
                    <button type="submit" class="button" disabled=share.pending()>
                        {tr!("sharing.share")}
                    </button>
                </ActionForm>
            </section>
        </Show>
        <Show when=move || !no_carers && !no_actions>
            <section aria-labelledby="share-action-heading">
                <h2 id="share-action-heading">{tr!("sharing.share_action_title")}</h2>
                <p>{tr!("sharing.share_action_intro")}</p>
                <ErrorSummary error=share_one_error form="action-" />
                <ActionForm action=share_one>
                    <input type="hidden" name="plan_id" value=id />
                    <SelectField
                        name="carer_id"
                        form="action-"
                        label=tr!("sharing.with")
                        choices=carer_choices.get_value()
                        chosen=String::new()
                        error=share_one_error
                    />
                    <SelectField
                        name="action_id"
                        form="action-"
                        label=tr!("sharing.which_action")
                        choices=action_choices.get_value()
                        chosen=String::new()
                        error=share_one_error
                    />
                    <TextField
                        name="until"
                        form="action-"
                        label=tr!("sharing.until_label")
                        hint=tr!("sharing.until_hint")
                        input_type="date"
                        error=share_one_error
                    />
                    <button type="submit" class="button" disabled=share_one.pending()>
                        {tr!("sharing.share_action")}
                    </button>
                </ActionForm>
            </section>
        </Show>
        <CareTeamSharing plan_id=id withholdings withhold restore />
        <CrisisCards plan_id=id cards now make=make_card stop=stop_card />
        <h2>{tr!("sharing.access_title")}</h2>
        <p>{tr!("sharing.access_intro")}</p>
        <Show when={
            let empty = access.is_empty();
            move || empty
        }>
            <p class="empty">{tr!("sharing.no_access")}</p>
        </Show>
        <ul class="plain-list access-log">
            {access.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}
        </ul>
        <h2>{tr!("sharing.history_title")}</h2>
        <Show when={
            let empty = history.is_empty();
            move || empty
        }>
            <p class="empty">{tr!("sharing.no_history")}</p>
        </Show>
        <ul class="plain-list">{history.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}</ul>
    }
}
