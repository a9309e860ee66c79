//! What the agent told, or must still tell, the coordinator about each job it holds. Every
//! update is numbered per job (`seq` from 1) and kept until it must have been delivered, so
//! that after a flap the coordinator names the last update it applied of each job and the
//! agent resends the rest: every token arrives, in order, once.
//!
//! "Must have been delivered": an update sent on a link that then stayed up for
//! [`DELIVERED_AFTER`]. The link pings every 10 s and gives up after 5 s without an answer,
//! and an answer to a ping sent after the update proves the update arrived (one TCP stream,
//! in order); so an update sent that long ago on a link still up was received. Updates taken
//! while no link is up have not been sent, and stay until a link resends them. What is kept is
//! bounded by [`Journal::limit`] bytes; a job whose output would pass it is aborted (the
//! executor's decision), so a long partition costs bounded memory, never a silent gap.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use proto::v1::agent_job_update::Event;
use proto::v1::{AgentJobUpdate, HeldJob, ResumedJob};

/// How long after an update was sent on a link that stays up it counts as delivered.
pub const DELIVERED_AFTER: Duration = Duration::from_secs(30);

/// The updates to resend after a flap, and the jobs to abort because the coordinator no
/// longer runs them on this node.
#[derive(Debug, Default, PartialEq)]
pub struct Resumption {
    pub resend: Vec<AgentJobUpdate>,
    pub drop: Vec<String>,
}

#[derive(Debug)]
pub struct Journal {
    jobs: HashMap<String, JobJournal>,
    /// Bytes of output kept across every job.
    bytes: usize,
    limit: usize,
}

#[derive(Debug, Default)]
struct JobJournal {
    last_seq: u64,
    entries: VecDeque<Entry>,
    /// Its final update (completed or failed) is in `entries` or was delivered.
    ended: bool,
}

#[derive(Debug)]
struct Entry {
    update: AgentJobUpdate,
    /// When it went onto a link; `None` while no link was up to take it.
    sent: Option<Instant>,
    bytes: usize,
}

/// Keeping this update would pass the journal's byte limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full {
    pub limit: usize,
}

impl Journal {
    pub fn new(limit: usize) -> Self {
        Self {
            jobs: HashMap::new(),
            bytes: 0,
            limit,
        }
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Numbers the job's next update and keeps it; `sent` says when it goes onto a link
    /// (`None`: no link is up). A delta that would pass the byte limit is refused.
    pub fn record(
        &mut self,
        mut update: AgentJobUpdate,
        sent: Option<Instant>,
    ) -> Result<AgentJobUpdate, Full> {
        let bytes = match &update.event {
            Some(Event::Delta(text)) => text.len(),
            _ => 0,
        };
        if bytes > 0 && self.bytes + bytes > self.limit {
            return Err(Full { limit: self.limit });
        }
        let job = self.jobs.entry(update.job_id.clone()).or_default();
        job.last_seq += 1;
        update.seq = job.last_seq;
        job.ended |= matches!(update.event, Some(Event::Completed(_) | Event::Failed(_)));
        job.entries.push_back(Entry {
            update: update.clone(),
            sent,
            bytes,
        });
        self.bytes += bytes;
        Ok(update)
    }

    /// Frees the job's kept output (it is being aborted: its text no longer matters), keeping
    /// its other updates.
    pub fn drop_output(&mut self, job_id: &str) {
        if let Some(job) = self.jobs.get_mut(job_id) {
            job.entries.retain(|entry| {
                let keep = entry.bytes == 0;
                if !keep {
                    self.bytes -= entry.bytes;
                }
                keep
            });
        }
    }

    /// Every job held, with its last update's number, for the hello after a flap.
    pub fn held(&self) -> Vec<HeldJob> {
        let mut held: Vec<HeldJob> = self
            .jobs
            .iter()
            .map(|(job_id, job)| HeldJob {
                job_id: job_id.clone(),
                last_seq: job.last_seq,
            })
            .collect();
        held.sort_by(|a, b| a.job_id.cmp(&b.job_id));
        held
    }

    /// Applies the coordinator's welcome: of each job it resumes, the updates after the one it
    /// applied, in order (marked sent `now`); every other job held is forgotten and returned
    /// to be aborted where it still runs.
    pub fn resume(&mut self, resumed: &[ResumedJob], now: Instant) -> Resumption {
        let applied: HashMap<&str, u64> = resumed
            .iter()
            .map(|job| (job.job_id.as_str(), job.applied_seq))
            .collect();
        let mut resumption = Resumption::default();
        let mut ids: Vec<String> = self.jobs.keys().cloned().collect();
        ids.sort();
        for job_id in ids {
            let Some(&applied_seq) = applied.get(job_id.as_str()) else {
                self.forget(&job_id);
                resumption.drop.push(job_id);
                continue;
            };
            if let Some(job) = self.jobs.get_mut(&job_id) {
                for entry in job
                    .entries
                    .iter_mut()
                    .filter(|entry| entry.update.seq > applied_seq)
                {
                    entry.sent = Some(now);
                    resumption.resend.push(entry.update.clone());
                }
            }
        }
        resumption
    }

    /// Forgets what must have been delivered: updates sent before `cutoff` on a link still up,
    /// and ended jobs with nothing left to deliver.
    pub fn forget_delivered(&mut self, cutoff: Instant) {
        let mut freed = 0;
        self.jobs.retain(|_, job| {
            while job
                .entries
                .front()
                .is_some_and(|entry| entry.sent.is_some_and(|sent| sent < cutoff))
            {
                if let Some(entry) = job.entries.pop_front() {
                    freed += entry.bytes;
                }
            }
            !(job.ended && job.entries.is_empty())
        });
        self.bytes -= freed;
    }

    /// Forgets a job entirely (cancelled, or not resumed by the coordinator).
    pub fn forget(&mut self, job_id: &str) {
        if let Some(job) = self.jobs.remove(job_id) {
            self.bytes -= job.entries.iter().map(|entry| entry.bytes).sum::<usize>();
        }
    }

    /// Bytes of output kept.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

#[cfg(test)]
mod tests;
