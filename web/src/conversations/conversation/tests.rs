//! Tests of the `conversation` module.

use proto::v1::JobState;

use super::*;
use crate::conversations::AnswerMemory;

fn pending(job_id: &str) -> Answer {
    Answer::from_job(&Job {
        id: job_id.into(),
        state: JobState::Running as i32,
        ..Default::default()
    })
}

#[test]
fn history_holds_user_messages_and_completed_answers_only() {
    let mut conversation = Conversation::new("c1".into(), 1);
    conversation.push_user_message("hi", 2);
    conversation.push_answer(pending("J1"), 3);
    conversation.push_user_message("again", 4);
    conversation.push_answer(pending("J2"), 5);
    let ended = |id: &str, state: JobState| Job {
        id: id.into(),
        state: state as i32,
        output: format!("answer {id}"),
        ..Default::default()
    };
    assert!(conversation.settle(&ended("J1", JobState::Succeeded)));
    assert!(conversation.settle(&ended("J2", JobState::Failed)));
    assert!(!conversation.settle(&ended("J2", JobState::Succeeded)));
    let history: Vec<(String, String)> = conversation
        .history()
        .into_iter()
        .map(|message| (message.role, message.content))
        .collect();
    assert_eq!(
        history,
        vec![
            ("user".into(), "hi".into()),
            ("assistant".into(), "answer J1".into()),
            ("user".into(), "again".into()),
        ]
    );
    assert_eq!(conversation.title, "hi");
    assert_eq!(conversation.updated_at_ms, 5);
    assert!(conversation.pending_job_ids().is_empty());
}

#[test]
fn a_running_job_settles_nothing() {
    let mut conversation = Conversation::new("c1".into(), 1);
    conversation.push_answer(pending("J1"), 2);
    assert!(!conversation.settle(&Job {
        id: "J1".into(),
        state: JobState::Running as i32,
        ..Default::default()
    }));
    assert_eq!(conversation.pending_job_ids(), vec!["J1".to_owned()]);
}

#[test]
fn settling_an_answer_keeps_what_memory_gave_it() {
    let mut conversation = Conversation::new("c1".into(), 1);
    conversation.push_user_message("risk tiers?", 2);
    let mut answer = pending("J1");
    answer.memory = AnswerMemory::unavailable("answered without memory: not configured");
    conversation.push_answer(answer, 3);
    assert!(conversation.settle(&Job {
        id: "J1".into(),
        state: JobState::Succeeded as i32,
        output: "tier 1".into(),
        ..Default::default()
    }));
    let Turn::Assistant(settled) = &conversation.turns[1] else {
        panic!("not an answer");
    };
    assert_eq!(settled.content, "tier 1");
    assert_eq!(
        settled.memory.warnings,
        vec!["answered without memory: not configured"]
    );
}
