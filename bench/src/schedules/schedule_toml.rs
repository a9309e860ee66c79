//! The `[[schedules]]` tables the scheduler's figures configure: schedules that fire every
//! second (the accuracy runs) and daily schedules in varied zones that stay quiet for hours
//! (the memory runs).

use chrono::{DateTime, Timelike, Utc};
use chrono_tz::Tz;

/// The zones the daily schedules are spread over: both hemispheres, half-hour and
/// quarter-hour offsets, zones with and without daylight saving time.
pub const ZONES: [Tz; 8] = [
    chrono_tz::UTC,
    chrono_tz::Europe::London,
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::America::Los_Angeles,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Asia::Kathmandu,
    chrono_tz::Australia::Sydney,
];

/// `count` schedules `tick-<i>` firing every second a short chat of `model`.
pub fn every_second_schedules(count: usize, model: &str) -> String {
    (0..count)
        .map(|index| {
            format!(
                "\n[[schedules]]\nname = \"tick-{index}\"\ncron = \"* * * * * *\"\n\
                 job = {{ type = \"chat\", model = \"{model}\", prompt = \"tick {index}\" }}\n"
            )
        })
        .collect()
}

/// `count` daily schedules `daily-<i>` in [`ZONES`], each at a minute of the local hour twelve
/// hours away from `now` in its zone: none fires for at least eleven hours after `now`.
pub fn quiet_daily_schedules(count: usize, model: &str, now: DateTime<Utc>) -> String {
    (0..count)
        .map(|index| {
            let zone = ZONES[index % ZONES.len()];
            let hour = (now.with_timezone(&zone).hour() + 12) % 24;
            let minute = index % 60;
            format!(
                "\n[[schedules]]\nname = \"daily-{index}\"\ncron = \"{minute} {hour} * * *\"\n\
                 time_zone = \"{}\"\njob = {{ type = \"chat\", model = \"{model}\", \
                 prompt = \"good morning {index}\" }}\n",
                zone.name()
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
