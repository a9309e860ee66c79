//! A provider that does not answer within `request_timeout` fails the job with that reason,
//! once, on the same node and model; cancelling a streaming cloud job aborts its HTTP request.

use std::time::Duration;

use proto::v1::{CancelJobRequest, FailureCause, JobState};
use tests::cluster::{ClusterSpec, NodeSpec, Patience, TestCluster, eventually, generate_spec};
use tests::fake_providers::FakeAnthropic;

const KEY: &str = "sk-ant-timeout-scenario-99";
const SONNET: &str = "claude-sonnet-4-6";

#[tokio::test]
async fn a_slow_provider_times_out_and_a_cancel_aborts_its_request() -> anyhow::Result<()> {
    let anthropic = FakeAnthropic::start(KEY, &[SONNET]).await?;
    let spec = ClusterSpec::three_hosts().with_node(
        NodeSpec::provider("anthropic", "anthropic", &anthropic.base_url(), KEY)
            .agent_toml("request_timeout = \"1s\""),
    );
    let cluster = TestCluster::start(spec).await?;

    anthropic.set_first_token_delay(Duration::from_secs(4));
    let slow = cluster
        .run_job(generate_spec(SONNET, "take your time"))
        .await?
        .job;
    assert_eq!(slow.state, JobState::Failed as i32);
    assert_eq!(slow.cause, FailureCause::ProviderError as i32);
    assert_eq!(slow.node, "anthropic");
    assert!(slow.reason.contains("request_timeout"), "{}", slow.reason);

    anthropic.set_first_token_delay(Duration::ZERO);
    anthropic.set_token_delay(Duration::from_millis(200));
    anthropic.set_answer_tokens(200);
    let job = cluster
        .submit_ok(generate_spec(SONNET, "a long answer please"))
        .await?;
    eventually("tokens to flow", Patience::seconds(10), || async {
        anyhow::ensure!(
            !cluster.get_job(&job.id).await?.output.is_empty(),
            "no tokens yet"
        );
        Ok(())
    })
    .await?;
    let aborted_before = anthropic.aborted_streams();
    cluster
        .jobs_client()
        .await?
        .cancel_job(CancelJobRequest { id: job.id.clone() })
        .await?;
    eventually(
        "the provider to see its request aborted",
        Patience::seconds(5),
        || async {
            anyhow::ensure!(
                anthropic.aborted_streams() > aborted_before && anthropic.active_streams() == 0,
                "stream still open"
            );
            Ok(())
        },
    )
    .await?;
    assert_eq!(
        cluster.watch_to_end(&job.id).await?.job.state,
        JobState::Cancelled as i32
    );
    let messages = anthropic
        .requests()
        .iter()
        .filter(|request| request.path_and_query == "/v1/messages")
        .count();
    assert_eq!(
        messages, 2,
        "one request per job: no retry behind the caller's back"
    );
    Ok(())
}
