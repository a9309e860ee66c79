//! One alert as the operator will read it, independent of Discord's wire format: what kind of
//! change it reports, how severe it is, which node it concerns, and its text. This is what the
//! outbox stores, so an alert reads the same whenever it is finally delivered.

use serde::{Deserialize, Serialize};

/// How bad the news is; decides the embed's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something users feel now: a node lost, a budget spent (its jobs are rejected).
    Critical,
    /// Something degraded: Ollama down, a pinned model gone, a disk filling up, jobs failing,
    /// a budget nearly spent.
    Warning,
    /// Something that was reported is fixed.
    Resolved,
}

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    NodeLost,
    NodeBack,
    OllamaStopped,
    OllamaAnswering,
    PinnedModelMissing,
    PinnedModelBack,
    DiskPressure,
    DiskPressureCleared,
    JobsFailed,
    BudgetNearlySpent,
    BudgetExhausted,
    /// A vault job note (`notify: discord`) whose job succeeded; handed over by the vault
    /// worker through [`crate::Notices`].
    VaultJobFinished,
    /// A vault job note (`notify: discord`) whose job failed or was rejected.
    VaultJobFailed,
    /// A vault job note edited after the worker claimed it: moved to `conflicts/`, not re-run.
    VaultConflict,
    /// A schedule's firing whose job was rejected by routing, or could not be submitted.
    ScheduleRejected,
    /// A schedule's slots that passed while the coordinator was down and were not run.
    ScheduleMissed,
    /// An agent run (briefing, research, memory) fired by a schedule that failed.
    AgentFailed,
    /// The daily briefing, posted once per day.
    Briefing,
}

/// One name/value line of an alert (an embed field on Discord).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertField {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

impl AlertField {
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
            inline: false,
        }
    }

    pub fn inline(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            inline: true,
            ..Self::new(name, value)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    pub kind: AlertKind,
    pub severity: Severity,
    /// The node the alert is about; `None` for cluster-wide alerts (job failures) and the
    /// vault worker's notices.
    pub node: Option<String>,
    pub title: String,
    pub description: String,
    pub fields: Vec<AlertField>,
    /// When the change happened (Unix milliseconds), shown as the embed's timestamp.
    pub occurred_at_ms: i64,
}

#[cfg(test)]
impl Alert {
    /// A node-lost alert with just a title, for tests.
    pub fn sample(node: &str, title: &str) -> Self {
        Self {
            kind: AlertKind::NodeLost,
            severity: Severity::Critical,
            node: Some(node.to_owned()),
            title: title.to_owned(),
            description: String::new(),
            fields: Vec::new(),
            occurred_at_ms: 1,
        }
    }
}

#[cfg(test)]
mod tests;
