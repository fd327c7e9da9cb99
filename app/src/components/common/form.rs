//! Form pieces in the NHS pattern: an error summary at the top that links to each field, and
//! each field with its label, hint and own error message.

use crate::components::common::notice::SuccessNotice;
use crate::domain::account::{PASSWORD_MAX, PASSWORD_MIN};
use crate::error::{AppError, FieldError};
use crate::i18n::tr_key;
use crate::tr;
use leptos::prelude::*;
use leptos::server::ServerAction;
use leptos::server_fn::ServerFn;

/// The last answer of a form's action, as an error if it was one.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    Signal::derive(move || action.value().with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned())))
}

/// The last answer of a form's action, if it was a success.
pub fn action_output<S>(action: ServerAction<S>) -> Signal<Option<S::Output>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok().cloned())))
}

/// Counts the action's successes: lists reload after a success, never after an error (which
/// would throw away what the person typed).
pub fn success_count<S>(action: ServerAction<S>) -> ReadSignal<u32>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let (count, set_count) = signal(0u32);
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            set_count.update(|c| *c += 1);
        }
    });
    count
}

/// Loads `path` afresh, dropping everything held in memory (after logging in or out).
pub fn reload_to(path: &str) {
    let _ = window().location().set_href(path);
}

fn field_error(error: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<FieldError>> {
    Signal::derive(move || {
        error.with(|e| e.as_ref().and_then(|e| e.field_errors().iter().find(|f| f.field == field).cloned()))
    })
}

/// "There is a problem": the whole error, then one link per field to jump to it.
/// `form` is the id prefix of the form's fields, as given to [`TextField`].
#[component]
pub fn ErrorSummary(error: Signal<Option<AppError>>, #[prop(optional, into)] form: String) -> impl IntoView {
    move || {
        let form = form.clone();
        error.get().map(|e| {
            // Not a problem: the phone keeps the answer and sends it when back online.
            if e == AppError::SavedOffline {
                return view! {
                    <div class="notice notice--info" role="status">
                        <p>{tr_key(e.message_key(), None)}</p>
                    </div>
                }
                .into_any();
            }
            let fields = e.field_errors().to_vec();
            let message = if fields.is_empty() { tr_key(e.message_key(), e.message_limit()) } else { String::new() };
            view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2 class="error-summary__title">{tr!("error.summary_title")}</h2>
                    <Show when={
                        let has = !message.is_empty();
                        move || has
                    }>
                        <p>{message.clone()}</p>
                    </Show>
                    <ul class="error-summary__list">
                        {fields
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <li>
                                        <a href=format!("#{form}{}", f.field)>{tr_key(&f.key, f.limit)}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        })
    }
}

/// The error line under one field, linked to it with `aria-describedby`.
#[component]
fn FieldMessage(error: Signal<Option<FieldError>>, id: String) -> impl IntoView {
    move || {
        error.get().map(|f| {
            view! {
                <p class="field__error" id=format!("{id}-error")>
                    <span class="visually-hidden">{tr!("error.prefix")}</span>
                    {tr_key(&f.key, f.limit)}
                </p>
            }
        })
    }
}

fn described_by(hint: bool, error: Signal<Option<FieldError>>, id: String) -> Signal<Option<String>> {
    Signal::derive(move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{id}-hint"));
        }
        if error.with(|e| e.is_some()) {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    })
}

/// Choosing a new password: the password, with the rule it must meet, and again to be sure.
#[component]
pub fn NewPasswordFields(
    #[prop(into)] error: Signal<Option<AppError>>,
    /// Id prefix, for pages with more than one form.
    #[prop(optional)]
    form: &'static str,
) -> impl IntoView {
    view! {
        <TextField
            name="password"
            form
            label=tr!("invite.password")
            hint=tr!("invite.password_hint", min = PASSWORD_MIN)
            input_type="password"
            autocomplete="new-password"
            maxlength=PASSWORD_MAX
            required=true
            error
        />
        <TextField
            name="confirm"
            form
            label=tr!("invite.confirm")
            input_type="password"
            autocomplete="new-password"
            maxlength=PASSWORD_MAX
            required=true
            error
        />
    }
}

/// A single-line input with label, optional hint and error.
#[component]
pub fn TextField(
    /// Form field name; with `form` before it, the element id.
    name: &'static str,
    /// Id prefix, for pages with more than one form.
    #[prop(optional, into)]
    form: String,
    label: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] required: bool,
    /// What the field starts with.
    #[prop(optional, into)]
    value: Option<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let field = field_error(error, name);
    let has_hint = hint.is_some();
    let id = format!("{form}{name}");
    view! {
        <div class="field" class:field--error=move || field.with(|f| f.is_some())>
            <label class="field__label" for=id.clone()>
                {label}
            </label>
            {hint.map(|h| view! { <p class="field__hint" id=format!("{id}-hint")>{h}</p> })}
            <FieldMessage error=field id=id.clone() />
            <input
                class="field__input"
                id=id.clone()
                name=name
                type=input_type
                value=value
                autocomplete=autocomplete
                maxlength=maxlength
                required=required
                aria-invalid=move || field.with(|f| f.is_some().then_some("true"))
                aria-describedby=described_by(has_hint, field, id)
            />
        </div>
    }
}

/// A secondary submit button that names what it acts on for a screen reader, where the
/// page shows that beside it: "Stop" is heard as "Stop: Riverside EPR".
#[component]
pub fn SubmitFor(
    label: String,
    about: String,
    /// The button's own field, for forms with one button per choice.
    #[prop(optional)]
    name: Option<&'static str>,
    #[prop(optional)] value: Option<&'static str>,
) -> impl IntoView {
    view! {
        <button type="submit" class="button button--secondary" name=name value=value>
            {label}
            <span class="visually-hidden">{format!(": {about}")}</span>
        </button>
    }
}

/// A multi-line answer with label, hint and error, starting with `value`.
#[component]
pub fn TextArea(
    /// The element id and the field that errors name.
    name: &'static str,
    /// The name the form posts, when it differs from `name` (`answers[<question>]`).
    #[prop(optional, into)]
    form_name: Option<String>,
    label: String,
    hint: String,
    value: String,
    maxlength: usize,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let field = field_error(error, name);
    view! {
        <div class="field" class:field--error=move || field.with(|f| f.is_some())>
            <label class="field__label" for=name>
                {label}
            </label>
            <p class="field__hint" id=format!("{name}-hint")>
                {hint}
            </p>
            <FieldMessage error=field id=name.to_string() />
            <textarea
                class="field__textarea"
                id=name
                name=form_name.unwrap_or_else(|| name.to_string())
                rows="5"
                maxlength=maxlength
                aria-invalid=move || field.with(|f| f.is_some().then_some("true"))
                aria-describedby=described_by(true, field, name.to_string())
            >
                {value}
            </textarea>
        </div>
    }
}

/// A choice from a list, with label and error; `choices` are (value, label).
#[component]
pub fn SelectField(
    /// Form field name; with `form` before it, the element id.
    name: &'static str,
    /// Id prefix, for pages with more than one form.
    #[prop(optional, into)]
    form: String,
    label: String,
    choices: Vec<(String, String)>,
    chosen: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let field = field_error(error, name);
    let id = format!("{form}{name}");
    view! {
        <div class="field" class:field--error=move || field.with(|f| f.is_some())>
            <label class="field__label" for=id.clone()>
                {label}
            </label>
            <FieldMessage error=field id=id.clone() />
            <select
                class="field__select"
                id=id.clone()
                name=name
                aria-invalid=move || field.with(|f| f.is_some().then_some("true"))
                aria-describedby=described_by(false, field, id)
            >
                {choices
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = value == chosen;
                        view! {
                            <option value=value selected=selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// What became of the last save: the error summary, or "Your changes have been saved."
#[component]
pub fn SaveOutcome<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let error = action_error(action);
    let saved = move || action.value().with(|v| matches!(v, Some(Ok(_))));
    view! {
        <ErrorSummary error />
        <Show when=saved>
            <SuccessNotice>
                <p>{tr!("plan.saved")}</p>
            </SuccessNotice>
        </Show>
    }
}
