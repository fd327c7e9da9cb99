//! HTTP tests against the real app on port 0, each with a fresh database: SQLite by default,
//! PostgreSQL with `TEST_DATABASE=postgres`.

mod integration {
    pub mod about_me;
    pub mod accounts;
    pub mod authorization;
    pub mod database;
    pub mod fhir;
    pub mod hardening;
    pub mod offline;
    pub mod plan;
    pub mod push;
    pub mod push_service;
    pub mod ratings;
    pub mod rendering;
    pub mod security;
    pub mod server_process;
    pub mod sharing;
    pub mod support;
}
