//! Conversation ids: the creation time in hex (so ids sort by age) and 32 random bits.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

pub fn new_conversation_id(now_ms: i64) -> String {
    // RandomState is seeded from the OS once per process and advanced per instance: enough
    // randomness to keep two conversations started in the same millisecond apart.
    let random = RandomState::new().build_hasher().finish() as u32;
    format!("c{:011x}{random:08x}", now_ms.max(0))
}

/// Ids are ASCII letters and digits only, so one can go into a URL path as it is.
pub fn is_conversation_id(text: &str) -> bool {
    text.len() == 20 && text.starts_with('c') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests;
