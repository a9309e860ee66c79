//! Tests of the `env_source` module.

use super::*;

#[test]
fn dotenv_lines_are_parsed_like_shells_write_them() {
    let parsed =
        parse_dotenv("# comment\nexport A=1\nB = \"two words\"\nC='x=y'\n\nbroken line\nD=");
    assert_eq!(parsed.get("A").map(String::as_str), Some("1"));
    assert_eq!(parsed.get("B").map(String::as_str), Some("two words"));
    assert_eq!(parsed.get("C").map(String::as_str), Some("x=y"));
    assert_eq!(parsed.get("D").map(String::as_str), Some(""));
    assert_eq!(parsed.len(), 4);
}

#[test]
fn a_missing_dotenv_file_is_fine() {
    let env = ProcessEnv::load(Path::new("/nonexistent/.env")).unwrap();
    assert!(env.dotenv.is_empty());
}

#[test]
fn dotenv_values_are_read_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".env");
    std::fs::write(&path, "LLM_RUNNER_TEST_ONLY_IN_FILE=from-file\n").unwrap();
    let env = ProcessEnv::load(&path).unwrap();
    assert_eq!(
        env.get("LLM_RUNNER_TEST_ONLY_IN_FILE").as_deref(),
        Some("from-file")
    );
}

#[test]
fn a_named_env_file_must_exist_and_is_read() {
    let error = ProcessEnv::load_required(Path::new("/nonexistent/agent.env"))
        .err()
        .unwrap();
    assert!(
        error.starts_with("cannot read the env file /nonexistent/agent.env:"),
        "{error}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agent.env");
    std::fs::write(&path, "LLM_RUNNER_TEST_ONLY_IN_NAMED_FILE=named\n").unwrap();
    let env = ProcessEnv::load_required(&path).unwrap();
    assert_eq!(
        env.get("LLM_RUNNER_TEST_ONLY_IN_NAMED_FILE").as_deref(),
        Some("named")
    );
}
