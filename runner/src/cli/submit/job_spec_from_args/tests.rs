//! Tests of the `job_spec_from_args` module.

use clap::Parser;

use super::*;
use crate::cli::Cli;
use crate::cli::args::{ClientCommand, Command};

fn spec_for(arguments: &[&str]) -> JobSpec {
    let command =
        Cli::try_parse_from([&["runner", "submit", "--model", " gemma4:27b "], arguments].concat())
            .unwrap()
            .command;
    match command {
        Command::Client(ClientCommand::Submit(args)) => job_spec_from_args(&args),
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
}
