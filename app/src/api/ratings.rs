//! Self-rating: the form to fill in, sending it, and the ratings over time.

use crate::domain::rating::change::ItemChange;
use crate::domain::rating::dialog::DialogScores;
use crate::domain::rating::instrument::{Instrument, Score};
use crate::domain::rating::wheel::WheelArea;
use crate::domain::rating::{AnswerForm, Measure, Question, Rating};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A rating to fill in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingQuestions {
    pub plan_id: i64,
    pub measure: Measure,
    pub questions: Vec<Question>,
    /// Sent back with the answers, so the same form sent twice stores one rating.
    pub request_key: String,
    /// The last rating of this measure, shown beside each question.
    pub last: Option<Rating>,
    /// For a licensed questionnaire, its words: title, instructions, choices and notice.
    pub instrument: Option<Instrument>,
}

/// One DIALOG rating with its two scores, worked out on the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DialogEntry {
    pub rating: Rating,
    pub scores: DialogScores,
}

/// A goal's progress ratings (0-10), oldest first, as (when, score).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalTrend {
    pub goal_id: i64,
    pub title: String,
    pub points: Vec<(i64, u8)>,
}

/// A licensed questionnaire and the plan's ratings of it, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentHistory {
    pub instrument: Instrument,
    pub ratings: Vec<Rating>,
}

/// Every rating of a plan, oldest first, for the pictures over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingsOverTime {
    pub plan_id: i64,
    pub owner_name: String,
    /// The viewer is the person: they may rate.
    pub may_rate: bool,
    pub dialog: Vec<DialogEntry>,
    pub wheel: Vec<Rating>,
    pub wheel_areas: Vec<WheelArea>,
    pub goals: Vec<GoalTrend>,
    /// Each licensed questionnaire the deployment offers.
    pub instruments: Vec<InstrumentHistory>,
}

/// What a key worker's caseload shows of a person's last DIALOG rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingFlags {
    pub at: i64,
    pub scores: DialogScores,
    /// Items where the person asked for more help.
    pub wants_help: Vec<String>,
    /// Items two or more points lower than the rating before.
    pub drops: Vec<ItemChange>,
}

/// What a key worker's caseload shows of a questionnaire the deployment loads: the newest
/// total, and the one before it to show the change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionnaireTotal {
    /// The questionnaire's title, in its own language.
    pub title: String,
    pub lang: String,
    pub at: i64,
    /// `None` when the newest rating no longer answers the questionnaire's statements (its
    /// file was changed since).
    pub total: Option<u8>,
    /// The newest total's score from the questionnaire's table, when it reports one.
    pub score: Option<Score>,
    /// The newest rating's sum of each part the questionnaire sums (its subscales): name and sum.
    pub parts: Vec<(String, Option<u8>)>,
    pub previous: Option<u8>,
}

#[cfg(feature = "ssr")]
async fn questions_for(
    state: &crate::server::state::AppState,
    plan_id: i64,
    measure: &Measure,
) -> Result<Vec<Question>, AppError> {
    use crate::domain::rating::{dialog, goal_questions, wheel};
    Ok(match measure {
        Measure::Dialog => dialog::questions(),
        Measure::Wheel => wheel::questions(&state.wheel_areas),
        Measure::Goals => goal_questions(&state.db.goals(plan_id).await?),
        Measure::Licensed(id) => state.instrument(id).ok_or(AppError::NotFound)?.questions(),
    })
}

#[server(endpoint = "rating_form")]
pub async fn rating_form(plan_id: i64, measure: String) -> Result<RatingQuestions, AppError> {
    use crate::server::access::acting_on;
    use crate::server::auth::new_token;
    use crate::server::policy::PlanAction;
    let measure = Measure::parse(&measure).ok_or(AppError::NotFound)?;
    let (_, state, _) = acting_on(plan_id, PlanAction::Rate).await?;
    let questions = questions_for(&state, plan_id, &measure).await?;
    let last = state.db.last_rating(plan_id, &measure).await?;
    let instrument = match &measure {
        Measure::Licensed(id) => state.instrument(id).cloned(),
        _ => None,
    };
    let (request_key, _) = new_token();
    Ok(RatingQuestions { plan_id, measure, questions, request_key, last, instrument })
}

#[server(endpoint = "rate")]
pub async fn rate(
    plan_id: i64,
    measure: String,
    request_key: String,
    // A form with no questions (no goals yet) sends no answers at all.
    #[server(default)] answers: Vec<AnswerForm>,
) -> Result<i64, AppError> {
    use crate::domain::rating::{change, parse_answers, parse_request_key, RATINGS_MAX};
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::db::{DbError, NewRating, Tells};
    use crate::server::policy::PlanAction;
    let measure = Measure::parse(&measure).ok_or(AppError::BadRequest)?;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Rate).await?;
    let request_key = parse_request_key(&request_key).ok_or(AppError::BadRequest)?;
    let questions = questions_for(&state, plan_id, &measure).await?;
    if questions.is_empty() {
        return Err(AppError::invalid("answers", "rating.error.no_goals"));
    }
    let answers = parse_answers(&questions, &answers).map_err(AppError::Invalid)?;
    let rating = Rating { id: 0, measure: measure.clone(), at: now(), answers };
    let tells = if measure != Measure::Dialog {
        Tells::Nobody
    } else if change::wants_help(&rating).is_empty() {
        Tells::KeyWorkerIfItDrops
    } else {
        // A rating that asks for help tells the key worker whatever came before it.
        Tells::KeyWorker
    };
    let new = NewRating {
        plan_id,
        measure: &measure,
        request_key,
        answers: &rating.answers,
        by: actor.account_id,
        at: rating.at,
        tells,
    };
    state.db.add_rating(new).await.map_err(|e| match e {
        DbError::Conflict => AppError::limit("answers", "rating.error.too_many", RATINGS_MAX),
        e => e.into(),
    })
}

#[server(endpoint = "rating_history")]
pub async fn rating_history(plan_id: i64) -> Result<RatingsOverTime, AppError> {
    use crate::domain::rating::dialog;
    use crate::server::access::acting_on;
    use crate::server::policy::PlanAction;
    let (actor, state, plan) = acting_on(plan_id, PlanAction::ReadRatings).await?;
    let dialog = state
        .db
        .ratings(plan_id, &Measure::Dialog)
        .await?
        .into_iter()
        .map(|rating| DialogEntry { scores: dialog::scores(&rating.answers), rating })
        .collect();
    let goal_ratings = state.db.ratings(plan_id, &Measure::Goals).await?;
    let goals = state
        .db
        .goals(plan_id)
        .await?
        .into_iter()
        .map(|goal| {
            let item = goal.id.to_string();
            let points = goal_ratings.iter().filter_map(|r| r.score(&item).map(|s| (r.at, s))).collect();
            GoalTrend { goal_id: goal.id, title: goal.text.title, points }
        })
        .collect();
    let mut instruments = Vec::with_capacity(state.instruments.len());
    for instrument in state.instruments.iter() {
        let ratings = state.db.ratings(plan_id, &instrument.measure()).await?;
        instruments.push(InstrumentHistory { instrument: instrument.clone(), ratings });
    }
    Ok(RatingsOverTime {
        plan_id,
        owner_name: plan.owner_name,
        may_rate: plan.owner_id == actor.account_id,
        dialog,
        wheel: state.db.ratings(plan_id, &Measure::Wheel).await?,
        wheel_areas: state.wheel_areas.to_vec(),
        goals,
        instruments,
    })
}
