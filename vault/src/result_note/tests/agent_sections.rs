//! An agent run's result note: `run` and `state` in the frontmatter, the answer, its sources as
//! wiki links and every step with its job id, tokens and error.

use crate::result_note::*;

fn research(outcome: Outcome) -> ResultFacts {
    ResultFacts {
        id: "q1".into(),
        job_type: "research".into(),
        model: "gemma4:27b".into(),
        outcome: Some(outcome),
        job_note_link: "Runner/done/q1".into(),
        input_tokens: Some(300),
        output_tokens: Some(90),
        finished_ms: 1_796_300_002_345,
        answer: "Rayleigh scattering.".into(),
        cited: vec!["Physics/Light.md".into()],
        title: "Why sky".into(),
        run_id: Some("vault-q1".into()),
        run_state: Some("succeeded".into()),
        steps: vec![
            StepFacts {
                name: "plan".into(),
                state: "succeeded".into(),
                job_id: "J-plan".into(),
                input_tokens: Some(100),
                output_tokens: Some(30),
                ..StepFacts::default()
            },
            StepFacts {
                name: "search 1".into(),
                state: "succeeded".into(),
                ..StepFacts::default()
            },
        ],
        ..ResultFacts::default()
    }
}

#[test]
fn a_research_result_has_its_run_sources_and_steps() {
    let note = render_result(&research(Outcome::Succeeded));
    assert!(note.contains("\nrun: vault-q1\n"), "{note}");
    assert!(note.contains("\nstate: succeeded\n"), "{note}");
    assert!(note.contains("\ninput_tokens: 300\n"), "{note}");
    assert!(note.contains("Rayleigh scattering.\n\n## Sources\n\n- [[Physics/Light]]\n"));
    assert!(note.contains("## Steps\n\n- **plan**: succeeded, job `J-plan`, 100 in / 30 out tokens\n- **search 1**: succeeded\n"), "{note}");
    assert!(!note.contains("Used:"), "{note}");
}

#[test]
fn a_failed_step_shows_its_error_and_a_failed_run_no_sources() {
    let mut facts = research(Outcome::Rejected);
    facts.reason = "davas: no heartbeat for 41 s".into();
    facts.steps[0].state = "rejected".into();
    facts.steps[0].error = "no node can run gemma4:27b:\ndavas: down".into();
    let note = render_result(&facts);
    assert!(
        note.contains("Rejected: no node could run gemma4:27b."),
        "{note}"
    );
    assert!(note.contains("- davas: no heartbeat for 41 s\n"), "{note}");
    assert!(note.contains("- **plan**: rejected, job `J-plan`, 100 in / 30 out tokens: no node can run gemma4:27b: davas: down\n"), "{note}");
    assert!(!note.contains("## Sources"), "{note}");
}

#[test]
fn a_job_without_steps_has_no_steps_section() {
    let mut facts = research(Outcome::Succeeded);
    facts.run_id = None;
    facts.steps.clear();
    let note = render_result(&facts);
    assert!(
        !note.contains("## Steps") && !note.contains("run:"),
        "{note}"
    );
    assert!(note.contains("Used:\n- [[Physics/Light.md]]"), "{note}");
}
