//! What to do with the slots that passed since a schedule's cursor, as a pure function of the
//! times: fire the newest if it is not too late, record the others missed. Slots up to the
//! process's start passed while the coordinator was down (`catch_up` decides); later ones
//! passed while this process slept (only `starting_deadline` decides).

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::config::CatchUp;
use crate::cron_spec::CronSpec;

/// At most this many missed slots are recorded one by one per pass (the newest); the count
/// of all of them goes on the next firing.
pub const MISSED_RECORDED: usize = 100;

/// The slots in `(cursor, now]` and what becomes of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passed {
    /// The slot to fire now, if any: the newest, when it is late by at most the deadline.
    pub fire: Option<DateTime<Utc>>,
    /// The slots recorded missed (at most [`MISSED_RECORDED`], the newest), oldest first.
    pub missed: Vec<DateTime<Utc>>,
    /// How many slots were missed in all (counted up to `cron_spec::MAX_COUNTED`).
    pub missed_total: u64,
    /// The cursor after this pass: the newest slot.
    pub cursor: DateTime<Utc>,
}

/// How a schedule treats a slot found late.
#[derive(Debug, Clone, Copy)]
pub struct Lateness {
    pub catch_up: CatchUp,
    pub starting_deadline: Duration,
    /// When this process started: a slot at or before it passed while the coordinator was down.
    pub started_at: DateTime<Utc>,
}

/// `None` when no slot passed since `cursor`.
pub fn passed_slots(
    cron: &CronSpec,
    cursor: DateTime<Utc>,
    now: DateTime<Utc>,
    lateness: Lateness,
) -> Option<Passed> {
    let (mut slots, total) = cron.slots_between(cursor, now, MISSED_RECORDED + 1);
    let newest = *slots.last()?;
    let late = (now - newest).to_std().unwrap_or_default();
    let in_time = late <= lateness.starting_deadline;
    let passed_while_down = newest <= lateness.started_at;
    let fire = match lateness.catch_up {
        CatchUp::None if passed_while_down => false,
        _ => in_time,
    };
    if fire {
        slots.pop();
    } else if slots.len() > MISSED_RECORDED {
        slots.remove(0);
    }
    Some(Passed {
        fire: fire.then_some(newest),
        missed: slots,
        missed_total: total - u64::from(fire),
        cursor: newest,
    })
}

#[cfg(test)]
mod tests;
