//! Tests of the `layered` module.

use super::*;
use crate::MapEnv;

#[test]
fn environment_overrides_the_file_key_by_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(
        &path,
        "grpc_addr = \"127.0.0.1:1\"\nhttp_addr = \"127.0.0.1:2\"\n",
    )
    .unwrap();
    let env = MapEnv::from_pairs([
        ("RUNNER_GRPC_ADDR", "127.0.0.1:9"),
        ("RUNNER_MAX_PARALLEL", "4"),
        ("RUNNER_ROUTES", r#"[{ model = "m", nodes = ["n"] }]"#),
        ("RUNNER_NOT_A_KEY", "ignored"),
    ]);
    let mut problems = Problems::default();
    let table = load_table(
        Some(&path),
        &env,
        &["grpc_addr", "http_addr", "max_parallel", "routes"],
        &mut problems,
    );
    assert!(problems.is_empty());
    assert_eq!(table["grpc_addr"].as_str(), Some("127.0.0.1:9"));
    assert_eq!(table["http_addr"].as_str(), Some("127.0.0.1:2"));
    assert_eq!(table["max_parallel"].as_integer(), Some(4));
    assert_eq!(table["routes"][0]["nodes"][0].as_str(), Some("n"));
    assert!(!table.contains_key("not_a_key"));
}

#[test]
fn bad_toml_and_missing_files_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "grpc_addr = \n").unwrap();
    let mut problems = Problems::default();
    load_table(Some(&path), &MapEnv::default(), &[], &mut problems);
    load_table(
        Some(&dir.path().join("none.toml")),
        &MapEnv::default(),
        &[],
        &mut problems,
    );
    let error = problems.finish(|| ()).unwrap_err();
    assert_eq!(error.problems.len(), 2);
    assert!(error.problems[0].contains("not valid TOML"));
    assert!(error.problems[1].contains("cannot read"));
}
