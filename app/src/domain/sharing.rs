//! Consent to share: which section of the plan a carer may read, from when, until when.

use super::crisis_card::CrisisCard;
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
    /// `None` once their account is gone, and for someone holding a crisis card's link.
    pub name: Option<String>,
    /// `None` for someone holding a crisis card's link: they have no account.
    pub role: Option<Role>,
    /// The label of the crisis card whose link was opened ("A&E").
    pub card: Option<String>,
    /// The trusted system that read the plan as FHIR, by the name its team gave it.
    pub system: Option<String>,
    /// `read`, `edit`, `suggest`, `agree`, `request`, `sign_off`, `invite`, `make`.
    pub action: String,
    /// Section names, or `plan`, `carers`, `sharing`, `password_link`.
    pub what: Vec<String>,
    pub at: i64,
}

/// One row of the access log as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRow {
    pub name: Option<String>,
    /// `None` for a trusted system, which has no account.
    pub role: Option<Role>,
    pub system: Option<String>,
    pub action: String,
    pub what: String,
    pub at: i64,
}

/// Raw log rows, newest first, merged into lines, with each opening of a crisis card's link
/// (which shows the card's sections) among them by time.
pub fn access_lines(rows: Vec<AccessRow>, cards: &[CrisisCard]) -> Vec<AccessLine> {
    let mut lines: Vec<AccessLine> = Vec::new();
    for AccessRow { name, role, system, action, what, at } in rows {
        match lines.last_mut() {
            Some(line)
                if line.name == name
                    && line.role == role
                    && line.system == system
                    && line.action == action
                    && line.at / 60 == at / 60 =>
            {
                if !line.what.contains(&what) {
                    line.what.push(what);
                }
            }
            _ => lines.push(AccessLine { name, role, card: None, system, action, what: vec![what], at }),
        }
    }
    for card in cards {
        let what: Vec<String> = card.sections.iter().map(|s| s.as_str().to_string()).collect();
        lines.extend(card.openings.iter().map(|at| AccessLine {
            name: None,
            role: None,
            card: Some(card.label.clone()),
            system: None,
            action: "read".into(),
            what: what.clone(),
            at: *at,
        }));
    }
    lines.sort_by_key(|line| std::cmp::Reverse(line.at));
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
        let row = |name: Option<&str>, role, system: Option<&str>, action: &str, what: &str, at| AccessRow {
            name: name.map(Into::into),
            role,
            system: system.map(Into::into),
            action: action.into(),
            what: what.into(),
            at,
        };
        let carer = Some(Role::Carer);
        let rows = vec![
            row(Some("Alex"), carer, None, "read", "crisis", 130),
            row(Some("Alex"), carer, None, "read", "goals", 125),
            row(Some("Alex"), carer, None, "read", "crisis", 121),
            row(None, None, Some("Riverside EPR"), "read", "crisis", 121),
            row(Some("Alex"), carer, None, "read", "crisis", 60),
            row(None, Some(Role::KeyWorker), None, "edit", "formulation", 60),
        ];
        let card = CrisisCard {
            id: 1,
            label: "A&E".into(),
            created_at: 0,
            expires_at: 1_000,
            revoked_at: None,
            sections: vec![Section::Crisis],
            openings: vec![90],
        };
        let lines = access_lines(rows, &[card]);
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[0].what, ["crisis", "goals"]);
        assert_eq!((lines[1].system.as_deref(), lines[1].role), (Some("Riverside EPR"), None));
        assert_eq!((lines[2].card.as_deref(), lines[2].role, lines[2].at), (Some("A&E"), None, 90));
        assert_eq!(lines[3].at, 60);
        assert_eq!(lines[4].name, None);
    }
}
