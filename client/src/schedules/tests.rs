//! Tests that every firing outcome has its word and that a firing reads as one honest line.

use proto::v1::{AgentRun, Firing, FiringOutcome};

use super::*;

/// 2026-12-03 07:00 UTC, which is 07:00 in London (GMT in winter) and 08:00 in Paris.
const DEC_3_0700_UTC: i64 = 1_796_281_200_000;

#[test]
fn every_outcome_has_its_proto_name_as_word() {
    for value in 0..32 {
        let Ok(outcome) = FiringOutcome::try_from(value) else {
            assert_eq!(firing_outcome(value), "unknown");
            continue;
        };
        let expected = outcome
            .as_str_name()
            .strip_prefix("FIRING_OUTCOME_")
            .unwrap()
            .to_ascii_lowercase();
        if expected == "unspecified" {
            assert_eq!(firing_outcome(value), "unknown");
        } else {
            assert_eq!(firing_outcome(value), expected);
        }
    }
}

#[test]
fn a_slot_reads_in_its_schedules_zone() {
    assert_eq!(
        slot_time(DEC_3_0700_UTC, "Europe/London"),
        "2026-12-03 07:00 Europe/London"
    );
    assert_eq!(
        slot_time(DEC_3_0700_UTC, "Europe/Paris"),
        "2026-12-03 08:00 Europe/Paris"
    );
    assert_eq!(
        local_time(DEC_3_0700_UTC, "Europe/Paris"),
        "2026-12-03 08:00"
    );
    assert_eq!(
        slot_time(DEC_3_0700_UTC, "Mars/Olympus"),
        "2026-12-03 07:00 UTC"
    );
}

#[test]
fn time_until_is_coarse_and_never_negative() {
    let minute = 60_000;
    assert_eq!(time_until(0, 30_000), "now");
    assert_eq!(time_until(10 * minute, 0), "now");
    assert_eq!(time_until(0, 12 * minute), "in 12m");
    assert_eq!(time_until(0, 200 * minute), "in 3h");
    assert_eq!(time_until(0, 2 * 1_440 * minute), "in 2d");
    assert_eq!(time_until(0, (2 * 1_440 + 250) * minute), "in 2d 4h");
}

fn firing(outcome: FiringOutcome) -> Firing {
    Firing {
        schedule: "morning".into(),
        scheduled_at_ms: DEC_3_0700_UTC,
        outcome: outcome.into(),
        ..Firing::default()
    }
}

#[test]
fn a_firing_reads_as_one_line_for_every_outcome() {
    let zone = "Europe/London";
    let started = Firing {
        job_id: "01JA0000000000000000000000".into(),
        state: "succeeded".into(),
        ..firing(FiringOutcome::Started)
    };
    assert_eq!(
        firing_line(&started, zone),
        "2026-12-03 07:00 Europe/London → job 01JA0000000000000000000000 succeeded"
    );
    assert_eq!(
        firing_line(&firing(FiringOutcome::Missed), zone),
        "2026-12-03 07:00 Europe/London missed (coordinator down)"
    );
    let rejected = Firing {
        reason: "no node can run qwen2.5:14b: davas: model not installed".into(),
        manual: true,
        ..firing(FiringOutcome::Rejected)
    };
    assert_eq!(
        firing_line(&rejected, zone),
        "2026-12-03 07:00 Europe/London (by hand) rejected: no node can run qwen2.5:14b: davas: model not installed"
    );
    assert!(
        firing_line(&firing(FiringOutcome::Skipped), zone)
            .ends_with("skipped (the previous job was still running)")
    );
    assert!(firing_line(&firing(FiringOutcome::Pending), zone).contains(" pending "));
    let late = Firing {
        missed_before: 2,
        ..started.clone()
    };
    assert!(firing_line(&late, zone).ends_with("succeeded; 2 older slots recorded missed"));
}

#[test]
fn an_agent_firing_names_its_run_and_step_job() {
    let agent = Firing {
        job_id: "01JB".into(),
        state: "running".into(),
        run: Some(AgentRun {
            id: "run-1".into(),
            agent: "briefing".into(),
            state: "running".into(),
            ..AgentRun::default()
        }),
        ..firing(FiringOutcome::Started)
    };
    assert!(
        firing_line(&agent, "UTC").ends_with("→ briefing run run-1 running (step job 01JB)"),
        "{}",
        firing_line(&agent, "UTC")
    );
}

#[test]
fn a_rejection_reason_splits_into_headline_and_each_nodes_reason() {
    let (headline, reasons) = rejection_parts(
        "no node can run gemma4:27b: davas: no heartbeat for 41 s; homelab: model not installed",
    );
    assert_eq!(headline, "no node can run gemma4:27b");
    assert_eq!(
        reasons,
        [
            "davas: no heartbeat for 41 s",
            "homelab: model not installed"
        ]
    );
    assert_eq!(
        rejection_parts("rate limited"),
        ("rate limited".to_owned(), vec![])
    );
}
