//! The HTML shell, the routes and the page frame.

use crate::api::session::{current_user, Me};
use crate::components::common::hydration::HydrateAfterPaint;
use crate::components::common::layout::{Footer, Header, SkipLink};
use crate::components::common::offline::{provide_connection, ConnectionBanner};
use crate::components::common::resource::{load, Loaded};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::{
    crisis_card_page::CrisisCardPage, crisis_plan_page::CrisisPlanPage, home_page::HomePage, invite_page::InvitePage,
    login_page::LoginPage, not_found_page::NotFoundPage, LaterPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The whole HTML document, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let locale = crate::server::http::page_setup();
    #[cfg(not(feature = "ssr"))]
    let locale = Locale::default();
    provide_context(locale);
    view! {
        <!DOCTYPE html>
        <html lang=locale.code() dir=locale.dir()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrateAfterPaint options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The signed-in person, loaded once per page load; `None` when signed out.
#[derive(Clone, Copy)]
pub struct MeResource(pub Loaded<Result<Option<Me>, AppError>>);

pub fn use_me() -> Loaded<Result<Option<Me>, AppError>> {
    expect_context::<MeResource>().0
}

/// The locale the server rendered the page in: from the shell's context on the server, from
/// `<html lang>` in the browser, so hydration sees the same words.
pub(crate) fn page_locale() -> Locale {
    #[cfg(feature = "hydrate")]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| Locale::parse(&lang))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        use_context::<Locale>().unwrap_or_default()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(page_locale());
    provide_context(MeResource(load(|| (), |_| current_user())));
    provide_connection();
    view! {
        <Stylesheet id="leptos" href="/pkg/wellbeing.css" />
        <Link rel="manifest" href="/manifest.webmanifest" />
        <Link rel="icon" href="/icons/icon-192.png" />
        <Meta name="theme-color" content="#005eb8" />
        // Async rendering: every page waits for its data and arrives as complete HTML, readable
        // and usable without JavaScript (out-of-order streaming needs a script to put the loaded
        // parts in place). One piece, not a stream of parts, also costs the server a fifth less
        // than in-order streaming did.
        <Router>
            <SkipLink />
            <Header />
            <ConnectionBanner />
            <div class="page">
                <main id="main-content" tabindex="-1">
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("login") view=LoginPage ssr=SsrMode::Async />
                        <Route path=path!("invite/:token") view=InvitePage ssr=SsrMode::Async />
                        <Route path=path!("crisis-card/:token") view=CrisisCardPage ssr=SsrMode::Async />
                        <Route path=path!("about-me") view=LaterPage::AboutMe ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/about-me") view=LaterPage::AboutMe ssr=SsrMode::Async />
                        <Route path=path!("plan") view=LaterPage::Plan ssr=SsrMode::Async />
                        <Route path=path!("crisis-plan") view=CrisisPlanPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id") view=LaterPage::Plan ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/goals") view=LaterPage::Goals ssr=SsrMode::Async />
                        <Route
                            path=path!("plans/:plan_id/goals/:goal_id")
                            view=LaterPage::GoalEdit
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("plans/:plan_id/actions") view=LaterPage::Actions ssr=SsrMode::Async />
                        <Route
                            path=path!("plans/:plan_id/actions/:action_id")
                            view=LaterPage::ActionEdit
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("plans/:plan_id/contacts") view=LaterPage::Contacts ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/review") view=LaterPage::Review ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/budget") view=LaterPage::Budget ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/history") view=LaterPage::History ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/sharing") view=LaterPage::Sharing ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/ratings") view=LaterPage::Ratings ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/rate/:measure") view=LaterPage::Rate ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/dialog-plus") view=LaterPage::DialogPlus ssr=SsrMode::Async />
                        <Route
                            path=path!("plans/:plan_id/edit/:section")
                            view=LaterPage::SectionEdit
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("caseload") view=LaterPage::Caseload ssr=SsrMode::Async />
                        <Route path=path!("team") view=LaterPage::Team ssr=SsrMode::Async />
                        <Route path=path!("carers") view=LaterPage::Carers ssr=SsrMode::Async />
                        <Route path=path!("notifications") view=LaterPage::Notifications ssr=SsrMode::Async />
                    </Routes>
                </main>
            </div>
            <Footer />
        </Router>
    }
}
