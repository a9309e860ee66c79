//! Tests of the `job_spec_from_args` module.

use clap::Parser;

use super::*;
use crate::cli::Cli;
use crate::cli::args::{ClientCommand, Command};

fn spec_for(arguments: &[&str]) -> JobSpec {
    spec_with_stdin(arguments, b"").unwrap()
}

fn spec_with_stdin(arguments: &[&str], stdin: &[u8]) -> Result<JobSpec, ClientError> {
    let command =
        Cli::try_parse_from([&["runner", "submit", "--model", " gemma4:27b "], arguments].concat())
            .unwrap()
            .command;
    match command {
        Command::Client(ClientCommand::Submit(args)) => job_spec_from_args(&args, stdin),
        other => panic!("parsed as {other:?}"),
    }
}

#[test]
fn a_prompt_is_a_generate_job_with_default_options() {
    let spec = spec_for(&["--prompt", "why is the sky blue"]);
    assert_eq!(spec.kind, JobKind::Generate as i32);
    assert_eq!(spec.model, "gemma4:27b");
    assert_eq!(spec.prompt, "why is the sky blue");
    assert_eq!(spec.options, None);
    assert_eq!(spec.retries, 0);
}

#[test]
fn messages_are_a_chat_job_with_the_system_message_first() {
    let spec = spec_for(&[
        "--message",
        "user:hi",
        "--message",
        "assistant:hello",
        "--system",
        "be brief",
        "--retries",
        "2",
    ]);
    assert_eq!(spec.kind, JobKind::Chat as i32);
    let roles: Vec<&str> = spec
        .messages
        .iter()
        .map(|message| message.role.as_str())
        .collect();
    assert_eq!(roles, ["system", "user", "assistant"]);
    assert_eq!(spec.messages[0].content, "be brief");
    assert_eq!(spec.retries, 2);
}

#[test]
fn embed_texts_are_an_embed_job() {
    let spec = spec_for(&["--embed", "one", "--embed", "two"]);
    assert_eq!(spec.kind, JobKind::Embed as i32);
    assert_eq!(spec.texts, ["one", "two"]);
}

#[test]
fn only_the_given_options_are_sent() {
    let spec = spec_for(&[
        "--prompt",
        "p",
        "--temperature",
        "0.2",
        "--keep-alive",
        "-1",
        "--format",
        "json",
        "--num-predict",
        "64",
    ]);
    let options = spec.options.unwrap();
    assert_eq!(options.temperature, Some(0.2));
    assert_eq!(options.keep_alive.as_deref(), Some("-1"));
    assert_eq!(options.format.as_deref(), Some("json"));
    assert_eq!(options.num_predict, Some(64));
    assert_eq!((options.num_ctx, options.seed), (None, None));
    assert!(options.stop.is_empty() && options.top_p.is_none());
}

#[test]
fn stop_repeats_and_top_p_is_sent() {
    let spec = spec_for(&[
        "--prompt", "p", "--stop", "END", "--stop", "-- ", "--top-p", "0.9",
    ]);
    let options = spec.options.unwrap();
    assert_eq!(options.stop, ["END", "-- "]);
    assert_eq!(options.top_p, Some(0.9));
}

/// Over 128 KiB, the most one argument may hold on Linux: only stdin or a file can carry it.
#[test]
fn a_200_kb_prompt_comes_from_stdin_or_a_file() {
    let long_prompt = "why is the sky blue? ".repeat(10_000);
    assert!(long_prompt.len() > 200_000);
    let spec = spec_with_stdin(&["--prompt", "-"], long_prompt.as_bytes()).unwrap();
    assert_eq!(spec.kind, JobKind::Generate as i32);
    assert_eq!(spec.prompt, long_prompt);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prompt.txt");
    std::fs::write(&path, &long_prompt).unwrap();
    let spec = spec_for(&["--prompt-file", path.to_str().unwrap()]);
    assert_eq!(spec.prompt, long_prompt);
}

#[test]
fn a_message_at_a_path_is_the_files_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("question.txt");
    std::fs::write(&path, "what is: a colon?").unwrap();
    let spec = spec_for(&[
        "--message",
        &format!("user:@{}", path.display()),
        "--message",
        "assistant:plain",
    ]);
    assert_eq!(spec.messages[0].content, "what is: a colon?");
    assert_eq!(spec.messages[1].content, "plain");
}

#[test]
fn an_unreadable_file_is_bad_input_naming_the_path() {
    let error = spec_with_stdin(&["--prompt-file", "/nonexistent/prompt.txt"], b"").unwrap_err();
    assert!(matches!(&error, ClientError::Input(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("cannot read /nonexistent/prompt.txt (--prompt-file): "),
        "{error}"
    );
}

#[test]
fn system_sets_the_generate_jobs_system_field() {
    let spec = spec_for(&["--prompt", "hi", "--system", "answer in French"]);
    assert_eq!(spec.kind, JobKind::Generate as i32);
    assert_eq!(spec.system, "answer in French");
    assert_eq!(spec.prompt, "hi");
}

#[test]
fn an_idempotency_key_goes_with_the_spec_and_none_is_empty() {
    let keyed = spec_for(&["--prompt", "hi", "--idempotency-key", "vault:01KB"]);
    assert_eq!(keyed.idempotency_key, "vault:01KB");
    assert_eq!(spec_for(&["--prompt", "hi"]).idempotency_key, "");
}
