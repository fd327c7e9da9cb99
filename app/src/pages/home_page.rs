use crate::api::my_data::{DeleteMyAccount, MyData};
use crate::api::people::cared_for;
use crate::api::session::{ChangePassword, Me};
use crate::app::use_me;
use crate::components::carer_inbox::CarerInbox;
use crate::components::common::form::{action_error, reload_to, ErrorSummary, NewPasswordFields, TextField};
use crate::components::common::notice::{ErrorNotice, SuccessNotice};
use crate::components::common::resource::load;
use crate::components::plan::section_title;
use crate::domain::role::Role;
use crate::domain::section::Section;
use crate::tr;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let me = use_me();
    view! {
        <Title text=tr!("app.name") />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => view! { <Dashboard me /> }.into_any(),
                    Ok(None) => view! { <Welcome /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    view! {
        <h1>{tr!("home.welcome_title")}</h1>
        <p class="lead">{tr!("home.welcome_body")}</p>
        <p>
            <a class="button" href="/login">
                {tr!("nav.login")}
            </a>
        </p>
    }
}

#[component]
fn Card(#[prop(into)] href: String, title: String, body: String) -> impl IntoView {
    view! {
        <li class="card card--link">
            <h2 class="card__title">
                <a href=href>{title}</a>
            </h2>
            <p>{body}</p>
        </li>
    }
}

#[component]
fn Dashboard(me: Me) -> impl IntoView {
    let cards = match me.role {
        Role::ServiceUser => view! {
            <Card href="/plan" title=tr!("nav.plan") body=tr!("home.plan_card") />
            // One tap from home, where someone in a crisis starts, not a scroll down the plan.
            <Card href="/crisis-plan" title=section_title(Section::Crisis) body=tr!("home.crisis_card") />
            <Card href="/about-me" title=tr!("nav.about_me") body=tr!("home.about_me_card") />
            <Card
                href=format!("/plans/{}/ratings", me.plan_id.unwrap_or_default())
                title=tr!("ratings.title")
                body=tr!("home.ratings_card")
            />
            <Card href="/carers" title=tr!("nav.carers") body=tr!("home.carers_card") />
            <Card
                href=format!("/plans/{}/sharing", me.plan_id.unwrap_or_default())
                title=tr!("sharing.title")
                body=tr!("home.sharing_card")
            />
        }
        .into_any(),
        Role::KeyWorker => {
            view! { <Card href="/caseload" title=tr!("nav.caseload") body=tr!("home.caseload_card") /> }.into_any()
        }
        Role::TeamAdmin => view! { <Card href="/team" title=tr!("nav.team") body=tr!("home.team_card") /> }.into_any(),
        Role::Carer => view! { <CaredFor /> }.into_any(),
    };
    let inbox = match me.role {
        Role::Carer => Some(view! { <CarerInbox /> }),
        _ => None,
    };
    view! {
        <h1>{tr!("home.hello", name = me.name)}</h1>
        {inbox}
        <ul class="card-list">{cards}</ul>
        <YourData may_delete=matches!(me.role, Role::ServiceUser | Role::Carer) />
        <PasswordChange />
    }
}

/// Changing the password, behind a disclosure: the current one proves it is them, and every
/// other device they are signed in on is signed out.
#[component]
fn PasswordChange() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let error = action_error(change);
    let form = NodeRef::<leptos::html::Form>::new();
    let changed = move || change.value().with(|v| matches!(v, Some(Ok(()))));
    // Passwords do not stay on the screen once they have done their work.
    Effect::new(move |_| {
        if changed() {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
    view! {
        <details class="password-zone no-print">
            <summary>{tr!("password.open")}</summary>
            <Show when=changed>
                <SuccessNotice>
                    <p>{tr!("password.changed")}</p>
                </SuccessNotice>
            </Show>
            <ErrorSummary error form="change-" />
            <ActionForm action=change node_ref=form>
                <TextField
                    name="current"
                    form="change-"
                    label=tr!("password.current")
                    input_type="password"
                    autocomplete="current-password"
                    maxlength=1024
                    required=true
                    error
                />
                <NewPasswordFields error form="change-" />
                <button type="submit" class="button" disabled=change.pending()>
                    {tr!("password.submit")}
                </button>
            </ActionForm>
        </details>
    }
}

/// Taking one's data away: a plain form, so the browser saves the answer as a file, with or
/// without JavaScript.
#[component]
fn YourData(may_delete: bool) -> impl IntoView {
    view! {
        <section class="no-print" aria-labelledby="your-data">
            <h2 id="your-data">{tr!("my_data.title")}</h2>
            <p>{tr!("my_data.intro")}</p>
            <form method="post" action=MyData::url()>
                <button type="submit" class="button button--secondary">
                    {tr!("my_data.download")}
                </button>
            </form>
            <Show when=move || may_delete>
                <DeleteAccount />
            </Show>
        </section>
    }
}

/// Closing the account: behind a disclosure, with the password and a plain statement of what
/// goes, so it is never done by a slip.
#[component]
fn DeleteAccount() -> impl IntoView {
    let delete = ServerAction::<DeleteMyAccount>::new();
    let error = action_error(delete);
    Effect::new(move |_| {
        if delete.value().with(|v| matches!(v, Some(Ok(())))) {
            reload_to("/");
        }
    });
    let understood_error =
        move || error.get().is_some_and(|e| e.field_errors().iter().any(|f| f.field == "understood"));
    view! {
        <details class="danger-zone">
            <summary>{tr!("delete_account.open")}</summary>
            <p>{tr!("delete_account.warning")}</p>
            <ErrorSummary error form="delete-" />
            <ActionForm action=delete>
                <TextField
                    name="password"
                    form="delete-"
                    label=tr!("delete_account.password")
                    input_type="password"
                    autocomplete="current-password"
                    maxlength=1024
                    required=true
                    error
                />
                <div class="field" class:field--error=understood_error>
                    <label class="choice">
                        <input type="checkbox" id="delete-understood" name="understood" value="yes" />
                        <span>{tr!("delete_account.understood")}</span>
                    </label>
                </div>
                <button type="submit" class="button button--warning" disabled=delete.pending()>
                    {tr!("delete_account.submit")}
                </button>
            </ActionForm>
        </details>
    }
}

/// A carer's home: who invited them. Nothing of a plan shows until the person shares it.
#[component]
fn CaredFor() -> impl IntoView {
    let people = load(|| (), |_| cared_for());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match people.await {
                    Ok(people) => {
                        people
                            .into_iter()
                            .map(|p| {
                                let body = if p.shared.is_empty() && p.actions == 0 {
                                    view! { <p>{tr!("home.nothing_shared", name = p.name.clone())}</p> }.into_any()
                                } else {
                                    let mut parts: Vec<String> = p.shared.iter().map(|s| section_title(*s)).collect();
                                    if p.actions > 0 && !p.shared.contains(&Section::Actions) {
                                        parts.push(tr!("home.shared_actions", count = p.actions));
                                    }
                                    let sections = parts.join(", ");
                                    view! {
                                        <p>{tr!("home.shared_with_you", name = p.name.clone(), sections = sections)}</p>
                                        <p>
                                            <a href=format!(
                                                "/plans/{}",
                                                p.plan_id,
                                            )>{tr!("home.open_shared", name = p.name.clone())}</a>
                                        </p>
                                    }
                                        .into_any()
                                };
                                view! {
                                    <li class="card">
                                        <h2 class="card__title">{p.name.clone()}</h2>
                                        {body}
                                    </li>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <li>
                                <ErrorNotice error=e />
                            </li>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}
