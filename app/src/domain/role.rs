use serde::{Deserialize, Serialize};

/// What a person is to the service. One account has one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    ServiceUser,
    Carer,
    KeyWorker,
    TeamAdmin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::ServiceUser, Role::Carer, Role::KeyWorker, Role::TeamAdmin];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ServiceUser => "service_user",
            Self::Carer => "carer",
            Self::KeyWorker => "key_worker",
            Self::TeamAdmin => "team_admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}
