//! What the scheduler tells the operator (Discord, through the alerts outbox in `runner
//! serve`): a rejected or failed firing, slots missed while the coordinator was down, an agent
//! run that failed. Each notice has a key of its firing, so one is sent once even if the
//! scheduler hands it over again after a restart.

use proto::v1::Firing;

pub trait FiringNotices: Send + Sync {
    /// The firing's job was rejected by routing or refused (`firing.reason` says why); only
    /// the first of a run of refused firings is told.
    fn rejected(&self, firing: &Firing);
    /// `count` slots of `schedule` passed unrun; `newest` (ms) is the newest of them.
    fn missed(&self, schedule: &str, count: u64, newest_ms: i64, reason: &str);
    /// The firing's agent run ended failed (`firing.run.error` says why).
    fn agent_failed(&self, firing: &Firing);
}

/// Tells no one (no alerts configured, and tests).
#[derive(Debug, Default)]
pub struct NoNotices;

impl FiringNotices for NoNotices {
    fn rejected(&self, _: &Firing) {}
    fn missed(&self, _: &str, _: u64, _: i64, _: &str) {}
    fn agent_failed(&self, _: &Firing) {}
}
