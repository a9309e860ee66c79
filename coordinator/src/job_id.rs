//! Job ids: 26-character Crockford base32 strings (ULID layout: 48 bits of milliseconds, then
//! 80 random bits) that sort by creation time, so the store can list newest first by walking
//! its keys backwards, and that differ early enough for a short prefix to name one job.

mod resolve;

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;

pub use resolve::{JobIdError, MIN_PREFIX_LEN, resolve_job_id};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const JOB_ID_LEN: usize = 26;
const RANDOM_BITS: u32 = 80;

/// Makes ids that increase strictly within a process and sort by time across restarts.
#[derive(Debug, Default)]
pub struct JobIdGenerator {
    /// The last id made, as a number. Paging by `before_id` and "newest first" rely on ids
    /// made later sorting later, so ids made in the same millisecond (or while the clock
    /// steps back) continue from this one instead of drawing fresh random bits.
    last: Mutex<u128>,
}

impl JobIdGenerator {
    pub fn next(&self, now_ms: u64) -> String {
        // Only the loop makes ids; a panic elsewhere cannot leave this number half-written.
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let last_ms = (*last >> RANDOM_BITS) as u64;
        let value = if now_ms > last_ms {
            // The top random bit stays clear so steps within one millisecond never carry
            // into the time.
            (u128::from(now_ms & ((1 << 48) - 1)) << RANDOM_BITS) | (random_u128() >> 49)
        } else {
            // A random step, not +1, so ids from one burst differ in more than the last
            // character.
            *last + 1 + u128::from(random_u64() & 0xFFFF_FFFF)
        };
        *last = value;
        encode(value)
    }
}

fn random_u64() -> u64 {
    // Each `RandomState` carries fresh random keys: enough to tell ids apart (they are not
    // secrets), without a dependency on a random number crate.
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0x6A6F_625F_6964);
    hasher.finish()
}

fn random_u128() -> u128 {
    (u128::from(random_u64()) << 64) | u128::from(random_u64())
}

fn encode(value: u128) -> String {
    (0..JOB_ID_LEN)
        .rev()
        .map(|index| ALPHABET[((value >> (index * 5)) & 31) as usize] as char)
        .collect()
}

/// True for strings shaped like our ids (any case), so bad input is refused before any lookup.
pub fn looks_like_job_id(text: &str) -> bool {
    text.len() == JOB_ID_LEN && text.bytes().all(is_id_byte)
}

/// True for a Crockford base32 digit in either case.
fn is_id_byte(byte: u8) -> bool {
    ALPHABET.contains(&byte.to_ascii_uppercase())
}

#[cfg(test)]
mod tests;
