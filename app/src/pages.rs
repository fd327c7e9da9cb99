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
