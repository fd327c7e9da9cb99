//! Sending web push notifications from the outbox: VAPID (RFC 8292) signed by the web-push
//! crate, the payload encrypted by [`encryption`] (RFC 8291), the HTTP by reqwest.
//!
//! The worker takes due rows, sends each, and records the outcome: sent; the device gone
//! (404/410: removed); refused (another 4xx); or tried again later (429/5xx or no answer),
//! after the push service's Retry-After or an exponential backoff, until it gives up.

mod encryption;

use super::db::{Attempt, Claimed, Db, DbError, Outcome};
use crate::domain::notice::{Notice, Subscription};
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use web_push::{PartialVapidSignatureBuilder, SubscriptionInfo, VapidSignatureBuilder};

/// How long a push service keeps a notification for a device that is offline.
const TTL_SECS: u32 = 24 * 3600;
/// A VAPID token is valid this long (RFC 8292 allows up to 24 hours) ...
const TOKEN_SECS: i64 = 12 * 3600;
/// ... and is used again for the same push service until this much of it is left: signing
/// is most of the cost of a message.
const TOKEN_RENEW_SECS: i64 = 3600;
/// Device keys as browsers give them: base64url, with or without padding.
const DEVICE_KEY: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);
/// How long the outcomes of finished messages wait for more to be written with.
const RECORD_WAIT: Duration = Duration::from_millis(20);
/// Attempts before a notification is given up.
pub const MAX_ATTEMPTS: i64 = 8;

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("database: {0}")]
    Db(#[from] DbError),
    #[error("the VAPID private key is not a base64url P-256 key")]
    BadKey,
}

/// What a deployment sets for push.
#[derive(Debug, Clone)]
pub struct PushSettings {
    /// The contact push services may use about our messages (`mailto:` or `https:`).
    pub subject: String,
    /// A VAPID private key (base64url) to use instead of the stored one.
    pub private_key: Option<String>,
    /// Origins of the push services devices may register with.
    pub services: Vec<String>,
    /// How often the worker looks for due notifications.
    pub poll: Duration,
    /// How long a worker holds a notification it took before another may take it.
    pub lease_secs: i64,
    /// How many notifications a worker sends at once.
    pub batch: i64,
    /// Run the worker in this process.
    pub worker: bool,
}

/// The push services of the browsers people use: Chrome and Samsung Internet, Firefox, Safari.
pub fn known_push_services() -> Vec<String> {
    ["https://fcm.googleapis.com", "https://updates.push.services.mozilla.com", "https://web.push.apple.com"]
        .into_iter()
        .map(String::from)
        .collect()
}

/// Makes a new VAPID key pair: a random P-256 scalar and its public point, base64url.
fn new_key_pair() -> (String, String) {
    use rand::RngCore;
    loop {
        let mut secret = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        let private = URL_SAFE_NO_PAD.encode(secret);
        // A random 32 bytes is a valid scalar all but a vanishing fraction of the time.
        if let Ok(signer) = VapidSignatureBuilder::from_base64_no_sub(&private) {
            return (private, URL_SAFE_NO_PAD.encode(signer.get_public_key()));
        }
    }
}

/// The key pair in use: from settings, else the stored one, else a new one stored now.
pub async fn vapid_keys(db: &Db, settings: &PushSettings, now: i64) -> Result<(String, String), PushError> {
    if let Some(private) = &settings.private_key {
        let signer = VapidSignatureBuilder::from_base64_no_sub(private).map_err(|_| PushError::BadKey)?;
        return Ok((private.clone(), URL_SAFE_NO_PAD.encode(signer.get_public_key())));
    }
    if let Some(keys) = db.vapid_keys().await? {
        return Ok(keys);
    }
    let (private, public) = new_key_pair();
    Ok(db.keep_vapid_keys(&private, &public, now).await?)
}

/// The origin a VAPID token is for: scheme, host and port of the endpoint.
fn audience(endpoint: &str) -> Option<String> {
    let (scheme, rest) = endpoint.split_once("://")?;
    let host = rest.split('/').next().filter(|h| !h.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

/// A notification's text: only that there is an update, in the person's language.
fn payload(claimed: &Claimed) -> String {
    let locale = claimed.locale.as_str();
    serde_json::json!({
        "title": rust_i18n::t!("push.title", locale = locale),
        "body": rust_i18n::t!("push.body", locale = locale),
        "url": claimed.url,
        "tag": claimed.notice.as_str(),
    })
    .to_string()
}

/// When to try again after `attempts` tries: the push service's word, else 30 s doubling
/// up to an hour.
fn retry_delay(attempts: i64, retry_after: Option<i64>) -> i64 {
    retry_after.map(|s| s.clamp(1, 24 * 3600)).unwrap_or_else(|| (30i64 << (attempts - 1).clamp(0, 7)).min(3600))
}

/// What one HTTP attempt said.
enum Answer {
    Status(u16, Option<i64>),
    NoAnswer,
}

pub struct Pusher {
    db: Db,
    signer: PartialVapidSignatureBuilder,
    subject: String,
    client: reqwest::Client,
    /// Per push service: the `Authorization` header and when its token ends.
    tokens: Mutex<HashMap<String, (String, i64)>>,
    /// Names this worker's leases.
    worker: String,
    lease_secs: i64,
    batch: i64,
}

impl Pusher {
    pub fn new(db: Db, private_key: &str, settings: &PushSettings) -> Result<Self, PushError> {
        let signer = VapidSignatureBuilder::from_base64_no_sub(private_key).map_err(|_| PushError::BadKey)?;
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            // A push service answers; it never sends us elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("the HTTP client builds");
        let (worker, _) = super::auth::new_token();
        Ok(Self {
            db,
            signer,
            subject: settings.subject.clone(),
            client,
            tokens: Mutex::new(HashMap::new()),
            worker,
            lease_secs: settings.lease_secs,
            batch: settings.batch.max(1),
        })
    }

    /// The `Authorization` header for `endpoint`'s push service, its token signed again only
    /// when near its end.
    fn authorization(&self, endpoint: &str, now: i64) -> Option<String> {
        let aud = audience(endpoint)?;
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((header, expires)) = tokens.get(&aud) {
            if *expires - now > TOKEN_RENEW_SECS {
                return Some(header.clone());
            }
        }
        // The builder takes the endpoint from a subscription; the keys play no part in signing.
        let info = SubscriptionInfo::new(endpoint, "", "");
        let mut builder = self.signer.clone().add_sub_info(&info);
        builder.add_claim("sub", self.subject.as_str());
        builder.add_claim("aud", aud.as_str());
        builder.add_claim("exp", now + TOKEN_SECS);
        let token = builder.build().ok()?;
        let header = format!("vapid t={}, k={}", token.auth_t, URL_SAFE_NO_PAD.encode(&token.auth_k));
        tokens.insert(aud, (header.clone(), now + TOKEN_SECS));
        Some(header)
    }

    /// `None` when the stored keys cannot make a message.
    async fn post(&self, claimed: &Claimed, sub: &Subscription, now: i64) -> Option<Answer> {
        let device_key = DEVICE_KEY.decode(&sub.p256dh).ok()?;
        let auth = DEVICE_KEY.decode(&sub.auth).ok()?;
        let body = encryption::encrypt(&device_key, &auth, payload(claimed).as_bytes())?;
        let urgency = match claimed.notice {
            Notice::HelpAsked => "high",
            Notice::RateReminder => "low",
            _ => "normal",
        };
        let send = self
            .client
            .post(&sub.endpoint)
            .header("TTL", TTL_SECS)
            .header("Urgency", urgency)
            // A newer notice of the same kind replaces one the device has not fetched yet.
            .header("Topic", claimed.notice.as_str().replace('_', "-"))
            .header("Content-Encoding", "aes128gcm")
            .header("Content-Type", "application/octet-stream")
            .header("Authorization", self.authorization(&sub.endpoint, now)?)
            .body(body);
        Some(match send.send().await {
            Ok(response) => {
                let retry_after = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<i64>().ok());
                Answer::Status(response.status().as_u16(), retry_after)
            }
            Err(e) => {
                tracing::warn!(error = %e, "push service did not answer");
                Answer::NoAnswer
            }
        })
    }

    /// Sends one notification and says what to record.
    async fn deliver(&self, claimed: Claimed) -> Attempt {
        let now = super::auth::now();
        let ended = |outcome, status| Attempt::Ended {
            id: claimed.id,
            outcome,
            status,
            device: claimed.subscription.as_ref().map(|(id, _)| *id),
            at: now,
        };
        let Some((_, sub)) = &claimed.subscription else {
            return ended(Outcome::Gone, None);
        };
        let (status, retry_after) = match self.post(&claimed, sub, now).await {
            // The stored keys cannot make a message: no attempt can succeed.
            None => return ended(Outcome::Refused, None),
            Some(Answer::Status(status, retry_after)) => (Some(status), retry_after),
            Some(Answer::NoAnswer) => (None, None),
        };
        let outcome = match status {
            Some(200..=299) => Some(Outcome::Sent),
            Some(404 | 410) => Some(Outcome::Gone),
            Some(429 | 500..=599) | None => None,
            Some(_) => Some(Outcome::Refused),
        };
        match outcome {
            Some(outcome) => ended(outcome, status),
            None if claimed.attempts >= MAX_ATTEMPTS => ended(Outcome::GaveUp, status),
            // Times are whole seconds, rounded down: one more keeps the wait at least as long
            // as asked.
            None => Attempt::Again { id: claimed.id, status, at: now + retry_delay(claimed.attempts, retry_after) + 1 },
        }
    }

    /// Sends every due notification; returns how many it took. Up to `batch` are in flight at
    /// once, and more are claimed as soon as half of those have finished, so the push services
    /// always have work while the outbox is read. Outcomes are written a quarter of a batch
    /// at a time, or when no more have finished for RECORD_WAIT, or when none is left in
    /// flight: a slow push service holds back only its own messages, and a fast one costs few
    /// commits (writing each wave as it finished made a third more context switches a second,
    /// each commit a round trip to SQLite's thread).
    pub async fn send_due(self: &Arc<Self>) -> Result<usize, DbError> {
        let mut sending = tokio::task::JoinSet::new();
        let mut taken = 0;
        let mut due_left = true;
        let mut claim_failed = None;
        let mut finished = Vec::new();
        loop {
            let room = self.batch - sending.len() as i64;
            if due_left && 2 * room >= self.batch {
                match self.db.claim_notifications(&self.worker, super::auth::now(), self.lease_secs, room).await {
                    Ok(claimed) => {
                        due_left = claimed.len() as i64 == room;
                        taken += claimed.len();
                        for one in claimed {
                            let pusher = Arc::clone(self);
                            sending.spawn(async move { pusher.deliver(one).await });
                        }
                    }
                    // What is in flight is still sent and recorded before the error is told.
                    Err(e) => (due_left, claim_failed) = (false, Some(e)),
                }
            }
            // With outcomes waiting, more are awaited only for RECORD_WAIT.
            let next = if finished.is_empty() {
                Ok(sending.join_next().await)
            } else {
                tokio::time::timeout(RECORD_WAIT, sending.join_next()).await
            };
            let waited_out = next.is_err();
            match next {
                Ok(None) => break,
                Ok(Some(first)) => {
                    finished.extend(first.ok());
                    while let Some(more) = sending.try_join_next() {
                        finished.extend(more.ok());
                    }
                }
                Err(_) => {}
            }
            let quarter = (finished.len() as i64) * 4 >= self.batch;
            if quarter || waited_out || sending.is_empty() {
                self.record(&mut finished).await;
            }
        }
        self.record(&mut finished).await;
        claim_failed.map_or(Ok(taken), Err)
    }

    /// Writes what finished and empties it.
    async fn record(&self, finished: &mut Vec<Attempt>) {
        if let Err(e) = self.db.record_attempts(finished).await {
            // Unrecorded attempts are taken again when their lease ends.
            tracing::error!(error = %e, "recording push outcomes failed");
        }
        finished.clear();
    }

    /// Sends until the database closes: due notifications every `poll`, reminders every ten
    /// minutes.
    pub async fn run(self: Arc<Self>, poll: Duration) {
        let mut last_sweep: Option<i64> = None;
        while !self.db.is_closed() {
            let now = super::auth::now();
            if last_sweep.is_none_or(|at| now - at >= 600) {
                last_sweep = Some(now);
                if let Err(e) = self.db.make_reminders(now).await {
                    tracing::error!(error = %e, "making reminders failed");
                }
            }
            match self.send_due().await {
                Ok(_) => {}
                Err(e) if self.db.is_closed() => {
                    tracing::debug!(error = %e, "push worker stops with the database");
                }
                Err(e) => tracing::error!(error = %e, "taking notifications failed"),
            }
            tokio::time::sleep(poll).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_for_the_push_services_origin_with_its_port() {
        assert_eq!(audience("https://fcm.googleapis.com/fcm/send/x").as_deref(), Some("https://fcm.googleapis.com"));
        assert_eq!(audience("http://127.0.0.1:4000/push/1").as_deref(), Some("http://127.0.0.1:4000"));
        assert_eq!(audience("nonsense"), None);
    }

    #[test]
    fn retries_wait_longer_each_time_and_as_long_as_asked() {
        assert_eq!(retry_delay(1, None), 30);
        assert_eq!(retry_delay(2, None), 60);
        assert_eq!(retry_delay(8, None), 3600);
        assert_eq!(retry_delay(3, Some(7)), 7);
        assert_eq!(retry_delay(3, Some(0)), 1);
    }

    #[test]
    fn new_keys_are_a_p256_pair() {
        let (private, public) = new_key_pair();
        assert_eq!(URL_SAFE_NO_PAD.decode(private).unwrap().len(), 32);
        let point = URL_SAFE_NO_PAD.decode(public).unwrap();
        assert_eq!((point.len(), point[0]), (65, 4), "uncompressed point");
    }
}
