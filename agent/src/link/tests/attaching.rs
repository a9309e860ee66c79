//! Tests of attaching: refusals name what to fix, and an absent coordinator is retried.

use std::time::Duration;

use proto::v1::AgentHello;
use settings::Secret;
use tokio_util::sync::CancellationToken;
use tonic::Code;

use super::start_agent;
use crate::Config;
use crate::link::attach::{AttachError, attach, endpoint};
use crate::test_support::fake_coordinator::{NODE, TOKEN};
use crate::test_support::{FakeCoordinator, FakeOllama};

#[tokio::test]
async fn refusals_name_what_to_fix_and_the_agent_keeps_retrying() {
    let (coordinator, ollama) = (
        FakeCoordinator::start(1000).await,
        FakeOllama::start(&[]).await,
    );
    let endpoint = endpoint(&coordinator.url, None).unwrap();
    let hello = |node: &str| AgentHello {
        node: node.to_owned(),
        ..AgentHello::default()
    };

    let Err(AttachError::Refused { code, advice, .. }) =
        attach(&endpoint, &Secret::new("wrong"), hello(NODE)).await
    else {
        panic!("a wrong token must be refused");
    };
    assert_eq!(code, Code::Unauthenticated);
    assert_eq!(
        advice,
        "coordinator refused node davas: token rejected; check RUNNER_AGENT_TOKEN matches the coordinator's token_env for this node"
    );

    let Err(AttachError::Refused { code, advice, .. }) =
        attach(&endpoint, &Secret::new(TOKEN), hello("ghost")).await
    else {
        panic!("an unknown node must be refused");
    };
    assert_eq!(code, Code::PermissionDenied);
    assert!(
        advice.starts_with("coordinator refused node ghost: unknown node name"),
        "{advice}"
    );

    let before = coordinator.attempts();
    let running = start_agent(&coordinator, &ollama, "wrong", Duration::from_secs(1));
    tokio::time::timeout(Duration::from_secs(5), async {
        while coordinator.attempts() < before + 3 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the agent stopped retrying after a refusal");
    assert!(!running.task.is_finished());
}

#[tokio::test]
async fn an_unreachable_coordinator_is_retried_until_it_appears() {
    let reserved = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = reserved.local_addr().unwrap();
    drop(reserved);
    let url = format!("http://{address}");
    let Err(AttachError::Unreachable(reason)) = attach(
        &endpoint(&url, None).unwrap(),
        &Secret::new(TOKEN),
        AgentHello::default(),
    )
    .await
    else {
        panic!("a closed port must be unreachable, not refused");
    };
    assert!(reason.to_lowercase().contains("refused"), "{reason}");

    let ollama = FakeOllama::start(&[]).await;
    let mut config = Config::for_dev(NODE, &url, &ollama.url, Secret::new(TOKEN));
    config.probe_interval = Duration::from_secs(1);
    let shutdown = CancellationToken::new();
    let _agent = tokio::spawn(crate::run(config, shutdown.clone()));
    // Let a few attempts fail first, as during a coordinator restart.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let listener = tokio::net::TcpListener::bind(address).await.unwrap();
    let coordinator = FakeCoordinator::start_on(listener, 60_000);
    let mut agent = coordinator.next_agent().await;
    assert_eq!(agent.next_status().await.sequence, 1);
    shutdown.cancel();
}

#[test]
fn tls_failures_name_the_setting_to_fix_and_plain_links_are_left_alone() {
    use crate::link::attach::with_tls_hint;
    let untrusted = with_tls_hint("invalid peer certificate: UnknownIssuer".into(), true);
    assert!(untrusted.contains("tls_ca must be the CA"), "{untrusted}");
    let refused = with_tls_hint("Cancelled: connection closed".into(), true);
    assert!(refused.contains("tls_cert must be signed"), "{refused}");
    assert_eq!(
        with_tls_hint("Cancelled: connection closed".into(), false),
        "Cancelled: connection closed"
    );
    assert_eq!(
        with_tls_hint("Connection refused (os error 111)".into(), true),
        "Connection refused (os error 111)"
    );
}
