//! Tests of the fuzzing inputs and checks themselves: a check that cannot fail tests nothing.

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

use super::*;
use crate::Kind;

const SCHEMA: Schema = Schema {
    keys: &[
        Key::optional("grpc_addr", Kind::Text),
        Key::optional("nodes", Kind::Tables(&[Key::required("name", Kind::Text)])),
    ],
    parts: &[],
    words: &[],
};

#[test]
fn generated_documents_are_mostly_toml_and_environments_name_their_overrides() {
    let mut runner = TestRunner::deterministic();
    let mut parsed = 0;
    for _ in 0..200 {
        let bytes = config_file(SCHEMA).new_tree(&mut runner).unwrap().current();
        let parses =
            std::str::from_utf8(&bytes).is_ok_and(|text| text.parse::<toml::Table>().is_ok());
        parsed += usize::from(parses);
        let env = environment(SCHEMA).new_tree(&mut runner).unwrap().current();
        assert!(
            env.keys()
                .all(|name| name.starts_with("RUNNER_") || name == "DAVAS_TOKEN")
        );
    }
    assert!(parsed > 100, "only {parsed} of 200 documents were TOML");
}
