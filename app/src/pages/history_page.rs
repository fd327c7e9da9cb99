//! The plan's agreed versions and what changed between any two, in plain words.

use crate::api::plan::{plan_history, VersionHistory, VersionRef};
use crate::components::common::notice::ErrorNotice;
use crate::components::common::resource::load;
use crate::components::plan::{section_title, BackToPlan, ShownBody};
use crate::domain::date::format_date;
use crate::domain::plan::Change;
use crate::i18n::{tr_key, use_locale};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let plan = params.read().get("plan_id").and_then(|id| id.parse::<i64>().ok());
        let q = query.read();
        (plan, q.get("from"), q.get("to"))
    };
    let history = load(key, |(plan, from, to)| async move {
        match plan {
            Some(plan) => plan_history(plan, from, to).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! {
        <Title text=tr!("history.title") />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match history.await {
                    Ok(history) => view! { <History history /> }.into_any(),
                    Err(error) => view! { <ErrorNotice title=tr!("history.title") error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn version_label(v: VersionRef) -> String {
    match v {
        VersionRef::Agreed(n) => tr!("history.version", number = n),
        VersionRef::Current => tr!("history.current"),
    }
}

#[component]
fn History(history: VersionHistory) -> impl IntoView {
    let locale = use_locale();
    let mut choices: Vec<VersionRef> = history.versions.iter().map(|v| VersionRef::Agreed(v.number)).collect();
    choices.push(VersionRef::Current);
    let select = move |name: &'static str, label: String, chosen: VersionRef| {
        let choices = choices.clone();
        view! {
            <div class="field field--inline">
                <label class="field__label" for=name>
                    {label}
                </label>
                <select class="field__select" id=name name=name>
                    {choices
                        .into_iter()
                        .map(|v| {
                            let selected = v == chosen;
                            view! {
                                <option value=v.as_param() selected=selected>
                                    {version_label(v)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    };
    let no_changes = history.changes.is_empty();
    view! {
        <BackToPlan plan=history.plan_id />
        <h1>{tr!("history.title")}</h1>
        <h2>{tr!("history.versions_title")}</h2>
        <Show when={
            let none = history.versions.is_empty();
            move || none
        }>
            <p class="empty">{tr!("history.no_versions")}</p>
        </Show>
        <ol class="plain-list">
            {history
                .versions
                .iter()
                .map(|v| {
                    let line = tr!(
                        "history.version_line",
                        number = v.number,
                        owner = history.owner_name.clone(),
                        owner_date = format_date(v.owner_agreed_at, locale),
                        worker = v.worker_name.clone(),
                        worker_date = format_date(v.worker_agreed_at, locale)
                    );
                    view! { <li>{line}</li> }
                })
                .collect_view()}
        </ol>
        <h2 id="changes-heading">{tr!("history.changes_title")}</h2>
        <form method="get" class="compare">
            {select("from", tr!("history.from"), history.from)}
            {select("to", tr!("history.to"), history.to)}
            <button type="submit" class="button button--secondary">
                {tr!("history.compare")}
            </button>
        </form>
        <p>{tr!("history.comparing", from = version_label(history.from), to = version_label(history.to))}</p>
        <Show when=move || no_changes>
            <p class="empty">{tr!("history.no_changes")}</p>
        </Show>
        <ul class="card-list" aria-labelledby="changes-heading">
            {history.changes.into_iter().map(|change| view! { <ChangeItem change /> }).collect_view()}
        </ul>
    }
}

#[component]
fn ChangeItem(change: Change) -> impl IntoView {
    let kind = match (&change.before, &change.after) {
        (None, _) => tr!("history.added"),
        (_, None) => tr!("history.removed"),
        _ => tr!("history.changed"),
    };
    let what = change.field.as_ref().map(|key| tr_key(key, None));
    view! {
        <li class="card change">
            <p class="card__title">{section_title(change.section)} ": " {kind} {what.map(|w| format!(" · {w}"))}</p>
            {change
                .before
                .map(|shown| {
                    view! {
                        <div class="change__before">
                            <p class="hint">{tr!("history.before")}</p>
                            <ShownBody shown />
                        </div>
                    }
                })}
            {change
                .after
                .map(|shown| {
                    view! {
                        <div class="change__after">
                            <p class="hint">{tr!("history.after")}</p>
                            <ShownBody shown />
                        </div>
                    }
                })}
        </li>
    }
}
