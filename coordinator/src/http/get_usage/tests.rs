//! `GET /api/usage` over a real socket: groupings comma-separated or repeated, the report in
//! the protobuf JSON mapping, and a 400 naming each kind of bad input.

use proto::v1::{Job, JobSpec, JobState, TokenUsage};

use crate::http::tests::{get, start_with_health};

/// 2026-12-01 20:00 UTC: 2026-12-02 01:30 in Kolkata.
const T: i64 = 1_796_155_200_000;

fn ran(id: &str, model: &str, finished_at_ms: i64) -> Job {
    Job {
        id: id.into(),
        spec: Some(JobSpec {
            model: model.into(),
            ..Default::default()
        }),
        state: JobState::Succeeded as i32,
        node: "davas".into(),
        started_at_ms: finished_at_ms - 1_000,
        finished_at_ms,
        usage: Some(TokenUsage {
            input_tokens: Some(7),
            ..Default::default()
        }),
        cost_usd: Some(0.5),
        priced: true,
        ..Default::default()
    }
}

#[tokio::test]
async fn usage_is_grouped_as_asked_and_bad_input_is_a_400_naming_it() {
    let started = start_with_health().await;
    started
        .store
        .put_all(&[
            ran("H1", "gemma4:27b", T),
            ran("H2", "qwen2.5:14b", T - 6 * 3_600_000),
        ])
        .unwrap();
    let base = format!(
        "{}/api/usage?since=2026-12-01&until=2026-12-02",
        started.url
    );

    for by in ["by=day,model", "by=day&by=model"] {
        let (status, body) = get(&format!("{base}&tz=Asia/Kolkata&{by}")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["time_zone"], "Asia/Kolkata");
        assert_eq!(body["by"][0], "USAGE_GROUPING_DAY");
        let rows: Vec<(&str, &str)> = body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| (row["day"].as_str().unwrap(), row["model"].as_str().unwrap()))
            .collect();
        assert_eq!(
            rows,
            [("2026-12-01", "qwen2.5:14b"), ("2026-12-02", "gemma4:27b")]
        );
        assert_eq!(body["total"]["jobs"], "2");
        assert_eq!(body["total"]["cost_usd"], 1.0);
    }
    let (_, only_gemma) = get(&format!("{base}&model=gemma4:27b")).await;
    assert_eq!(only_gemma["total"]["input_tokens"], "7");

    for (query, named) in [
        ("tz=Europe/Berln", "\"Europe/Berln\" is not an IANA name"),
        (
            "by=week",
            "grouping \"week\" is not one of model, node, day",
        ),
        ("until=soon", "until \"soon\" is neither a day"),
        ("from=2026-12-01", "unknown parameter `from`"),
    ] {
        let (status, body) = get(&format!("{}/api/usage?{query}", started.url)).await;
        assert_eq!(status, 400, "{query}: {body}");
        let error = body["error"].as_str().unwrap();
        assert!(error.contains(named), "{query}: {error}");
    }
    started.shutdown.cancel();
}
