//! What a crisis card's link shows, to anyone holding it: the person's crisis plan, read-only,
//! with numbers to call. No sign-in: it is for A&E or ambulance staff.

use crate::api::crisis_card::open_crisis_card;
use crate::components::common::notice::ErrorNotice;
use crate::components::plan::CrisisBody;
use crate::domain::date::format_date;
use crate::error::AppError;
use crate::i18n::use_locale;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn CrisisCardPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let card = Resource::new(
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
                        view! {
                            <h1>{tr!("card.heading", name = plan.owner_name.clone())}</h1>
                            <p class="lead">{tr!("card.shared_for", name = plan.owner_name.clone(), label = card.label.clone(), date = until)}</p>
                            <section class="card" aria-labelledby="card-crisis">
                                <h2 id="card-crisis" class="card__title">{tr!("card.crisis_title")}</h2>
                                <CrisisBody crisis=plan.crisis contacts=plan.contacts lines=plan.lines />
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! {
                        <h1>{tr!("card.page_title")}</h1>
                        <ErrorNotice error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}
