//! A carer's inbox: the actions the people they support gave to or shared with them, soonest
//! due first, each ticked off where it stands.

use crate::api::actions::SetActionStatus;
use crate::api::people::carer_inbox;
use crate::components::common::form::{action_error, success_count, ErrorSummary, SubmitFor};
use crate::components::common::notice::ErrorNotice;
use crate::components::common::resource::load;
use crate::components::plan::action_detail;
use crate::domain::date::Day;
use crate::tr;
use leptos::prelude::*;

/// How near an action's due day is, for its tag.
fn due_tag(due: Option<Day>, today: Day) -> Option<String> {
    let days = due?.days() - today.days();
    Some(match days {
        d if d < 0 => tr!("inbox.overdue"),
        0 => tr!("inbox.due_today"),
        1 => tr!("inbox.due_tomorrow"),
        _ => return None,
    })
}

#[component]
pub fn CarerInbox() -> impl IntoView {
    let tick = ServerAction::<SetActionStatus>::new();
    let ticked = success_count(tick);
    let inbox = load(move || ticked.get(), |_| carer_inbox());
    let error = action_error(tick);
    view! {
        <section aria-labelledby="inbox-heading">
            <h2 id="inbox-heading">{tr!("inbox.title")}</h2>
            <ErrorSummary error />
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match inbox.await {
                        Ok(inbox) if inbox.items.is_empty() => {
                            view! { <p class="empty">{tr!("inbox.empty")}</p> }.into_any()
                        }
                        Ok(inbox) => {
                            let today = inbox.today;
                            view! {
                                <ul class="card-list">
                                    {inbox
                                        .items
                                        .into_iter()
                                        .map(|item| {
                                            let what = item.action.plan.what.clone();
                                            view! {
                                                <li class="card action">
                                                    <p class="action__what">{what.clone()}</p>
                                                    <p class="hint">
                                                        {tr!("inbox.from", name = item.person.clone())} " · "
                                                        {action_detail(&item.action.plan)}
                                                    </p>
                                                    {due_tag(item.action.plan.due, today)
                                                        .map(|tag| view! { <p class="tag tag--draft">{tag}</p> })}
                                                    <ActionForm action=tick attr:class="actions-row">
                                                        <input type="hidden" name="plan_id" value=item.plan_id />
                                                        <input type="hidden" name="action_id" value=item.action.id />
                                                        <SubmitFor
                                                            label=tr!("actions.mark_done")
                                                            about=what.clone()
                                                            name="status"
                                                            value="done"
                                                        />
                                                    </ActionForm>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
