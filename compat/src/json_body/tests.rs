//! Bodies that are not the expected JSON are refused in words.

use serde::Deserialize;

use super::*;

#[derive(Debug, Deserialize)]
struct Request {
    #[allow(dead_code)]
    model: String,
}

#[test]
fn a_missing_field_or_bad_json_is_named() {
    assert!(parse::<Request>(br#"{"model":"m"}"#).is_ok());
    let missing = parse::<Request>(b"{}").unwrap_err();
    assert!(
        missing.message.contains("missing field `model`"),
        "{}",
        missing.message
    );
    let broken = parse::<Request>(b"{\"model\":").unwrap_err();
    assert!(broken.message.contains("not valid"), "{}", broken.message);
    let empty = parse::<Request>(b" ").unwrap_err();
    assert!(empty.message.contains("no body"), "{}", empty.message);
}
