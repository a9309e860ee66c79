//! Reading request bodies the way Ollama (gin's `ShouldBindJSON`) does: no `Content-Type`
//! required, an empty body is `missing request body`, malformed JSON is a 400 with the parser's
//! message; plus the request fields several handlers share (`keep_alive`, `options`).

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::errors::ollama_error;

/// A body Ollama would refuse with 400 and this message.
#[derive(Debug, PartialEq)]
pub(crate) struct BadRequestBody(pub String);

impl IntoResponse for BadRequestBody {
    fn into_response(self) -> Response {
        ollama_error(StatusCode::BAD_REQUEST, self.0)
    }
}

/// Parses a JSON request body, or says why Ollama would refuse it.
pub(crate) fn parse_request_body<T: DeserializeOwned>(body: &Bytes) -> Result<T, BadRequestBody> {
    if body.iter().all(u8::is_ascii_whitespace) {
        // Go's decoder reports io.EOF for an empty body; every handler maps it to this.
        return Err(BadRequestBody("missing request body".to_string()));
    }
    // Ollama forwards Go's decoder message; serde's wording differs but the status and shape
    // (400, `{"error": ...}`) are the same.
    serde_json::from_slice(body).map_err(|error| BadRequestBody(error.to_string()))
}

/// True when `keep_alive` asks to unload at once: `0`, `"0"`, `"0s"`, `"0m"`... Ollama reads a
/// number as seconds and a string as a Go duration.
pub(crate) fn keep_alive_is_zero(keep_alive: Option<&Value>) -> bool {
    match keep_alive {
        Some(Value::Number(number)) => number.as_f64() == Some(0.0),
        Some(Value::String(duration)) => duration
            .trim_end_matches(|character: char| character.is_ascii_alphabetic())
            .parse::<f64>()
            .is_ok_and(|amount| amount == 0.0),
        _ => false,
    }
}

/// `options.num_predict` when it caps the answer (Ollama treats -1 and -2 as "no cap").
pub(crate) fn num_predict(options: Option<&Value>) -> Option<usize> {
    options?
        .get("num_predict")?
        .as_i64()
        .and_then(|limit| usize::try_from(limit).ok())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn zero_keep_alive_in_any_spelling_unloads() {
        for zero in [json!(0), json!(0.0), json!("0"), json!("0s"), json!("0m")] {
            assert!(keep_alive_is_zero(Some(&zero)), "{zero} should unload");
        }
        for keep in [json!(-1), json!("5m"), json!(300), Value::Null] {
            assert!(
                !keep_alive_is_zero(Some(&keep)),
                "{keep} should keep the model"
            );
        }
        assert!(!keep_alive_is_zero(None));
    }

    #[test]
    fn num_predict_caps_only_when_positive_or_zero() {
        assert_eq!(num_predict(Some(&json!({"num_predict": 3}))), Some(3));
        assert_eq!(num_predict(Some(&json!({"num_predict": -1}))), None);
        assert_eq!(num_predict(Some(&json!({"temperature": 0}))), None);
        assert_eq!(num_predict(None), None);
    }

    #[test]
    fn an_empty_body_is_missing_and_bad_json_is_rejected() {
        let empty = parse_request_body::<Value>(&Bytes::from_static(b"  "));
        assert_eq!(
            empty,
            Err(BadRequestBody("missing request body".to_string()))
        );
        let broken = parse_request_body::<Value>(&Bytes::from_static(b"{\"model\":"));
        assert!(broken.is_err_and(|rejection| rejection.0.contains("EOF")));
        let rejected = BadRequestBody("nope".to_string()).into_response();
        assert_eq!(rejected.status(), StatusCode::BAD_REQUEST);
        let fine = parse_request_body::<Value>(&Bytes::from_static(b"{\"model\":\"m\"}"));
        assert_eq!(fine.ok(), Some(json!({"model": "m"})));
    }
}
