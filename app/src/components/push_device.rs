//! Turning notifications on for this browser: asks permission, subscribes with the server's
//! VAPID key and registers the subscription. Push needs the page's script, so the button is
//! enabled only once the browser shows it can.

use crate::domain::notice::DEVICE_MAX;
use crate::tr;
use leptos::prelude::*;

/// Where the browser stands with push. Only the browser learns it, so on the server (which
/// renders the page before any script runs) all but `Unsupported` go unused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Status {
    /// Before the script runs, or a browser without push.
    Unsupported,
    Ready,
    Working,
    /// This browser is one of the person's devices.
    On,
    Denied,
    Failed,
}

#[component]
pub fn ThisDevice(public_key: String, endpoints: Vec<String>, added: RwSignal<u32>) -> impl IntoView {
    let status = RwSignal::new(Status::Unsupported);
    // Stored, so the submit handler is `Copy` and the form can be drawn again.
    let public_key = StoredValue::new(public_key);
    let name = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let endpoints = endpoints.clone();
        leptos::task::spawn_local(async move {
            status.set(browser::current(&endpoints).await);
        });
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (&endpoints, public_key);
    let turn_on = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            let key = public_key.get_value();
            let device = name.get_untracked();
            status.set(Status::Working);
            leptos::task::spawn_local(async move {
                let outcome = browser::turn_on(&key, &device).await;
                status.set(outcome);
                if outcome == Status::On {
                    added.update(|n| *n += 1);
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = added;
    };
    let message = move || match status.get() {
        Status::Unsupported => tr!("notifications.unsupported"),
        Status::Ready => tr!("notifications.ready"),
        Status::Working => tr!("notifications.working"),
        Status::On => tr!("notifications.on_here"),
        Status::Denied => tr!("notifications.denied"),
        Status::Failed => tr!("notifications.failed"),
    };
    view! {
        <p role="status" id="this-device-status">
            {message}
        </p>
        <Show when=move || matches!(status.get(), Status::Ready | Status::Working | Status::Failed)>
            <form on:submit=turn_on class="this-device">
                <div class="field">
                    <label class="field__label" for="device-name">
                        {tr!("notifications.device_name")}
                    </label>
                    <p class="field__hint" id="device-name-hint">
                        {tr!("notifications.device_name_hint")}
                    </p>
                    <input
                        class="field__input"
                        id="device-name"
                        name="device"
                        required
                        maxlength=DEVICE_MAX
                        aria-describedby="device-name-hint"
                        bind:value=name
                    />
                </div>
                <button type="submit" class="button" disabled=move || status.get() == Status::Working>
                    {tr!("notifications.turn_on")}
                </button>
            </form>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Status;
    use crate::api::notifications::add_device;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::js_sys::{ArrayBuffer, Reflect, Uint8Array};
    use web_sys::{
        PushEncryptionKeyName, PushManager, PushSubscription, PushSubscriptionOptionsInit, ServiceWorkerRegistration,
    };

    fn supported() -> bool {
        let window = window();
        let has = |target: &JsValue, name: &str| Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false);
        has(&window.navigator(), "serviceWorker") && has(&window, "PushManager") && has(&window, "Notification")
    }

    async fn push_manager() -> Result<PushManager, JsValue> {
        let ready = window().navigator().service_worker().ready()?;
        let registration: ServiceWorkerRegistration = JsFuture::from(ready).await?.unchecked_into();
        registration.push_manager()
    }

    async fn subscription(manager: &PushManager) -> Result<Option<PushSubscription>, JsValue> {
        let found = JsFuture::from(manager.get_subscription()?).await?;
        Ok(found.dyn_into::<PushSubscription>().ok())
    }

    /// Whether this browser can have push, and whether it is one of the person's devices.
    pub async fn current(endpoints: &[String]) -> Status {
        if !supported() {
            return Status::Unsupported;
        }
        if web_sys::Notification::permission() == web_sys::NotificationPermission::Denied {
            return Status::Denied;
        }
        let Ok(manager) = push_manager().await else { return Status::Unsupported };
        match subscription(&manager).await {
            Ok(Some(sub)) if endpoints.contains(&sub.endpoint()) => Status::On,
            _ => Status::Ready,
        }
    }

    fn key(sub: &PushSubscription, name: PushEncryptionKeyName) -> Result<String, JsValue> {
        let buffer: ArrayBuffer = sub.get_key(name)?.ok_or(JsValue::NULL)?;
        Ok(URL_SAFE_NO_PAD.encode(Uint8Array::new(&buffer).to_vec()))
    }

    async fn subscribe(public_key: &str) -> Result<PushSubscription, JsValue> {
        let manager = push_manager().await?;
        let server_key = URL_SAFE_NO_PAD.decode(public_key).map_err(|_| JsValue::NULL)?;
        let options = PushSubscriptionOptionsInit::new();
        options.set_user_visible_only(true);
        options.set_application_server_key(&Uint8Array::from(server_key.as_slice()));
        Ok(JsFuture::from(manager.subscribe_with_options(&options)?).await?.unchecked_into())
    }

    pub async fn turn_on(public_key: &str, device: &str) -> Status {
        let Ok(asked) = web_sys::Notification::request_permission() else { return Status::Failed };
        match JsFuture::from(asked).await.ok().and_then(|p| p.as_string()).as_deref() {
            Some("granted") => {}
            Some("denied") => return Status::Denied,
            _ => return Status::Ready,
        }
        let Ok(sub) = subscribe(public_key).await else { return Status::Failed };
        let (Ok(p256dh), Ok(auth)) = (key(&sub, PushEncryptionKeyName::P256dh), key(&sub, PushEncryptionKeyName::Auth))
        else {
            return Status::Failed;
        };
        match add_device(sub.endpoint(), p256dh, auth, device.to_string()).await {
            Ok(_) => Status::On,
            Err(_) => Status::Failed,
        }
    }
}
