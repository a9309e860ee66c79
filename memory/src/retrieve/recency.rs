//! Recency as a gentle multiplicative decay: a chunk's score is multiplied by
//! `floor + (1 − floor) · 0.5^(age / half_life)` from its note's date. With the defaults (half-life
//! a year, floor 0.8) a year-old decision keeps 90% of its score and none ever drops below 80%:
//! old decisions still matter, recent ones win ties.

/// Milliseconds in a day.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecencyParams {
    /// Age at which the decaying part has halved (default 365 days).
    pub half_life_ms: i64,
    /// The factor an infinitely old chunk keeps (default 0.8).
    pub floor: f64,
    /// How much of the decay applies: 1 all of it (default), 0 none (recency disabled).
    pub weight: f64,
}

impl Default for RecencyParams {
    fn default() -> Self {
        Self {
            half_life_ms: 365 * DAY_MS,
            floor: 0.8,
            weight: 1.0,
        }
    }
}

/// The factor for a chunk whose note dates from `note_time_ms`, seen at `now_ms`. A note from the
/// future (or now) gets 1; so does every chunk when the weight or the half-life is not positive.
pub fn recency_factor(note_time_ms: i64, now_ms: i64, params: &RecencyParams) -> f64 {
    let weight = params.weight.clamp(0.0, 1.0);
    if weight == 0.0 || params.half_life_ms <= 0 {
        return 1.0;
    }
    let age_ms = now_ms.saturating_sub(note_time_ms).max(0);
    let floor = params.floor.clamp(0.0, 1.0);
    let halvings = age_ms as f64 / params.half_life_ms as f64;
    let decayed = floor + (1.0 - floor) * 0.5_f64.powf(halvings);
    1.0 - weight * (1.0 - decayed)
}

#[cfg(test)]
mod tests;
