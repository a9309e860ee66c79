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
mod tests;
