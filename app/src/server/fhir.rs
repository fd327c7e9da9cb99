//! The plan as a FHIR R4 Bundle, for GP, A&E and other systems that speak FHIR (the PRSB
//! standard wants one plan every service can read).
//!
//! What goes in is already cut down to what the reader may see: [`PlanRecord`] is filled by
//! the caller from the policy's answer, and this module only maps it. Each resource gets a
//! stable id from our own row ids, so a second export of the same plan replaces the first in a
//! receiving system instead of duplicating it.

use crate::domain::about_me::FIELDS as ABOUT_ME_FIELDS;
use crate::domain::action::{ActionStatus, Assignee, CareAction};
use crate::domain::budget::Budget;
use crate::domain::date::civil_date;
use crate::domain::plan::PlanContent;
use crate::domain::plan_text::{fields, SectionText};
use crate::domain::rating::instrument::Instrument;
use crate::domain::rating::{dialog, goal_questions, wheel, Measure, Question, Rating, GOAL_SCALE};
use crate::domain::section::Section;
use crate::domain::sharing::ShareGrant;
use crate::domain::text::Words;
use crate::i18n::Locale;
use serde_json::{json, Value};

/// Everything one reader may see of one plan, ready to map.
pub struct PlanRecord {
    /// The service's public address: resources' full URLs start with it.
    pub base_url: String,
    /// The language labels and headings are written in.
    pub locale: Locale,
    pub plan_id: i64,
    pub owner_name: String,
    pub readable: Vec<Section>,
    /// Sections the reader may not read are empty.
    pub content: PlanContent,
    pub actions: Vec<CareAction>,
    /// `None` unless the reader may see the ratings.
    pub ratings: Option<Vec<Rating>>,
    pub wheel_areas: Vec<wheel::WheelArea>,
    /// The licensed questionnaires the deployment offers; `ratings` holds none of any other.
    pub instruments: Vec<Instrument>,
    /// (account id, name); only when the care team section is readable.
    pub key_worker: Option<(i64, String)>,
    /// (team id, name); only when the care team section is readable.
    pub team: Option<(i64, String)>,
    /// The person's carers and the consent they gave, for those who may see who the carers are.
    pub carers: Option<Carers>,
    /// The plan matches an agreed version: `active`, else `draft`.
    pub agreed: bool,
    pub exported_at: i64,
}

pub struct Carers {
    /// (account id, name, relationship).
    pub people: Vec<(i64, String, String)>,
    pub grants: Vec<ShareGrant>,
}

/// `2026-12-02T09:30:00Z`.
pub fn instant(unix_secs: i64) -> String {
    let (year, month, day) = civil_date(unix_secs);
    let secs = unix_secs.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Maps the record to a Bundle of type `collection`.
pub fn bundle(record: &PlanRecord) -> Value {
    let map = Mapper { record };
    let mut entries = vec![map.patient()];
    if let Some((worker_id, name)) = &record.key_worker {
        entries.push(map.entry("Practitioner", &format!("worker-{worker_id}"), json!({ "name": [{ "text": name }] })));
    }
    if let Some((team_id, name)) = &record.team {
        entries.push(map.entry("Organization", &format!("team-{team_id}"), json!({ "name": name })));
    }
    if let Some(carers) = &record.carers {
        for (id, name, relationship) in &carers.people {
            entries.push(map.related_person(*id, name, relationship));
        }
    }
    let care_team = map.care_team();
    let has_care_team = care_team.is_some();
    entries.extend(care_team);
    entries.extend(record.content.goals.iter().map(|goal| map.goal(goal.id, &goal.text.title, &goal.text.steps)));
    entries.push(map.care_plan(has_care_team));
    if let Some(ratings) = &record.ratings {
        let licensed = record.instruments.iter().map(Instrument::measure);
        for measure in Measure::BUILT_IN.into_iter().chain(licensed) {
            entries.push(map.questionnaire(&measure));
        }
        entries.extend(ratings.iter().map(|rating| map.response(rating)));
        entries.extend(ratings.iter().filter_map(|rating| map.scores(rating)));
    }
    if let Some(carers) = &record.carers {
        entries.extend(carers.grants.iter().map(|grant| map.consent(grant)));
    }
    json!({
        "resourceType": "Bundle",
        "id": format!("plan-{}-{}", record.plan_id, record.exported_at),
        "meta": { "lastUpdated": instant(record.exported_at) },
        "type": "collection",
        "timestamp": instant(record.exported_at),
        "entry": entries,
    })
}

/// The FHIR id of each kind of resource, from our row ids.
fn patient_id(plan_id: i64) -> String {
    format!("person-{plan_id}")
}

struct Mapper<'a> {
    record: &'a PlanRecord,
}

impl Mapper<'_> {
    fn t(&self, key: &str) -> String {
        rust_i18n::t!(key, locale = self.record.locale.code()).into_owned()
    }

    fn words(&self, words: &Words) -> String {
        match words {
            Words::Key(key) => self.t(key),
            Words::Plain(text) => text.clone(),
        }
    }

    fn can(&self, section: Section) -> bool {
        self.record.readable.contains(&section)
    }

    fn entry(&self, kind: &str, id: &str, mut resource: Value) -> Value {
        resource["resourceType"] = json!(kind);
        resource["id"] = json!(id);
        json!({ "fullUrl": format!("{}/fhir/{kind}/{id}", self.record.base_url), "resource": resource })
    }

    fn patient_ref(&self) -> Value {
        json!({ "reference": format!("Patient/{}", patient_id(self.record.plan_id)), "display": self.record.owner_name })
    }

    fn patient(&self) -> Value {
        let record = self.record;
        let mut patient = json!({
            "identifier": [{
                "system": format!("{}/fhir/identifier/plan", record.base_url),
                "value": record.plan_id.to_string(),
            }],
            "name": [{ "text": record.owner_name }],
        });
        // The crisis contacts are the people to call: FHIR's contact parties of the patient.
        if self.can(Section::Crisis) && !record.content.contacts.is_empty() {
            patient["contact"] = record
                .content
                .contacts
                .iter()
                .map(|entry| {
                    let contact = &entry.contact;
                    let mut party = json!({
                        "name": { "text": contact.name },
                        "telecom": [{ "system": "phone", "value": contact.phone.as_str(), "use": "mobile" }],
                    });
                    if !contact.relationship.is_empty() {
                        party["relationship"] = json!([{ "text": contact.relationship }]);
                    }
                    if !contact.available.is_empty() {
                        party["telecom"][0]["extension"] = json!([{
                            "url": format!("{}/fhir/StructureDefinition/available", record.base_url),
                            "valueString": contact.available,
                        }]);
                    }
                    party
                })
                .collect();
        }
        self.entry("Patient", &patient_id(record.plan_id), patient)
    }

    fn related_person(&self, id: i64, name: &str, relationship: &str) -> Value {
        let mut person = json!({
            "patient": self.patient_ref(),
            "name": [{ "text": name }],
        });
        if !relationship.is_empty() {
            person["relationship"] = json!([{ "text": relationship }]);
        }
        self.entry("RelatedPerson", &format!("carer-{id}"), person)
    }

    fn care_team(&self) -> Option<Value> {
        let record = self.record;
        if !self.can(Section::CareTeam) {
            return None;
        }
        let mut participants = Vec::new();
        if let Some((id, name)) = &record.key_worker {
            participants.push(json!({
                "role": [{ "text": self.t("fhir.key_worker") }],
                "member": { "reference": format!("Practitioner/worker-{id}"), "display": name },
            }));
        }
        if let Some(carers) = &record.carers {
            for (id, name, _) in &carers.people {
                participants.push(json!({
                    "role": [{ "text": self.t("fhir.carer") }],
                    "member": { "reference": format!("RelatedPerson/carer-{id}"), "display": name },
                }));
            }
        }
        let mut team = json!({ "status": "active", "subject": self.patient_ref() });
        if let Some((id, name)) = &record.team {
            team["name"] = json!(name);
            team["managingOrganization"] = json!([{ "reference": format!("Organization/team-{id}"), "display": name }]);
        }
        if !participants.is_empty() {
            team["participant"] = Value::Array(participants);
        }
        Some(self.entry("CareTeam", &format!("team-of-{}", record.plan_id), team))
    }

    fn goal(&self, id: i64, title: &str, steps: &[String]) -> Value {
        let mut goal = json!({
            "lifecycleStatus": "active",
            "description": { "text": title },
            "subject": self.patient_ref(),
            // Goal Based Outcomes: progress rated 0 to 10, where 10 is the goal reached.
            "target": [{ "measure": { "text": self.t("fhir.goal_measure") }, "detailInteger": 10 }],
        });
        if !steps.is_empty() {
            goal["note"] = steps.iter().map(|step| json!({ "text": step })).collect();
        }
        let rated: Vec<(i64, u8)> = self
            .record
            .ratings
            .iter()
            .flatten()
            .filter(|r| r.measure == Measure::Goals)
            .filter_map(|r| r.score(&id.to_string()).map(|score| (r.id, score)))
            .collect();
        if let (Some((_, first)), Some((latest_id, latest))) = (rated.first(), rated.last()) {
            goal["achievementStatus"] = json!({
                "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/goal-achievement",
                    "code": achievement(*first, *latest, rated.len()),
                }],
                "text": format!("{latest}/10"),
            });
            goal["outcomeReference"] = json!([{ "reference": format!("QuestionnaireResponse/rating-{latest_id}") }]);
        }
        self.entry("Goal", &format!("goal-{id}"), goal)
    }

    fn care_plan(&self, has_care_team: bool) -> Value {
        let record = self.record;
        let mut plan = json!({
            "status": if record.agreed { "active" } else { "draft" },
            "intent": "plan",
            "title": self.t("fhir.plan_title"),
            "subject": self.patient_ref(),
            // The person owns their plan: they are its author, co-produced with the key worker.
            "author": self.patient_ref(),
            "created": instant(record.exported_at),
        });
        if let Some((id, name)) = &record.key_worker {
            plan["contributor"] =
                json!([self.patient_ref(), { "reference": format!("Practitioner/worker-{id}"), "display": name }]);
        }
        if has_care_team {
            plan["careTeam"] = json!([{ "reference": format!("CareTeam/team-of-{}", record.plan_id) }]);
        }
        if !record.content.goals.is_empty() {
            plan["goal"] = record
                .content
                .goals
                .iter()
                .map(|g| json!({ "reference": format!("Goal/goal-{}", g.id), "display": g.text.title }))
                .collect();
        }
        if !record.actions.is_empty() {
            plan["activity"] = record.actions.iter().map(|a| self.activity(a)).collect();
        }
        let notes: Vec<Value> = self.notes().into_iter().map(|text| json!({ "text": text })).collect();
        if !notes.is_empty() {
            plan["note"] = Value::Array(notes);
        }
        self.entry("CarePlan", &format!("plan-{}", record.plan_id), plan)
    }

    /// An action: who does what by when, and how far it has got.
    fn activity(&self, action: &CareAction) -> Value {
        let performer = match &action.plan.who {
            Assignee::Me => self.patient_ref(),
            Assignee::Carer { account_id, name } => {
                let listed = self.record.carers.as_ref().is_some_and(|c| c.people.iter().any(|p| p.0 == *account_id));
                if listed {
                    json!({ "reference": format!("RelatedPerson/carer-{account_id}"), "display": name })
                } else {
                    json!({ "display": name })
                }
            }
            Assignee::KeyWorker => match &self.record.key_worker {
                Some((id, name)) => json!({ "reference": format!("Practitioner/worker-{id}"), "display": name }),
                None => json!({ "display": self.t("fhir.key_worker") }),
            },
            Assignee::Service { name } => json!({ "display": name }),
        };
        let status = match action.status {
            ActionStatus::ToDo => "not-started",
            ActionStatus::Done => "completed",
            ActionStatus::NotNeeded => "cancelled",
        };
        let mut detail = json!({ "status": status, "description": action.plan.what, "performer": [performer] });
        if let Some(due) = action.plan.due {
            detail["scheduledPeriod"] = json!({ "end": due.iso() });
        }
        json!({ "detail": detail })
    }

    /// The written sections, each one note: its heading, then each question with its answer.
    fn notes(&self) -> Vec<String> {
        let content = &self.record.content;
        let mut notes = Vec::new();
        let about: Vec<(String, &str)> = ABOUT_ME_FIELDS
            .iter()
            .zip(content.about_me.answers())
            .map(|(field, answer)| (self.t(&format!("about_me.{field}.label")), answer))
            .collect();
        notes.extend(self.note(Section::AboutMe, about));
        for (section, text) in [
            (Section::Formulation, &content.formulation),
            (Section::Crisis, &content.crisis),
            (Section::CareTreatment, &content.care_treatment),
            (Section::CareTeam, &content.care_team),
        ] {
            notes.extend(self.note(section, self.answers(section, text)));
        }
        notes.extend(self.budget_note(&content.budget));
        if self.can(Section::Review) {
            let review = &content.review;
            let mut lines =
                vec![(self.t("review.stage.label"), self.t(&format!("review.stage.{}", review.stage.as_str())))];
            if let Some(day) = review.next_review {
                lines.push((self.t("review.next_review.label"), day.iso()));
            }
            let lines: Vec<(String, &str)> = lines.iter().map(|(q, a)| (q.clone(), a.as_str())).collect();
            notes.extend(self.note(Section::Review, lines));
        }
        notes
    }

    fn answers<'t>(&self, section: Section, text: &'t SectionText) -> Vec<(String, &'t str)> {
        let prefix = section.as_str();
        fields(section)
            .unwrap_or_default()
            .iter()
            .map(|field| (self.t(&format!("{prefix}.{field}.label")), text.get(field)))
            .collect()
    }

    /// Markdown: `## Heading`, then `**Question**` and the answer for each answered question.
    fn note(&self, section: Section, answers: Vec<(String, &str)>) -> Option<String> {
        let answered: Vec<String> = answers
            .into_iter()
            .filter(|(_, answer)| !answer.trim().is_empty())
            .map(|(question, answer)| format!("**{question}**\n\n{answer}"))
            .collect();
        (self.can(section) && !answered.is_empty())
            .then(|| format!("## {}\n\n{}", self.t(&section.title_key()), answered.join("\n\n")))
    }

    /// The personal health budget: its terms, how the money is held, and the costed items.
    fn budget_note(&self, budget: &Budget) -> Option<String> {
        let terms = &budget.terms;
        let held = terms.held.map(|h| self.t(&format!("budget.held.{}", h.as_str()))).unwrap_or_default();
        let allocation = terms.allocation.map(|m| m.display(self.record.locale)).unwrap_or_default();
        let items: Vec<String> = budget
            .items
            .iter()
            .map(|item| {
                format!(
                    "- {}: {} {} ({})",
                    item.what,
                    item.cost.display(self.record.locale),
                    self.t(&format!("budget.every.{}", item.every.as_str())),
                    item.yearly().display(self.record.locale)
                )
            })
            .collect();
        let items = items.join("\n");
        let total =
            if budget.items.is_empty() { String::new() } else { budget.yearly_total().display(self.record.locale) };
        self.note(
            Section::Budget,
            vec![
                (self.t("budget.needs.label"), terms.needs.as_str()),
                (self.t("budget.allocation.label"), allocation.as_str()),
                (self.t("budget.held.label"), held.as_str()),
                (self.t("budget.managed_by.label"), terms.managed_by.as_str()),
                (self.t("budget.review.label"), terms.review.as_str()),
                (self.t("budget.items_title"), items.as_str()),
                (self.t("budget.total"), total.as_str()),
            ],
        )
    }

    fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.record.instruments.iter().find(|i| i.id == id)
    }

    fn questions(&self, measure: &Measure) -> Vec<Question> {
        match measure {
            Measure::Dialog => dialog::questions(),
            Measure::Wheel => wheel::questions(&self.record.wheel_areas),
            Measure::Goals => {
                // Goal titles only for a reader of the goals; the ratings alone name goals by number.
                let mut goals = goal_questions(&self.record.content.goals);
                for rating in self.record.ratings.iter().flatten().filter(|r| r.measure == Measure::Goals) {
                    for answer in &rating.answers {
                        if !goals.iter().any(|q| q.item == answer.item) {
                            goals.push(Question {
                                item: answer.item.clone(),
                                label: Words::Plain(format!("{} {}", self.t("fhir.goal"), answer.item)),
                                scale: GOAL_SCALE,
                                not_applicable: false,
                                more_help: false,
                            });
                        }
                    }
                }
                goals
            }
            Measure::Licensed(id) => self.instrument(id).map(Instrument::questions).unwrap_or_default(),
        }
    }

    fn questionnaire_url(&self, measure: &Measure) -> String {
        format!("{}/fhir/Questionnaire/{}", self.record.base_url, measure.as_str())
    }

    fn questionnaire(&self, measure: &Measure) -> Value {
        let mut items = Vec::new();
        for question in self.questions(measure) {
            let text = match measure {
                Measure::Dialog => self.t(&format!("dialog.question.{}", question.item)),
                _ => self.words(&question.label),
            };
            items.push(json!({
                "linkId": question.item,
                "text": text,
                "type": "integer",
                "extension": [
                    { "url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": question.scale.min },
                    { "url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": question.scale.max },
                ],
            }));
            if question.more_help {
                items.push(json!({
                    "linkId": format!("{}.more_help", question.item),
                    "text": self.t("dialog.more_help"),
                    "type": "boolean",
                }));
            }
        }
        let mut questionnaire = json!({
            "url": self.questionnaire_url(measure),
            "name": measure.as_str().to_ascii_uppercase(),
            "status": "active",
            "subjectType": ["Patient"],
            "item": items,
        });
        match measure {
            Measure::Licensed(id) => {
                let instrument = self.instrument(id);
                questionnaire["title"] = json!(instrument.map(|i| i.title.as_str()));
                // The licence's words travel with its questions.
                questionnaire["copyright"] = json!(instrument.map(|i| i.notice.as_str()));
            }
            _ => questionnaire["title"] = json!(self.t(&format!("rating.title.{}", measure.as_str()))),
        }
        self.entry("Questionnaire", measure.as_str(), questionnaire)
    }

    /// One rating: each answer by the question's link id; "does not apply" is left unanswered.
    fn response(&self, rating: &Rating) -> Value {
        let mut items = Vec::new();
        for answer in &rating.answers {
            let mut item = json!({ "linkId": answer.item });
            if let Some(score) = answer.score {
                item["answer"] = json!([{ "valueInteger": score }]);
            }
            items.push(item);
            if rating.measure == Measure::Dialog {
                items.push(json!({
                    "linkId": format!("{}.more_help", answer.item),
                    "answer": [{ "valueBoolean": answer.more_help }],
                }));
            }
        }
        self.entry(
            "QuestionnaireResponse",
            &format!("rating-{}", rating.id),
            json!({
                "questionnaire": self.questionnaire_url(&rating.measure),
                "status": "completed",
                "subject": self.patient_ref(),
                "authored": instant(rating.at),
                "author": self.patient_ref(),
                "item": items,
            }),
        )
    }

    /// What a rating adds up to, as an Observation derived from its response: DIALOG's two
    /// means; a questionnaire's total, its score and its parts. A receiving system then reads
    /// the figures the care team reads without knowing how each measure is scored. `None` for
    /// the wheel and goals (each answer is the figure) and for a rating with nothing to add up.
    fn scores(&self, rating: &Rating) -> Option<Value> {
        let measure = rating.measure.as_str();
        let mut parts = Vec::new();
        let title = match &rating.measure {
            Measure::Dialog => {
                let scores = dialog::scores(&rating.answers);
                for (item, mean) in [
                    ("quality_of_life", scores.quality_of_life),
                    ("treatment_satisfaction", scores.treatment_satisfaction),
                ] {
                    if let Some(mean) = mean {
                        // Two places: a mean of sevenths has no exact decimal.
                        let value = json!({ "valueQuantity": { "value": (mean * 100.0).round() / 100.0 } });
                        let code = format!("dialog.{item}");
                        parts.push((code.clone(), self.t(&code), value));
                    }
                }
                self.t("ratings.scores_title")
            }
            Measure::Licensed(id) => {
                let instrument = self.instrument(id)?;
                let total = instrument.total(&rating.answers);
                if let Some(total) = total {
                    parts.push((format!("{id}.total"), self.t("ratings.total"), json!({ "valueInteger": total })));
                }
                if let Some(score) = total.and_then(|total| instrument.score(total)) {
                    let value = json!({ "valueQuantity": { "value": score.value } });
                    parts.push((format!("{id}.score"), score.name, value));
                }
                let sums = instrument.subscale_sums(&rating.answers);
                for (subscale, sum) in instrument.subscales.iter().zip(sums) {
                    if let Some(sum) = sum {
                        // Named, not numbered: a deployment may reorder its file's parts.
                        let name = subscale.name.split_whitespace().collect::<Vec<_>>().join(" ");
                        parts.push((
                            format!("{id}.part.{name}"),
                            subscale.name.clone(),
                            json!({ "valueInteger": sum }),
                        ));
                    }
                }
                instrument.title.clone()
            }
            Measure::Wheel | Measure::Goals => return None,
        };
        if parts.is_empty() {
            return None;
        }
        let system = format!("{}/fhir/CodeSystem/score", self.record.base_url);
        let component: Vec<Value> = parts
            .into_iter()
            .map(|(code, text, mut value)| {
                value["code"] = json!({ "coding": [{ "system": system, "code": code }], "text": text });
                value
            })
            .collect();
        Some(self.entry(
            "Observation",
            &format!("scores-{}", rating.id),
            json!({
                "status": "final",
                "category": [{ "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                    "code": "survey",
                }] }],
                "code": { "coding": [{ "system": system, "code": measure }], "text": title },
                "subject": self.patient_ref(),
                "effectiveDateTime": instant(rating.at),
                "performer": [self.patient_ref()],
                "derivedFrom": [{ "reference": format!("QuestionnaireResponse/rating-{}", rating.id) }],
                "component": component,
            }),
        ))
    }

    /// One share grant: the person permits one carer to see one section (or one action) for a
    /// time; a stopped or ended grant is `inactive`, its period showing when it ended.
    fn consent(&self, grant: &ShareGrant) -> Value {
        let (code, text) = match &grant.action {
            Some((_, what)) => (Section::Actions.as_str(), format!("{}: {what}", self.t("fhir.one_action"))),
            None => (grant.section.as_str(), self.t(&grant.section.title_key())),
        };
        let mut period = json!({ "start": instant(grant.granted_at) });
        if let Some(end) = grant.revoked_at.or(grant.expires_at) {
            period["end"] = json!(instant(end));
        }
        let active = grant.active(self.record.exported_at);
        self.entry(
            "Consent",
            &format!("share-{}", grant.id),
            json!({
                "status": if active { "active" } else { "inactive" },
                "scope": { "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/consentscope",
                    "code": "patient-privacy",
                }] },
                "category": [{ "coding": [{ "system": "http://loinc.org", "code": "59284-0" }] }],
                "patient": self.patient_ref(),
                "dateTime": instant(grant.granted_at),
                "performer": [self.patient_ref()],
                "policyRule": { "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                    "code": "OPTIN",
                }] },
                "provision": {
                    "type": "permit",
                    "period": period,
                    "actor": [{
                        "role": { "coding": [{
                            "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                            "code": "IRCP",
                        }] },
                        "reference": {
                            "reference": format!("RelatedPerson/carer-{}", grant.grantee_id),
                            "display": grant.grantee_name,
                        },
                    }],
                    "action": [{ "coding": [{
                        "system": "http://terminology.hl7.org/CodeSystem/consentaction",
                        "code": "access",
                    }] }],
                    "code": [{
                        "coding": [{
                            "system": format!("{}/fhir/CodeSystem/plan-section", self.record.base_url),
                            "code": code,
                        }],
                        "text": text,
                    }],
                },
            }),
        )
    }
}

/// Goal Based Outcomes progress as FHIR's achievement status: 10 is reached; otherwise the
/// latest score against the first.
fn achievement(first: u8, latest: u8, ratings: usize) -> &'static str {
    if latest >= 10 {
        "achieved"
    } else if ratings < 2 {
        "in-progress"
    } else if latest > first {
        "improving"
    } else if latest < first {
        "worsening"
    } else {
        "no-change"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_utc_with_seconds() {
        assert_eq!(instant(0), "1970-01-01T00:00:00Z");
        assert_eq!(instant(1_796_203_845), "2026-12-02T09:30:45Z");
    }

    #[test]
    fn goal_progress_is_read_against_the_first_rating() {
        assert_eq!(achievement(3, 10, 4), "achieved");
        assert_eq!(achievement(3, 3, 1), "in-progress");
        assert_eq!(achievement(3, 6, 2), "improving");
        assert_eq!(achievement(6, 3, 2), "worsening");
        assert_eq!(achievement(5, 5, 3), "no-change");
    }
}
