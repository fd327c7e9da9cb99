//! Actions: who will do what, by when (PRSB section 4).

use super::date::Day;
use super::text::{bounded, Problems};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

pub const WHAT_MAX: usize = 300;
pub const SERVICE_MAX: usize = 100;
pub const ACTIONS_MAX: usize = 100;

/// Who does an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Assignee {
    /// The person themselves.
    Me,
    /// A carer the person invited, by account.
    Carer {
        account_id: i64,
        name: String,
    },
    KeyWorker,
    /// Another service, by name: "GP", "housing".
    Service {
        name: String,
    },
}

/// Which side of the plan writes an action: the person (their own and their carers' actions)
/// or the service (the key worker's and other services' actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionSide {
    Person,
    Service,
}

impl Assignee {
    /// Reads the form's choice: `me`, `key_worker`, `service` (with `service_name`) or
    /// `carer:<account id>`, where the carer must be one of `carers` (id, name).
    pub fn parse(who: &str, service_name: &str, carers: &[(i64, String)]) -> Result<Self, FieldError> {
        match who {
            "me" => Ok(Self::Me),
            "key_worker" => Ok(Self::KeyWorker),
            "service" => bounded("service_name", service_name, 1, SERVICE_MAX).map(|name| Self::Service { name }),
            _ => {
                let id = who.strip_prefix("carer:").and_then(|id| id.parse::<i64>().ok());
                id.and_then(|id| carers.iter().find(|(c, _)| *c == id))
                    .map(|(account_id, name)| Self::Carer { account_id: *account_id, name: name.clone() })
                    .ok_or_else(|| FieldError::new("who", "error.unknown_assignee"))
            }
        }
    }

    /// The form value that [`Assignee::parse`] reads back.
    pub fn form_value(&self) -> String {
        match self {
            Self::Me => "me".into(),
            Self::KeyWorker => "key_worker".into(),
            Self::Service { .. } => "service".into(),
            Self::Carer { account_id, .. } => format!("carer:{account_id}"),
        }
    }

    pub fn side(&self) -> ActionSide {
        match self {
            Self::Me | Self::Carer { .. } => ActionSide::Person,
            Self::KeyWorker | Self::Service { .. } => ActionSide::Service,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    ToDo,
    Done,
    NotNeeded,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [Self::ToDo, Self::Done, Self::NotNeeded];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ToDo => "to_do",
            Self::Done => "done",
            Self::NotNeeded => "not_needed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// What is agreed about an action: the part the plan's versions hold. Its progress (status)
/// changes without making a new version of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPlan {
    pub what: String,
    pub who: Assignee,
    pub due: Option<Day>,
}

impl ActionPlan {
    pub fn parse(
        what: &str,
        who: &str,
        service_name: &str,
        due: &str,
        carers: &[(i64, String)],
        today: Day,
    ) -> Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        let what = problems.check(bounded("what", what, 1, WHAT_MAX));
        let who = problems.check(Assignee::parse(who, service_name, carers));
        let due = problems.check(Day::parse_future("due", due, today));
        problems.into_result(|| Self {
            what: what.unwrap_or_default(),
            who: who.unwrap_or(Assignee::Me),
            due: due.flatten(),
        })
    }
}

/// An action of a plan with its progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareAction {
    pub id: i64,
    pub plan: ActionPlan,
    pub status: ActionStatus,
    /// Who changed the status last, and when (Unix seconds).
    pub status_by: Option<(String, i64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn carers() -> Vec<(i64, String)> {
        vec![(7, "Alex".into())]
    }

    #[test]
    fn an_action_names_someone_the_person_invited_or_a_service() {
        assert_eq!(Assignee::parse("carer:7", "", &carers()).unwrap().form_value(), "carer:7");
        assert_eq!(Assignee::parse("carer:8", "", &carers()).unwrap_err().key, "error.unknown_assignee");
        assert_eq!(Assignee::parse("carer:x", "", &carers()).unwrap_err().key, "error.unknown_assignee");
        assert_eq!(Assignee::parse("boss", "", &carers()).unwrap_err().key, "error.unknown_assignee");
        assert_eq!(Assignee::parse("service", " ", &carers()).unwrap_err().field, "service_name");
        assert_eq!(Assignee::parse("service", "GP", &carers()).unwrap().side(), ActionSide::Service);
        assert_eq!(Assignee::parse("me", "", &carers()).unwrap().side(), ActionSide::Person);
    }

    #[test]
    fn an_action_needs_words_and_a_due_date_not_in_the_past() {
        let today = Day::parse_iso("d", "2026-11-23").unwrap();
        let errors = ActionPlan::parse("", "me", "", "2026-11-01", &carers(), today).unwrap_err();
        let keys: Vec<_> = errors.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["error.required", "error.date_past"]);
        let action = ActionPlan::parse("Call the GP", "me", "", "", &carers(), today).unwrap();
        assert_eq!(action.due, None);
    }

    #[test]
    fn statuses_parse_from_their_names() {
        for status in ActionStatus::ALL {
            assert_eq!(ActionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ActionStatus::parse("maybe"), None);
    }
}
