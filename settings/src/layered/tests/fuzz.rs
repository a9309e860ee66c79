//! Fuzzing layered loading over a schema with every kind of key: any file (a document of
//! right and wrong kinds, damaged, or garbage) under any `RUNNER_*` environment loads without
//! a panic; every problem line says where it comes from; what the check let through passes
//! the check again unchanged. Seeds: the documents the unit tests above load.

use std::path::Path;

use proptest::prelude::*;

use super::super::load_table;
use crate::fuzzing::{Schema, config_file, environment, fuzz_config, names_its_origin};
use crate::{Key, Kind, MapEnv, Problems, check_table};

const PART_KEYS: &[Key] = &[
    Key::required("name", Kind::Text),
    Key::optional("every", Kind::Duration),
    Key::optional("job", Kind::Open),
];

const SCHEMA: Schema = Schema {
    keys: &[
        Key::optional("grpc_addr", Kind::Text),
        Key::optional("heartbeat_timeout", Kind::Duration),
        Key::optional("max_parallel", Kind::WholeNumber),
        Key::optional("ratio", Kind::Number),
        Key::optional("labels", Kind::TextList),
        Key::optional(
            "routes",
            Kind::Tables(&[
                Key::required("model", Kind::Text),
                Key::optional("nodes", Kind::TextList),
            ]),
        ),
        Key::optional("web", Kind::Open),
        Key::optional("parts", Kind::OpenTables),
    ],
    parts: &[("parts", PART_KEYS)],
    words: &["grpc_adr", "route"],
};

/// The table and every problem line of loading `file` (if any) under `env`.
fn load(file: Option<&Path>, env: &MapEnv) -> (toml::Table, Vec<String>) {
    let mut problems = Problems::default();
    let table = load_table(file, env, SCHEMA.keys, &mut problems);
    let lines = problems.finish(|| ()).err().map(|error| error.problems);
    (table, lines.unwrap_or_default())
}

fn check(file_bytes: &[u8], env: &MapEnv, use_file: bool) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().map_err(|error| TestCaseError::fail(error.to_string()))?;
    let path = dir.path().join("fuzz.toml");
    std::fs::write(&path, file_bytes).map_err(|error| TestCaseError::fail(error.to_string()))?;
    let (mut table, lines) = load(use_file.then_some(path.as_path()), env);
    let file_name = path.display().to_string();
    for line in &lines {
        prop_assert!(
            names_its_origin(line, &file_name, SCHEMA),
            "{:?} names no origin",
            line
        );
        prop_assert!(!line.contains('\n'), "one line per problem: {:?}", line);
    }
    let before = table.clone();
    let mut again = Problems::default();
    check_table(&mut table, &[], SCHEMA.keys, &mut again);
    prop_assert!(
        again.is_empty(),
        "what passed the check fails it again: {:?}",
        again
    );
    prop_assert_eq!(table, before);
    Ok(())
}

proptest! {
    #![proptest_config(fuzz_config(2048))]

    #[test]
    fn fuzz_any_file_and_environment_load_with_every_problem_naming_its_origin(
        file in config_file(SCHEMA),
        env in environment(SCHEMA),
        use_file in prop::bool::weighted(0.9),
    ) {
        check(&file, &MapEnv(env), use_file)?;
    }
}

#[test]
fn fuzz_seeds_the_unit_tests_documents_pass_the_same_checks() {
    for document in [
        "grpc_addr = \"127.0.0.1:1\"\nheartbeat_timeout = \"5s\"\n",
        "[[routes]]\nmodel = \"gemma4:27b\"\nnodes = [\"davas\"]\n[[routes]]\nnodes = 3\n",
        "grpc_adr = 1\nmax_parallel = \"four\"\n[web]\ntoken = 1\n[[parts]]\nevery = \"1x\"\n",
        "not = [toml\n",
    ] {
        let env = MapEnv::from_pairs([("RUNNER_MAX_PARALLEL", "x"), ("RUNNER_LABELS", "[1]")]);
        check(document.as_bytes(), &env, true).unwrap();
    }
}
