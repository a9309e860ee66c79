//! The scheduler's and the briefing's notices into the alerts outbox: delivered by the same
//! sender as every alert, once per key (a firing's slot, a run's id, a briefing's day), so a
//! restart that hands one over again sends nothing twice.

use proto::v1::Firing;

/// Firing notices as Discord alerts.
#[derive(Debug, Clone)]
pub struct FiringAlerts(pub alerts::Notices);

/// The daily briefing as a Discord post.
#[derive(Debug, Clone)]
pub struct BriefingAlert(pub alerts::Notices);

impl FiringAlerts {
    fn hand_over(&self, key: &str, alert: alerts::Alert) {
        if let Err(error) = self.0.send(key, alert) {
            tracing::error!(notice_key = key, %error, "could not hand a schedule alert to the outbox");
        }
    }
}

fn alert(
    kind: alerts::AlertKind,
    severity: alerts::Severity,
    title: String,
    description: String,
) -> alerts::Alert {
    alerts::Alert {
        kind,
        severity,
        node: None,
        title,
        description,
        fields: Vec::new(),
        occurred_at_ms: now_ms(),
    }
}

fn now_ms() -> i64 {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).timestamp_millis()
}

fn slot_text(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|slot| slot.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_default()
}

impl schedules::notices::FiringNotices for FiringAlerts {
    fn rejected(&self, firing: &Firing) {
        let key = format!(
            "schedule-rejected:{}:{}",
            firing.schedule, firing.scheduled_at_ms
        );
        let title = format!("Schedule `{}`: its job was not run", firing.schedule);
        let mut description = format!(
            "The firing of {} was refused: {}",
            slot_text(firing.scheduled_at_ms),
            firing.reason
        );
        if !firing.job_id.is_empty() {
            description.push_str(&format!("\nRecorded as job {}.", firing.job_id));
        }
        let alert = alert(
            alerts::AlertKind::ScheduleRejected,
            alerts::Severity::Warning,
            title,
            description,
        );
        self.hand_over(&key, alert);
    }

    fn missed(&self, schedule: &str, count: u64, newest_ms: i64, reason: &str) {
        let key = format!("schedule-missed:{schedule}:{newest_ms}");
        let slots = if count == 1 {
            "1 slot".to_owned()
        } else {
            format!("{count} slots")
        };
        let title = format!("Schedule `{schedule}`: {slots} not run");
        let description = format!("Up to {}: {reason}.", slot_text(newest_ms));
        let alert = alert(
            alerts::AlertKind::ScheduleMissed,
            alerts::Severity::Warning,
            title,
            description,
        );
        self.hand_over(&key, alert);
    }

    fn agent_failed(&self, firing: &Firing) {
        let Some(run) = firing.run.as_ref() else {
            return;
        };
        let key = format!("agent-failed:{}", run.id);
        let title = format!(
            "Schedule `{}`: the {} agent failed",
            firing.schedule, run.agent
        );
        let step = run
            .steps
            .iter()
            .rev()
            .find(|step| step.state != "succeeded");
        let at = step
            .map(|step| format!(" at step `{}`", step.name))
            .unwrap_or_default();
        let description = format!("Run {}{at}: {}", run.id, run.error);
        let alert = alert(
            alerts::AlertKind::AgentFailed,
            alerts::Severity::Warning,
            title,
            description,
        );
        self.hand_over(&key, alert);
    }
}

impl agents::BriefingPost for BriefingAlert {
    fn post(&self, key: &str, day: &str, summary: &str, note_path: Option<&str>) {
        let mut description = summary.to_owned();
        if let Some(path) = note_path {
            description.push_str(&format!("\n\nIn the vault: {path}"));
        }
        let alert = alert(
            alerts::AlertKind::Briefing,
            alerts::Severity::Resolved,
            format!("Briefing for {day}"),
            description,
        );
        if let Err(error) = self.0.send(key, alert) {
            tracing::error!(notice_key = key, %error, "could not hand the briefing to the outbox");
        }
    }
}

/// The day's alerts for the briefing, read from the outbox.
#[derive(Debug, Clone)]
pub struct OutboxAlerts(pub alerts::Notices);

impl agents::RecentAlerts for OutboxAlerts {
    fn alerts_between(&self, since_ms: i64, until_ms: i64) -> Vec<String> {
        match self.0.raised_between(since_ms, until_ms) {
            Ok(raised) => raised
                .into_iter()
                .map(|alert| {
                    let at = chrono::DateTime::from_timestamp_millis(alert.occurred_at_ms)
                        .map(|at| at.format("%H:%M UTC ").to_string())
                        .unwrap_or_default();
                    format!("{at}{}", alert.title)
                })
                .collect(),
            Err(error) => {
                tracing::warn!(%error, "could not read the day's alerts for the briefing");
                Vec::new()
            }
        }
    }
}
