//! The crisis plan's contacts: the person chooses who they are.

use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "add_contact")]
pub async fn add_contact(
    plan_id: i64,
    name: String,
    relationship: String,
    phone: String,
    available: String,
) -> Result<i64, AppError> {
    use crate::domain::contact::{CrisisContact, CONTACTS_MAX};
    use crate::domain::section::Section;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::db::DbError;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Edit(Section::Crisis)).await?;
    let contact = CrisisContact::parse(&name, &relationship, &phone, &available).map_err(AppError::Invalid)?;
    state.db.add_contact(plan_id, &contact, CONTACTS_MAX, actor.account_id, now()).await.map_err(|e| match e {
        DbError::Conflict => AppError::limit("name", "error.too_many_contacts", CONTACTS_MAX),
        e => e.into(),
    })
}

#[server(endpoint = "remove_contact")]
pub async fn remove_contact(plan_id: i64, contact_id: i64) -> Result<(), AppError> {
    use crate::domain::section::Section;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::db::PlanList;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Edit(Section::Crisis)).await?;
    Ok(state.db.remove_from(PlanList::Contacts, plan_id, contact_id, actor.account_id, now()).await?)
}
