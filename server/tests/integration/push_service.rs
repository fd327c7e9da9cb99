//! A push service on loopback, as a browser vendor runs one: it takes each message, checks its
//! VAPID token (RFC 8292) and decrypts its payload (RFC 8291) with RustCrypto, independently
//! of the web-push crate and ring that sent it. Tests choose its answers per device.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes128Gcm, Nonce};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hkdf::Hkdf;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use rand::RngCore;
use serde_json::Value;
use sha2::Sha256;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A browser's side of a subscription: its key pair and auth secret.
pub struct Browser {
    secret: SecretKey,
    auth: [u8; 16],
}

impl Browser {
    pub fn new() -> Self {
        let mut auth = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut auth);
        Self { secret: SecretKey::random(&mut rand::rngs::OsRng), auth }
    }

    pub fn p256dh(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.secret.public_key().to_encoded_point(false).as_bytes())
    }

    pub fn auth(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.auth)
    }

    /// RFC 8291 section 3.4 and RFC 8188: one record, padded with a 0x02 delimiter.
    fn decrypt(&self, body: &[u8]) -> Result<Vec<u8>, String> {
        let salt = body.get(..16).ok_or("no salt")?;
        let id_len = *body.get(20).ok_or("no key id length")? as usize;
        let sender = body.get(21..21 + id_len).ok_or("no sender key")?;
        let record = body.get(21 + id_len..).ok_or("no record")?;
        let sender_key = PublicKey::from_sec1_bytes(sender).map_err(|_| "sender key is not a P-256 point")?;
        let shared = p256::ecdh::diffie_hellman(self.secret.to_nonzero_scalar(), sender_key.as_affine());
        let browser_public = self.secret.public_key().to_encoded_point(false);
        let mut key_info = b"WebPush: info\0".to_vec();
        key_info.extend_from_slice(browser_public.as_bytes());
        key_info.extend_from_slice(sender);
        let mut ikm = [0u8; 32];
        Hkdf::<Sha256>::new(Some(&self.auth), shared.raw_secret_bytes())
            .expand(&key_info, &mut ikm)
            .map_err(|_| "hkdf")?;
        let prk = Hkdf::<Sha256>::new(Some(salt), &ikm);
        let (mut cek, mut nonce) = ([0u8; 16], [0u8; 12]);
        prk.expand(b"Content-Encoding: aes128gcm\0", &mut cek).map_err(|_| "hkdf")?;
        prk.expand(b"Content-Encoding: nonce\0", &mut nonce).map_err(|_| "hkdf")?;
        let mut plain = Aes128Gcm::new_from_slice(&cek)
            .map_err(|_| "key")?
            .decrypt(Nonce::from_slice(&nonce), record)
            .map_err(|_| "the record does not decrypt")?;
        while plain.last() == Some(&0) {
            plain.pop();
        }
        if plain.pop() != Some(2) {
            return Err("no last-record delimiter".into());
        }
        Ok(plain)
    }
}

/// One message as the push service took it.
#[derive(Debug, Clone)]
pub struct Received {
    pub device: String,
    /// What the service answered.
    pub status: u16,
    pub at: Instant,
    /// The decrypted payload, or why it could not be read.
    pub payload: Result<Value, String>,
    /// The VAPID check, or why it failed.
    pub vapid: Result<(), String>,
    /// The `k` of the Authorization header: the server's public key.
    pub vapid_key: String,
    pub ttl: Option<u64>,
    pub urgency: Option<String>,
}

#[derive(Default)]
struct Inner {
    browsers: HashMap<String, Browser>,
    answers: HashMap<String, VecDeque<(u16, Option<u64>)>>,
    default_answer: Option<(u16, Option<u64>)>,
    delay: Duration,
    received: Vec<Received>,
}

#[derive(Clone)]
pub struct PushService {
    pub origin: String,
    inner: Arc<Mutex<Inner>>,
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

/// RFC 8292: `vapid t=<JWT>, k=<key>`, an ES256 JWT signed by `k` for our origin, with an
/// expiry within 24 hours and a contact.
fn check_vapid(authorization: Option<&str>, origin: &str) -> (Result<(), String>, String) {
    let Some(value) = authorization.and_then(|a| a.strip_prefix("vapid ")) else {
        return (Err("no vapid authorization".into()), String::new());
    };
    let mut token = "";
    let mut key = "";
    for part in value.split(',').map(str::trim) {
        if let Some(t) = part.strip_prefix("t=") {
            token = t;
        } else if let Some(k) = part.strip_prefix("k=") {
            key = k;
        }
    }
    let check = || -> Result<(), String> {
        let verifying = URL_SAFE_NO_PAD
            .decode(key)
            .ok()
            .and_then(|k| VerifyingKey::from_sec1_bytes(&k).ok())
            .ok_or("k is not a P-256 key")?;
        let parts: Vec<&str> = token.split('.').collect();
        let [head, claims, signature] = parts.as_slice() else { return Err("not a JWT".into()) };
        let head: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(head).map_err(|_| "header")?).map_err(|_| "header json")?;
        if head["alg"] != "ES256" {
            return Err(format!("alg {}", head["alg"]));
        }
        let signature = Signature::from_slice(&URL_SAFE_NO_PAD.decode(signature).map_err(|_| "signature")?)
            .map_err(|_| "signature is not r||s")?;
        verifying
            .verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature)
            .map_err(|_| "the signature does not verify with k")?;
        let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).map_err(|_| "claims")?)
            .map_err(|_| "claims json")?;
        if claims["aud"] != origin {
            return Err(format!("aud {} is not {origin}", claims["aud"]));
        }
        let now = app::server::auth::now();
        let exp = claims["exp"].as_i64().ok_or("no exp")?;
        if exp <= now || exp > now + 24 * 3600 {
            return Err(format!("exp {exp} is not within 24 hours of {now}"));
        }
        let sub = claims["sub"].as_str().ok_or("no sub")?;
        if !(sub.starts_with("mailto:") || sub.starts_with("https:") || sub.starts_with("http:")) {
            return Err(format!("sub {sub} is not a contact"));
        }
        Ok(())
    };
    (check(), key.to_string())
}

async fn take(
    State(service): State<PushService>,
    Path(device): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> impl IntoResponse {
    let (delay, answer) = {
        let mut inner = service.inner.lock().unwrap();
        let queued = inner.answers.get_mut(&device).and_then(VecDeque::pop_front);
        (inner.delay, queued.or(inner.default_answer).unwrap_or((201, None)))
    };
    tokio::time::sleep(delay).await;
    let (vapid, vapid_key) = check_vapid(header(&headers, "authorization").as_deref(), &service.origin);
    let mut inner = service.inner.lock().unwrap();
    let payload = match inner.browsers.get(&device) {
        None => Err("unknown device".into()),
        Some(_) if header(&headers, "content-encoding").as_deref() != Some("aes128gcm") => Err("not aes128gcm".into()),
        Some(browser) => browser
            .decrypt(&body)
            .and_then(|plain| serde_json::from_slice(&plain).map_err(|e| format!("payload is not JSON: {e}"))),
    };
    inner.received.push(Received {
        device,
        status: answer.0,
        at: Instant::now(),
        payload,
        vapid,
        vapid_key,
        ttl: header(&headers, "ttl").and_then(|t| t.parse().ok()),
        urgency: header(&headers, "urgency"),
    });
    let mut response = StatusCode::from_u16(answer.0).unwrap().into_response();
    if let Some(secs) = answer.1 {
        response.headers_mut().insert("retry-after", secs.to_string().parse().unwrap());
    }
    response
}

impl PushService {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let service = Self { origin, inner: Arc::default() };
        let router = axum::Router::new().route("/push/{device}", axum::routing::post(take)).with_state(service.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        service
    }

    /// A new browser subscription on this service: (endpoint, p256dh, auth).
    pub fn subscribe(&self, device: &str) -> (String, String, String) {
        let browser = Browser::new();
        let keys = (format!("{}/push/{device}", self.origin), browser.p256dh(), browser.auth());
        self.inner.lock().unwrap().browsers.insert(device.to_string(), browser);
        keys
    }

    /// The next answers to `device`: (status, Retry-After seconds); then 201.
    pub fn answer(&self, device: &str, answers: &[(u16, Option<u64>)]) {
        self.inner.lock().unwrap().answers.entry(device.into()).or_default().extend(answers.iter().copied());
    }

    /// The answer to every device that has none queued.
    pub fn answer_all(&self, answer: Option<(u16, Option<u64>)>) {
        self.inner.lock().unwrap().default_answer = answer;
    }

    /// Wait this long before answering each message.
    pub fn slow_down(&self, delay: Duration) {
        self.inner.lock().unwrap().delay = delay;
    }

    pub fn received(&self) -> Vec<Received> {
        self.inner.lock().unwrap().received.clone()
    }

    /// The messages accepted (2xx), as (device, tag).
    pub fn delivered(&self) -> Vec<(String, String)> {
        self.received()
            .into_iter()
            .filter(|r| (200..300).contains(&r.status))
            .map(|r| (r.device, r.payload.ok().and_then(|p| p["tag"].as_str().map(String::from)).unwrap_or_default()))
            .collect()
    }

    /// Waits until `done` holds of what was received, for at most 20 s.
    pub async fn wait_for(&self, what: &str, done: impl Fn(&[Received]) -> bool) {
        let start = Instant::now();
        while !done(&self.received()) {
            assert!(start.elapsed() < Duration::from_secs(20), "waited 20 s for {what}; got {:#?}", self.received());
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}
