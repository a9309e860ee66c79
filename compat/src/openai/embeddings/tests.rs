//! Inputs that are texts, and the two encodings OpenAI's clients ask for.

use super::*;

fn request(body: Value) -> EmbeddingRequest {
    serde_json::from_value(body).unwrap()
}

#[test]
fn one_text_or_a_list_is_embedded_and_tokens_are_refused() {
    let one = request(json!({"model": "m", "input": "hello"}));
    assert_eq!(one.texts().unwrap(), ["hello"]);
    let many = request(json!({"model": "m", "input": ["a", "b"]}));
    assert_eq!(many.texts().unwrap(), ["a", "b"]);
    for input in [json!([1, 2, 3]), json!([[1, 2]]), json!([]), json!(7)] {
        let refusal = request(json!({"model": "m", "input": input}))
            .texts()
            .unwrap_err();
        assert_eq!(refusal.param, Some("input"));
    }
}

#[test]
fn base64_is_little_endian_float32() {
    let encoded = encode(&[1.0, -2.5], true);
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.as_str().unwrap())
        .unwrap();
    let values: Vec<f32> = bytes
        .chunks(4)
        .map(|chunk| f32::from_le_bytes(chunk.try_into().unwrap()))
        .collect();
    assert_eq!(values, [1.0, -2.5]);
    assert_eq!(encode(&[0.5], false), json!([0.5]));
    let bad = request(json!({"model": "m", "input": "x", "encoding_format": "int8"}));
    assert_eq!(
        bad.wants_base64().unwrap_err().param,
        Some("encoding_format")
    );
}
