//! Turns `runner submit`'s flags into the `JobSpec` the coordinator routes: the job kind
//! follows from the input flag, only the options the user set are sent, and the texts given
//! as `--prompt -` (stdin), `--prompt-file PATH` or `--message ROLE:@PATH` are read here.

use std::io::Read;
use std::path::Path;

use proto::v1::{ChatMessage, JobKind, JobSpec, ModelOptions};

use crate::cli::args::{ModelOptionArgs, SubmitArgs};
use crate::cli::exit_code::ClientError;

/// `--prompt -`: the prompt is read from stdin (no argument-length limit).
const FROM_STDIN: &str = "-";

pub fn job_spec_from_args(args: &SubmitArgs, stdin: impl Read) -> Result<JobSpec, ClientError> {
    let mut spec = JobSpec {
        model: args.model.trim().to_owned(),
        options: model_options(&args.options),
        retries: args.retries,
        idempotency_key: args.idempotency_key.clone().unwrap_or_default(),
        ..Default::default()
    };
    // clap's "input" group guarantees exactly one of prompt, prompt file, messages and embeds.
    if !args.messages.is_empty() {
        spec.kind = JobKind::Chat as i32;
        let system = args.system.iter().map(|text| ChatMessage {
            role: "system".to_owned(),
            content: text.clone(),
        });
        let mut messages = Vec::with_capacity(args.messages.len() + 1);
        for message in system.chain(args.messages.iter().cloned()) {
            messages.push(read_message_file(message)?);
        }
        spec.messages = messages;
    } else if !args.embed_texts.is_empty() {
        spec.kind = JobKind::Embed as i32;
        spec.texts = args.embed_texts.clone();
    } else {
        spec.kind = JobKind::Generate as i32;
        spec.system = args.system.clone().unwrap_or_default();
        spec.prompt = match (&args.prompt, &args.prompt_file) {
            (Some(prompt), _) if prompt == FROM_STDIN => read_stdin(stdin)?,
            (Some(prompt), _) => prompt.clone(),
            (None, Some(path)) => read_file(path, "--prompt-file")?,
            (None, None) => String::new(),
        };
    }
    Ok(spec)
}

/// `user:@notes.txt` is the file's text; any other content is the message itself.
fn read_message_file(message: ChatMessage) -> Result<ChatMessage, ClientError> {
    match message.content.strip_prefix('@') {
        Some(path) => Ok(ChatMessage {
            content: read_file(Path::new(path), "--message ROLE:@PATH")?,
            role: message.role,
        }),
        None => Ok(message),
    }
}

fn read_file(path: &Path, flag: &str) -> Result<String, ClientError> {
    std::fs::read_to_string(path).map_err(|error| {
        ClientError::Input(format!("cannot read {} ({flag}): {error}", path.display()))
    })
}

fn read_stdin(mut stdin: impl Read) -> Result<String, ClientError> {
    let mut prompt = String::new();
    stdin.read_to_string(&mut prompt).map_err(|error| {
        ClientError::Input(format!(
            "cannot read the prompt from stdin (--prompt -): {error}"
        ))
    })?;
    Ok(prompt)
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
        stop: options.stop.clone(),
        top_p: options.top_p,
    };
    (model_options != ModelOptions::default()).then_some(model_options)
}

#[cfg(test)]
mod tests;
