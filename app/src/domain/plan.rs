//! The plan as its versions hold it, and "what changed" between two of them.

use super::about_me::{AboutMe, FIELDS as ABOUT_ME_FIELDS};
use super::action::ActionPlan;
use super::budget::{Budget, BudgetItem, HowHeld, Money, SignOff};
use super::contact::{ContactEntry, CrisisContact};
use super::date::Day;
use super::goal::{Goal, GoalText};
use super::plan_text::{fields, SectionText};
use super::review::{CareStage, ReviewPlan};
use super::section::Section;
use serde::{Deserialize, Serialize};

/// An action as agreed: its progress is left out, so ticking it off does not change the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreedAction {
    pub id: i64,
    pub plan: ActionPlan,
}

/// Everything the person and their key worker agree to. Stored as JSON with each agreed
/// version, so every earlier version stays readable whatever happens to the live plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContent {
    pub about_me: AboutMe,
    pub goals: Vec<Goal>,
    pub formulation: SectionText,
    pub actions: Vec<AgreedAction>,
    pub crisis: SectionText,
    pub contacts: Vec<ContactEntry>,
    pub care_treatment: SectionText,
    pub care_team: SectionText,
    pub budget: Budget,
    pub review: ReviewPlan,
}

/// A value as a change shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Text(String),
    Goal(GoalText),
    Action(ActionPlan),
    Contact(CrisisContact),
    Stage(CareStage),
    Day(Option<Day>),
    Money(Option<Money>),
    Held(Option<HowHeld>),
    BudgetItem(BudgetItem),
    SignOff(SignOff),
}

/// One difference: added when there is no `before`, removed when there is no `after`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub section: Section,
    /// The question or setting that changed, as the locale key of its label; `None` for an item
    /// of a list (a goal, an action, a contact), which `before`/`after` name themselves.
    pub field: Option<String>,
    pub before: Option<Shown>,
    pub after: Option<Shown>,
}

/// What changed from `old` to `new`, section by section in the plan's order.
pub fn changes(old: &PlanContent, new: &PlanContent) -> Vec<Change> {
    let mut out = Vec::new();
    let about = |a: &AboutMe| ABOUT_ME_FIELDS.iter().zip(a.answers()).map(|(f, v)| (*f, v.to_string())).collect();
    texts(&mut out, Section::AboutMe, "about_me", about(&old.about_me), about(&new.about_me));
    let goal = |g: &Goal| (g.id, Shown::Goal(g.text.clone()));
    items(&mut out, Section::Goals, old.goals.iter().map(goal).collect(), new.goals.iter().map(goal).collect());
    section_text(&mut out, Section::Formulation, &old.formulation, &new.formulation);
    let action = |a: &AgreedAction| (a.id, Shown::Action(a.plan.clone()));
    items(
        &mut out,
        Section::Actions,
        old.actions.iter().map(action).collect(),
        new.actions.iter().map(action).collect(),
    );
    section_text(&mut out, Section::Crisis, &old.crisis, &new.crisis);
    let contact = |c: &ContactEntry| (c.id, Shown::Contact(c.contact.clone()));
    items(
        &mut out,
        Section::Crisis,
        old.contacts.iter().map(contact).collect(),
        new.contacts.iter().map(contact).collect(),
    );
    section_text(&mut out, Section::CareTreatment, &old.care_treatment, &new.care_treatment);
    section_text(&mut out, Section::CareTeam, &old.care_team, &new.care_team);
    budget(&mut out, &old.budget, &new.budget);
    if old.review.stage != new.review.stage {
        out.push(Change {
            section: Section::Review,
            field: Some("review.stage.label".into()),
            before: Some(Shown::Stage(old.review.stage)),
            after: Some(Shown::Stage(new.review.stage)),
        });
    }
    if old.review.next_review != new.review.next_review {
        out.push(Change {
            section: Section::Review,
            field: Some("review.next_review.label".into()),
            before: Some(Shown::Day(old.review.next_review)),
            after: Some(Shown::Day(new.review.next_review)),
        });
    }
    out
}

fn budget(out: &mut Vec<Change>, old: &Budget, new: &Budget) {
    let section = Section::Budget;
    let text = |b: &Budget| {
        vec![
            ("needs", b.terms.needs.clone()),
            ("managed_by", b.terms.managed_by.clone()),
            ("review", b.terms.review.clone()),
        ]
    };
    texts(out, section, "budget", text(old), text(new));
    let mut setting = |field: &str, before: Shown, after: Shown| {
        if before != after {
            out.push(Change {
                section,
                field: Some(format!("budget.{field}.label")),
                before: Some(before),
                after: Some(after),
            });
        }
    };
    setting("allocation", Shown::Money(old.terms.allocation), Shown::Money(new.terms.allocation));
    setting("held", Shown::Held(old.terms.held), Shown::Held(new.terms.held));
    setting("sign_off", Shown::SignOff(old.sign_off.clone()), Shown::SignOff(new.sign_off.clone()));
    let item = |i: &BudgetItem| (i.id, Shown::BudgetItem(i.clone()));
    items(out, section, old.items.iter().map(item).collect(), new.items.iter().map(item).collect());
}

fn section_text(out: &mut Vec<Change>, section: Section, old: &SectionText, new: &SectionText) {
    let answers = |t: &SectionText| {
        fields(section).unwrap_or_default().iter().map(|f| (*f, t.get(f).to_string())).collect::<Vec<_>>()
    };
    texts(out, section, section.as_str(), answers(old), answers(new));
}

/// Written answers, question by question; both lists are in the section's question order.
fn texts(out: &mut Vec<Change>, section: Section, prefix: &str, old: Vec<(&str, String)>, new: Vec<(&str, String)>) {
    for ((field, before), (_, after)) in old.into_iter().zip(new) {
        if before != after {
            let shown = |text: String| (!text.is_empty()).then_some(Shown::Text(text));
            out.push(Change {
                section,
                field: Some(format!("{prefix}.{field}.label")),
                before: shown(before),
                after: shown(after),
            });
        }
    }
}

/// Items of a list matched by id: removed ones first, then changed and added in the new order.
fn items(out: &mut Vec<Change>, section: Section, old: Vec<(i64, Shown)>, new: Vec<(i64, Shown)>) {
    for (id, before) in &old {
        if !new.iter().any(|(n, _)| n == id) {
            out.push(Change { section, field: None, before: Some(before.clone()), after: None });
        }
    }
    for (id, after) in new {
        match old.iter().find(|(o, _)| *o == id) {
            Some((_, before)) if *before == after => {}
            before => {
                out.push(Change { section, field: None, before: before.map(|(_, b)| b.clone()), after: Some(after) })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::action::Assignee;

    fn goal(id: i64, title: &str) -> Goal {
        Goal { id, text: GoalText { title: title.into(), steps: vec!["a step".into()] } }
    }

    fn plan() -> PlanContent {
        let mut plan = PlanContent { goals: vec![goal(1, "Swim again"), goal(2, "Cook more")], ..Default::default() };
        plan.formulation.0.insert("difficulties".into(), "Low mood in winter".into());
        plan.actions.push(AgreedAction {
            id: 5,
            plan: ActionPlan { what: "Call the GP".into(), who: Assignee::Me, due: None },
        });
        plan
    }

    #[test]
    fn the_same_plan_has_no_changes() {
        assert!(changes(&plan(), &plan()).is_empty());
    }

    #[test]
    fn a_changed_goal_is_exactly_one_change_with_before_and_after() {
        let mut new = plan();
        new.goals[0].text.title = "Swim twice a week".into();
        assert_eq!(
            changes(&plan(), &new),
            [Change {
                section: Section::Goals,
                field: None,
                before: Some(Shown::Goal(goal(1, "Swim again").text)),
                after: Some(Shown::Goal(goal(1, "Swim twice a week").text)),
            }]
        );
    }

    #[test]
    fn added_and_removed_items_and_answers_are_told_apart() {
        let mut new = plan();
        new.goals.remove(1);
        new.goals.push(goal(9, "Walk the dog"));
        new.formulation.0.clear();
        new.about_me.strengths = "Kind".into();
        let found = changes(&plan(), &new);
        let kinds: Vec<_> =
            found.iter().map(|c| (c.section, c.field.as_deref(), c.before.is_some(), c.after.is_some())).collect();
        assert_eq!(
            kinds,
            [
                (Section::AboutMe, Some("about_me.strengths.label"), false, true),
                (Section::Goals, None, true, false),
                (Section::Goals, None, false, true),
                (Section::Formulation, Some("formulation.difficulties.label"), true, false),
            ]
        );
    }

    #[test]
    fn budget_changes_name_the_setting_or_the_item() {
        use crate::domain::budget::Frequency;
        let mut new = plan();
        new.budget.terms.allocation = Some(Money::parse("a", "1000").unwrap());
        new.budget.add_item(("Gym".into(), Money::parse("c", "25").unwrap(), Frequency::Monthly));
        let found = changes(&plan(), &new);
        let fields: Vec<_> = found.iter().map(|c| c.field.as_deref()).collect();
        assert_eq!(fields, [Some("budget.allocation.label"), None]);
    }

    #[test]
    fn review_stage_and_date_changes_are_listed() {
        let mut new = plan();
        new.review.stage = CareStage::Intervention;
        new.review.next_review = Some(Day::from_days(20_000));
        let fields: Vec<_> = changes(&plan(), &new).into_iter().filter_map(|c| c.field).collect();
        assert_eq!(fields, ["review.stage.label", "review.next_review.label"]);
    }
}
