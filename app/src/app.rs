//! The HTML shell, the routes and the page frame.

use crate::api::session::{current_user, Me};
use crate::components::common::hydration::HydrateAfterPaint;
use crate::components::common::layout::{Footer, Header, SkipLink};
use crate::components::common::offline::{provide_connection, ConnectionBanner};
use crate::components::common::resource::{load, Loaded};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::{
    about_me_page::AboutMePage,
    actions_page::{ActionEditPage, ActionsPage},
    budget_page::BudgetPage,
    carers_page::CarersPage,
    caseload_page::CaseloadPage,
    contacts_page::ContactsPage,
    crisis_card_page::CrisisCardPage,
    crisis_plan_page::CrisisPlanPage,
    dialog_plus_page::DialogPlusPage,
    goals_page::{GoalEditPage, GoalsPage},
    history_page::HistoryPage,
    home_page::HomePage,
    invite_page::InvitePage,
    login_page::LoginPage,
    not_found_page::NotFoundPage,
    notifications_page::NotificationsPage,
    plan_page::PlanPage,
    rate_page::RatePage,
    ratings_page::RatingsPage,
    review_page::ReviewPage,
    section_edit_page::SectionEditPage,
    sharing_page::SharingPage,
    team_page::TeamPage,
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
    // Marks the page as interactive, for styles that need JavaScript and for browser tests.
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
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
                        <Route path=path!("about-me") view=AboutMePage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/about-me") view=AboutMePage ssr=SsrMode::Async />
                        <Route path=path!("plan") view=PlanPage ssr=SsrMode::Async />
                        <Route path=path!("crisis-plan") view=CrisisPlanPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id") view=PlanPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/goals") view=GoalsPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/goals/:goal_id") view=GoalEditPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/actions") view=ActionsPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/actions/:action_id") view=ActionEditPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/contacts") view=ContactsPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/review") view=ReviewPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/budget") view=BudgetPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/history") view=HistoryPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/sharing") view=SharingPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/ratings") view=RatingsPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/rate/:measure") view=RatePage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/dialog-plus") view=DialogPlusPage ssr=SsrMode::Async />
                        <Route path=path!("plans/:plan_id/edit/:section") view=SectionEditPage ssr=SsrMode::Async />
                        <Route path=path!("caseload") view=CaseloadPage ssr=SsrMode::Async />
                        <Route path=path!("team") view=TeamPage ssr=SsrMode::Async />
                        <Route path=path!("carers") view=CarersPage ssr=SsrMode::Async />
                        <Route path=path!("notifications") view=NotificationsPage ssr=SsrMode::Async />
                    </Routes>
                </main>
            </div>
            <Footer />
        </Router>
    }
}
