//! Consent to share: which section of the plan a carer may read, from when, until when.

use super::section::Section;
use serde::{Deserialize, Serialize};

/// One grant, active or ended: together they are the person's consent history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareGrant {
    pub id: i64,
    pub grantee_id: i64,
    pub grantee_name: String,
    pub section: Section,
    pub granted_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl ShareGrant {
    /// In force at `now`: not stopped and not past its end.
    pub fn active(&self, now: i64) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|end| now < end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grant_ends_when_stopped_or_when_its_time_is_up() {
        let grant = ShareGrant {
            id: 1,
            grantee_id: 2,
            grantee_name: "Alex".into(),
            section: Section::Crisis,
            granted_at: 100,
            expires_at: Some(200),
            revoked_at: None,
        };
        assert!(grant.active(199));
        assert!(!grant.active(200));
        assert!(!ShareGrant { revoked_at: Some(150), ..grant.clone() }.active(160));
        assert!(ShareGrant { expires_at: None, ..grant }.active(1_000_000));
    }
}
