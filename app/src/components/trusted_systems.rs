//! The team page's list of connected record systems: connect one (its token shown once), and
//! stop one, which ends its token at once.

use crate::api::trusted_systems::{trusted_systems, ConnectSystem, StopSystem};
use crate::components::common::form::{action_error, action_output, success_count, ErrorSummary, SubmitFor, TextField};
use crate::components::common::notice::{ErrorNotice, SuccessNotice};
use crate::components::common::resource::load;
use crate::domain::date::format_date;
use crate::domain::trusted_system::{TrustedSystem, NAME_MAX};
use crate::i18n::use_locale;
use crate::tr;
use leptos::prelude::*;

#[component]
pub fn TrustedSystems() -> impl IntoView {
    let connect = ServerAction::<ConnectSystem>::new();
    let stop = ServerAction::<StopSystem>::new();
    let (connected, stopped) = (success_count(connect), success_count(stop));
    let systems = load(move || (connected.get(), stopped.get()), |_| trusted_systems());
    let error = action_error(connect);
    let stop_error = action_error(stop);
    view! {
        <section aria-labelledby="systems-heading">
            <h2 id="systems-heading">{tr!("systems.title")}</h2>
            <p>{tr!("systems.intro")}</p>
            {move || {
                action_output(connect)
                    .get()
                    .map(|made| {
                        view! {
                            <SuccessNotice>
                                <h3>{tr!("systems.connected_title", name = made.name.clone())}</h3>
                                <p>{tr!("systems.connected_body")}</p>
                                <label class="field__label">
                                    {tr!("systems.token_label")}
                                    <input class="field__input system-token" readonly value=made.token.clone() />
                                </label>
                            </SuccessNotice>
                        }
                    })
            }}
            <ErrorSummary error=stop_error form="stop-" />
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match systems.await {
                        Ok(list) if list.is_empty() => view! { <p>{tr!("systems.none")}</p> }.into_any(),
                        Ok(list) => {
                            view! {
                                <ul class="list">
                                    {list.into_iter().map(|system| view! { <SystemLine system stop /> }).collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })}
            </Transition>
            <h3>{tr!("systems.connect_title")}</h3>
            <ErrorSummary error form="system-" />
            <ActionForm action=connect>
                <TextField
                    name="name"
                    form="system-"
                    label=tr!("systems.name_label")
                    hint=tr!("systems.name_hint")
                    maxlength=NAME_MAX
                    required=true
                    error
                />
                <button type="submit" class="button" disabled=connect.pending()>
                    {tr!("systems.connect")}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn SystemLine(system: TrustedSystem, stop: ServerAction<StopSystem>) -> impl IntoView {
    let locale = use_locale();
    let mut line = tr!("systems.since", name = system.name.clone(), date = format_date(system.created_at, locale));
    if let Some(used) = system.last_used_at {
        line.push(' ');
        line.push_str(&tr!("systems.last_used", date = format_date(used, locale)));
    }
    let stopped = system.revoked_at.map(|at| tr!("systems.stopped", date = format_date(at, locale)));
    let active = system.revoked_at.is_none();
    view! {
        <li class="list__item">
            <p>
                {line}
                {stopped
                    .map(|s| {
                        view! {
                            " "
                            <strong>{s}</strong>
                        }
                    })}
            </p>
            {active
                .then(|| {
                    view! {
                        <ActionForm action=stop>
                            <input type="hidden" name="system_id" value=system.id />
                            <SubmitFor label=tr!("systems.stop") about=system.name.clone() />
                        </ActionForm>
                    }
                })}
        </li>
    }
}
