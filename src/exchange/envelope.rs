//! The package envelope, byte by byte (all integers little-endian):
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `UCHRPKG1` (ASCII) |
//! | 8 | 2 | envelope format, `1` |
//! | 10 | 1 | flags: bit 0 — the payload is encrypted (age v1, X25519); other bits 0 |
//! | 11 | 32 | the signer's Ed25519 public key |
//! | 43 | 4 | header length H, 2 ≤ H ≤ 65 536 |
//! | 47 | 8 | payload length P, 1 ≤ P ≤ 513 MiB (at most 512 MiB of JSON, and age's framing when encrypted) |
//! | 55 | H | header: UTF-8 JSON object ([`Header`](super::package::Header)) |
//! | 55 + H | P | payload: age file, or the JSON itself when not encrypted |
//! | 55 + H + P | 64 | Ed25519 signature (RFC 8032, strict verification) of bytes 0 … 55 + H + P − 1 |
//!
//! The file is exactly 55 + H + P + 64 bytes. A reader checks the magic, format, flags, both lengths
//! against their limits and the file size from the first 55 bytes alone ([`check_prefix`]) — a file of
//! garbage or of the wrong size is refused without reading the rest — and then the signature with the key
//! at offset 11, **before** it parses the header or decrypts the payload. Only then does it decide whether that key may speak for the
//! organisation the header names. The package's identity (its hash) is SHA-256 of the whole file.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

pub const MAGIC: &[u8; 8] = b"UCHRPKG1";
pub const FORMAT: u16 = 1;
pub const FLAG_ENCRYPTED: u8 = 1;
pub const PREFIX: usize = 55;
pub const SIGNATURE: usize = 64;
pub const MAX_HEADER: usize = 64 * 1024;
/// The payload's limit: the largest plaintext a reader takes ([`super::package::MAX_PLAINTEXT`], 512 MiB)
/// with room for age's framing (16 bytes per 64 KiB chunk, and its header).
pub const MAX_PAYLOAD: u64 = 513 * 1024 * 1024;

/// Why a file is not a package that can be trusted, before anything in it is read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("файл пуст")]
    Empty,
    #[error("это не пакет УчРост (нет подписи формата в начале файла)")]
    NotAPackage,
    #[error("пакет в формате конверта {0}, а программа знает формат {FORMAT} — обновите программу")]
    NewerFormat(u16),
    #[error("пакет обрезан или к нему что-то дописано: ожидалось {expected} байт, в файле {actual}")]
    Length { expected: u64, actual: u64 },
    #[error("недопустимый размер части пакета: {0}")]
    Limit(&'static str),
    #[error("подпись пакета не сходится: файл изменён после подписания или повреждён")]
    Signature,
}

/// A package whose signature checked out; its header and payload are still unread bytes.
#[derive(Debug, Clone)]
pub struct Verified<'a> {
    pub signer: VerifyingKey,
    pub encrypted: bool,
    pub header: &'a [u8],
    pub payload: &'a [u8],
    /// SHA-256 of the whole file, lower-case hex.
    pub hash: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes the envelope around `header` and `payload`, signed by `key`.
pub fn seal(key: &SigningKey, encrypted: bool, header: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(PREFIX + header.len() + payload.len() + SIGNATURE);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.push(if encrypted { FLAG_ENCRYPTED } else { 0 });
    out.extend_from_slice(key.verifying_key().as_bytes());
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(header);
    out.extend_from_slice(payload);
    let signature = key.sign(&out);
    out.extend_from_slice(&signature.to_bytes());
    out
}

/// Checks what the first 55 bytes say — magic, format, flags, both lengths against their limits — and
/// that the file is exactly as long as they say (`file_len`): what a reader checks before it reads more.
/// `prefix` is the start of the file (at most its first [`PREFIX`] bytes are looked at).
pub fn check_prefix(prefix: &[u8], file_len: u64) -> Result<(), EnvelopeError> {
    let bytes = &prefix[..prefix.len().min(PREFIX)];
    if file_len == 0 {
        return Err(EnvelopeError::Empty);
    }
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(EnvelopeError::NotAPackage);
    }
    if bytes.len() < PREFIX || file_len < PREFIX as u64 {
        return Err(EnvelopeError::Length { expected: PREFIX as u64, actual: file_len });
    }
    let format = u16::from_le_bytes([bytes[8], bytes[9]]);
    if format > FORMAT {
        return Err(EnvelopeError::NewerFormat(format));
    }
    if format == 0 {
        return Err(EnvelopeError::NotAPackage);
    }
    if bytes[10] & !FLAG_ENCRYPTED != 0 {
        return Err(EnvelopeError::Limit("флаги"));
    }
    let h = u32::from_le_bytes(bytes[43..47].try_into().expect("4 bytes")) as usize;
    let p = u64::from_le_bytes(bytes[47..55].try_into().expect("8 bytes"));
    if !(2..=MAX_HEADER).contains(&h) {
        return Err(EnvelopeError::Limit("заголовок"));
    }
    if p == 0 || p > MAX_PAYLOAD {
        return Err(EnvelopeError::Limit("данные"));
    }
    let expected = PREFIX as u64 + h as u64 + p + SIGNATURE as u64;
    if file_len != expected {
        return Err(EnvelopeError::Length { expected, actual: file_len });
    }
    Ok(())
}

/// Checks the envelope and its signature; nothing inside is parsed.
pub fn open(bytes: &[u8]) -> Result<Verified<'_>, EnvelopeError> {
    check_prefix(bytes, bytes.len() as u64)?;
    let flags = bytes[10];
    let key: [u8; 32] = bytes[11..43].try_into().expect("32 bytes");
    let h = u32::from_le_bytes(bytes[43..47].try_into().expect("4 bytes")) as usize;
    let p = u64::from_le_bytes(bytes[47..55].try_into().expect("8 bytes"));
    let signed = bytes.len() - SIGNATURE;
    let signer = VerifyingKey::from_bytes(&key).map_err(|_| EnvelopeError::Signature)?;
    let signature = Signature::from_bytes(bytes[signed..].try_into().expect("64 bytes"));
    signer.verify_strict(&bytes[..signed], &signature).map_err(|_| EnvelopeError::Signature)?;
    let p = p as usize;
    Ok(Verified {
        signer,
        encrypted: flags & FLAG_ENCRYPTED != 0,
        header: &bytes[PREFIX..PREFIX + h],
        payload: &bytes[PREFIX + h..PREFIX + h + p],
        hash: sha256_hex(bytes),
    })
}
