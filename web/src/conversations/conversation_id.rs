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
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_sortable_and_recognised() {
        let first = new_conversation_id(1_700_000_000_000);
        let second = new_conversation_id(1_700_000_000_000);
        let later = new_conversation_id(1_700_000_000_001);
        assert_ne!(first, second);
        assert!(first[..12] < later[..12]);
        assert!(is_conversation_id(&first), "{first}");
        assert!(!is_conversation_id("c/../../etc/passwd00"));
        assert!(!is_conversation_id("short"));
    }
}
