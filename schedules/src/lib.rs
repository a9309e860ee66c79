//! Schedules (DESIGN.md "Schedules and agents"): `[[schedules]]` in the coordinator's config
//! fire jobs and agent runs on a cron in an IANA zone. One task owns every schedule; each
//! (schedule, scheduled time) is acted on at most once, across crashes: the firing is recorded
//! before its job is submitted with an idempotency key made of the two, so a restart finishes
//! a recorded firing with the same key (the coordinator answers with the job it made, never a
//! second one), and after downtime `catch_up = "once"` makes one late run within
//! `starting_deadline` and records the older slots as missed.

pub mod clock;
pub mod config;
pub mod cron_spec;
pub mod http;
pub mod launch;
pub mod metrics;
pub mod notices;
pub mod plan;
pub mod scheduler;
pub mod service;
pub mod spec;
pub mod store;
#[cfg(test)]
mod test_support;
pub mod time;
mod views;

pub use config::{KEYS, ScheduleConfig, parse_schedules};
pub use scheduler::{Scheduler, SchedulerParts};
pub use service::ScheduleApi;
