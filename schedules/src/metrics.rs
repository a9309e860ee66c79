//! The scheduler's Prometheus metrics: firings by outcome, missed slots, and how late a firing
//! started after its slot (the firing accuracy).

/// `llm_runner_schedule_firings_total{schedule, outcome}` and, for a firing that was launched,
/// `llm_runner_schedule_lateness_seconds{schedule}` (slot → submit).
pub fn fired(schedule: &str, outcome: &'static str, lateness_seconds: f64) {
    metrics::counter!(
        "llm_runner_schedule_firings_total",
        "schedule" => schedule.to_owned(),
        "outcome" => outcome
    )
    .increment(1);
    if outcome != "skipped" {
        metrics::histogram!("llm_runner_schedule_lateness_seconds", "schedule" => schedule.to_owned())
            .record(lateness_seconds);
    }
}

/// `llm_runner_schedule_missed_total{schedule}`.
pub fn missed(schedule: &str, count: u64) {
    metrics::counter!("llm_runner_schedule_missed_total", "schedule" => schedule.to_owned())
        .increment(count);
}

#[cfg(test)]
mod tests;
