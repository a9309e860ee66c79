//! Tests of the problem-line checks: a check that cannot fail tests nothing.

use super::*;
use crate::Key;

const SCHEMA: Schema = Schema {
    keys: &[
        Key::optional("grpc_addr", Kind::Text),
        Key::optional("nodes", Kind::Tables(&[Key::required("name", Kind::Text)])),
    ],
    parts: &[],
    words: &[],
};

#[test]
fn a_line_naming_no_file_variable_or_key_is_caught() {
    let file = "/tmp/x/fuzz.toml";
    assert!(names_its_origin(
        "/tmp/x/fuzz.toml:3: unknown key `a`",
        file,
        SCHEMA
    ));
    assert!(names_its_origin(
        "RUNNER_GRPC_ADDR=x: not an address",
        file,
        SCHEMA
    ));
    assert!(names_its_origin(
        "config: GROQ_API_KEY is not set",
        file,
        SCHEMA
    ));
    assert!(names_its_origin(
        "config: nodes.name: missing",
        file,
        SCHEMA
    ));
    assert!(!names_its_origin(
        "config: 127.0.0.1:0 is not set",
        file,
        SCHEMA
    ));
    assert!(!names_its_origin("   ", file, SCHEMA));
}

#[test]
fn secrets_in_a_loaded_config_or_its_problems_are_caught() {
    let env = MapEnv::default();
    let leak = check_loading(b"", &env, true, SCHEMA, &["s3cret"], |_, _| Ok("s3cret"));
    assert!(leak.is_err());
    let fine = check_loading(b"", &env, false, SCHEMA, &["s3cret"], |_, _| Ok("***"));
    assert!(fine.is_ok());
}
