pub mod form;
pub mod hydration;
pub mod layout;
pub mod notice;
pub mod offline;
pub mod resource;
