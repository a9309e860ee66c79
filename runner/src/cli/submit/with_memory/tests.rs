//! The question a memory prompt replaces, and how sources follow the answer.

use proto::v1::{ChatMessage, JobKind, JobSpec, MemoryHit};

use super::{question_of, replace_question, sources_text};

#[test]
fn a_chat_answers_its_last_user_message_and_a_prompt_its_text() {
    let mut chat = JobSpec {
        kind: JobKind::Chat.into(),
        messages: vec![
            ChatMessage {
                role: "user".into(),
                content: "first".into(),
            },
            ChatMessage {
                role: "assistant".into(),
                content: "a".into(),
            },
            ChatMessage {
                role: "user".into(),
                content: "tiers?".into(),
            },
        ],
        ..JobSpec::default()
    };
    assert_eq!(question_of(&chat).as_deref(), Some("tiers?"));
    replace_question(&mut chat, "PROMPT".into());
    assert_eq!(chat.messages[2].content, "PROMPT");
    assert_eq!(chat.messages[0].content, "first");
    let mut generate = JobSpec {
        kind: JobKind::Generate.into(),
        prompt: "why?".into(),
        ..JobSpec::default()
    };
    assert_eq!(question_of(&generate).as_deref(), Some("why?"));
    replace_question(&mut generate, "P".into());
    assert_eq!(generate.prompt, "P");
}

#[test]
fn sources_are_numbered_as_the_prompt_numbered_them() {
    let hit = MemoryHit {
        note: "Gov/Tiers.md".into(),
        headings: vec!["Tier 3".into()],
        line_start: 3,
        line_end: 9,
        ..MemoryHit::default()
    };
    assert_eq!(
        sources_text(&[hit]),
        "\nsources:\n[1] Gov/Tiers.md › Tier 3, lines 3–9\n"
    );
    assert_eq!(
        sources_text(&[]),
        "\nsources: no note matched the question\n"
    );
}
