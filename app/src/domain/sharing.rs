//! Consent to share: which section of the plan a carer may read, from when, until when.

use super::role::Role;
use super::section::Section;
use serde::{Deserialize, Serialize};

/// One grant, active or ended: together they are the person's consent history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareGrant {
    pub id: i64,
    pub grantee_id: i64,
    pub grantee_name: String,
    pub section: Section,
    /// A single action shared (id, what it says), rather than the whole section.
    pub action: Option<(i64, String)>,
    pub granted_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// A section the person stopped sharing with their care team, and when they shared it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withholding {
    pub id: i64,
    pub section: Section,
    pub withheld_at: i64,
    pub restored_at: Option<i64>,
}

impl ShareGrant {
    /// In force at `now`: not stopped and not past its end.
    pub fn active(&self, now: i64) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|end| now < end)
    }
}

/// Someone other than the person looked at or changed their plan: one line of "who looked".
/// Entries by the same person doing the same thing in the same minute are one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLine {
    /// `None` once their account is gone.
    pub name: Option<String>,
    pub role: Role,
    /// `read`, `edit`, `suggest`, `agree`, `request`, `sign_off`, `invite`.
    pub action: String,
    /// Section names, or `plan`, `carers`, `sharing`.
    pub what: Vec<String>,
    pub at: i64,
}

/// Raw log rows (name, role, action, what, at), newest first, merged into lines.
pub fn access_lines(rows: Vec<(Option<String>, Role, String, String, i64)>) -> Vec<AccessLine> {
    let mut lines: Vec<AccessLine> = Vec::new();
    for (name, role, action, what, at) in rows {
        match lines.last_mut() {
            Some(line)
                if line.name == name && line.role == role && line.action == action && line.at / 60 == at / 60 =>
            {
                if !line.what.contains(&what) {
                    line.what.push(what);
                }
            }
            _ => lines.push(AccessLine { name, role, action, what: vec![what], at }),
        }
    }
    lines
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
            action: None,
            granted_at: 100,
            expires_at: Some(200),
            revoked_at: None,
        };
        assert!(grant.active(199));
        assert!(!grant.active(200));
        assert!(!ShareGrant { revoked_at: Some(150), ..grant.clone() }.active(160));
        assert!(ShareGrant { expires_at: None, ..grant }.active(1_000_000));
    }

    #[test]
    fn reads_of_several_sections_in_one_minute_are_one_line() {
        let alex = || Some("Alex".to_string());
        let rows = vec![
            (alex(), Role::Carer, "read".to_string(), "crisis".to_string(), 130),
            (alex(), Role::Carer, "read".to_string(), "goals".to_string(), 125),
            (alex(), Role::Carer, "read".to_string(), "crisis".to_string(), 121),
            (alex(), Role::Carer, "read".to_string(), "crisis".to_string(), 60),
            (None, Role::KeyWorker, "edit".to_string(), "formulation".to_string(), 60),
        ];
        let lines = access_lines(rows);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].what, ["crisis", "goals"]);
        assert_eq!(lines[1].at, 60);
        assert_eq!(lines[2].name, None);
    }
}
