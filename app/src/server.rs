//! Server-only parts: database, sessions, the authorisation policy and HTTP helpers.
//! Compiled only with the `ssr` feature.

pub mod access;
pub mod auth;
pub mod db;
pub mod fhir;
pub mod http;
pub mod plan_hash;
pub mod policy;
pub mod push;
pub mod state;
