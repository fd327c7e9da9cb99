//! The person's own goals, each with smaller steps (PRSB section 2).

use super::text::{bounded, Problems};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 200;
pub const STEP_MAX: usize = 200;
pub const STEPS_MAX: usize = 12;
/// More goals than this stops being a plan a person can hold in mind.
pub const GOALS_MAX: usize = 20;

/// A goal as written: what the person wants, and the steps towards it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalText {
    pub title: String,
    pub steps: Vec<String>,
}

impl GoalText {
    /// `steps` is one step per line, as typed in a text box; blank lines are dropped.
    pub fn parse(title: &str, steps: &str) -> Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        let title = problems.check(bounded("title", title, 1, TITLE_MAX));
        let lines: Vec<&str> = steps.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let steps = if lines.len() > STEPS_MAX {
            problems.check::<()>(Err(FieldError::with_limit("steps", "error.too_many_steps", STEPS_MAX as u32)));
            Vec::new()
        } else if let Some(long) = lines.iter().find(|l| l.chars().count() > STEP_MAX) {
            problems.check(bounded("steps", long, 0, STEP_MAX));
            Vec::new()
        } else {
            lines.iter().filter_map(|l| problems.check(bounded("steps", l, 1, STEP_MAX))).collect()
        };
        problems.into_result(|| Self { title: title.unwrap_or_default(), steps })
    }

    /// The steps as the text box shows them.
    pub fn steps_text(&self) -> String {
        self.steps.join("\n")
    }
}

/// A goal of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: i64,
    pub text: GoalText,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_a_line_without_blanks() {
        let goal = GoalText::parse(" Get back to swimming ", "Find the timetable\n\n  Go once with Sam \n").unwrap();
        assert_eq!(goal.title, "Get back to swimming");
        assert_eq!(goal.steps, ["Find the timetable", "Go once with Sam"]);
        assert_eq!(goal.steps_text(), "Find the timetable\nGo once with Sam");
    }

    #[test]
    fn a_goal_needs_a_title_and_not_too_many_or_too_long_steps() {
        let errors = GoalText::parse("  ", &"step\n".repeat(STEPS_MAX + 1)).unwrap_err();
        let keys: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.key.as_str())).collect();
        assert_eq!(keys, [("title", "error.required"), ("steps", "error.too_many_steps")]);
        let long = "x".repeat(STEP_MAX + 1);
        assert_eq!(GoalText::parse("Goal", &long).unwrap_err()[0].key, "error.too_long");
    }
}
