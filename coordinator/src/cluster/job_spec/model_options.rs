//! Checks a job's model options (temperature, context, keep_alive, format, stop sequences,
//! top_p) so a bad value is refused at submit with what to change, not on a far node.

use proto::v1::ModelOptions;

use super::InvalidJob;

/// OpenAI's and Groq's `stop` takes at most 4 sequences (Gemini 5, Ollama and Anthropic no
/// documented limit): 4 fits every backend.
const MAX_STOP_SEQUENCES: usize = 4;
const MAX_STOP_SEQUENCE_BYTES: usize = 256;

pub(super) fn validate_options(options: &ModelOptions) -> Result<(), InvalidJob> {
    if let Some(temperature) = options.temperature
        && !(temperature.is_finite() && (0.0..=100.0).contains(&temperature))
    {
        return Err(InvalidJob(format!(
            "temperature {temperature} must be between 0 and 100"
        )));
    }
    if let Some(num_ctx) = options.num_ctx
        && !(1..=1 << 21).contains(&num_ctx)
    {
        return Err(InvalidJob(format!(
            "num_ctx {num_ctx} must be between 1 and 2097152"
        )));
    }
    if let Some(keep_alive) = &options.keep_alive
        && !is_keep_alive(keep_alive)
    {
        return Err(InvalidJob(format!(
            "keep_alive `{}` is not a duration like 5m, 30s, 0 or -1",
            keep_alive.escape_debug()
        )));
    }
    if let Some(format) = &options.format
        && format != "json"
        && !matches!(
            serde_json::from_str::<serde_json::Value>(format),
            Ok(serde_json::Value::Object(_))
        )
    {
        return Err(InvalidJob(format!(
            "format `{}` must be \"json\" or a JSON schema object",
            format.escape_debug()
        )));
    }
    validate_stop(&options.stop)?;
    if let Some(top_p) = options.top_p
        && !(top_p.is_finite() && (0.0..=1.0).contains(&top_p))
    {
        return Err(InvalidJob(format!("top_p {top_p} must be between 0 and 1")));
    }
    Ok(())
}

/// The cloud APIs take at most 4 stop sequences (OpenAI's `stop`); an empty one would end every
/// answer before it starts.
fn validate_stop(stop: &[String]) -> Result<(), InvalidJob> {
    if stop.len() > MAX_STOP_SEQUENCES {
        return Err(InvalidJob(format!(
            "stop has {} sequences, over the limit of {MAX_STOP_SEQUENCES}",
            stop.len()
        )));
    }
    if stop.iter().any(String::is_empty) {
        return Err(InvalidJob(
            "stop has an empty sequence: give each stop sequence some text".into(),
        ));
    }
    if let Some(long) = stop.iter().find(|s| s.len() > MAX_STOP_SEQUENCE_BYTES) {
        return Err(InvalidJob(format!(
            "stop sequence is {} bytes, over the limit of {MAX_STOP_SEQUENCE_BYTES}",
            long.len()
        )));
    }
    Ok(())
}

/// Ollama's keep_alive: a number of seconds or a Go duration (`1h30m`, `5m`, `-1`).
pub(super) fn is_keep_alive(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    if body.is_empty() || body.parse::<f64>().is_ok() {
        return !body.is_empty();
    }
    let mut rest = body;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if digits == 0 {
            return false;
        }
        rest = &rest[digits..];
        let unit = ["ns", "us", "µs", "ms", "s", "m", "h"]
            .iter()
            .find(|unit| rest.starts_with(**unit));
        match unit {
            Some(unit) => rest = &rest[unit.len()..],
            None => return false,
        }
    }
    true
}
