//! The job listing and lookup over a real socket: state words, paging cursor, id prefixes.

use proto::v1::{Job, JobState};

use crate::http::tests::{get, start_with_health};

fn job(id: &str, state: JobState) -> Job {
    Job {
        id: id.into(),
        state: state as i32,
        ..Default::default()
    }
}

#[tokio::test]
async fn state_takes_the_cli_word_and_the_json_name() {
    let started = start_with_health().await;
    started
        .store
        .put_all(&[
            job("01KB3ZQ4T8ABCDEFGH00000000", JobState::Failed),
            job("01KB3ZQ4T9ABCDEFGH00000000", JobState::Succeeded),
        ])
        .unwrap();
    for word in ["failed", "FAILED", "JOB_STATE_FAILED", "job_state_failed"] {
        let (status, body) = get(&format!("{}/api/jobs?state={word}", started.url)).await;
        assert_eq!(status, 200, "{word}: {body}");
        assert_eq!(body["jobs"].as_array().map(Vec::len), Some(1), "{word}");
        assert_eq!(body["jobs"][0]["state"], "JOB_STATE_FAILED");
    }
    let (status, body) = get(&format!(
        "{}/api/jobs?state=JOB_STATE_SLEEPING",
        started.url
    ))
    .await;
    assert_eq!(status, 400);
    let error = body["error"].as_str().unwrap();
    assert!(
        error.contains("queued, running, succeeded, failed, cancelled, rejected"),
        "{error}"
    );
    let (status, _) = get(&format!("{}/api/jobs?state=unspecified", started.url)).await;
    assert_eq!(status, 400);
    started.shutdown.cancel();
}

#[tokio::test]
async fn a_full_page_names_the_next_before_id() {
    let started = start_with_health().await;
    let ids: Vec<String> = (0..3)
        .map(|index| format!("01KB3ZQ4T{index}ABCDEFGH00000000"))
        .collect();
    let jobs: Vec<Job> = ids.iter().map(|id| job(id, JobState::Failed)).collect();
    started.store.put_all(&jobs).unwrap();
    let (_, page) = get(&format!("{}/api/jobs?limit=2", started.url)).await;
    assert_eq!(page["next_before_id"], ids[1].as_str(), "{page}");
    let next = format!("{}/api/jobs?limit=2&before={}", started.url, ids[1]);
    let (_, last) = get(&next).await;
    assert_eq!(last["jobs"][0]["id"], ids[0].as_str());
    assert!(
        last.get("next_before_id").is_none_or(|cursor| cursor == ""),
        "{last}"
    );
    started.shutdown.cancel();
}

#[tokio::test]
async fn a_job_is_found_by_a_unique_prefix_in_any_case() {
    let started = start_with_health().await;
    started
        .store
        .put_all(&[
            job("01KB3ZQ4T8ABCDEFGH00000000", JobState::Failed),
            job("01KB3ZQ4T8ABCDEFGH00000001", JobState::Failed),
            job("01KB3ZQ4T9ABCDEFGH00000000", JobState::Succeeded),
        ])
        .unwrap();
    let (status, found) = get(&format!("{}/api/jobs/01kb3zq4t9", started.url)).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["id"], "01KB3ZQ4T9ABCDEFGH00000000");
    let (status, body) = get(&format!("{}/api/jobs/01KB3ZQ4T8", started.url)).await;
    assert_eq!(status, 400);
    let error = body["error"].as_str().unwrap();
    assert!(
        error.contains("01KB3ZQ4T8ABCDEFGH00000000, 01KB3ZQ4T8ABCDEFGH00000001"),
        "{error}"
    );
    let (status, _) = get(&format!("{}/api/jobs/01KB3ZQ4T7", started.url)).await;
    assert_eq!(status, 404);
    let (status, body) = get(&format!("{}/api/jobs/01KB3", started.url)).await;
    assert_eq!(status, 400);
    assert!(body["error"].as_str().unwrap().contains("at least 6"));
    started.shutdown.cancel();
}
