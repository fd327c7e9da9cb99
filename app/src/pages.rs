//! One module per route.

pub mod about_me_page;
pub mod actions_page;
pub mod budget_page;
pub mod carers_page;
pub mod caseload_page;
pub mod contacts_page;
pub mod crisis_card_page;
pub mod crisis_plan_page;
pub mod dialog_plus_page;
pub mod goals_page;
pub mod history_page;
pub mod home_page;
pub mod invite_page;
pub mod login_page;
pub mod not_found_page;
pub mod notifications_page;
pub mod plan_page;
pub mod rate_page;
pub mod ratings_page;
pub mod review_page;
pub mod section_edit_page;
pub mod sharing_page;
pub mod team_page;

use leptos::prelude::*;
use leptos_router::ChooseView;

/// The pages whose code is not in the WASM every page loads but in a second file, fetched the
/// first time one of them is shown (`cargo leptos build --split`; BENCHMARKS.md's bundle).
/// The pages someone opens the app on stay in the first file: home, logging in, the crisis
/// plan, an invitation and a crisis card (opened from a QR code, often on a stranger's phone).
///
/// One split for all of them, not one per page: split per page, the pages' shared code came
/// apart into 374 files, 130 of them for home alone, and the whole app grew by four fifths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaterPage {
    AboutMe,
    Plan,
    Goals,
    GoalEdit,
    Actions,
    ActionEdit,
    Contacts,
    Review,
    Budget,
    History,
    Sharing,
    Ratings,
    Rate,
    DialogPlus,
    SectionEdit,
    Caseload,
    Team,
    Carers,
    Notifications,
}

impl ChooseView for LaterPage {
    async fn choose(self) -> AnyView {
        later_page(self).await
    }

    /// The router fetches the second file here before it hydrates a page opened directly, so
    /// that the page's code is there when the server's HTML is taken over.
    async fn preload(&self) {
        #[cfg(feature = "hydrate")]
        __preload_later_page().await;
    }
}

#[leptos::lazy]
fn later_page(page: LaterPage) -> AnyView {
    match page {
        LaterPage::AboutMe => about_me_page::AboutMePage().into_any(),
        LaterPage::Plan => plan_page::PlanPage().into_any(),
        LaterPage::Goals => goals_page::GoalsPage().into_any(),
        LaterPage::GoalEdit => goals_page::GoalEditPage().into_any(),
        LaterPage::Actions => actions_page::ActionsPage().into_any(),
        LaterPage::ActionEdit => actions_page::ActionEditPage().into_any(),
        LaterPage::Contacts => contacts_page::ContactsPage().into_any(),
        LaterPage::Review => review_page::ReviewPage().into_any(),
        LaterPage::Budget => budget_page::BudgetPage().into_any(),
        LaterPage::History => history_page::HistoryPage().into_any(),
        LaterPage::Sharing => sharing_page::SharingPage().into_any(),
        LaterPage::Ratings => ratings_page::RatingsPage().into_any(),
        LaterPage::Rate => rate_page::RatePage().into_any(),
        LaterPage::DialogPlus => dialog_plus_page::DialogPlusPage().into_any(),
        LaterPage::SectionEdit => section_edit_page::SectionEditPage().into_any(),
        LaterPage::Caseload => caseload_page::CaseloadPage().into_any(),
        LaterPage::Team => team_page::TeamPage().into_any(),
        LaterPage::Carers => carers_page::CarersPage().into_any(),
        LaterPage::Notifications => notifications_page::NotificationsPage().into_any(),
    }
}
