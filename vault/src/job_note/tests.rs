//! Tests of reading job notes: the cheap status and id reads, the full parse with every
//! problem and its line, and wiki links.

use super::links::wiki_links;
use super::*;

const CHAT: &str = "---\ntype: chat\nmodel: gemma4:27b\nstatus: submitted\ntags: [x]\n---\n\nWhy is the sky blue?\n";

fn problems(file_name: &str, text: &str) -> Vec<NoteProblem> {
    parse_job_note(file_name, text).expect_err("the note should be invalid")
}

/// The (property, line) of each problem, for compact assertions.
fn places(problems: &[NoteProblem]) -> Vec<(Option<&str>, Option<u32>)> {
    problems
        .iter()
        .map(|problem| (problem.property.as_deref(), problem.line))
        .collect()
}

#[test]
fn status_is_read_from_the_frontmatter_only() {
    assert_eq!(read_status(CHAT), NoteStatus::Submitted);
    assert_eq!(
        read_status("---\nstatus: \"Submitted\" # ready\n---\n"),
        NoteStatus::Submitted
    );
    assert_eq!(read_status("---\nstatus: draft\n---\n"), NoteStatus::Draft);
    assert_eq!(
        read_status("---\nstatus: done\n---\n"),
        NoteStatus::Other("done".into())
    );
    assert_eq!(read_status("---\nstatus:\n---\n"), NoteStatus::Draft);
    assert_eq!(
        read_status("---\ntype: chat\n---\nstatus: submitted\n"),
        NoteStatus::Draft
    );
    assert_eq!(read_status("status: submitted\n"), NoteStatus::Draft);
    assert_eq!(
        read_status("---\nnested:\n  status: submitted\n---\n"),
        NoteStatus::Draft
    );
    assert_eq!(read_status(""), NoteStatus::Draft);
}

#[test]
fn a_half_typed_note_is_a_draft() {
    // No closing `---` yet.
    assert_eq!(
        read_status("---\nstatus: submitted\ntype: ch"),
        NoteStatus::Draft
    );
    // Broken YAML elsewhere does not hide a submitted status: the parse will explain it.
    assert_eq!(
        read_status("---\nstatus: submitted\nmodel: [\n---\n"),
        NoteStatus::Submitted
    );
}

#[test]
fn ids_are_read_when_valid() {
    assert_eq!(
        read_id("---\nid: why-sky_2\n---\n").as_deref(),
        Some("why-sky_2")
    );
    assert_eq!(read_id("---\nid: 'abc'\n---\n").as_deref(), Some("abc"));
    assert_eq!(read_id("---\nid: a/b\n---\n"), None);
    assert_eq!(read_id("---\nid: été\n---\n"), None);
    assert_eq!(
        read_id(&format!("---\nid: {}\n---\n", "a".repeat(65))),
        None
    );
    assert_eq!(
        read_id(&format!("---\nid: {}\n---\n", "a".repeat(64))).map(|id| id.len()),
        Some(64)
    );
    assert_eq!(read_id("---\nid:\n---\n"), None);
    assert_eq!(read_id("no frontmatter"), None);
}

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
fn temperature_must_be_a_plain_number_from_0_to_2() {
    for (value, valid) in [
        ("0", true),
        ("2", true),
        ("1.5", true),
        ("-0.1", false),
        ("2.01", false),
        ("\"1\"", false),
        ("nan", false),
        (".inf", false),
        ("hot", false),
    ] {
        let text = CHAT.replace("tags: [x]", &format!("temperature: {value}"));
        assert_eq!(
            parse_job_note("x.md", &text).is_ok(),
            valid,
            "temperature: {value}"
        );
    }
}

#[test]
fn output_must_be_a_folder_inside_the_vault_outside_the_workers_folders() {
    for (value, valid) in [
        ("Notes/answers", true),
        ("Runner/results/sky", true),
        ("runner/Results", true),
        ("Runner/results/", true),
        ("Runner", false),
        ("Runner/inbox", false),
        ("runner/done/x", false),
        ("/etc", false),
        ("C:/notes", false),
        ("~/notes", false),
        ("a/../b", false),
        ("..", false),
        (".obsidian", false),
        ("a//b", false),
        ("a\\b", false),
        ("Runner/results/../inbox", false),
    ] {
        let text = CHAT.replace(
            "tags: [x]",
            &format!("output: \"{}\"", value.replace('\\', "\\\\")),
        );
        assert_eq!(
            parse_job_note("x.md", &text).is_ok(),
            valid,
            "output: {value}"
        );
    }
}

#[test]
fn broken_yaml_is_one_problem_naming_its_line() {
    let text = "---\ntype: chat\nmodel: [gemma\nstatus: submitted\n---\nhi\n";
    let found = problems("x.md", text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].property, None);
    let line = found[0].line.unwrap();
    assert!((3..=5).contains(&line), "line {line}: {}", found[0].message);
    let duplicated = "---\ntype: chat\ntype: generate\nmodel: m\nstatus: submitted\n---\nhi\n";
    assert_eq!(problems("x.md", duplicated).len(), 1);
}

#[test]
fn no_frontmatter_and_non_mapping_frontmatter_are_problems() {
    assert_eq!(places(&problems("x.md", "just text")), [(None, Some(1))]);
    assert_eq!(
        places(&problems("x.md", "---\n- a\n- b\n---\n")),
        [(None, Some(2))]
    );
}

#[test]
fn deeply_nested_frontmatter_is_refused_without_parsing() {
    let deep = format!(
        "---\ntype: chat\nx: {}{}\n---\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let found = problems("x.md", &deep);
    assert_eq!(places(&found), [(None, Some(3))]);
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
fn links_are_read_as_obsidian_resolves_them() {
    let body = "[[A]] [[B|label]] [[C#Heading]] ![[D.png]] [[A]] [[#local]]\n\
                | [[E\\|table]] | `[[not inline]]` ``[[not ` either]]`` [[F]]\n\
                ```rust\n[[not fenced]]\n```\n~~~~\n[[not ~~~\n~~~~\n    ```\n[[G]]\n";
    assert_eq!(wiki_links(body), ["A", "B", "C", "D.png", "E", "F", "G"]);
}

#[test]
fn an_unclosed_fence_hides_the_rest() {
    assert_eq!(wiki_links("[[A]]\n```\n[[B]]\n"), ["A"]);
}

#[test]
fn job_types_read_their_words() {
    for job_type in JobType::ALL {
        assert_eq!(JobType::from_word(job_type.word()), Some(job_type));
    }
    assert_eq!(JobType::from_word(" Chat "), Some(JobType::Chat));
    assert_eq!(JobType::from_word("talk"), None);
}
