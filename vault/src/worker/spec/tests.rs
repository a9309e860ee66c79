//! The cluster job each kind of note asks for: model as written, prompt or messages, linked
//! notes for a summary, and the claim's id as the idempotency key.

use proto::v1::JobKind;

use super::*;
use crate::ledger::tests::claimed_job;
use crate::worker::shared::tests::TestWorker;

fn note(job_type: JobType, body: &str) -> JobNote {
    JobNote {
        id: None,
        job_type,
        model: "gemma4:27b".to_owned(),
        notify_discord: false,
        temperature: None,
        system: None,
        output: None,
        title: "why-sky".to_owned(),
        body: body.to_owned(),
        links: Vec::new(),
        day: None,
        time_zone: None,
    }
}

fn spec_of(worker: &TestWorker, note: &JobNote) -> Result<(JobSpec, Vec<String>), String> {
    job_spec(&worker.shared, &claimed_job("j1", "why-sky.md", 5), note)
}

fn roles(spec: &JobSpec) -> Vec<(&str, &str)> {
    spec.messages
        .iter()
        .map(|message| (message.role.as_str(), message.content.as_str()))
        .collect()
}

#[tokio::test]
async fn every_spec_names_the_model_as_written_the_claim_as_key_and_the_note_as_source() {
    let worker = TestWorker::new();
    let (spec, cited) = spec_of(&worker, &note(JobType::Generate, "Hi")).unwrap();
    assert_eq!(spec.model, "gemma4:27b");
    assert_eq!(spec.idempotency_key, "vault:j1");
    assert_eq!(spec.source, "vault: Runner/inbox/why-sky.md");
    assert_eq!(spec.options, None, "no temperature, no options");
    assert!(cited.is_empty());
}

#[tokio::test]
async fn a_chat_sends_the_system_then_the_body_as_messages() {
    let worker = TestWorker::new();
    let mut chat = note(JobType::Chat, "Why is the sky blue?");
    chat.system = Some("Answer briefly.".to_owned());
    chat.temperature = Some(0.5);
    let (spec, _) = spec_of(&worker, &chat).unwrap();
    assert_eq!(spec.kind, JobKind::Chat as i32);
    assert_eq!(
        roles(&spec),
        [
            ("system", "Answer briefly."),
            ("user", "Why is the sky blue?")
        ]
    );
    assert!(spec.prompt.is_empty() && spec.system.is_empty());
    assert_eq!(
        spec.options.and_then(|options| options.temperature),
        Some(0.5)
    );

    let (plain, _) = spec_of(&worker, &note(JobType::Chat, "Hello")).unwrap();
    assert_eq!(roles(&plain), [("user", "Hello")]);
}

#[tokio::test]
async fn a_generate_sends_the_body_as_prompt_and_the_system_beside_it() {
    let worker = TestWorker::new();
    let mut generate = note(JobType::Generate, "Write a haiku.");
    generate.system = Some("You are a poet.".to_owned());
    let (spec, _) = spec_of(&worker, &generate).unwrap();
    assert_eq!(spec.kind, JobKind::Generate as i32);
    assert_eq!(
        (spec.prompt.as_str(), spec.system.as_str()),
        ("Write a haiku.", "You are a poet.")
    );
    assert!(spec.messages.is_empty());
}

#[tokio::test]
async fn a_summary_prompt_holds_each_linked_note_under_its_link() {
    let worker = TestWorker::new();
    let projects = worker.vault().join("Projects");
    std::fs::create_dir(&projects).unwrap();
    std::fs::write(
        projects.join("AI governance.md"),
        "---\ntags: [x]\n---\nGovernance text.\n",
    )
    .unwrap();
    std::fs::write(worker.vault().join("Reading.md"), "Reading text.\n").unwrap();
    let mut summary = note(JobType::Summarize, "Focus on risks.");
    summary.links = vec!["Projects/AI governance".to_owned(), "Reading".to_owned()];
    let (spec, cited) = spec_of(&worker, &summary).unwrap();
    assert_eq!(spec.kind, JobKind::Generate as i32);
    assert_eq!(cited, summary.links);
    let prompt = &spec.prompt;
    assert!(
        prompt.contains("\nThe operator's instructions:\nFocus on risks.\n"),
        "{prompt}"
    );
    let governance = prompt.find("\n## [[Projects/AI governance]]\n\nGovernance text.\n");
    let reading = prompt.find("\n## [[Reading]]\n\nReading text.\n");
    assert!(governance.is_some() && reading.is_some(), "{prompt}");
    assert!(governance < reading, "in the order linked: {prompt}");
    assert!(!prompt.contains("tags"), "frontmatter left out: {prompt}");
}

#[tokio::test]
async fn a_summary_of_a_missing_note_cannot_run_and_says_which() {
    let worker = TestWorker::new();
    let mut summary = note(JobType::Summarize, "");
    summary.links = vec!["Nowhere".to_owned()];
    let error = spec_of(&worker, &summary).unwrap_err();
    assert!(error.contains("[[Nowhere]]"), "{error}");
}
