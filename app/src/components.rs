//! Pieces of pages, grouped by feature; `common` holds what every page uses.

pub mod care_team_sharing;
pub mod carer_inbox;
pub mod charts;
pub mod common;
pub mod crisis_card;
pub mod people;
pub mod plan;
pub mod push_device;
pub mod rating;
pub mod trusted_systems;
