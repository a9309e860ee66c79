//! Budget findings at the detector level, over hand-made snapshots: 80 % then 100 % each once,
//! a jump straight to 100 %, nothing below 80 %, a new period re-arming, and a restart that
//! remembers what was said through the saved memory.

use std::time::Duration;

use proto::v1::{BudgetLimit, BudgetUse, ClusterSnapshot};

use crate::compose::compose;
use crate::detector::{AlerterMemory, Detector, DetectorSettings, DiskThresholds, Finding};

const DAY_MS: i64 = 86_400_000;

fn detector(memory: AlerterMemory) -> Detector {
    let settings = DetectorSettings {
        alert_after: Duration::from_secs(3),
        startup_grace: Duration::from_secs(10),
        disk: DiskThresholds {
            min_free_bytes: 0,
            min_free_percent: None,
        },
    };
    Detector::new(settings, memory, 0)
}

/// The "claude-daily" budget's daily USD limit of $10 with `spent` in the day starting at
/// `period_start_ms`.
fn use_of(spent: f64, period_start_ms: i64) -> BudgetUse {
    BudgetUse {
        budget: "claude-daily".into(),
        model: "claude-sonnet-4-5".into(),
        node: String::new(),
        limit: BudgetLimit::DailyUsd as i32,
        cap: 10.0,
        spent,
        period_start_ms,
        resets_at_ms: period_start_ms + DAY_MS,
        exhausted: spent >= 10.0,
    }
}

fn snapshot(budgets: Vec<BudgetUse>) -> ClusterSnapshot {
    ClusterSnapshot {
        budgets,
        ..ClusterSnapshot::default()
    }
}

/// The names of the findings, for compact assertions.
fn kinds(findings: &[Finding]) -> Vec<&'static str> {
    findings
        .iter()
        .map(|finding| match finding {
            Finding::BudgetNearlySpent { .. } => "nearly_spent",
            Finding::BudgetExhausted { .. } => "exhausted",
            _ => "other",
        })
        .collect()
}

#[test]
fn crossing_80_then_100_percent_alerts_each_once() {
    let mut detector = detector(AlerterMemory::default());
    let day = 20 * DAY_MS;
    let mut seen = Vec::new();
    for (step, spent) in [1.0, 7.9, 8.0, 8.5, 9.99, 10.0, 10.4, 12.0]
        .into_iter()
        .enumerate()
    {
        let findings = detector.observe(snapshot(vec![use_of(spent, day)]), day + step as i64);
        seen.push(kinds(&findings));
    }
    let expected: Vec<Vec<&str>> = vec![
        vec![],
        vec![],
        vec!["nearly_spent"],
        vec![],
        vec![],
        vec!["exhausted"],
        vec![],
        vec![],
    ];
    assert_eq!(seen, expected);
}

#[test]
fn a_jump_straight_to_exhausted_sends_only_the_exhausted_alert() {
    let mut detector = detector(AlerterMemory::default());
    let findings = detector.observe(snapshot(vec![use_of(11.0, 0)]), 5);
    assert_eq!(kinds(&findings), ["exhausted"]);
    let later = detector.observe(snapshot(vec![use_of(12.0, 0)]), 6);
    assert!(later.is_empty(), "{later:?}");
}

#[test]
fn nothing_is_alerted_below_80_percent_or_for_a_zero_cap() {
    let mut detector = detector(AlerterMemory::default());
    let mut zero_cap = use_of(0.0, 0);
    zero_cap.cap = 0.0;
    zero_cap.budget = "nothing".into();
    let findings = detector.observe(snapshot(vec![use_of(7.99, 0), zero_cap]), 1);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn a_new_period_re_arms_both_alerts() {
    let mut detector = detector(AlerterMemory::default());
    assert_eq!(
        kinds(&detector.observe(snapshot(vec![use_of(10.0, 0)]), 1)),
        ["exhausted"]
    );
    let next_day = DAY_MS;
    assert!(
        detector
            .observe(snapshot(vec![use_of(0.5, next_day)]), next_day + 1)
            .is_empty()
    );
    let nearly = detector.observe(snapshot(vec![use_of(8.2, next_day)]), next_day + 2);
    assert_eq!(kinds(&nearly), ["nearly_spent"]);
    let spent = detector.observe(snapshot(vec![use_of(10.0, next_day)]), next_day + 3);
    assert_eq!(kinds(&spent), ["exhausted"]);
}

#[test]
fn a_restarted_alerter_does_not_repeat_what_its_saved_memory_says_it_sent() {
    let mut before = detector(AlerterMemory::default());
    assert_eq!(
        kinds(&before.observe(snapshot(vec![use_of(8.0, 0)]), 1)),
        ["nearly_spent"]
    );
    let saved = before.memory().to_json();
    let mut after = detector(AlerterMemory::from_saved(Some(&saved)));
    assert!(after.observe(snapshot(vec![use_of(8.5, 0)]), 2).is_empty());
    assert_eq!(
        kinds(&after.observe(snapshot(vec![use_of(10.0, 0)]), 3)),
        ["exhausted"]
    );
}

#[test]
fn each_limit_of_a_budget_is_watched_on_its_own() {
    let mut detector = detector(AlerterMemory::default());
    let mut tokens = use_of(0.0, 0);
    tokens.limit = BudgetLimit::DailyTokens as i32;
    tokens.cap = 1_000_000.0;
    tokens.spent = 900_000.0;
    let findings = detector.observe(snapshot(vec![use_of(10.0, 0), tokens]), 1);
    assert_eq!(kinds(&findings), ["exhausted", "nearly_spent"]);
}

#[test]
fn the_exhausted_message_names_budget_limit_spent_of_cap_reset_and_the_rejection() {
    let budget = use_of(10.4, 0);
    let alert = compose(&Finding::BudgetExhausted { budget, at_ms: 7 });
    let text = format!("{} {}", alert.title, alert.description);
    for part in [
        "claude-daily",
        "daily USD",
        "$10.40 of $10.00",
        "1970-01-02T00:00:00.000Z",
        "New jobs for claude-sonnet-4-5 are being rejected",
        "never sent to another model",
    ] {
        assert!(text.contains(part), "{part:?} missing from {text:?}");
    }
    assert_eq!(alert.severity, crate::alert::Severity::Critical);
}

#[test]
fn the_80_percent_message_says_jobs_still_run_and_counts_tokens() {
    let mut budget = use_of(0.0, 0);
    budget.limit = BudgetLimit::DailyTokens as i32;
    budget.cap = 1_000_000.0;
    budget.spent = 812_345.0;
    let alert = compose(&Finding::BudgetNearlySpent { budget, at_ms: 7 });
    assert_eq!(alert.title, "Budget claude-daily at 81 %");
    assert!(
        alert
            .description
            .contains("812,345 tokens of 1,000,000 tokens spent"),
        "{}",
        alert.description
    );
    assert!(alert.description.contains("Jobs still run"));
}
