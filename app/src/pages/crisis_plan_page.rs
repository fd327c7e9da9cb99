//! The person's crisis plan on a page of its own: the one page a phone may keep for them when
//! they are logged out, if they choose to (it then carries no other section of the plan).

use crate::api::crisis_card::own_crisis_plan;
use crate::components::common::notice::ErrorNotice;
use crate::components::common::offline::KeepOnPhone;
use crate::components::common::resource::load;
use crate::components::plan::{section_title, CrisisBody};
use crate::domain::section::Section;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CrisisPlanPage() -> impl IntoView {
    let plan = load(|| (), |_| own_crisis_plan());
    let title = section_title(Section::Crisis);
    view! {
        <Title text=title.clone() />
        <Transition fallback=|| ()>
            {move || {
                let title = title.clone();
                Suspend::new(async move {
                    match plan.await {
                        Ok(plan) => {
                            view! {
                                <h1>{title}</h1>
                                <CrisisBody crisis=plan.crisis contacts=plan.contacts lines=plan.lines own_page=true />
                                // After the plan, not above it: the choice appears only once the
                                // service worker has answered, and would push down what someone in
                                // a crisis had started reading.
                                <KeepOnPhone />
                                <p class="no-print">
                                    <a href="/plan">{tr!("crisis_page.whole_plan")}</a>
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice title=title error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
