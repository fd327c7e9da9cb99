//! The personal health budget: written by the person and the key worker together; the
//! commissioner's sign-off is recorded by the key worker. Any change undoes the sign-off.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
async fn change_budget<R>(
    plan_id: i64,
    action: crate::server::policy::PlanAction,
    change: impl FnMut(&mut crate::domain::budget::Budget) -> Result<R, AppError>,
) -> Result<R, AppError> {
    use crate::domain::section::Section;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::db::DbError;
    let (actor, state, _) = acting_on(plan_id, action).await?;
    match state.db.modify_section_doc(plan_id, Section::Budget, actor.account_id, now(), change).await {
        Ok(outcome) => outcome,
        // Only when eight saves in a row raced this one: say so rather than guess.
        Err(DbError::Conflict) => Err(AppError::Internal),
        Err(e) => Err(e.into()),
    }
}

/// Saves what the budget is for, the allocation, how the money is held and who manages it.
#[server(endpoint = "save_budget")]
pub async fn save_budget(
    plan_id: i64,
    needs: String,
    allocation: String,
    held: String,
    managed_by: String,
    review: String,
) -> Result<(), AppError> {
    use crate::domain::budget::BudgetTerms;
    use crate::domain::section::Section;
    use crate::server::policy::PlanAction;
    let terms = BudgetTerms::parse(&needs, &allocation, &held, &managed_by, &review).map_err(AppError::Invalid)?;
    change_budget(plan_id, PlanAction::Edit(Section::Budget), |budget| {
        budget.set_terms(terms.clone());
        Ok(())
    })
    .await
}

#[server(endpoint = "add_budget_item")]
pub async fn add_budget_item(plan_id: i64, what: String, cost: String, every: String) -> Result<(), AppError> {
    use crate::domain::budget::{BudgetItem, ITEMS_MAX};
    use crate::domain::section::Section;
    use crate::server::policy::PlanAction;
    let item = BudgetItem::parse(&what, &cost, &every).map_err(AppError::Invalid)?;
    change_budget(plan_id, PlanAction::Edit(Section::Budget), |budget| {
        if budget.items.len() >= ITEMS_MAX {
            return Err(AppError::limit("what", "error.too_many_items", ITEMS_MAX));
        }
        budget.add_item(item.clone());
        Ok(())
    })
    .await
}

#[server(endpoint = "remove_budget_item")]
pub async fn remove_budget_item(plan_id: i64, item_id: i64) -> Result<(), AppError> {
    use crate::domain::section::Section;
    use crate::server::policy::PlanAction;
    change_budget(plan_id, PlanAction::Edit(Section::Budget), |budget| {
        if budget.remove_item(item_id) {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    })
    .await
}

/// Records that the commissioner signed off the budget as it stands.
#[server(endpoint = "sign_off_budget")]
pub async fn sign_off_budget(plan_id: i64) -> Result<(), AppError> {
    use crate::domain::budget::SignOff;
    use crate::server::auth;
    use crate::server::policy::PlanAction;
    let actor = auth::require_actor().await?;
    let at = auth::now();
    change_budget(plan_id, PlanAction::SignOffBudget, |budget| {
        if budget.items.is_empty() {
            return Err(AppError::invalid("sign_off", "error.budget_empty"));
        }
        budget.sign_off = SignOff::SignedOff { by: actor.name.clone(), at };
        Ok(())
    })
    .await
}
