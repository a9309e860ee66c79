//! Turns `runner submit`'s flags into the `JobSpec` the coordinator routes: the job kind
//! follows from the input flag, and only the options the user set are sent.

use proto::v1::{ChatMessage, JobKind, JobSpec, ModelOptions};

use crate::cli::args::{ModelOptionArgs, SubmitArgs};

pub fn job_spec_from_args(args: &SubmitArgs) -> JobSpec {
    let mut spec = JobSpec {
        model: args.model.trim().to_owned(),
        options: model_options(&args.options),
        retries: args.retries,
        ..Default::default()
    };
    // clap's "input" group guarantees exactly one of prompt, messages and embed texts.
    if !args.messages.is_empty() {
        spec.kind = JobKind::Chat as i32;
        let system = args.system.iter().map(|text| ChatMessage {
            role: "system".to_owned(),
            content: text.clone(),
        });
        spec.messages = system.chain(args.messages.iter().cloned()).collect();
    } else if !args.embed_texts.is_empty() {
        spec.kind = JobKind::Embed as i32;
        spec.texts = args.embed_texts.clone();
    } else {
        spec.kind = JobKind::Generate as i32;
        spec.prompt = args.prompt.clone().unwrap_or_default();
    }
    spec
}

/// `None` when no option was given, so the coordinator sees "Ollama's defaults" plainly.
fn model_options(options: &ModelOptionArgs) -> Option<ModelOptions> {
    let model_options = ModelOptions {
        temperature: options.temperature,
        num_ctx: options.num_ctx,
        seed: options.seed,
        keep_alive: options.keep_alive.clone(),
        format: options.format.clone(),
        num_predict: options.num_predict,
    };
    (model_options != ModelOptions::default()).then_some(model_options)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::Cli;
    use crate::cli::args::{ClientCommand, Command};

    fn spec_for(arguments: &[&str]) -> JobSpec {
        let command = Cli::try_parse_from(
            [&["runner", "submit", "--model", " gemma4:27b "], arguments].concat(),
        )
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
}
