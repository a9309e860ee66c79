//! Tests of the `memory_prompt` module: only the latest question becomes the prompt, and
//! memory that fails or is not configured gives the reason instead of a prompt.

use proto::v1::{ChatMessage, MemoryContext, MemoryHit};
use tonic::Status;

use super::*;
use crate::test_support::{FakeCoordinator, NOT_CONFIGURED};

fn message(role: &str, content: &str) -> ChatMessage {
    ChatMessage {
        role: role.into(),
        content: content.into(),
    }
}

#[test]
fn only_the_latest_question_becomes_the_prompt() {
    let recalled = Recalled {
        prompt: Some("Answer from these notes: [1] … Question: and then?".into()),
        memory: AnswerMemory::default(),
    };
    let history = vec![
        message("user", "hello"),
        message("assistant", "hi"),
        message("user", "and then?"),
    ];
    let sent = recalled.messages(history.clone());
    assert_eq!(sent[..2], history[..2]);
    assert_eq!(
        sent[2].content,
        "Answer from these notes: [1] … Question: and then?"
    );
    let unused = Recalled {
        prompt: None,
        memory: AnswerMemory::unavailable("answered without memory: down"),
    };
    assert_eq!(unused.messages(history.clone()), history);
}

#[tokio::test]
async fn the_prompt_and_citations_come_from_build_context() {
    let coordinator = FakeCoordinator::start().await;
    coordinator.script_memory_context(Ok(MemoryContext {
        prompt: "[1] Tier 1 needs review.\nQuestion: risk tiers?".into(),
        citations: vec![MemoryHit {
            note: "Risk.md".into(),
            line_start: 4,
            line_end: 6,
            ..Default::default()
        }],
        warnings: vec!["graph not used: neo4j is unreachable".into()],
    }));
    let recalled = recall(&coordinator.client(), "risk tiers?").await;
    assert_eq!(coordinator.memory_questions(), vec!["risk tiers?"]);
    assert_eq!(
        recalled.prompt.as_deref(),
        Some("[1] Tier 1 needs review.\nQuestion: risk tiers?")
    );
    assert!(recalled.memory.asked);
    assert_eq!(recalled.memory.citations[0].note, "Risk.md");
    assert_eq!(
        recalled.memory.warnings,
        vec!["graph not used: neo4j is unreachable"]
    );
}

#[tokio::test]
async fn memory_that_cannot_be_used_gives_its_reason_and_no_prompt() {
    let coordinator = FakeCoordinator::start().await;
    let recalled = recall(&coordinator.client(), "q").await;
    assert_eq!(recalled.prompt, None);
    assert_eq!(
        recalled.memory.warnings,
        vec![format!("answered without memory: {NOT_CONFIGURED}")]
    );
    coordinator.script_memory_context(Err(Status::internal("the index is corrupt")));
    let failed = recall(&coordinator.client(), "q").await;
    assert_eq!(
        failed.memory.warnings,
        vec!["answered without memory: the index is corrupt"]
    );
    coordinator.script_memory_context(Ok(MemoryContext::default()));
    let empty = recall(&coordinator.client(), "q").await;
    assert_eq!(empty.prompt, None);
    assert!(empty.memory.warnings[0].contains("empty prompt"));
}

#[tokio::test]
async fn a_coordinator_that_cannot_be_reached_is_named_as_such() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let coordinator = Coordinator::lazy(&format!("127.0.0.1:{port}")).unwrap();
    let recalled = recall(&coordinator, "q").await;
    assert_eq!(recalled.prompt, None);
    assert!(
        recalled.memory.warnings[0].starts_with("answered without memory: cannot reach memory: "),
        "{:?}",
        recalled.memory.warnings
    );
}

#[tokio::test]
async fn memory_that_does_not_answer_in_time_is_left_out_and_says_so() {
    let coordinator = FakeCoordinator::start().await;
    coordinator.hang_memory();
    let started = std::time::Instant::now();
    let recalled = recall_within(&coordinator.client(), "q", Duration::from_millis(300)).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(recalled.prompt, None);
    assert_eq!(
        recalled.memory.warnings,
        vec!["answered without memory: memory did not answer within 300 ms"]
    );
    assert_eq!(coordinator.memory_questions(), vec!["q"], "it was asked");
}
