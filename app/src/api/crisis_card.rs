//! Crisis cards: the person makes a time-limited link (and QR code) for someone with no account
//! (A&E or ambulance staff, a GP surgery) and stops it; anyone holding the link reads the
//! sections chosen for it (the crisis plan by default). Also the person's own crisis plan alone.

use crate::api::plan::PlanView;
use crate::domain::contact::{ContactEntry, CrisisLine};
use crate::domain::plan_text::SectionText;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A card just made: the link and its QR code are shown this once (only a hash is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrisisCardMade {
    pub label: String,
    pub link: String,
    /// The QR code of the link, as SVG made on the server.
    pub qr_svg: String,
    pub expires_at: i64,
}

/// A crisis plan on its own: the person's words, who to contact and the national lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrisisPlanView {
    pub owner_name: String,
    pub crisis: SectionText,
    pub contacts: Vec<ContactEntry>,
    pub lines: Vec<CrisisLine>,
}

/// What a card's link shows: the sections chosen for it, read-only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrisisCardView {
    pub label: String,
    pub expires_at: i64,
    pub plan: PlanView,
}

/// The QR code of `link` as an SVG element to put in a page.
#[cfg(feature = "ssr")]
fn qr_svg(link: &str) -> Result<String, AppError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::new(link.as_bytes()).map_err(|_| AppError::Internal)?;
    let image = code.render::<svg::Color>().min_dimensions(240, 240).build();
    // The XML declaration is for files; in a page the element starts at `<svg`, hidden from
    // screen readers because the element around it names the picture.
    let svg = image.find("<svg").map_or(image.as_str(), |start| &image[start..]);
    Ok(svg.replacen("<svg", r#"<svg aria-hidden="true" focusable="false""#, 1))
}

/// Makes a card whose link shows `sections` (form names `sections[i]`, one per ticked box).
#[server(endpoint = "make_crisis_card")]
pub async fn make_crisis_card(
    plan_id: i64,
    label: String,
    days: String,
    #[server(default)] sections: Vec<String>,
) -> Result<CrisisCardMade, AppError> {
    use crate::domain::crisis_card::parse_card;
    use crate::server::access::acting_on;
    use crate::server::auth::{new_token, now};
    use crate::server::db::NewCard;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Share).await?;
    let card = parse_card(&label, &days, &sections).map_err(AppError::Invalid)?;
    let (token, token_hash) = new_token();
    let now = now();
    let expires_at = now + i64::from(card.days) * 86_400;
    let new = NewCard { plan_id, token_hash: &token_hash, label: &card.label, expires_at, sections: &card.sections };
    state.db.create_crisis_card(new, actor.account_id, now).await?;
    let link = format!("{}/crisis-card/{token}", state.public_url.trim_end_matches('/'));
    Ok(CrisisCardMade { qr_svg: qr_svg(&link)?, label: card.label, link, expires_at })
}

#[server(endpoint = "stop_crisis_card")]
pub async fn stop_crisis_card(plan_id: i64, card_id: i64) -> Result<(), AppError> {
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Share).await?;
    Ok(state.db.stop_crisis_card(plan_id, card_id, actor.account_id, now()).await?)
}

/// The crisis plan behind a card's link, for anyone holding it, signed in or not. A forged,
/// expired or stopped link is `NotFound`, like a plan that does not exist.
#[server(endpoint = "crisis_card")]
pub async fn open_crisis_card(token: String) -> Result<CrisisCardView, AppError> {
    use crate::api::plan::through_card;
    use crate::domain::section::Section;
    use crate::server::auth::{now, token_hash};
    use crate::server::http::state;
    use crate::server::policy::{crisis_card_may, PlanAction, Shared};
    let state = state()?;
    let card = state.db.open_crisis_card(&token_hash(&token), now()).await?.ok_or(AppError::NotFound)?;
    let shows = Shared::of(card.sections.iter().copied());
    let sections: Vec<_> = Section::ALL.into_iter().filter(|s| crisis_card_may(shows, PlanAction::Read(*s))).collect();
    let plan = state.db.plan_parties(card.plan_id).await?.ok_or(AppError::NotFound)?;
    let plan = through_card(&state, &plan, sections).await?;
    Ok(CrisisCardView { label: card.label, expires_at: card.expires_at, plan })
}

/// The signed-in person's own crisis plan and nothing else: the page a phone may keep for when
/// they are logged out, so it must carry no other section.
#[server(endpoint = "own_crisis_plan")]
pub async fn own_crisis_plan() -> Result<CrisisPlanView, AppError> {
    use crate::domain::section::Section;
    use crate::server::access::{authorize_plan, own_plan};
    use crate::server::policy::PlanAction;
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    let state = http::state()?;
    let plan_id = own_plan(&actor)?;
    let plan = authorize_plan(&state.db, &actor, plan_id, PlanAction::Read(Section::Crisis)).await?;
    Ok(CrisisPlanView {
        owner_name: plan.owner_name,
        crisis: state.db.section_doc(plan_id, Section::Crisis).await?,
        contacts: state.db.contacts(plan_id).await?,
        lines: state.crisis_lines.to_vec(),
    })
}
