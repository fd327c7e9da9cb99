//! Each person's notifications: the devices they get them on, and which kinds they want.

use crate::domain::notice::Notice;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A registered device as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceView {
    pub id: i64,
    pub name: String,
    /// Lets the browser tell which entry is itself.
    pub endpoint: String,
    pub added_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationsView {
    /// The server's VAPID public key (base64url), for `pushManager.subscribe`.
    pub public_key: String,
    pub choices: Vec<(Notice, bool)>,
    pub devices: Vec<DeviceView>,
}

#[cfg(feature = "ssr")]
impl From<crate::server::db::Device> for DeviceView {
    fn from(d: crate::server::db::Device) -> Self {
        Self { id: d.id, name: d.name, endpoint: d.endpoint, added_at: d.added_at }
    }
}

#[cfg(feature = "ssr")]
async fn acting() -> Result<(crate::server::auth::Actor, crate::server::state::AppState), AppError> {
    use crate::server::policy::{check, ServiceAction};
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    check(actor.role, ServiceAction::ManageNotifications)?;
    Ok((actor, http::state()?))
}

#[server(endpoint = "notification_settings")]
pub async fn notification_settings() -> Result<NotificationsView, AppError> {
    let (actor, state) = acting().await?;
    let devices = state.db.devices(actor.account_id).await?;
    Ok(NotificationsView {
        public_key: state.push_public_key.to_string(),
        choices: state.db.notification_choices(actor.account_id, actor.role).await?,
        devices: devices.into_iter().map(Into::into).collect(),
    })
}

/// Registers this browser's push subscription for the signed-in person.
#[server(endpoint = "add_device")]
pub async fn add_device(endpoint: String, p256dh: String, auth: String, device: String) -> Result<i64, AppError> {
    use crate::domain::notice::{Subscription, DEVICES_MAX, DEVICE_MAX};
    use crate::domain::text::bounded;
    use crate::server::auth::now;
    use crate::server::db::DbError;
    let (actor, state) = acting().await?;
    let subscription = Subscription::parse(&endpoint, &p256dh, &auth, &state.push_services)
        .ok_or_else(|| AppError::invalid("device", "notifications.error.subscription"))?;
    let name = bounded("device", &device, 1, DEVICE_MAX).map_err(|e| AppError::Invalid(vec![e]))?;
    state.db.add_device(actor.account_id, &subscription, &name, now()).await.map_err(|e| match e {
        DbError::Conflict => AppError::limit("device", "notifications.error.too_many_devices", DEVICES_MAX),
        e => e.into(),
    })
}

/// Moves a device to the subscription its browser made in place of the old one; the service
/// worker calls this on `pushsubscriptionchange`.
#[server(endpoint = "renew_device")]
pub async fn renew_device(
    old_endpoint: String,
    endpoint: String,
    p256dh: String,
    auth: String,
) -> Result<(), AppError> {
    use crate::domain::notice::Subscription;
    let (actor, state) = acting().await?;
    let subscription = Subscription::parse(&endpoint, &p256dh, &auth, &state.push_services)
        .ok_or_else(|| AppError::invalid("device", "notifications.error.subscription"))?;
    Ok(state.db.renew_device(actor.account_id, old_endpoint.trim(), &subscription).await?)
}

#[server(endpoint = "remove_device")]
pub async fn remove_device(device_id: i64) -> Result<(), AppError> {
    let (actor, state) = acting().await?;
    Ok(state.db.remove_device(actor.account_id, device_id).await?)
}

/// Keeps the kinds ticked in the form and turns the others off.
#[server(endpoint = "choose_notifications")]
pub async fn choose_notifications(#[server(default)] kinds: Vec<String>) -> Result<(), AppError> {
    use crate::domain::notice::parse_choices;
    let (actor, state) = acting().await?;
    let choices = parse_choices(actor.role, &kinds).ok_or(AppError::BadRequest)?;
    Ok(state.db.choose_notifications(actor.account_id, &choices).await?)
}
