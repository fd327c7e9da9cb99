//! Types of the care and support plan, shared by the browser and the server. Parsing them is
//! the validation: the same code gives instant feedback in the form and the final check on the
//! server.

pub mod about_me;
pub mod account;
pub mod date;
pub mod role;
pub mod section;
pub mod text;
