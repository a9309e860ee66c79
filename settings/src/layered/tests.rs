//! Tests of the `layered` module.

mod fuzz;

use super::*;
use crate::MapEnv;

const KEYS: &[Key] = &[
    Key::optional("grpc_addr", Kind::Text),
    Key::optional("http_addr", Kind::Text),
    Key::optional("heartbeat_timeout", Kind::Duration),
    Key::optional("max_parallel", Kind::WholeNumber),
    Key::optional(
        "routes",
        Kind::Tables(&[Key::required("model", Kind::Text)]),
    ),
];

fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn problems_of(path: Option<&Path>, env: &MapEnv) -> Vec<String> {
    let mut problems = Problems::default();
    load_table(path, env, KEYS, &mut problems);
    problems
        .finish(|| ())
        .err()
        .map(|error| error.problems)
        .unwrap_or_default()
}

#[test]
fn environment_overrides_the_file_key_by_key() {
    let (_dir, path) = write("grpc_addr = \"127.0.0.1:1\"\nhttp_addr = \"127.0.0.1:2\"\n");
    let env = MapEnv::from_pairs([
        ("RUNNER_GRPC_ADDR", "127.0.0.1:9"),
        ("RUNNER_MAX_PARALLEL", "4"),
        ("RUNNER_ROUTES", r#"[{ model = "m" }]"#),
        ("RUNNER_NOT_A_KEY", "ignored"),
    ]);
    let mut problems = Problems::default();
    let table = load_table(Some(&path), &env, KEYS, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(table["grpc_addr"].as_str(), Some("127.0.0.1:9"));
    assert_eq!(table["http_addr"].as_str(), Some("127.0.0.1:2"));
    assert_eq!(table["max_parallel"].as_integer(), Some(4));
    assert_eq!(table["routes"][0]["model"].as_str(), Some("m"));
    assert!(!table.contains_key("not_a_key"));
}

#[test]
fn bad_toml_and_missing_files_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "grpc_addr = \n").unwrap();
    let mut problems = problems_of(Some(&path), &MapEnv::default());
    problems.extend(problems_of(
        Some(&dir.path().join("none.toml")),
        &MapEnv::default(),
    ));
    assert_eq!(problems.len(), 2);
    assert!(
        problems[0].contains("bad.toml:1:13: not valid TOML"),
        "{problems:?}"
    );
    assert!(problems[1].contains("cannot read"));
}

#[test]
fn a_problem_names_the_file_and_line_of_its_key_or_its_variable() {
    let (_dir, path) = write("grpc_addr = \"x\"\n\nheartbeat_timout = \"3s\"\n");
    let env = MapEnv::from_pairs([
        ("RUNNER_MAX_PARALLEL", "lots"),
        ("RUNNER_HEARTBEAT_TIMEOUT", "soon"),
    ]);
    let name = path.display();
    assert_eq!(
        problems_of(Some(&path), &env),
        [
            "RUNNER_HEARTBEAT_TIMEOUT=soon: expected a duration such as \"3s\", \"500ms\", \"2m\" or a number of seconds".to_owned(),
            format!("{name}:3: unknown key `heartbeat_timout` (did you mean `heartbeat_timeout`?)"),
            "RUNNER_MAX_PARALLEL=lots: expected a whole number, like 16".to_owned(),
        ]
    );
}

#[test]
fn a_bare_number_of_seconds_is_a_duration_in_the_file_and_the_environment() {
    let (_dir, path) = write("heartbeat_timeout = 5\n");
    assert!(problems_of(Some(&path), &MapEnv::default()).is_empty());
    let env = MapEnv::from_pairs([("RUNNER_HEARTBEAT_TIMEOUT", "5")]);
    assert!(problems_of(None, &env).is_empty());
}
