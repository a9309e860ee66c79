//! What a caller may give for a job: its whole id or a unique prefix of at least
//! `MIN_PREFIX_LEN` characters, in any case (Crockford base32 is case-insensitive). A prefix
//! is resolved in the store by a range scan over the ids that start with it.

use super::{JOB_ID_LEN, is_id_byte};
use crate::store::JobStore;

/// The shortest prefix taken: six characters name one job among a burst made in one
/// millisecond only by luck, but they are what people copy by eye.
pub const MIN_PREFIX_LEN: usize = 6;
/// How many matching ids an ambiguous prefix names.
const SHOWN_MATCHES: usize = 5;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum JobIdError {
    #[error(
        "`{0}` is too short to name a job: give at least {MIN_PREFIX_LEN} characters of its id"
    )]
    TooShort(String),
    #[error("`{0}` is not a job id: ids have {JOB_ID_LEN} characters")]
    TooLong(String),
    #[error(
        "`{text}` is not a job id: `{character}` is not a Crockford base32 digit (0-9 and A-Z without I, L, O, U)"
    )]
    NotBase32 { text: String, character: char },
    #[error("no job id starts with {0}; list jobs with `runner jobs`")]
    NotFound(String),
    #[error("{prefix} names more than one job ({}{}); give more characters", matches.join(", "), if *more { ", …" } else { "" })]
    Ambiguous {
        prefix: String,
        matches: Vec<String>,
        more: bool,
    },
    #[error("job store: {0}")]
    Store(String),
}

/// The id `text` names: uppercased when whole (the store is not asked: a missing job is the
/// caller's `NotFound`), or the one stored id starting with it.
pub fn resolve_job_id(store: &dyn JobStore, text: &str) -> Result<String, JobIdError> {
    let normalized = normalized(text)?;
    if normalized.len() == JOB_ID_LEN {
        return Ok(normalized);
    }
    let mut matches = store
        .ids_with_prefix(&normalized, SHOWN_MATCHES + 1)
        .map_err(|error| JobIdError::Store(error.to_string()))?;
    match matches.len() {
        0 => Err(JobIdError::NotFound(normalized)),
        1 => Ok(matches.remove(0)),
        found => {
            matches.truncate(SHOWN_MATCHES);
            Err(JobIdError::Ambiguous {
                prefix: normalized,
                matches,
                more: found > SHOWN_MATCHES,
            })
        }
    }
}

/// `text` uppercased once it is shaped like an id or a long enough prefix of one.
pub fn normalized(text: &str) -> Result<String, JobIdError> {
    let shown = || text.escape_debug().to_string();
    if let Some(character) = text
        .chars()
        .find(|c| !c.is_ascii() || !is_id_byte(*c as u8))
    {
        return Err(JobIdError::NotBase32 {
            text: shown(),
            character,
        });
    }
    if text.len() < MIN_PREFIX_LEN {
        return Err(JobIdError::TooShort(shown()));
    }
    if text.len() > JOB_ID_LEN {
        return Err(JobIdError::TooLong(shown()));
    }
    Ok(text.to_ascii_uppercase())
}
