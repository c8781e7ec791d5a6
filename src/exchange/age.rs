//! The age v1 file format (<https://age-encryption.org/v1>) for one X25519 recipient, written with the
//! RustCrypto primitives instead of the `age` crate (which brings localisation and a dozen more crates
//! for features a package never uses). A package payload encrypted here opens with `age -d -i KEY`, and
//! the tests check both ways against Debian's `age` tool when it is installed.
//!
//! - Header: `age-encryption.org/v1\n`, one stanza `-> X25519 <share>\n<wrapped file key>\n`, and
//!   `--- <mac>\n`; base64 without padding. The 16-byte file key is wrapped with ChaCha20-Poly1305 under
//!   HKDF-SHA256(ikm = X25519(ephemeral, recipient), salt = share ‖ recipient, info =
//!   `age-encryption.org/v1/X25519`); the MAC is HMAC-SHA256 under HKDF(file key, info = `header`) over
//!   the header up to and including `---`.
//! - Payload: a 16-byte nonce, then the plaintext in 64 KiB chunks sealed with ChaCha20-Poly1305 under
//!   HKDF(file key, salt = nonce, info = `payload`), chunk nonce = 11-byte big-endian counter ‖ 1 if last.

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use chacha20poly1305::aead::Aead;
use chacha20poly1305::{ChaCha20Poly1305, KeyInit};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};

const INTRO: &str = "age-encryption.org/v1\n";
const X25519_INFO: &[u8] = b"age-encryption.org/v1/X25519";
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;

/// Why a ciphertext does not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgeError {
    #[error("заголовок шифрования повреждён")]
    Header,
    #[error("пакет зашифрован не для этой базы (ключ не подходит)")]
    WrongKey,
    #[error("зашифрованные данные повреждены или обрезаны")]
    Payload,
    #[error("расшифрованные данные больше допустимого ({0} байт)")]
    TooLarge(usize),
    #[error("заголовок шифрования несёт недопустимый ключ (нулевой общий секрет): пакет подделан")]
    LowOrder,
}

fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    Hkdf::<Sha256>::new(Some(salt), ikm).expand(info, &mut out).expect("32 bytes is a valid HKDF length");
    out
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the operating system gives random bytes");
    b
}

/// An X25519 identity (the municipality's or a school's decryption key).
#[derive(Clone)]
pub struct Identity(StaticSecret);

impl Identity {
    pub fn generate() -> Self {
        Self(StaticSecret::from(random::<32>()))
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(StaticSecret::from(bytes))
    }

    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    pub fn recipient(&self) -> Recipient {
        Recipient(PublicKey::from(&self.0))
    }

    /// `AGE-SECRET-KEY-1…`, as `age-keygen` writes it.
    pub fn to_age_string(&self) -> String {
        let hrp = bech32::Hrp::parse("age-secret-key-").expect("valid prefix");
        bech32::encode::<bech32::Bech32>(hrp, &self.0.to_bytes()).expect("32 bytes encode").to_uppercase()
    }
}

/// An X25519 recipient (a public encryption key), `age1…` in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recipient(pub PublicKey);

impl Recipient {
    pub fn to_age_string(&self) -> String {
        let hrp = bech32::Hrp::parse("age").expect("valid prefix");
        bech32::encode::<bech32::Bech32>(hrp, self.0.as_bytes()).expect("32 bytes encode")
    }

    pub fn parse(text: &str) -> Option<Self> {
        let (hrp, data) = bech32::decode(text.trim()).ok()?;
        if hrp.as_str() != "age" {
            return None;
        }
        let bytes: [u8; 32] = data.try_into().ok()?;
        Some(Self(PublicKey::from(bytes)))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }
}

/// Encrypts `plaintext` to `recipient` with fresh randomness.
pub fn encrypt(recipient: &Recipient, plaintext: &[u8]) -> Vec<u8> {
    encrypt_with(recipient, plaintext, random::<32>(), random::<16>(), random::<16>())
}

/// Encrypts with the given ephemeral secret, file key and payload nonce (deterministic, for test
/// vectors).
pub fn encrypt_with(
    recipient: &Recipient,
    plaintext: &[u8],
    ephemeral: [u8; 32],
    file_key: [u8; 16],
    nonce: [u8; 16],
) -> Vec<u8> {
    let ephemeral = StaticSecret::from(ephemeral);
    let share = PublicKey::from(&ephemeral);
    let shared = ephemeral.diffie_hellman(&recipient.0);
    let mut salt = share.as_bytes().to_vec();
    salt.extend_from_slice(recipient.as_bytes());
    let wrap_key = hkdf(shared.as_bytes(), &salt, X25519_INFO);
    let wrapped = ChaCha20Poly1305::new(&wrap_key.into())
        .encrypt(&[0u8; 12].into(), file_key.as_slice())
        .expect("sealing 16 bytes cannot fail");
    let mut header = format!("{INTRO}-> X25519 {}\n{}\n---", B64.encode(share.as_bytes()), B64.encode(&wrapped));
    let mac_key = hkdf(&file_key, &[], b"header");
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&mac_key).expect("any key length");
    mac.update(header.as_bytes());
    header.push_str(&format!(" {}\n", B64.encode(mac.finalize().into_bytes())));
    let mut out = header.into_bytes();
    out.extend_from_slice(&nonce);
    let key = hkdf(&file_key, &nonce, b"payload");
    let aead = ChaCha20Poly1305::new(&key.into());
    let chunks: Vec<&[u8]> = if plaintext.is_empty() { vec![&[]] } else { plaintext.chunks(CHUNK).collect() };
    for (i, chunk) in chunks.iter().enumerate() {
        let sealed = aead.encrypt(&chunk_nonce(i as u64, i + 1 == chunks.len()).into(), *chunk).expect("seal");
        out.extend_from_slice(&sealed);
    }
    out
}

fn chunk_nonce(counter: u64, last: bool) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[3..11].copy_from_slice(&counter.to_be_bytes());
    n[11] = u8::from(last);
    n
}

/// Decrypts an age file with one X25519 stanza; refuses anything else, and plaintexts over `limit`.
pub fn decrypt(identity: &Identity, data: &[u8], limit: usize) -> Result<Vec<u8>, AgeError> {
    let (file_key, body) = open_header(identity, data)?;
    if body.len() < 16 {
        return Err(AgeError::Payload);
    }
    let (nonce, mut rest) = body.split_at(16);
    let key = hkdf(&file_key, nonce, b"payload");
    let aead = ChaCha20Poly1305::new(&key.into());
    let mut out = Vec::new();
    let mut counter = 0u64;
    loop {
        let take = rest.len().min(CHUNK + TAG);
        if take < TAG {
            return Err(AgeError::Payload);
        }
        let (chunk, tail) = rest.split_at(take);
        let last = tail.is_empty();
        let plain = aead.decrypt(&chunk_nonce(counter, last).into(), chunk).map_err(|_| AgeError::Payload)?;
        // Only the whole payload may be empty; a full chunk cannot be marked last and then continue.
        if last && plain.is_empty() && counter > 0 {
            return Err(AgeError::Payload);
        }
        if out.len() + plain.len() > limit {
            return Err(AgeError::TooLarge(limit));
        }
        out.extend_from_slice(&plain);
        if last {
            return Ok(out);
        }
        counter += 1;
        rest = tail;
    }
}

/// Checks the header and unwraps the file key; returns it with the bytes after the header.
fn open_header<'a>(identity: &Identity, data: &'a [u8]) -> Result<([u8; 16], &'a [u8]), AgeError> {
    let mut lines = Vec::new();
    let mut at = 0;
    // Four lines: intro, stanza, wrapped key, MAC; each under 200 bytes.
    while lines.len() < 4 {
        let end = data[at..].iter().take(200).position(|b| *b == b'\n').ok_or(AgeError::Header)?;
        lines.push(std::str::from_utf8(&data[at..at + end]).map_err(|_| AgeError::Header)?);
        at += end + 1;
    }
    if format!("{}\n", lines[0]) != INTRO {
        return Err(AgeError::Header);
    }
    let share = lines[1].strip_prefix("-> X25519 ").ok_or(AgeError::Header)?;
    let share: [u8; 32] = B64.decode(share).ok().and_then(|v| v.try_into().ok()).ok_or(AgeError::Header)?;
    let wrapped = B64.decode(lines[2]).map_err(|_| AgeError::Header)?;
    if wrapped.len() != 32 {
        return Err(AgeError::Header);
    }
    let mac_text = lines[3].strip_prefix("--- ").ok_or(AgeError::Header)?;
    let mac_bytes = B64.decode(mac_text).map_err(|_| AgeError::Header)?;
    let share = PublicKey::from(share);
    let shared = identity.0.diffie_hellman(&share);
    // A low-order share gives the all-zero secret, which the age specification requires to refuse.
    if !shared.was_contributory() {
        return Err(AgeError::LowOrder);
    }
    let mut salt = share.as_bytes().to_vec();
    salt.extend_from_slice(identity.recipient().as_bytes());
    let wrap_key = hkdf(shared.as_bytes(), &salt, X25519_INFO);
    let file_key: [u8; 16] = ChaCha20Poly1305::new(&wrap_key.into())
        .decrypt(&[0u8; 12].into(), wrapped.as_slice())
        .map_err(|_| AgeError::WrongKey)?
        .try_into()
        .map_err(|_| AgeError::Header)?;
    let mac_key = hkdf(&file_key, &[], b"header");
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&mac_key).expect("any key length");
    let covered = at - mac_text.len() - 2; // up to and including "---"
    mac.update(&data[..covered]);
    mac.verify_slice(&mac_bytes).map_err(|_| AgeError::Header)?;
    Ok((file_key, &data[at..]))
}
