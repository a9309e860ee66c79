//! A node runs at most `max_parallel` jobs at once; more wait in its bounded queue; past that,
//! submits are rejected with "queue full" rather than piling up.

use std::time::Duration;

use proto::v1::{IneligibilityCode, JobState};
use tests::cluster::{ClusterSpec, NodeSpec, TestCluster, generate_spec};
use tonic_types::StatusExt;

use crate::support::GEMMA;

#[tokio::test]
async fn concurrency_is_bounded_by_max_parallel_and_the_queue() -> anyhow::Result<()> {
    let spec =
        ClusterSpec::three_hosts().with_node(NodeSpec::new("davas", &[GEMMA]).max_parallel(2));
    let cluster = TestCluster::start(spec).await?; // queue_capacity 4 per node
    let davas = cluster.ollama("davas");
    davas.set_token_delay(Duration::from_millis(60));
    let mut accepted = Vec::new();
    for index in 0..6 {
        accepted.push(
            cluster
                .submit_ok(generate_spec(GEMMA, &format!("job {index}")))
                .await?,
        );
    }
    let refused = cluster
        .submit(generate_spec(GEMMA, "one too many"))
        .await?
        .expect_err("the 7th job must be refused");
    assert_eq!(refused.code(), tonic::Code::Unavailable);
    let violation = &refused
        .get_details_precondition_failure()
        .expect("details")
        .violations[0];
    assert_eq!(
        violation.r#type,
        IneligibilityCode::QueueFull
            .as_str_name()
            .trim_start_matches("INELIGIBILITY_CODE_")
    );
    assert!(
        violation
            .description
            .contains("queue full: 2 running, 4 queued"),
        "{}",
        violation.description
    );

    let mut most_at_once = 0;
    let sampler = async {
        for _ in 0..400 {
            most_at_once = most_at_once.max(davas.active_streams());
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    };
    let waits = futures::future::join_all(accepted.iter().map(|job| cluster.watch_to_end(&job.id)));
    let (results, ()) = tokio::join!(waits, sampler);
    for watched in results {
        assert_eq!(watched?.job.state, JobState::Succeeded as i32);
    }
    assert_eq!(
        most_at_once, 2,
        "max_parallel = 2 must bound the streams Ollama sees at once"
    );
    Ok(())
}
