//! Fuzzing job-note reading: notes with random frontmatter (known and unknown properties in
//! every YAML style, comments, blank lines, LF or CRLF) and random bodies, damaged notes and
//! raw text never panic, and every problem names its line. The generator is shared with the
//! frontmatter-edit properties. Seeds: the notes the unit tests read (`super::CHAT`, the
//! memory fixtures' vault is a reader's, not a job queue's).

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence};

use super::super::{JobType, read_id, read_status};
use super::{CHAT, parse_job_note};

/// `cases` per run unless `PROPTEST_CASES` says otherwise; failures saved beside the sources.
pub(crate) fn fuzz_config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}

const KNOWN_KEYS: [&str; 14] = [
    "type",
    "model",
    "status",
    "id",
    "notify",
    "temperature",
    "system",
    "output",
    "title",
    "day",
    "time_zone",
    "tags",
    "aliases",
    "created",
];

/// A value for `key`, mostly one the note's rules accept, in some YAML style.
fn value_for(key: &'static str) -> BoxedStrategy<String> {
    let valid: BoxedStrategy<String> = match key {
        "type" => prop::sample::select(JobType::ALL.map(JobType::word).to_vec())
            .prop_map(str::to_owned)
            .boxed(),
        "status" => {
            prop_oneof![4 => Just("submitted".to_owned()), 1 => Just("draft".to_owned())].boxed()
        }
        "id" => "[A-Za-z0-9_-]{1,64}".boxed(),
        "notify" => Just("discord".to_owned()).boxed(),
        "temperature" => (0.0..=2.0f32).prop_map(|number| number.to_string()).boxed(),
        "day" => "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])".boxed(),
        "time_zone" => prop::sample::select(vec!["Europe/Paris", "UTC", "America/New_York"])
            .prop_map(str::to_owned)
            .boxed(),
        "output" => "[A-Za-z]{1,8}(/[A-Za-z ]{1,8}){0,2}".boxed(),
        _ => "[a-zA-Z0-9.:/ _-]{1,24}".boxed(),
    };
    let styled = (valid, 0..4u8).prop_map(|(value, style)| match style {
        0 => format!("'{}'", value.replace('\'', "''")),
        1 => format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")),
        2 => format!("{value} # a comment"),
        _ => value,
    });
    prop_oneof![
        8 => styled,
        1 => Just(String::new()),
        1 => Just("~".to_owned()),
        1 => prop::collection::vec("[a-z]{1,6}", 0..3).prop_map(|items| format!("[{}]", items.join(", "))),
        1 => prop::collection::vec("[a-z ]{0,6}", 1..3)
            .prop_map(|items| items.iter().map(|item| format!("\n  - {item}")).collect()),
        1 => "[^\r\n]{0,20}",
    ]
    .boxed()
}

/// One frontmatter line (or entry spanning lines).
fn entry() -> impl Strategy<Value = String> {
    let known = prop::sample::select(KNOWN_KEYS.to_vec())
        .prop_flat_map(|key| value_for(key).prop_map(move |value| format!("{key}: {value}")));
    prop_oneof![
        10 => known,
        2 => ("[a-z_][a-z_0-9]{0,10}", "[^\r\n]{0,16}").prop_map(|(key, value)| format!("{key}: {value}")),
        1 => Just(String::new()),
        1 => "# [^\r\n]{0,16}",
        1 => "  [^\r\n]{0,16}",
    ]
}

/// A body: prose, wiki links, and lines that look like frontmatter fences.
fn body() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => "[^\r\n]{0,30}",
        2 => "[A-Za-z ]{1,12}".prop_map(|target| format!("See [[{target}]] and [[{target}|it]].")),
        1 => Just("---".to_owned()),
    ];
    prop::collection::vec(line, 0..6).prop_map(|lines| lines.join("\n"))
}

/// A job note as an operator (or a sync tool) might leave one.
pub(crate) fn job_note() -> impl Strategy<Value = String> {
    // Half the notes start from a job's three required properties, so that many parse.
    let required =
        prop::sample::select(JobType::ALL.map(JobType::word).to_vec()).prop_map(|word| {
            vec![
                format!("type: {word}"),
                "model: gemma4:27b".to_owned(),
                "status: submitted".to_owned(),
            ]
        });
    let required = prop_oneof![Just(Vec::new()), required];
    (
        (required, prop::collection::vec(entry(), 0..12))
            .prop_map(|(required, others)| [required, others].concat())
            .prop_shuffle(),
        body(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(entries, body, crlf, blank_after)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut note = format!("---{end}");
            for entry in entries {
                note.push_str(&entry.replace('\n', end));
                note.push_str(end);
            }
            note.push_str(&format!("---{end}"));
            if blank_after {
                note.push_str(end);
            }
            note.push_str(&body.replace('\n', end));
            note
        })
}

/// A note with a few characters replaced, inserted or removed.
fn damaged_note() -> impl Strategy<Value = String> {
    let edit = (any::<Index>(), any::<char>(), any::<bool>());
    (job_note(), prop::collection::vec(edit, 1..5)).prop_map(|(note, edits)| {
        let mut chars: Vec<char> = note.chars().collect();
        for (at, replacement, insert) in edits {
            let at = at.index(chars.len() + 1);
            match (insert, at < chars.len()) {
                (true, _) => chars.insert(at, replacement),
                (false, true) => chars[at] = replacement,
                (false, false) => {}
            }
        }
        chars.into_iter().collect()
    })
}

/// Any note: well-formed, damaged, or text of any kind.
pub(crate) fn any_note() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => job_note(),
        2 => damaged_note(),
        1 => ".{0,200}",
        1 => "(---|\r|\n|:|-| |[a-z]|\\[|\\]|'|\"|#|\t){0,120}",
    ]
}

proptest! {
    #![proptest_config(fuzz_config(4096))]

    #[test]
    fn fuzz_any_note_reads_without_panicking_and_each_problem_has_its_line(
        note in any_note(),
        file_name in "[^/\0]{0,20}",
    ) {
        // Lines as an editor counts them: LF, CRLF or a lone CR ends one.
        let lines = note.replace("\r\n", "\n").replace('\r', "\n").split('\n').count();
        let lines = u32::try_from(lines).unwrap_or(u32::MAX);
        read_status(&note);
        read_id(&note);
        if let Err(problems) = parse_job_note(&file_name, &note) {
            prop_assert!(!problems.is_empty(), "a rejected note says why");
            for problem in problems {
                prop_assert!(!problem.message.trim().is_empty(), "{:?}", problem);
                if let Some(line) = problem.line {
                    prop_assert!((1..=lines).contains(&line), "{:?} in {} lines", problem, lines);
                }
            }
        }
    }
}

#[test]
fn fuzz_seeds_the_unit_tests_note_reads_as_a_job() {
    let note = parse_job_note("why.md", CHAT).unwrap();
    assert_eq!(note.model, "gemma4:27b");
}
