//! One typed set of settings: defaults, overridden by `APP_*` environment variables.

use app::domain::contact::{CrisisLine, PhoneNumber};
use app::domain::rating::instrument::Instrument;
use app::domain::rating::wheel::{self, WheelArea, AREAS_MAX};
use app::domain::text::Words;
use app::server::push::{known_push_services, PushSettings};
use std::net::SocketAddr;

#[derive(Clone)]
pub struct Settings {
    /// `sqlite://path/to/file.db` (created if missing) or `postgres://...`.
    pub database_url: String,
    pub listen: SocketAddr,
    /// The address people use, e.g. `https://plan.example.nhs.uk`; starts invite links and is
    /// the only origin allowed to post forms.
    pub public_url: String,
    /// Where cargo-leptos put the built site (`pkg/`, icons, manifest).
    pub site_root: String,
    /// The name of the built WASM/JS/CSS files.
    pub output_name: String,
    /// Create the demo team and accounts on an empty database.
    pub demo_data: bool,
    /// With the demo data, also Morgan Reid, whose plan has three months of history.
    pub demo_history: bool,
    /// Login failures allowed per account, and per address, in 15 minutes.
    pub login_failures_per_account: usize,
    pub login_failures_per_address: usize,
    pub session_idle_secs: i64,
    pub session_absolute_secs: i64,
    /// The crisis lines every crisis plan shows; DOMAIN.md's national lines unless
    /// `APP_CRISIS_LINES` lists others, one a line as `name|phone|what it is for`.
    pub crisis_lines: Vec<CrisisLine>,
    /// The life areas of the wellbeing wheel; DOMAIN.md's ten unless `APP_WHEEL_AREAS` lists
    /// others, one a line as `name|Label` (the name is stored with each rating: never reuse one).
    pub wheel_areas: Vec<WheelArea>,
    /// Licensed questionnaires (ReQoL-10 and the like), offered beside DIALOG and the wheel:
    /// every `*.json` file in the folder `APP_INSTRUMENTS`, one questionnaire each. None unless
    /// set: their words are the licence holder's, loaded only by a deployment that holds a licence.
    pub instruments: Vec<Instrument>,
    /// Web push: `APP_VAPID_SUBJECT` (default: the public URL), `APP_VAPID_PRIVATE_KEY` (default:
    /// a key made on first start and stored), `APP_PUSH_SERVICES` (origins devices may register
    /// with, comma-separated; default: the browsers' own), `APP_PUSH_POLL_MS`,
    /// `APP_PUSH_LEASE_SECS`, `APP_PUSH_BATCH` and `APP_PUSH_WORKER` (false: this process sends nothing).
    pub push: PushSettings,
}

impl std::fmt::Debug for Settings {
    // The database URL may hold a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("database_url", &"<redacted>")
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field("site_root", &self.site_root)
            .field("demo_data", &self.demo_data)
            .field("demo_history", &self.demo_history)
            .finish_non_exhaustive()
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parsed<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match var(name) {
        Some(v) => v.parse().map_err(|_| format!("{name} has an invalid value")),
        None => Ok(default),
    }
}

/// Reads `name|phone|what it is for` lines; a bad phone number stops start-up.
fn crisis_lines(text: &str) -> Result<Vec<CrisisLine>, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            let [name, phone, detail] = parts.as_slice() else {
                return Err(format!("APP_CRISIS_LINES: '{line}' is not name|phone|detail"));
            };
            let phone =
                PhoneNumber::parse("phone", phone).map_err(|_| format!("APP_CRISIS_LINES: bad phone in '{line}'"))?;
            Ok(CrisisLine {
                name: name.to_string(),
                detail: Words::Plain(detail.to_string()),
                phone: Some(phone),
                text: None,
            })
        })
        .collect()
}

/// Reads `name|Label` lines; a bad line, a repeated name or too many areas stops start-up.
fn wheel_areas(text: &str) -> Result<Vec<WheelArea>, String> {
    let areas = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| wheel::parse_area(line).ok_or_else(|| format!("APP_WHEEL_AREAS: '{line}' is not name|Label")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut names: Vec<_> = areas.iter().map(|a| a.item.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    if areas.len() < 3 || areas.len() > AREAS_MAX || names.len() != areas.len() {
        return Err(format!("APP_WHEEL_AREAS: 3 to {AREAS_MAX} areas, each name once"));
    }
    Ok(areas)
}

/// Reads each `*.json` file in `folder`, in name order; a file that is not a questionnaire, or
/// two with one id, stops start-up.
fn instruments(folder: &str) -> Result<Vec<Instrument>, String> {
    let entries = std::fs::read_dir(folder).map_err(|e| format!("APP_INSTRUMENTS: {folder}: {e}"))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("APP_INSTRUMENTS: {folder}: {e}"))?.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            paths.push(path);
        }
    }
    paths.sort();
    let mut found: Vec<Instrument> = Vec::new();
    for path in paths {
        let shown = path.display();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("APP_INSTRUMENTS: {shown}: {e}"))?;
        let instrument = Instrument::from_json(&text).map_err(|e| format!("APP_INSTRUMENTS: {shown}: {e}"))?;
        if found.iter().any(|i| i.id == instrument.id) {
            return Err(format!("APP_INSTRUMENTS: {shown}: id '{}' is used by another file", instrument.id));
        }
        found.push(instrument);
    }
    Ok(found)
}

/// Reads comma-separated origins (`https://host[:port]`, no path).
fn push_services(list: &str) -> Result<Vec<String>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(|origin| {
            let (scheme, host) =
                origin.split_once("://").ok_or(format!("APP_PUSH_SERVICES: '{origin}' is not an origin"))?;
            if !matches!(scheme, "https" | "http") || host.is_empty() || host.contains('/') {
                return Err(format!("APP_PUSH_SERVICES: '{origin}' is not an origin"));
            }
            Ok(origin.to_string())
        })
        .collect()
}

impl Settings {
    pub fn from_env() -> Result<Self, String> {
        let listen: SocketAddr = parsed("APP_LISTEN", SocketAddr::from(([127, 0, 0, 1], 3000)))?;
        let public_url = var("APP_PUBLIC_URL").unwrap_or_else(|| format!("http://{listen}"));
        let push = PushSettings {
            subject: var("APP_VAPID_SUBJECT").unwrap_or_else(|| public_url.clone()),
            private_key: var("APP_VAPID_PRIVATE_KEY"),
            services: match var("APP_PUSH_SERVICES") {
                Some(list) => push_services(&list)?,
                None => known_push_services(),
            },
            poll: std::time::Duration::from_millis(parsed("APP_PUSH_POLL_MS", 1000)?),
            lease_secs: parsed("APP_PUSH_LEASE_SECS", 60)?,
            batch: parsed("APP_PUSH_BATCH", 20)?,
            worker: parsed("APP_PUSH_WORKER", true)?,
        };
        Ok(Self {
            database_url: var("APP_DATABASE_URL")
                .or_else(|| var("DATABASE_URL"))
                .unwrap_or_else(|| "sqlite://data/wellbeing.db".into()),
            listen,
            public_url,
            // cargo-leptos sets these when it runs the server itself.
            site_root: var("LEPTOS_SITE_ROOT").or_else(|| var("APP_SITE_ROOT")).unwrap_or_else(|| "target/site".into()),
            output_name: var("LEPTOS_OUTPUT_NAME").unwrap_or_else(|| "wellbeing".into()),
            demo_data: parsed("APP_DEMO_DATA", false)?,
            demo_history: parsed("APP_DEMO_HISTORY", false)?,
            login_failures_per_account: parsed("APP_LOGIN_FAILURES_PER_ACCOUNT", 5)?,
            login_failures_per_address: parsed("APP_LOGIN_FAILURES_PER_ADDRESS", 20)?,
            session_idle_secs: parsed("APP_SESSION_IDLE_SECS", 30 * 60)?,
            session_absolute_secs: parsed("APP_SESSION_ABSOLUTE_SECS", 12 * 3600)?,
            crisis_lines: match var("APP_CRISIS_LINES") {
                Some(lines) => crisis_lines(&lines)?,
                None => CrisisLine::national_defaults(),
            },
            wheel_areas: match var("APP_WHEEL_AREAS") {
                Some(lines) => wheel_areas(&lines)?,
                None => wheel::default_areas(),
            },
            instruments: match var("APP_INSTRUMENTS") {
                Some(folder) => instruments(&folder)?,
                None => Vec::new(),
            },
            push,
        })
    }

    /// Cookies are `Secure` unless the app is served over plain HTTP (local development).
    pub fn secure_cookies(&self) -> bool {
        !self.public_url.starts_with("http://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deployment_names_its_own_wheel_areas_once_each() {
        let areas = wheel_areas("faith|Faith and spirituality\nmoney|Money\n\nhome|Home").unwrap();
        assert_eq!(areas.iter().map(|a| a.item.as_str()).collect::<Vec<_>>(), ["faith", "money", "home"]);
        assert!(wheel_areas("a|A\na|Again\nb|B").is_err(), "a name twice");
        assert!(wheel_areas("a|A\nb|B").is_err(), "too few to draw a wheel");
        assert!(wheel_areas("Bad name|x\nc|C\nd|D").is_err(), "not a plain name");
    }

    #[test]
    fn a_deployment_loads_each_questionnaire_file_in_its_folder() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/instruments");
        let found = instruments(folder).unwrap();
        assert_eq!(found.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["checkin"]);
        assert!(instruments("/no/such/folder").is_err());

        let twice = std::env::temp_dir().join(format!("instruments-twice-{}", std::process::id()));
        std::fs::create_dir_all(&twice).unwrap();
        let text = std::fs::read_to_string(format!("{folder}/checkin.json")).unwrap();
        for name in ["a.json", "b.json"] {
            std::fs::write(twice.join(name), &text).unwrap();
        }
        std::fs::write(twice.join("README.txt"), "not read").unwrap();
        let refused = instruments(twice.to_str().unwrap()).unwrap_err();
        std::fs::remove_dir_all(&twice).unwrap();
        assert!(refused.contains("b.json") && refused.contains("checkin"), "{refused}");
    }
}
