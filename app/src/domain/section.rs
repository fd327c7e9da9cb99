use serde::{Deserialize, Serialize};

/// A section of the care and support plan (DOMAIN.md, "The plan's sections"): the unit of
/// sharing, of authorisation and of "what changed". Agreement belongs to the whole plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    AboutMe,
    Goals,
    Formulation,
    Actions,
    Crisis,
    CareTreatment,
    CareTeam,
    Budget,
    Review,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::AboutMe,
        Section::Goals,
        Section::Formulation,
        Section::Actions,
        Section::Crisis,
        Section::CareTreatment,
        Section::CareTeam,
        Section::Budget,
        Section::Review,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AboutMe => "about_me",
            Self::Goals => "goals",
            Self::Formulation => "formulation",
            Self::Actions => "actions",
            Self::Crisis => "crisis",
            Self::CareTreatment => "care_treatment",
            Self::CareTeam => "care_team",
            Self::Budget => "budget",
            Self::Review => "review",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|section| section.as_str() == s)
    }

    /// The section's heading, as a locale key.
    pub fn title_key(self) -> String {
        format!("section.{}.title", self.as_str())
    }

    /// Where the section is edited, under `/plans/<id>/`.
    pub fn edit_path(self) -> &'static str {
        match self {
            Self::AboutMe => "about-me",
            Self::Goals => "goals",
            Self::Budget => "budget",
            Self::Actions => "actions",
            Self::Review => "review",
            Self::Formulation => "edit/formulation",
            Self::Crisis => "edit/crisis",
            Self::CareTreatment => "edit/care_treatment",
            Self::CareTeam => "edit/care_team",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_parses_back_from_its_name() {
        for section in Section::ALL {
            assert_eq!(Section::parse(section.as_str()), Some(section));
        }
        assert_eq!(Section::parse("agreement"), None);
    }
}
