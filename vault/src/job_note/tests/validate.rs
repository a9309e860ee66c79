//! Tests of the full parse: defaults, every property, every problem with its line, bodies by type.

use super::*;

#[test]
fn a_chat_note_parses_with_defaults() {
    let note = parse_job_note("Why sky.md", CHAT).unwrap();
    assert_eq!(
        note,
        JobNote {
            id: None,
            job_type: JobType::Chat,
            model: "gemma4:27b".into(),
            notify_discord: false,
            temperature: None,
            system: None,
            output: None,
            title: "Why sky".into(),
            body: "Why is the sky blue?".into(),
            links: vec![],
            day: None,
            time_zone: None,
        }
    );
}

#[test]
fn every_optional_property_is_read() {
    let text = "\u{feff}---\r\ntype: Generate\r\nmodel: qwen2.5:14b\r\nstatus: submitted\r\nid: job-7\r\n\
                notify: discord\r\ntemperature: 0.7\r\nsystem: |\r\n  Be brief.\r\ntitle: \"Sky: why\"\r\n\
                output: Notes/answers/\r\ncreated: 2026-12-03\r\n---\r\nSee [[Sky]].\r\n";
    let note = parse_job_note("x.md", text).unwrap();
    assert_eq!(note.id.as_deref(), Some("job-7"));
    assert_eq!(note.job_type, JobType::Generate);
    assert!(note.notify_discord);
    assert_eq!(note.temperature, Some(0.7));
    assert_eq!(note.system.as_deref(), Some("Be brief.\n"));
    assert_eq!(note.title, "Sky: why");
    assert_eq!(note.output.as_deref(), Some("Notes/answers"));
    assert_eq!(note.body, "See [[Sky]].");
    assert_eq!(note.links, ["Sky"]);
}

#[test]
fn every_problem_is_reported_with_its_property_and_line() {
    let text = "---\ntype: chatt\nmodel: \"\"\nstatus: submitted\nnotify: email\ntemperature: 3\n\
                system: [a]\noutput: ../outside\nid: a b\n---\nhello\n";
    let found = problems("x.md", text);
    assert_eq!(
        places(&found),
        [
            (Some("type"), Some(2)),
            (Some("model"), Some(3)),
            (Some("notify"), Some(5)),
            (Some("temperature"), Some(6)),
            (Some("system"), Some(7)),
            (Some("output"), Some(8)),
            (Some("id"), Some(9)),
        ]
    );
    assert!(
        found[0]
            .message
            .contains("chat, generate, summarize, embed, ingest, research, briefing")
    );
}

#[test]
fn missing_required_properties_are_problems() {
    let found = problems("x.md", "---\ntags: [a]\n---\nhello\n");
    assert_eq!(
        places(&found),
        [
            (Some("type"), None),
            (Some("model"), None),
            (Some("status"), None)
        ]
    );
}

#[test]
fn only_submitted_notes_are_valid() {
    let text = CHAT.replace("status: submitted", "status: done");
    assert_eq!(
        places(&problems("x.md", &text)),
        [(Some("status"), Some(4))]
    );
}

#[test]
fn bodies_are_checked_by_type() {
    let with = |job_type: &str, body: &str| {
        format!("---\ntype: {job_type}\nmodel: m\nstatus: submitted\n---\n{body}")
    };
    for job_type in ["chat", "generate", "research", "embed", "ingest"] {
        let found = problems("x.md", &with(job_type, "  \n\n"));
        assert_eq!(places(&found), [(None, Some(6))], "{job_type}");
    }
    assert!(parse_job_note("x.md", &with("briefing", "")).is_ok());
    assert!(parse_job_note("x.md", &with("embed", "plain text to remember")).is_ok());
    assert_eq!(
        places(&problems("x.md", &with("summarize", "no links here"))),
        [(None, Some(6))]
    );
    assert_eq!(
        places(&problems("x.md", &with("summarize", "`[[in code]]`"))),
        [(None, Some(6))]
    );
    let note = parse_job_note("x.md", &with("summarize", "Sum up ![[A]] and [[B|bee]]")).unwrap();
    assert_eq!(note.links, ["A", "B"]);
}

#[test]
fn an_empty_body_at_the_end_of_the_note_is_named_on_a_line_the_note_has() {
    // Found by fuzzing: a note ending on its closing `---` got "the body is empty" on the line
    // after it, which the note does not have.
    let ends_on_fence = "---\ntype: chat\nmodel: m\nstatus: submitted\n---";
    assert_eq!(places(&problems("x.md", ends_on_fence)), [(None, Some(5))]);
    let ends_after_fence = "---\ntype: chat\nmodel: m\nstatus: submitted\n---\n";
    assert_eq!(
        places(&problems("x.md", ends_after_fence)),
        [(None, Some(6))]
    );
}
