//! What a crisis card's link shows, to anyone holding it: the person's crisis plan with numbers
//! to call, or the sections they chose for the organisation it is for, read-only. No sign-in:
//! it is for A&E or ambulance staff, a GP surgery, a social worker.

use crate::api::crisis_card::open_crisis_card;
use crate::api::suggestions::{DecideSuggestion, SuggestChange};
use crate::components::common::notice::ErrorNotice;
use crate::components::common::resource::load;
use crate::domain::date::format_date;
use crate::domain::section::Section;
use crate::error::AppError;
use crate::i18n::use_locale;
use crate::pages::plan_page::PlanSections;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn CrisisCardPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    // A link holder suggests and decides nothing; the plan's sections expect these all the same.
    let (suggest, decide) = (ServerAction::<SuggestChange>::new(), ServerAction::<DecideSuggestion>::new());
    let card = load(
        move || token.get(),
        |token| async move {
            if token.is_empty() {
                return Err(AppError::NotFound);
            }
            open_crisis_card(token).await
        },
    );
    view! {
        <Title text=tr!("card.page_title") />
        // The link is the key to the page: it must not travel on to other sites.
        <Meta name="referrer" content="no-referrer" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match card.await {
                    Ok(card) => {
                        let until = format_date(card.expires_at - 1, use_locale());
                        let plan = card.plan;
                        let name = plan.owner_name.clone();
                        let heading = if plan.readable == [Section::Crisis] {
                            tr!("card.heading", name = name.clone())
                        } else {
                            tr!("plan.title_of", name = name.clone())
                        };
                        // The usual card, the crisis plan alone, keeps its own title.
                        view! {
                            <h1>{heading}</h1>
                            <p class="lead">
                                {tr!("card.shared_for", name = name, label = card.label.clone(), date = until)}
                            </p>
                            <PlanSections plan suggest decide />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice title=tr!("card.page_title") error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
