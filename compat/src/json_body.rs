//! A request body read as JSON the way both dialects need: any content type (clients differ),
//! and a body that is not the expected JSON named in words the caller can act on.

#[cfg(test)]
mod tests;

use serde::de::DeserializeOwned;

use crate::refusal::Refusal;

/// `body` as `T`, or an invalid-request refusal saying where the JSON went wrong.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, Refusal> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Refusal::invalid(
            "body",
            "the request has no body: send a JSON object",
        ));
    }
    serde_json::from_slice(body).map_err(|error| {
        Refusal::invalid("body", format!("the request body is not valid: {error}"))
    })
}
