//! The package reader on arbitrary bytes: the envelope, the header, the receipt reader, and — for inputs
//! whose signature holds — the payload with a fixed identity. It must never panic, hang or allocate
//! without bound. Run: `cargo +nightly fuzz run package_reader -- -max_total_time=600` (see README).
#![no_main]

use libfuzzer_sys::fuzz_target;
use uchrost::exchange::{age, keys, package};

fuzz_target!(|data: &[u8]| {
    let identity = age::Identity::from_bytes([7u8; 32]);
    let _ = age::decrypt(&identity, data, 1 << 20);
    let _ = package::open_receipt(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = keys::KeyCard::parse(text);
    }
    // The payload JSON as a decrypted package would hand it over (records of every kind).
    let _ = serde_json::from_slice::<package::Payload>(data);
    if let Ok(opened) = package::open(data) {
        let _ = package::read_payload(&opened, Some(&identity));
    }
});
