//! Job ids: 26-character Crockford base32 strings (ULID layout) that sort by creation time,
//! so the store can list newest first by walking its keys backwards.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Makes ids that increase strictly within a process and sort by time across restarts.
#[derive(Debug)]
pub struct JobIdGenerator {
    /// Low 80 bits of the last id; raised by one for ids made in the same millisecond.
    last: AtomicU64,
    salt: u64,
}

impl Default for JobIdGenerator {
    fn default() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| elapsed.as_nanos() as u64)
            .unwrap_or(0);
        // The salt keeps two coordinator runs within one millisecond from making equal ids.
        Self {
            last: AtomicU64::new(0),
            salt: (nanos ^ (u64::from(std::process::id()) << 32)) & 0xFFFF,
        }
    }
}

impl JobIdGenerator {
    pub fn next(&self, now_ms: u64) -> String {
        let previous = self
            .last
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| {
                let last_ms = last >> 16;
                Some(if now_ms > last_ms {
                    now_ms << 16
                } else {
                    last + 1
                })
            })
            .unwrap_or(0);
        let last_ms = previous >> 16;
        let value = if now_ms > last_ms {
            now_ms << 16
        } else {
            previous + 1
        };
        encode((u128::from(value) << 64) | (u128::from(self.salt) << 48))
    }
}

fn encode(value: u128) -> String {
    (0..26)
        .rev()
        .map(|index| ALPHABET[((value >> (index * 5)) & 31) as usize] as char)
        .collect()
}

/// True for strings shaped like our ids, so bad input is refused before any lookup.
pub fn looks_like_job_id(text: &str) -> bool {
    text.len() == 26 && text.bytes().all(|byte| ALPHABET.contains(&byte))
}

#[cfg(test)]
mod tests;
