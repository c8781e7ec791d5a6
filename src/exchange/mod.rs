//! Exchange between a school, its municipality and the region: keys and key cards, the signed and
//! encrypted package (`.uchpkg`), its header and payload with their limits, and the merge plan. Pure:
//! no database and no files here — `app::exchange` reads and writes them.
//!
//! See [`envelope`] for the byte layout and [`age`] for the encryption; the README's «Обмен пакетами»
//! section documents both for an independent verifier, with a test vector checked by the tests.

pub mod age;
pub mod envelope;
pub mod keys;
pub mod merge;
pub mod package;
