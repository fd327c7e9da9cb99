//! The Wellbeing Plan server: settings, start-up and the routes that are not pages.
//! Everything about the plan itself lives in the `app` crate.

pub mod demo;
pub mod security;
pub mod service_worker;
pub mod settings;
pub mod startup;
