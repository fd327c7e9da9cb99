//! A push message's body: the aes128gcm content coding (RFC 8188) keyed as web push says
//! (RFC 8291), in one record.
//!
//! Made here with ring, not by the web-push crate: its way through OpenSSL 3's key-management
//! layer cost several times the curve arithmetic itself on every message, and encrypting is
//! what a fan-out spends its time on (BENCHMARKS.md, push). ring runs the same P-256 assembly
//! as OpenSSL without OpenSSL's allocations around it: a message's curve work took 74 µs here,
//! against 80 through OpenSSL's own curve calls.

use ring::rand::{SecureRandom, SystemRandom};
use ring::{aead, agreement, hkdf};

/// The record size the header names; every message we send fits one record.
const RECORD_SIZE: u32 = 4096;
/// Salt (16), record size (4), key length (1) and our public key (65).
const HEADER_LEN: usize = 86;
/// The longest plaintext one record holds: the record less the header, the padding
/// delimiter and the 16-byte tag. Push services take at most 4096 bytes.
pub const MAX_PLAINTEXT: usize = RECORD_SIZE as usize - HEADER_LEN - 1 - 16;

/// An HKDF output length, as ring asks it to be named.
struct Len(usize);

impl hkdf::KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

/// HKDF-SHA-256 (RFC 5869) of `secret` under `salt`, expanded with `info` into `out`.
fn hkdf(salt: &[u8], secret: &[u8], info: &[u8], out: &mut [u8]) -> Option<()> {
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(secret);
    prk.expand(&[info], Len(out.len())).ok()?.fill(out).ok()
}

/// `plaintext` encrypted for the device whose public key is `device_key` (an uncompressed
/// P-256 point) and whose auth secret is `auth` (16 bytes); `None` when those are not keys or
/// the plaintext is too long.
pub fn encrypt(device_key: &[u8], auth: &[u8], plaintext: &[u8]) -> Option<Vec<u8>> {
    if auth.len() != 16 || plaintext.len() > MAX_PLAINTEXT {
        return None;
    }
    let random = SystemRandom::new();
    // A key pair of our own for each message (RFC 8291, section 3.1).
    let ours = agreement::EphemeralPrivateKey::generate(&agreement::ECDH_P256, &random).ok()?;
    let our_key = ours.compute_public_key().ok()?;
    let device = agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, device_key);
    let mut key_info = Vec::with_capacity(14 + 2 * 65);
    key_info.extend_from_slice(b"WebPush: info\0");
    key_info.extend_from_slice(device_key);
    key_info.extend_from_slice(our_key.as_ref());
    let mut ikm = [0u8; 32];
    // Fails for a point that is not on the curve.
    agreement::agree_ephemeral(ours, &device, |ecdh_secret| hkdf(auth, ecdh_secret, &key_info, &mut ikm))
        .ok()
        .flatten()?;

    let mut salt = [0u8; 16];
    random.fill(&mut salt).ok()?;
    let (mut cek, mut nonce) = ([0u8; 16], [0u8; 12]);
    hkdf(&salt, &ikm, b"Content-Encoding: aes128gcm\0", &mut cek)?;
    hkdf(&salt, &ikm, b"Content-Encoding: nonce\0", &mut nonce)?;

    let key = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_128_GCM, &cek).ok()?);
    let mut body = Vec::with_capacity(HEADER_LEN + plaintext.len() + 1 + aead::AES_128_GCM.tag_len());
    body.extend_from_slice(&salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(our_key.as_ref().len() as u8);
    body.extend_from_slice(our_key.as_ref());
    body.extend_from_slice(plaintext);
    // The delimiter of the last record; no padding follows.
    body.push(2);
    let nonce = aead::Nonce::assume_unique_for_key(nonce);
    let tag = key.seal_in_place_separate_tag(nonce, aead::Aad::empty(), &mut body[HEADER_LEN..]).ok()?;
    body.extend_from_slice(tag.as_ref());
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A device's keys and auth secret, made by the `ece` crate, which also decrypts as a
    /// browser would: a second implementation to check this one against.
    fn device() -> (ece::EcKeyComponents, [u8; 16]) {
        let (keys, auth) = ece::generate_keypair_and_auth_secret().unwrap();
        (keys.raw_components().unwrap(), auth)
    }

    #[test]
    fn the_device_reads_what_was_sent_and_each_message_has_keys_of_its_own() {
        let (keys, auth) = device();
        let one = encrypt(keys.public_key(), &auth, b"{\"title\":\"x\"}").unwrap();
        let two = encrypt(keys.public_key(), &auth, b"{\"title\":\"x\"}").unwrap();
        assert_eq!(ece::decrypt(&keys, &auth, &one).unwrap(), b"{\"title\":\"x\"}");
        assert_eq!(one.len(), HEADER_LEN + 13 + 1 + 16);
        assert_ne!(one[..HEADER_LEN], two[..HEADER_LEN], "a new salt and sender key each time");
        let longest = vec![b'x'; MAX_PLAINTEXT];
        let body = encrypt(keys.public_key(), &auth, &longest).unwrap();
        assert_eq!(body.len(), RECORD_SIZE as usize);
        assert_eq!(ece::decrypt(&keys, &auth, &body).unwrap(), longest);
    }

    #[test]
    fn what_is_not_a_key_or_too_long_makes_no_message() {
        let (keys, auth) = device();
        let mut public = keys.public_key().to_vec();
        assert!(encrypt(&public, &auth[..15], b"x").is_none());
        assert!(encrypt(&public, &auth, &vec![b'x'; MAX_PLAINTEXT + 1]).is_none());
        assert!(encrypt(&public[..33], &auth, b"x").is_none());
        public[64] ^= 1;
        assert!(encrypt(&public, &auth, b"x").is_none(), "off the curve");
    }
}
