use serde::{Deserialize, Serialize};

/// A section of the care and support plan: the unit of sharing and of authorisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    AboutMe,
}

impl Section {
    pub const ALL: [Section; 1] = [Section::AboutMe];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AboutMe => "about_me",
        }
    }
}
