//! A plan's content as stored with a version, and its fingerprint: agreeing names the exact
//! content agreed, so an edit between reading and agreeing cannot slip through.

use crate::domain::plan::PlanContent;
use crate::error::AppError;
use sha2::{Digest, Sha256};

/// The content as JSON, and the SHA-256 of that JSON in hex.
pub fn fingerprint(content: &PlanContent) -> Result<(String, String), AppError> {
    let json = serde_json::to_string(content).map_err(|e| {
        tracing::error!(error = %e, "plan content does not serialise");
        AppError::Internal
    })?;
    let hash = Sha256::digest(json.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    Ok((json, hash))
}
