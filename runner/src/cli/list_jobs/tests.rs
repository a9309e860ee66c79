//! Tests of the `list_jobs` module.

use clap::Parser;
use proto::v1::{JobSpec, JobState, JobTimings};

use super::*;
use crate::cli::{Cli, ClientCommand, Command};

fn parsed(arguments: &[&str]) -> ListJobsArgs {
    match Cli::try_parse_from([&["runner", "jobs"], arguments].concat())
        .unwrap()
        .command
    {
        Command::Client(ClientCommand::Jobs(args)) => args,
        other => panic!("parsed as {other:?}"),
    }
}

#[test]
fn filters_become_the_request_and_defaults_stay_empty() {
    assert_eq!(list_request(&parsed(&[])), ListJobsRequest::default());
    let request = list_request(&parsed(&[
        "--state",
        "failed",
        "--model",
        "gemma4:27b",
        "--node",
        "davas",
        "--limit",
        "5",
        "--before",
        "01JB",
    ]));
    assert_eq!(request.state, Some(JobState::Failed as i32));
    assert_eq!(
        (request.model.as_str(), request.node.as_str()),
        ("gemma4:27b", "davas")
    );
    assert_eq!((request.limit, request.before_id.as_str()), (5, "01JB"));
}

#[test]
fn the_table_shows_timings_and_a_cut_reason() {
    let now = 1_800_000_000_000;
    let succeeded = Job {
        id: "01JB".into(),
        spec: Some(JobSpec {
            model: "gemma4:27b".into(),
            ..Default::default()
        }),
        state: JobState::Succeeded as i32,
        node: "davas".into(),
        created_at_ms: now - 65_000,
        timings: Some(JobTimings {
            time_to_first_token_ms: Some(85),
            total_ms: Some(1_230),
            ..Default::default()
        }),
        ..Default::default()
    };
    let rejected = Job {
        id: "01JA".into(),
        spec: Some(JobSpec {
            model: "gemma4:27b".into(),
            ..Default::default()
        }),
        state: JobState::Rejected as i32,
        created_at_ms: now - 7_200_000,
        reason: format!(
            "no node can run gemma4:27b: davas: agent down since {}",
            "x".repeat(40)
        ),
        ..Default::default()
    };
    let text = jobs_table(
        &ListJobsResponse {
            jobs: vec![succeeded, rejected],
            next_before_id: String::new(),
        },
        now,
        false,
        Some(80),
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "ID    STATE      MODEL       NODE   AGE  TTFT   TOTAL   REASON"
    );
    assert_eq!(
        lines[1],
        "01JB  succeeded  gemma4:27b  davas  1m   85 ms  1.23 s"
    );
    assert!(
        lines[2].starts_with(
            "01JA  rejected   gemma4:27b  -      2h   -      -       no node can run gemma4"
        ),
        "{}",
        lines[2]
    );
    assert!(lines[2].ends_with('…'));
    assert_eq!(
        lines[2].chars().count(),
        80,
        "cut to fill 80 columns exactly"
    );
}

#[test]
fn at_80_columns_every_line_fits_and_wide_cuts_nothing() {
    let reason = format!(
        "node_lost: contabo: connection to the agent lost {}",
        "and more words ".repeat(12)
    );
    let job = |id: &str| Job {
        id: id.into(),
        spec: Some(JobSpec {
            model: "nomic-embed-text:latest".into(),
            ..Default::default()
        }),
        state: JobState::Failed as i32,
        node: "homelab".into(),
        timings: Some(JobTimings {
            time_to_first_token_ms: Some(1_520),
            total_ms: Some(61_000),
            ..Default::default()
        }),
        reason: reason.clone(),
        ..Default::default()
    };
    let response = ListJobsResponse {
        jobs: vec![
            job("01M8VZ5ZD1AAAAAAAAAAAAAAAA"),
            job("01M8VZ5ZD2BBBBBBBBBBBBBBBB"),
        ],
        next_before_id: String::new(),
    };
    let narrow = jobs_table(&response, 0, false, Some(80));
    assert!(
        narrow.lines().all(|line| line.chars().count() <= 80),
        "{narrow}"
    );
    assert!(narrow.contains("node_lost: "), "{narrow}");
    let wide = jobs_table(&response, 0, true, None);
    assert!(wide.contains(reason.trim_end()) && wide.contains("01M8VZ5ZD1AAAAAAAAAAAAAAAA"));
    assert!(wide.contains("TTFT") && !wide.contains('…'), "{wide}");
}

#[test]
fn ids_are_cut_to_the_shortest_prefix_that_tells_them_apart() {
    assert_eq!(unique_prefix_len(&["01KAAAAAAAAA", "01KBBBBBBBBB"]), 8);
    assert_eq!(
        unique_prefix_len(&["01KAAAAAAAAAXY", "01KAAAAAAAAAXZ", "01KB"]),
        14
    );
    assert_eq!(unique_prefix_len(&["01KAAAAAAAAA1", "01KAAAAAAAAA2"]), 13);
    assert_eq!(unique_prefix_len(&[]), 0);
    let jobs = ["01KAAAAAAAAA1BC", "01KAAAAAAAAA2BC"]
        .map(|id| Job {
            id: id.into(),
            ..Default::default()
        })
        .to_vec();
    let response = ListJobsResponse {
        jobs,
        next_before_id: String::new(),
    };
    let narrow = jobs_table(&response, 0, false, None);
    assert!(narrow.contains("\n01KAAAAAAAAA1  "), "{narrow}");
    let wide = jobs_table(&response, 0, true, None);
    assert!(wide.contains("\n01KAAAAAAAAA1BC  "), "{wide}");
}

#[test]
fn jobs_with_a_source_get_a_from_column_with_its_kind_or_all_of_it_when_wide() {
    let job = |id: &str, source: &str| Job {
        id: id.into(),
        spec: Some(JobSpec {
            model: "qwen2.5:14b".into(),
            source: source.into(),
            ..Default::default()
        }),
        state: JobState::Queued as i32,
        node: "davas".into(),
        ..Default::default()
    };
    let response = ListJobsResponse {
        jobs: vec![
            job("01JC", "vault: Runner/inbox/why-sky.md"),
            job("01JD", ""),
        ],
        next_before_id: String::new(),
    };
    let text = jobs_table(&response, 0, false, None);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("NODE   FROM   AGE"), "{text}");
    assert!(lines[1].contains("davas  vault  "), "{text}");
    assert!(lines[2].contains("davas  -      "), "{text}");
    let wide = jobs_table(&response, 0, true, None);
    assert!(wide.contains("vault: Runner/inbox/why-sky.md"), "{wide}");
    let without = ListJobsResponse {
        jobs: vec![job("01JD", "")],
        next_before_id: String::new(),
    };
    assert!(!jobs_table(&without, 0, false, None).contains("FROM"));
}
