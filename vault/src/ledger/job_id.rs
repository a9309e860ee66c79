//! The id the worker gives a job whose note has no `id:`: short enough to read in a result
//! note's name, distinct per claim (the same note claimed again later gets another).

use sha2::{Digest, Sha256};

/// Crockford's base32, lowercase: no `i`, `l`, `o` or `u` to misread.
const CROCKFORD_LOWER: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// How many characters an id has (50 bits of the hash).
const ID_CHARS: usize = 10;

/// 10 lowercase Crockford-base32 characters from the SHA-256 of the inbox name, the note's
/// hash and the claim time.
pub fn new_job_id(source_name: &str, content_sha256: &str, now_ms: i64) -> String {
    let mut hasher = Sha256::new();
    // Each part is length-prefixed, so no two triples hash the same bytes.
    for part in [source_name.as_bytes(), content_sha256.as_bytes()] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hasher.update(now_ms.to_be_bytes());
    let digest = hasher.finalize();
    let mut leading = [0u8; 8];
    leading.copy_from_slice(&digest[..8]);
    let bits = u64::from_be_bytes(leading);
    (0..ID_CHARS)
        .map(|index| {
            let shift = 64 - 5 * (index + 1);
            char::from(CROCKFORD_LOWER[((bits >> shift) & 0x1f) as usize])
        })
        .collect()
}

#[cfg(test)]
mod tests;
