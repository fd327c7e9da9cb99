//! A second demo service user, Morgan Reid, whose plan has been written and rated over three
//! months: what someone trying the app needs to see the pictures of ratings over time, the
//! caseload's flags and a crisis plan worth keeping offline, without typing it all first.
//! Everything goes through the same parsing as the forms, so it is data the app could have made.

use super::{add_account, demo_password_hash, Error};
use app::domain::about_me::AboutMe;
use app::domain::action::{ActionPlan, ActionStatus, ACTIONS_MAX};
use app::domain::contact::{CrisisContact, CONTACTS_MAX};
use app::domain::date::Day;
use app::domain::goal::{GoalText, GOALS_MAX};
use app::domain::plan_text::SectionText;
use app::domain::rating::instrument::Instrument;
use app::domain::rating::wheel::{self, WheelArea};
use app::domain::rating::{dialog, goal_questions, parse_answers, AnswerForm, Measure, Question};
use app::domain::role::Role;
use app::domain::section::Section;
use app::server::auth::{new_token, now};
use app::server::db::{Db, InviteFor, NewRating, Tells};
use std::collections::BTreeMap;

const EMAIL: &str = "morgan@example.org";
const DAY: i64 = 24 * 60 * 60;

/// Adds Morgan to the demo key worker's caseload with a written, rated plan; does nothing if
/// Morgan is there already or the demo team is not. `wheel` is the deployment's life areas,
/// `instruments` the questionnaires it loads.
pub async fn seed_history(db: &Db, wheel: &[WheelArea], instruments: &[Instrument]) -> Result<(), Error> {
    if db.account_by_email(EMAIL).await?.is_some() {
        return Ok(());
    }
    let Some(key_worker) = db.account_by_email("keyworker@example.org").await? else {
        return Ok(());
    };
    let links = InviteFor::PlanOwner { key_worker_id: key_worker.id };
    let hash = demo_password_hash().await?;
    let morgan = add_account(db, &hash, Role::ServiceUser, "Morgan Reid", EMAIL, key_worker.team_id, links).await?;
    let plan = db.plan_of_owner(morgan).await?.ok_or("demo plan missing")?;
    let now = now();
    write_plan(db, plan, morgan, key_worker.id, now).await?;
    rate(db, plan, morgan, wheel, now).await?;
    rate_questionnaires(db, plan, morgan, instruments, now).await
}

async fn write_plan(db: &Db, plan: i64, morgan: i64, key_worker: i64, now: i64) -> Result<(), Error> {
    let about = AboutMe::parse([
        "I'm Morgan. I live in a flat in Riverside with my cat, Pickle.",
        "Keeping my flat. Seeing my niece at weekends. Getting back to work at the garden centre.",
        "I'm good with plants, and with people who are having a hard day. I stick at things.",
        "Walking every morning. The Thursday group at the recovery college.",
        "Sleeping in the day. Letters about money that I leave unopened.",
        "My sister Jo. Dev, my friend from the group.",
        "Tell me straight. Text before you phone, and give me time to answer.",
        "Phone calls are hard for me: text or email first, please.",
        "",
    ])
    .map_err(invalid)?;
    db.save_about_me(plan, &about, morgan, now - 80 * DAY).await?;
    let crisis = section_text(
        Section::Crisis,
        &[
            ("warning_signs", "I stop answering texts. I sleep in the day and stay up all night."),
            ("i_can_do", "Go for a walk, even a short one. Text Jo. The breathing exercise from group."),
            ("others_can_do", "Jo: come round rather than ask on the phone if I'm OK. Team: call back the same day."),
            ("helps", "Someone sitting with me. Being outside. Being asked what I need."),
            ("does_not_help", "Being told to cheer up. Lots of questions at once."),
        ],
    )?;
    db.save_section_doc(plan, Section::Crisis, &crisis, morgan, now - 75 * DAY).await?;
    // 07700 900xxx: Ofcom's range for numbers in drama, never anyone's phone.
    let jo = CrisisContact::parse("Jo Reid", "My sister", "07700 900123", "Evenings and weekends").map_err(invalid)?;
    db.add_contact(plan, &jo, CONTACTS_MAX, morgan, now - 75 * DAY).await?;
    let formulation = section_text(
        Section::Formulation,
        &[
            ("difficulties", "Low mood that comes back in winter, and nights without sleep that make it worse."),
            ("keeps_going", "Sleeping in the day, then lying awake; staying in when money worries pile up."),
            ("strengths", "Morgan's routine of walking, the group, and Jo."),
        ],
    )?;
    db.save_section_doc(plan, Section::Formulation, &formulation, key_worker, now - 70 * DAY).await?;

    let goals = [
        (
            "Back at the garden centre two days a week",
            "Talk to my manager about a phased return\nVolunteer one morning a week first",
        ),
        ("Sleep at night, not in the day", "Up at the same time every day\nNo screens after 11"),
    ];
    for (title, steps) in goals {
        let goal = GoalText::parse(title, steps).map_err(invalid)?;
        db.add_goal(plan, &goal, GOALS_MAX, morgan, now - 70 * DAY).await?;
    }
    let today = Day::of(now);
    let due = |days: i64| Day::of(now + days * DAY).iso();
    let actions = [
        ("Open the letters from the council with Jo", "me", "", due(7), morgan, Some(ActionStatus::Done)),
        ("Ring the garden centre about a phased return", "me", "", due(14), morgan, None),
        ("Refer Morgan to the benefits advice service", "key_worker", "", due(10), key_worker, None),
        ("Review Morgan's sleep medication", "service", "GP", due(21), key_worker, None),
    ];
    for (what, who, service, due, by, status) in actions {
        let action = ActionPlan::parse(what, who, service, &due, &[], today).map_err(invalid)?;
        let id = db.add_action(plan, &action, ACTIONS_MAX, by, now - 60 * DAY).await?;
        if let Some(status) = status {
            db.set_action_status(plan, id, status, morgan, now - 20 * DAY).await?;
        }
    }
    Ok(())
}

/// Three DIALOG ratings a month apart that improve, but the newest asks for help with
/// accommodation after a drop there (so the caseload flags both); two wheels; two goal ratings.
async fn rate(db: &Db, plan: i64, morgan: i64, wheel: &[WheelArea], now: i64) -> Result<(), Error> {
    let dialog_scores = [
        (62, [3, 3, 2, 5, 3, 4, 3, 4, 4, 3, 4], None),
        (33, [4, 4, 3, 5, 4, 5, 4, 5, 5, 4, 5], None),
        (3, [5, 4, 3, 3, 5, 5, 5, 5, 5, 5, 6], Some("accommodation")),
    ];
    for (days_ago, scores, help) in dialog_scores {
        let answers = dialog::ITEMS
            .iter()
            .zip(scores)
            .map(|(item, score)| answer(item, score, help == Some(*item)))
            .collect::<Vec<_>>();
        store(db, plan, morgan, &Measure::Dialog, &dialog::questions(), &answers, now - days_ago * DAY).await?;
    }
    let questions = wheel::questions(wheel);
    for (days_ago, base) in [(45, 3), (4, 5)] {
        // Areas differ from one another, and each is two points up the second time.
        let answers =
            questions.iter().enumerate().map(|(n, q)| answer(&q.item, base + (n % 3) as u8, false)).collect::<Vec<_>>();
        store(db, plan, morgan, &Measure::Wheel, &questions, &answers, now - days_ago * DAY).await?;
    }
    let questions = goal_questions(&db.goals(plan).await?);
    for (days_ago, scores) in [(30, [1, 2]), (2, [4, 5])] {
        let answers = questions.iter().zip(scores).map(|(q, score)| answer(&q.item, score, false)).collect::<Vec<_>>();
        store(db, plan, morgan, &Measure::Goals, &questions, &answers, now - days_ago * DAY).await?;
    }
    Ok(())
}

/// Two ratings of each questionnaire, a month apart, the total up between them: each statement
/// adds one to the total the first time and two the second, as far as its choices go (counted
/// from the other end where it counts in reverse), whatever the questionnaire's words.
async fn rate_questionnaires(
    db: &Db,
    plan: i64,
    morgan: i64,
    instruments: &[Instrument],
    now: i64,
) -> Result<(), Error> {
    for instrument in instruments {
        let scale = instrument.scale();
        let questions = instrument.questions();
        for (days_ago, steps) in [(40, 1), (6, 2)] {
            let answers = instrument
                .statements
                .iter()
                .map(|s| {
                    let score =
                        if s.reversed { scale.max.saturating_sub(steps) } else { scale.min.saturating_add(steps) };
                    answer(&s.id, score.clamp(scale.min, scale.max), false)
                })
                .collect::<Vec<_>>();
            store(db, plan, morgan, &instrument.measure(), &questions, &answers, now - days_ago * DAY).await?;
        }
    }
    Ok(())
}

fn answer(item: &str, score: u8, help: bool) -> AnswerForm {
    AnswerForm {
        item: item.to_string(),
        score: Some(score.to_string()),
        help: Some(if help { "yes" } else { "no" }.to_string()),
    }
}

/// Stores a rating as made `at`, telling nobody: the demo's past is not news to the key worker.
async fn store(
    db: &Db,
    plan: i64,
    by: i64,
    measure: &Measure,
    questions: &[Question],
    sent: &[AnswerForm],
    at: i64,
) -> Result<(), Error> {
    let answers = parse_answers(questions, sent).map_err(invalid)?;
    let (request_key, _) = new_token();
    let new = NewRating {
        plan_id: plan,
        measure,
        request_key: &request_key,
        answers: &answers,
        by,
        at,
        tells: Tells::Nobody,
    };
    db.add_rating(new).await?;
    Ok(())
}

fn section_text(section: Section, answers: &[(&str, &str)]) -> Result<SectionText, Error> {
    let posted: BTreeMap<String, String> = answers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    SectionText::parse(section, &posted).map_err(invalid)
}

/// The demo's own text failed the forms' checks: a mistake in this file.
fn invalid(problems: Vec<app::error::FieldError>) -> Error {
    format!("demo text does not pass the form's checks: {problems:?}").into()
}
