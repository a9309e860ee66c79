//! Schedules as the operator's coordinator might report them: a briefing agent whose last run
//! has steps (and an older skipped slot), a `replace` schedule whose last firing was rejected,
//! and a paused one whose slot was missed.

use proto::v1::*;

/// 2026-12-04 07:00 UTC (07:00 in London).
pub const DEC_4_0700_UTC: i64 = 1_796_367_600_000;
const HOUR_MS: i64 = 3_600_000;

pub const REJECTION: &str =
    "no node can run llama3:70b: davas: model not installed; contabo: ollama down";

pub fn operators_schedules() -> Vec<Schedule> {
    vec![briefing(), digest(), weekly()]
}

fn briefing() -> Schedule {
    let latest = Firing {
        schedule: "briefing".to_owned(),
        scheduled_at_ms: DEC_4_0700_UTC,
        fired_at_ms: Some(DEC_4_0700_UTC + 40),
        outcome: FiringOutcome::Started as i32,
        job_id: "J-brief-2".to_owned(),
        state: "succeeded".to_owned(),
        run: Some(briefing_run()),
        ..Default::default()
    };
    let skipped = Firing {
        schedule: "briefing".to_owned(),
        scheduled_at_ms: DEC_4_0700_UTC - 24 * HOUR_MS,
        fired_at_ms: Some(DEC_4_0700_UTC - 24 * HOUR_MS + 30),
        outcome: FiringOutcome::Skipped as i32,
        reason: "the previous firing's job J-brief-1 was still running".to_owned(),
        ..Default::default()
    };
    Schedule {
        name: "briefing".to_owned(),
        cron: "0 7 * * *".to_owned(),
        cron_description: "At 07:00".to_owned(),
        time_zone: "Europe/London".to_owned(),
        overlap: "skip".to_owned(),
        catch_up: "once".to_owned(),
        starting_deadline_ms: 6 * HOUR_MS as u64,
        job: Some(ScheduledJob {
            r#type: "briefing".to_owned(),
            model: "qwen2.5:14b".to_owned(),
            ..Default::default()
        }),
        next_at_ms: Some(DEC_4_0700_UTC + 24 * HOUR_MS),
        last_firing: Some(latest.clone()),
        recent_firings: vec![latest, skipped],
        ..Default::default()
    }
}

fn briefing_run() -> AgentRun {
    let step = |name: &str, job_id: &str, state: &str, output: &str, error: &str| AgentStep {
        name: name.to_owned(),
        job_id: job_id.to_owned(),
        state: state.to_owned(),
        output: output.to_owned(),
        error: error.to_owned(),
        started_at_ms: DEC_4_0700_UTC,
        ..Default::default()
    };
    let mut write = step("write", "J-brief-2", "succeeded", "# Thursday: 12 jobs", "");
    write.input_tokens = Some(1_200);
    write.output_tokens = Some(340);
    write.node = "davas".to_owned();
    AgentRun {
        id: "R-7".to_owned(),
        agent: "briefing".to_owned(),
        model: "qwen2.5:14b".to_owned(),
        input: "2026-12-03".to_owned(),
        state: "failed".to_owned(),
        steps: vec![
            step("gather", "", "succeeded", "12 jobs, 3 alerts", ""),
            write,
            step("sync", "", "failed", "", "the vault is read-only"),
        ],
        output: "# Thursday: 12 jobs".to_owned(),
        error: "step sync failed: the vault is read-only".to_owned(),
        input_tokens: Some(1_200),
        output_tokens: Some(340),
        ..Default::default()
    }
}

fn digest() -> Schedule {
    let rejected = Firing {
        schedule: "digest".to_owned(),
        scheduled_at_ms: DEC_4_0700_UTC + HOUR_MS,
        fired_at_ms: Some(DEC_4_0700_UTC + HOUR_MS + 20),
        outcome: FiringOutcome::Rejected as i32,
        job_id: "J-dig-9".to_owned(),
        state: "rejected".to_owned(),
        reason: REJECTION.to_owned(),
        ..Default::default()
    };
    Schedule {
        name: "digest".to_owned(),
        cron: "*/30 * * * *".to_owned(),
        cron_description: "Every 30 minutes".to_owned(),
        time_zone: "UTC".to_owned(),
        overlap: "replace".to_owned(),
        catch_up: "none".to_owned(),
        job: Some(ScheduledJob {
            r#type: "chat".to_owned(),
            model: "llama3:70b".to_owned(),
            prompt: "summarise the news".to_owned(),
            ..Default::default()
        }),
        next_at_ms: Some(DEC_4_0700_UTC + HOUR_MS + HOUR_MS / 2),
        last_firing: Some(rejected.clone()),
        recent_firings: vec![rejected],
        ..Default::default()
    }
}

fn weekly() -> Schedule {
    let missed = Firing {
        schedule: "weekly".to_owned(),
        scheduled_at_ms: DEC_4_0700_UTC - 48 * HOUR_MS,
        outcome: FiringOutcome::Missed as i32,
        reason: "the coordinator was down at the slot".to_owned(),
        ..Default::default()
    };
    Schedule {
        name: "weekly".to_owned(),
        cron: "0 9 * * 1".to_owned(),
        cron_description: "At 09:00, only on Monday".to_owned(),
        time_zone: "America/New_York".to_owned(),
        overlap: "allow".to_owned(),
        catch_up: "none".to_owned(),
        job: Some(ScheduledJob {
            r#type: "memory".to_owned(),
            ..Default::default()
        }),
        paused: true,
        last_firing: Some(missed.clone()),
        recent_firings: vec![missed],
        ..Default::default()
    }
}
