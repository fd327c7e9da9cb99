//! Types of the care and support plan, shared by the browser and the server. Parsing them is
//! the validation: the same code gives instant feedback in the form and the final check on the
//! server.

pub mod about_me;
pub mod account;
pub mod action;
pub mod budget;
pub mod contact;
pub mod crisis_card;
pub mod date;
pub mod goal;
pub mod notice;
pub mod plan;
pub mod plan_text;
pub mod rating;
pub mod review;
pub mod role;
pub mod section;
pub mod sharing;
pub mod suggestion;
pub mod text;
pub mod trusted_system;
