//! Tests of result note names and text: property types read back through saphyr, absent facts
//! left out, readable bodies per outcome.

use chrono::NaiveDate;
use saphyr::{LoadableYamlNode, ScalarOwned, YamlOwned};

use crate::result_note::*;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

fn succeeded() -> ResultFacts {
    ResultFacts {
        id: "20261203-a1b2".into(),
        job_type: "summarize".into(),
        model: "gemma4:27b".into(),
        outcome: Some(Outcome::Succeeded),
        job_note_link: "Runner/done/why-sky".into(),
        cluster_job_id: Some("0193".into()),
        node: Some("davas".into()),
        input_tokens: Some(120),
        output_tokens: Some(45),
        duration_ms: Some(2_345),
        cost_usd: Some(0.0012),
        started_ms: Some(1_796_300_000_000),
        finished_ms: 1_796_300_002_345,
        answer: "The sky is blue because of Rayleigh scattering.\n\n".into(),
        reason: String::new(),
        cited: vec!["Physics/Light".into(), "Sky".into()],
        title: "Why sky".into(),
        ..ResultFacts::default()
    }
}

/// The frontmatter of a rendered note, loaded with YAML types resolved.
fn frontmatter(note: &str) -> YamlOwned {
    let end = note[4..].find("\n---\n").unwrap() + 4;
    let docs = YamlOwned::load_from_str(&note[4..end]).unwrap();
    docs.into_iter().next().unwrap()
}

fn body(note: &str) -> &str {
    let end = note[4..].find("\n---\n").unwrap() + 4;
    &note[end + 5..]
}

#[test]
fn names_hold_the_day_the_title_and_the_id() {
    assert_eq!(
        result_file_name("a1b2", "Why is the sky blue?", day()),
        "2026-12-03 why-is-the-sky-blue (a1b2).md"
    );
    assert_eq!(
        result_file_name("a1b2", "", day()),
        "2026-12-03 note (a1b2).md"
    );
}

#[test]
fn long_titles_and_ids_keep_names_within_120_bytes() {
    let long_id = "i".repeat(64);
    for title in ["word ".repeat(40), "été ".repeat(40), "x".repeat(300)] {
        for id in ["a1b2", long_id.as_str()] {
            let name = result_file_name(id, &title, day());
            assert!(
                name.len() <= MAX_RESULT_NAME_BYTES,
                "{name} is {} bytes",
                name.len()
            );
            assert!(name.ends_with(&format!(" ({id}).md")), "{name}");
        }
    }
}

#[test]
fn properties_have_one_type_each() {
    let note = render_result(&succeeded());
    let yaml = frontmatter(&note);
    assert_eq!(yaml["status"].as_str(), Some("done"));
    assert_eq!(yaml["job"].as_str(), Some("20261203-a1b2"));
    // A numeric-looking id is still Text.
    assert_eq!(yaml["cluster_job"].as_str(), Some("0193"));
    assert_eq!(yaml["type"].as_str(), Some("summarize"));
    assert_eq!(yaml["model"].as_str(), Some("gemma4:27b"));
    assert_eq!(yaml["node"].as_str(), Some("davas"));
    assert_eq!(
        yaml["input_tokens"],
        YamlOwned::Value(ScalarOwned::Integer(120))
    );
    assert_eq!(
        yaml["output_tokens"],
        YamlOwned::Value(ScalarOwned::Integer(45))
    );
    assert_eq!(
        yaml["duration_ms"],
        YamlOwned::Value(ScalarOwned::Integer(2_345))
    );
    assert_eq!(yaml["cost_usd"].as_floating_point(), Some(0.0012));
    assert!(note.contains("\nstarted: 2026-12-03T"), "{note}");
    assert!(note.contains(":20\nfinished: 2026-12-03T"), "{note}");
    assert_eq!(yaml["source"].as_str(), Some("[[Runner/done/why-sky]]"));
    assert_eq!(yaml["tags"][0].as_str(), Some("runner/result"));
}

#[test]
fn the_dates_are_utc_date_and_time() {
    let facts = ResultFacts {
        started_ms: Some(0),
        finished_ms: 1_796_300_002_345,
        ..succeeded()
    };
    let note = render_result(&facts);
    assert!(note.contains("\nstarted: 1970-01-01T00:00:00\n"), "{note}");
    let finished = chrono::DateTime::from_timestamp_millis(1_796_300_002_345).unwrap();
    let expected = format!("\nfinished: {}\n", finished.format("%Y-%m-%dT%H:%M:%S"));
    assert!(note.contains(&expected), "{note}");
}

#[test]
fn absent_facts_are_left_out_not_written_as_zero() {
    let facts = ResultFacts {
        id: "x1".into(),
        outcome: Some(Outcome::Invalid),
        finished_ms: 1_796_300_000_000,
        reason: "line 2: unknown type `chatt`\nline 3: missing `model`".into(),
        ..ResultFacts::default()
    };
    let note = render_result(&facts);
    for absent in [
        "cluster_job",
        "type:",
        "model:",
        "node",
        "tokens",
        "duration",
        "cost",
        "started",
        "source",
    ] {
        assert!(!note.contains(absent), "{absent} in {note}");
    }
    assert_eq!(frontmatter(&note)["status"].as_str(), Some("invalid"));
    assert_eq!(
        body(&note),
        "# x1\n\nInvalid: the job note has problems, so nothing was run. Fix them in a new note.\n\n\
         - line 2: unknown type `chatt`\n- line 3: missing `model`\n"
    );
}

#[test]
fn a_success_shows_the_answer_and_the_notes_used() {
    let note = render_result(&succeeded());
    assert_eq!(
        body(&note),
        "# Why sky\n\nThe sky is blue because of Rayleigh scattering.\n\n\
         Used:\n- [[Physics/Light]]\n- [[Sky]]\n\nJob note: [[Runner/done/why-sky]]\n"
    );
}

#[test]
fn an_empty_answer_is_said_not_left_blank() {
    let facts = ResultFacts {
        answer: " \n".into(),
        cited: vec![],
        ..succeeded()
    };
    assert!(body(&render_result(&facts)).starts_with("# Why sky\n\nThe model returned no text.\n"));
}

#[test]
fn a_rejection_gives_each_reason_and_says_no_other_model_ran() {
    let facts = ResultFacts {
        outcome: Some(Outcome::Rejected),
        node: None,
        answer: String::new(),
        cited: vec![],
        title: String::new(),
        job_note_link: "Runner/failed/why-sky".into(),
        reason: "davas: down since 10:02\nhomelab: gemma4:27b is not installed\n".into(),
        ..succeeded()
    };
    let note = render_result(&facts);
    assert_eq!(frontmatter(&note)["status"].as_str(), Some("rejected"));
    assert_eq!(
        body(&note),
        "# why-sky\n\nRejected: no node could run gemma4:27b.\n\n- davas: down since 10:02\n\
         - homelab: gemma4:27b is not installed\n\nIt was not run on another model.\n\n\
         Job note: [[Runner/failed/why-sky]]\n"
    );
}

#[test]
fn other_failures_say_what_happened() {
    let failed = ResultFacts {
        outcome: Some(Outcome::Failed),
        reason: "ollama: out of memory".into(),
        ..succeeded()
    };
    let note = render_result(&failed);
    assert!(body(&note).contains(
        "Failed: gemma4:27b on davas did not finish the job.\n\n- ollama: out of memory\n"
    ));
    assert!(!note.contains("Rayleigh"));
    let unavailable = ResultFacts {
        outcome: Some(Outcome::Unavailable),
        job_type: "research".into(),
        ..ResultFacts::default()
    };
    assert!(render_result(&unavailable).contains("Unavailable: `research` jobs cannot run here."));
    let cancelled = ResultFacts {
        outcome: Some(Outcome::Cancelled),
        ..ResultFacts::default()
    };
    assert!(
        render_result(&cancelled).contains("Cancelled: the job was stopped before it finished.")
    );
}

#[test]
fn nasty_titles_and_values_stay_one_heading_and_valid_yaml() {
    let facts = ResultFacts {
        title: "line one\nline two: yes".into(),
        model: "yes".into(),
        node: Some("a: b # c".into()),
        ..succeeded()
    };
    let note = render_result(&facts);
    assert!(body(&note).starts_with("# line one line two: yes\n\n"));
    let yaml = frontmatter(&note);
    assert_eq!(yaml["model"].as_str(), Some("yes"));
    assert_eq!(yaml["node"].as_str(), Some("a: b # c"));
}
