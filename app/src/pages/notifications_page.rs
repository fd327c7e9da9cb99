//! Notifications: which kinds the person gets, and the devices they come to. Choosing kinds
//! and removing a device are plain forms; turning a device on needs the browser's push
//! support, so that button works once the page's script runs.

use crate::api::notifications::{notification_settings, ChooseNotifications, NotificationsView, RemoveDevice};
use crate::components::common::form::{action_error, success_count, ErrorSummary, SaveOutcome, SubmitFor};
use crate::components::common::notice::ErrorNotice;
use crate::components::common::resource::load;
use crate::components::push_device::ThisDevice;
use crate::domain::date::format_date;
use crate::domain::notice::Notice;
use crate::i18n::{tr_key, use_locale};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let choose = ServerAction::<ChooseNotifications>::new();
    let remove = ServerAction::<RemoveDevice>::new();
    let added = RwSignal::new(0u32);
    let changes = [success_count(choose), success_count(remove)];
    let settings =
        load(move || (added.get(), changes.iter().map(|c| c.get()).sum::<u32>()), |_| notification_settings());
    view! {
        <Title text=tr!("notifications.title") />
        <h1>{tr!("notifications.title")}</h1>
        <p class="lead">{tr!("notifications.intro")}</p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(settings) => view! { <Settings settings choose remove added /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Settings(
    settings: NotificationsView,
    choose: ServerAction<ChooseNotifications>,
    remove: ServerAction<RemoveDevice>,
    added: RwSignal<u32>,
) -> impl IntoView {
    let locale = use_locale();
    let remove_error = action_error(remove);
    let choose_error = action_error(choose);
    let endpoints: Vec<String> = settings.devices.iter().map(|d| d.endpoint.clone()).collect();
    view! {
        <section aria-labelledby="devices-heading">
            <h2 id="devices-heading">{tr!("notifications.devices_title")}</h2>
            <ThisDevice public_key=settings.public_key.clone() endpoints added />
            <ErrorSummary error=remove_error />
            {if settings.devices.is_empty() {
                view! { <p>{tr!("notifications.no_devices")}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {settings
                            .devices
                            .into_iter()
                            .map(|device| {
                                let added_on = tr!(
                                    "notifications.added_on", date = format_date(device.added_at, locale)
                                );
                                view! {
                                    <li class="grant">
                                        <p>
                                            <strong>{device.name.clone()}</strong>
                                            {format!(": {added_on}")}
                                        </p>
                                        <ActionForm action=remove>
                                            <input type="hidden" name="device_id" value=device.id />
                                            <SubmitFor
                                                label=tr!("notifications.remove_device")
                                                about=device.name.clone()
                                            />
                                        </ActionForm>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <section aria-labelledby="kinds-heading">
            <h2 id="kinds-heading">{tr!("notifications.kinds_title")}</h2>
            <ErrorSummary error=choose_error />
            <ActionForm action=choose>
                <fieldset class="field">
                    <legend class="field__label">{tr!("notifications.kinds_legend")}</legend>
                    <div class="choices">
                        {settings
                            .choices
                            .into_iter()
                            .enumerate()
                            .map(|(i, (notice, wanted))| {
                                view! {
                                    <label class="choice">
                                        <input
                                            type="checkbox"
                                            name=format!("kinds[{i}]")
                                            value=notice.as_str()
                                            checked=wanted
                                        />
                                        <span>
                                            <strong>{notice_label(notice)}</strong>
                                            <br />
                                            {notice_hint(notice)}
                                        </span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <button type="submit" class="button" disabled=choose.pending()>
                    {tr!("notifications.save_kinds")}
                </button>
                <SaveOutcome action=choose />
            </ActionForm>
        </section>
    }
}

fn notice_label(notice: Notice) -> String {
    tr_key(&format!("notifications.kind.{}", notice.as_str()), None)
}

fn notice_hint(notice: Notice) -> String {
    tr_key(&format!("notifications.kind_hint.{}", notice.as_str()), None)
}
