//! The frame around every page: skip link, header with navigation, language and log out.

use crate::api::session::{Logout, Me, SetLanguage};
use crate::app::use_me;
use crate::components::common::form::reload_to;
use crate::components::common::offline::use_connection;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::i18n::{use_locale, Locale};
use crate::tr;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        // rel="external" leaves the jump to the browser, which also moves keyboard focus to the target.
        <a class="skip-link" href="#main-content" rel="external">
            {tr!("nav.skip")}
        </a>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let me = use_me();
    view! {
        <header class="header">
            <div class="header__inner">
                <a class="header__name" href="/">
                    {tr!("app.name")}
                </a>
                <LanguageSwitcher />
            </div>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move { me.await.ok().flatten().map(|me| view! { <Navigation me /> }) })}
            </Transition>
        </header>
    }
}

fn links(role: Role) -> Vec<(&'static str, String)> {
    let home = ("/", tr!("nav.home"));
    match role {
        Role::ServiceUser => vec![
            home,
            ("/plan", tr!("nav.plan")),
            ("/carers", tr!("nav.carers")),
            ("/notifications", tr!("nav.notifications")),
        ],
        Role::KeyWorker => vec![home, ("/caseload", tr!("nav.caseload")), ("/notifications", tr!("nav.notifications"))],
        Role::TeamAdmin => vec![home, ("/team", tr!("nav.team"))],
        Role::Carer => vec![home, ("/notifications", tr!("nav.notifications"))],
    }
}

#[component]
fn Navigation(me: Me) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    // Logging out wipes this phone's copy of the plan, and with it any changes not yet sent:
    // the first press says so, the second logs out.
    let connection = use_connection();
    let warned = RwSignal::new(false);
    let warn_first = move |event: leptos::ev::MouseEvent| {
        if connection.queued.get_untracked() > 0 && !warned.get_untracked() {
            event.prevent_default();
            warned.set(true);
        }
    };
    Effect::new(move |_| {
        // Offline, the phone has already forgotten the plan and will send the logout later:
        // leave the page that shows it either way.
        if logout.value().with(|v| matches!(v, Some(Ok(())) | Some(Err(AppError::SavedOffline)))) {
            reload_to("/login");
        }
    });
    view! {
        <nav class="nav" aria-label=tr!("nav.label")>
            <ul class="nav__list">
                {links(me.role)
                    .into_iter()
                    .map(|(href, label)| {
                        view! {
                            <li>
                                <a class="nav__link" href=href>
                                    {label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ActionForm action=logout attr:class="nav__logout">
                <span class="nav__who">{tr!("nav.signed_in_as", name = me.name.clone())}</span>
                <Show when=move || warned.get()>
                    <p class="nav__warning" role="alert">
                        {move || tr!("offline.logout_unsent", count = connection.queued.get())}
                    </p>
                </Show>
                <button type="submit" class="button button--secondary" on:click=warn_first>
                    {move || if warned.get() { tr!("offline.logout_anyway") } else { tr!("nav.logout") }}
                </button>
            </ActionForm>
        </nav>
    }
}

/// A plain form, so changing language always reloads the page in that language, with or
/// without JavaScript.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let current = use_locale();
    view! {
        <form class="language" method="post" action=SetLanguage::url()>
            <label class="language__label" for="lang">
                {tr!("nav.language")}
            </label>
            <select id="lang" name="lang">
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.code() selected=l == current lang=l.code() dir=l.dir()>
                                {l.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button type="submit" class="button button--secondary">
                {tr!("nav.change_language")}
            </button>
        </form>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let me = use_me();
    view! {
        <footer class="footer">
            <p>{tr!("footer.crisis")}</p>
            // A person with a plan reaches their own crisis plan from any page, in one tap.
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    me.await
                        .ok()
                        .flatten()
                        .filter(|me| me.role == Role::ServiceUser)
                        .map(|_| {
                            view! {
                                <p>
                                    <a href="/crisis-plan">{tr!("footer.open_crisis_plan")}</a>
                                </p>
                            }
                        })
                })}
            </Transition>
        </footer>
    }
}
