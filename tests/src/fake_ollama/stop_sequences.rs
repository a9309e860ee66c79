//! Ollama's `options.stop` (docs/api.md, "Generate request (With options)": `"stop": ["\n",
//! "user:"]`): generation ends where the first stop sequence appears, the sequence itself is not
//! part of the answer, and the final chunk says `done_reason: "stop"`. The stand-in's answer is
//! known in advance (see `answer.rs`), so where a stop sequence cuts it is worked out up front.

use serde_json::Value;

use super::answer::answer_token;

/// Where a stop sequence ends the answer to a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StopCut {
    /// Tokens streamed: those wholly before the stop sequence, plus the one it begins inside
    /// when part of that token comes before it.
    pub streamed_tokens: usize,
    /// The text of the last streamed token when the stop sequence begins inside it.
    pub partial_last_token: Option<String>,
    /// Tokens the model generated, through the one the stop sequence ends in (`eval_count`).
    pub evaluated_tokens: usize,
    /// The stop sequence that matched (Anthropic's `stop_sequence`).
    pub sequence: String,
}

/// `options.stop` as Ollama reads it: a list of strings (a lone string is taken as one).
pub(crate) fn stop_sequences(options: Option<&Value>) -> Vec<String> {
    string_or_strings(options.and_then(|options| options.get("stop")))
}

/// A list of stop sequences as the vendors write it: an array of strings, or (Ollama, OpenAI)
/// one string; empty strings stop nothing and are skipped.
pub(crate) fn string_or_strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .filter(|sequence| !sequence.is_empty())
            .map(str::to_owned)
            .collect(),
        Some(Value::String(sequence)) if !sequence.is_empty() => vec![sequence.clone()],
        _ => Vec::new(),
    }
}

/// Where the earliest of `stop` appears in the first `answer_tokens` tokens of the answer to
/// `prompt`; `None` when none does.
pub(crate) fn stop_cut(prompt: &str, answer_tokens: usize, stop: &[String]) -> Option<StopCut> {
    let tokens: Vec<String> = (0..answer_tokens)
        .map(|index| answer_token(prompt, index))
        .collect();
    let text: String = tokens.concat();
    let (start, sequence) = stop
        .iter()
        .filter(|sequence| !sequence.is_empty())
        .filter_map(|sequence| text.find(sequence.as_str()).map(|at| (at, sequence)))
        .min()?;
    let end = start + sequence.len();
    let mut offset = 0;
    let mut cut = None;
    for (index, token) in tokens.iter().enumerate() {
        let token_end = offset + token.len();
        if cut.is_none() && token_end > start {
            let before = &token[..start - offset];
            cut = Some(StopCut {
                streamed_tokens: index + usize::from(!before.is_empty()),
                partial_last_token: (!before.is_empty()).then(|| before.to_owned()),
                evaluated_tokens: index + 1,
                sequence: sequence.clone(),
            });
        }
        if let Some(cut) = cut.as_mut()
            && token_end >= end
        {
            cut.evaluated_tokens = index + 1;
            break;
        }
        offset = token_end;
    }
    cut
}

#[cfg(test)]
mod tests;
