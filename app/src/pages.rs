//! One module per route.

pub mod about_me_page;
pub mod carers_page;
pub mod caseload_page;
pub mod home_page;
pub mod invite_page;
pub mod login_page;
pub mod not_found_page;
pub mod team_page;
