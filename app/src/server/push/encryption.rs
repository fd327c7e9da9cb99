//! A push message's body: the aes128gcm content coding (RFC 8188) keyed as web push says
//! (RFC 8291), in one record.
//!
//! Made here from OpenSSL's elliptic-curve primitives, not by the web-push crate: its way
//! through OpenSSL 3's key-management layer cost several times the curve arithmetic itself on
//! every message, and encrypting is what a fan-out spends its time on (BENCHMARKS.md, push).

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes128Gcm, Nonce};
use hkdf::Hkdf;
use openssl::bn::{BigNum, BigNumContext};
use openssl::ec::{EcGroup, EcKey, EcPoint, PointConversionForm};
use openssl::nid::Nid;
use sha2::Sha256;
use std::sync::LazyLock;

/// The record size the header names; every message we send fits one record.
const RECORD_SIZE: u32 = 4096;
/// Salt (16), record size (4), key length (1) and our public key (65).
const HEADER_LEN: usize = 86;
/// The longest plaintext one record holds: the record less the header, the padding
/// delimiter and the 16-byte tag. Push services take at most 4096 bytes.
pub const MAX_PLAINTEXT: usize = RECORD_SIZE as usize - HEADER_LEN - 1 - 16;

static P256: LazyLock<EcGroup> =
    LazyLock::new(|| EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).expect("OpenSSL has P-256"));

/// `plaintext` encrypted for the device whose public key is `device_key` (an uncompressed
/// P-256 point) and whose auth secret is `auth` (16 bytes); `None` when those are not keys or
/// the plaintext is too long.
pub fn encrypt(device_key: &[u8], auth: &[u8], plaintext: &[u8]) -> Option<Vec<u8>> {
    if auth.len() != 16 || plaintext.len() > MAX_PLAINTEXT {
        return None;
    }
    let group = &*P256;
    let mut ctx = BigNumContext::new().ok()?;
    // Fails for a point that is not on the curve.
    let device = EcPoint::from_bytes(group, device_key, &mut ctx).ok()?;
    // A key pair of our own for each message (RFC 8291, section 3.1).
    let ours = EcKey::generate(group).ok()?;
    let our_key = ours.public_key().to_bytes(group, PointConversionForm::UNCOMPRESSED, &mut ctx).ok()?;
    let mut shared = EcPoint::new(group).ok()?;
    shared.mul2(group, &device, ours.private_key(), &mut ctx).ok()?;
    let (mut x, mut y) = (BigNum::new().ok()?, BigNum::new().ok()?);
    shared.affine_coordinates(group, &mut x, &mut y, &mut ctx).ok()?;
    let ecdh_secret = x.to_vec_padded(32).ok()?;

    let mut key_info = Vec::with_capacity(14 + 2 * 65);
    key_info.extend_from_slice(b"WebPush: info\0");
    key_info.extend_from_slice(device_key);
    key_info.extend_from_slice(&our_key);
    let mut ikm = [0u8; 32];
    Hkdf::<Sha256>::new(Some(auth), &ecdh_secret).expand(&key_info, &mut ikm).ok()?;
    let salt: [u8; 16] = rand::random();
    let prk = Hkdf::<Sha256>::new(Some(&salt), &ikm);
    let (mut cek, mut nonce) = ([0u8; 16], [0u8; 12]);
    prk.expand(b"Content-Encoding: aes128gcm\0", &mut cek).ok()?;
    prk.expand(b"Content-Encoding: nonce\0", &mut nonce).ok()?;

    let mut record = Vec::with_capacity(plaintext.len() + 1);
    record.extend_from_slice(plaintext);
    // The delimiter of the last record; no padding follows.
    record.push(2);
    let sealed = Aes128Gcm::new(&cek.into()).encrypt(Nonce::from_slice(&nonce), record.as_slice()).ok()?;

    let mut body = Vec::with_capacity(HEADER_LEN + sealed.len());
    body.extend_from_slice(&salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(our_key.len() as u8);
    body.extend_from_slice(&our_key);
    body.extend_from_slice(&sealed);
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
