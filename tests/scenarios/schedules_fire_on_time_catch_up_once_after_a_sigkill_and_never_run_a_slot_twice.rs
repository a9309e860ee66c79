//! `[[schedules]]` in a real `runner serve`: a `*/5 * * * * *` schedule fires every 5 s, each
//! firing a job of the cluster with its (schedule, slot) key; the coordinator SIGKILLed across
//! several slots makes exactly one catch-up run with `catch_up = "once"` and none with
//! `"none"` (the slots are recorded missed); no (schedule, slot) ever makes two jobs; a gemma4
//! schedule while davas is down records rejections naming davas, never a run elsewhere.

use std::collections::HashSet;
use std::time::{Duration, SystemTime};

use anyhow::{Context, ensure};
use proto::v1::schedule_service_client::ScheduleServiceClient;
use proto::v1::{Firing, FiringOutcome, GetScheduleRequest, JobState};
use tests::cluster::{
    Patience, TestCluster, alerting_spec, distinctive_webhook_token, wait_for_title,
};
use tests::fake_discord::FakeDiscord;

use crate::support::GEMMA;

const SCHEDULES: &str = r#"
[[schedules]]
name = "tick-once"
cron = "*/5 * * * * *"
catch_up = "once"
starting_deadline = "1m"
job = { type = "chat", model = "qwen2.5:14b", prompt = "tick" }

[[schedules]]
name = "tick-none"
cron = "*/5 * * * * *"
catch_up = "none"
job = { type = "generate", model = "llama3.2:3b", prompt = "tock" }

[[schedules]]
name = "gemma"
cron = "*/5 * * * * *"
job = { type = "chat", model = "gemma4:27b", prompt = "brief me" }
"#;

fn now_ms() -> i64 {
    let since_epoch = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

async fn firings(cluster: &TestCluster, name: &str) -> anyhow::Result<Vec<Firing>> {
    let mut client = ScheduleServiceClient::connect(cluster.grpc_url()).await?;
    let request = GetScheduleRequest {
        name: name.to_owned(),
        limit: 500,
    };
    Ok(client
        .get_schedule(request)
        .await?
        .into_inner()
        .recent_firings)
}

fn with_outcome(firings: &[Firing], outcome: FiringOutcome) -> Vec<&Firing> {
    firings
        .iter()
        .filter(|firing| firing.outcome == i32::from(outcome))
        .collect()
}

#[tokio::test]
async fn schedules_fire_on_time_catch_up_once_after_a_sigkill_and_never_run_a_slot_twice()
-> anyhow::Result<()> {
    let discord = FakeDiscord::start().await?;
    let mut spec = alerting_spec(&discord, &distinctive_webhook_token());
    spec.extra_coordinator_toml.push_str(SCHEDULES);
    let mut cluster = TestCluster::start(spec).await?;
    tokio::time::sleep(Duration::from_secs(11)).await;

    let before = firings(&cluster, "tick-once").await?;
    let started = with_outcome(&before, FiringOutcome::Started);
    ensure!(
        started.len() >= 2,
        "two firings in 11 s expected: {before:#?}"
    );
    for pair in started.windows(2) {
        let gap = pair[0].scheduled_at_ms - pair[1].scheduled_at_ms;
        ensure!(gap == 5_000, "slots 5 s apart, newest first: {pair:#?}");
    }
    for firing in &started {
        let late = firing
            .fired_at_ms
            .context("a started firing has no fire time")?
            - firing.scheduled_at_ms;
        ensure!((0..2_000).contains(&late), "fired {late} ms after its slot");
    }

    cluster.kill_agent("davas").await?;
    let davas_killed_at = now_ms();
    cluster.kill_coordinator().await?;
    let killed_at = now_ms();
    tokio::time::sleep(Duration::from_secs(16)).await;
    let restarted_at = now_ms();
    cluster.start_coordinator().await?;
    // davas stays down: the scheduler waits its start grace (10 s) for it, then fires
    // the catch-up and, within 5 s more, the next slot.
    tokio::time::sleep(Duration::from_secs(19)).await;

    let once = firings(&cluster, "tick-once").await?;
    let in_downtime = |firing: &&Firing| {
        firing.scheduled_at_ms > killed_at && firing.scheduled_at_ms <= restarted_at
    };
    // The catch-up is the one started firing that counts missed slots before it; its slot
    // passed while the coordinator was down (the newest such), and none older ran.
    let caught_up: Vec<&Firing> = with_outcome(&once, FiringOutcome::Started)
        .into_iter()
        .filter(|firing| firing.missed_before > 0)
        .collect();
    ensure!(
        caught_up.len() == 1,
        "exactly one catch-up run for the downtime: {once:#?}"
    );
    let catch_up = caught_up[0];
    ensure!(catch_up.scheduled_at_ms > killed_at, "{catch_up:#?}");
    ensure!(
        catch_up.missed_before >= 2,
        "the catch-up counts the older slots: {catch_up:#?}"
    );
    let ran_before_it = with_outcome(&once, FiringOutcome::Started)
        .into_iter()
        .filter(|f| f.scheduled_at_ms > killed_at && f.scheduled_at_ms < catch_up.scheduled_at_ms)
        .count();
    ensure!(
        ran_before_it == 0,
        "an older slot of the downtime ran too: {once:#?}"
    );
    let missed_once = with_outcome(&once, FiringOutcome::Missed);
    ensure!(
        missed_once.len() >= 2,
        "the older slots are recorded missed: {once:#?}"
    );

    let none = firings(&cluster, "tick-none").await?;
    let ran_in_downtime: Vec<&Firing> = with_outcome(&none, FiringOutcome::Started)
        .into_iter()
        .filter(in_downtime)
        .collect();
    ensure!(
        ran_in_downtime.is_empty(),
        "catch_up = none ran a slot of the downtime: {ran_in_downtime:#?}"
    );
    let missed_none: Vec<&Firing> = with_outcome(&none, FiringOutcome::Missed)
        .into_iter()
        .filter(in_downtime)
        .collect();
    ensure!(
        missed_none.len() >= 3,
        "the downtime's slots are recorded missed: {none:#?}"
    );
    ensure!(
        missed_none
            .iter()
            .all(|firing| firing.reason.contains("catch_up = \"none\"")),
        "{missed_none:#?}"
    );
    let after_restart = with_outcome(&none, FiringOutcome::Started)
        .into_iter()
        .filter(|f| f.scheduled_at_ms > restarted_at)
        .count();
    ensure!(
        after_restart >= 1,
        "tick-none fires again once the coordinator is back: {none:#?}"
    );

    // Every scheduled job: one per (schedule, slot), with its key and its schedule as source.
    let jobs = cluster.list_all_jobs().await?;
    let mut keys = HashSet::new();
    for job in &jobs {
        let spec = job.spec.as_ref().context("a job without its spec")?;
        if !spec.idempotency_key.starts_with("schedule:") {
            continue;
        }
        ensure!(
            keys.insert(spec.idempotency_key.clone()),
            "two jobs for {}",
            spec.idempotency_key
        );
        let schedule = spec.idempotency_key.split(':').nth(1).unwrap_or_default();
        ensure!(
            spec.source == format!("schedule: {schedule}"),
            "source {:?}",
            spec.source
        );
    }
    for (name, recorded) in [("tick-once", &once), ("tick-none", &none)] {
        for firing in with_outcome(recorded, FiringOutcome::Started) {
            ensure!(
                jobs.iter().any(|job| job.id == firing.job_id),
                "{name}'s firing names job {}, which does not exist",
                firing.job_id
            );
        }
    }

    // gemma4 with davas down: rejections naming davas; gemma4 never ran anywhere else.
    let gemma = firings(&cluster, "gemma").await?;
    let after_kill: Vec<&Firing> = gemma
        .iter()
        .filter(|firing| firing.scheduled_at_ms > davas_killed_at && firing.fired_at_ms.is_some())
        .collect();
    ensure!(
        after_kill.len() >= 2,
        "gemma fires after davas is gone: {gemma:#?}"
    );
    for firing in &after_kill {
        ensure!(
            firing.outcome == i32::from(FiringOutcome::Rejected),
            "{firing:#?}"
        );
        ensure!(firing.reason.contains("davas"), "{firing:#?}");
    }
    for job in jobs
        .iter()
        .filter(|job| job.spec.as_ref().is_some_and(|spec| spec.model == GEMMA))
    {
        let rejected = job.state == i32::from(JobState::Rejected);
        ensure!(
            rejected || job.node == "davas",
            "a gemma4 job ran off davas: {job:#?}"
        );
        ensure!(
            job.served_model.is_empty() || job.served_model == GEMMA,
            "{job:#?}"
        );
    }

    // Discord heard of it: one alert for the run of gemma rejections (not one per firing) and
    // the slots the coordinator missed.
    let alert = "Schedule `gemma`: its job was not run";
    wait_for_title(&discord, alert, Patience::default()).await?;
    let titles: Vec<String> = discord
        .messages()
        .iter()
        .flat_map(|m| m.embed_titles())
        .collect();
    let rejection_alerts = titles.iter().filter(|title| *title == alert).count();
    ensure!(
        rejection_alerts == 1,
        "one alert per run of rejections, not per firing: {titles:#?}"
    );
    ensure!(
        titles
            .iter()
            .any(|t| t.starts_with("Schedule `tick-none`:") && t.ends_with("slots not run")),
        "the missed slots are alerted: {titles:#?}"
    );
    Ok(())
}
