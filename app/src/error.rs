//! The one error type every server function returns.
//!
//! Errors a person can fix carry a message key from the locale files; internal failures are
//! logged on the server and reach the browser only as a generic message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A problem with one form field, shown next to the field and in the error summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name (and element id).
    pub field: String,
    /// Message key in the locale files.
    pub key: String,
    /// A number the message mentions, such as a maximum length.
    pub limit: Option<u32>,
}

impl FieldError {
    pub fn new(field: &str, key: &str) -> Self {
        Self { field: field.into(), key: key.into(), limit: None }
    }

    pub fn with_limit(field: &str, key: &str, limit: u32) -> Self {
        Self { field: field.into(), key: key.into(), limit: Some(limit) }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("some fields need attention")]
    Invalid(Vec<FieldError>),
    #[error("not signed in")]
    Unauthenticated,
    /// Also used where a thing exists but the caller may not know that it does.
    #[error("not found")]
    NotFound,
    #[error("not allowed")]
    Forbidden,
    #[error("wrong email or password")]
    BadCredentials,
    #[error("invite link not valid")]
    InviteInvalid,
    #[error("too many attempts")]
    RateLimited { retry_after_secs: u64 },
    #[error("malformed request")]
    BadRequest,
    /// A body over the server's limit, refused before any handler reads it.
    #[error("request too large")]
    TooLarge,
    #[error("server unreachable")]
    Unreachable,
    /// Never made by the server: the service worker answers so when it has queued a write made
    /// offline (a rating, a ticked-off action), to be sent when the connection returns.
    #[error("saved on this device")]
    SavedOffline,
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn invalid(field: &str, key: &str) -> Self {
        Self::Invalid(vec![FieldError::new(field, key)])
    }

    /// A list is full: `field` shows "`key`" with the most allowed.
    pub fn limit(field: &str, key: &str, max: usize) -> Self {
        Self::Invalid(vec![FieldError::with_limit(field, key, max as u32)])
    }

    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Invalid(_) | Self::BadRequest => 400,
            Self::Unauthenticated | Self::BadCredentials => 401,
            Self::Forbidden => 403,
            Self::TooLarge => 413,
            Self::NotFound => 404,
            Self::InviteInvalid => 410,
            Self::RateLimited { .. } => 429,
            Self::Unreachable | Self::SavedOffline => 503,
            Self::Internal => 500,
        }
    }

    /// Message key for the whole error (field errors have their own keys as well).
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "error.invalid",
            Self::Unauthenticated => "error.unauthenticated",
            Self::NotFound => "error.not_found",
            Self::Forbidden => "error.forbidden",
            Self::BadCredentials => "error.bad_credentials",
            Self::InviteInvalid => "error.invite_invalid",
            Self::RateLimited { .. } => "error.rate_limited",
            Self::BadRequest => "error.bad_request",
            Self::TooLarge => "error.too_large",
            Self::Unreachable => "error.unreachable",
            Self::SavedOffline => "error.saved_offline",
            Self::Internal => "error.internal",
        }
    }

    /// The number the whole-error message mentions: minutes to wait after too many attempts.
    pub fn message_limit(&self) -> Option<u32> {
        match self {
            Self::RateLimited { retry_after_secs } => Some(retry_after_secs.div_ceil(60).max(1) as u32),
            _ => None,
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => Self::BadRequest,
            // On the client these mean the request never got an answer: the text stays in the form.
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::Unreachable,
            _ => Self::Internal,
        }
    }

    // Every error leaves the server through here, including malformed bodies that never reach
    // our code, so this is the one place that turns an error into its HTTP status.
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        crate::server::http::set_error_status(self.status());
        <Self::Encoder as leptos::server_fn::Encodes<Self>>::encode(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_limit_says_how_many_whole_minutes_to_wait() {
        let wait = |secs| AppError::RateLimited { retry_after_secs: secs }.message_limit();
        assert_eq!(wait(1), Some(1));
        assert_eq!(wait(60), Some(1));
        assert_eq!(wait(61), Some(2));
        assert_eq!(wait(900), Some(15));
        assert_eq!(AppError::BadCredentials.message_limit(), None);
    }
}
