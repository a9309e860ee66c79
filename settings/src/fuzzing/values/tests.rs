//! Tests of the generated values: each kind of key gets values of its kind, and others.

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

use super::*;

const SCHEMA: Schema = Schema {
    keys: &[
        Key::optional("grpc_addr", Kind::Text),
        Key::optional("nodes", Kind::Tables(&[Key::required("name", Kind::Text)])),
    ],
    parts: &[],
    words: &[],
};

#[test]
fn tables_hold_the_schemas_keys_in_their_kinds_and_sometimes_in_others() {
    let mut runner = TestRunner::deterministic();
    let (mut text, mut other, mut arrays) = (0, 0, 0);
    for _ in 0..300 {
        let table = table(SCHEMA.keys, SCHEMA)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        match table.get("grpc_addr") {
            Some(Value::String(_)) => text += 1,
            Some(_) => other += 1,
            None => {}
        }
        arrays += usize::from(matches!(table.get("nodes"), Some(Value::Array(_))));
    }
    assert!(
        text > other && other > 0 && arrays > 0,
        "{text} {other} {arrays}"
    );
}
