//! Tests of the `config` module.

use settings::MapEnv;

use super::*;

fn parse(toml_text: &str, env: &[(&str, &str)]) -> (McpConfig, Vec<String>) {
    let table: toml::Table = toml::from_str(toml_text).unwrap();
    let env = MapEnv::from_pairs(env.iter().copied());
    let mut problems = Problems::default();
    let config = McpConfig::from_settings(Some(&table), &env, &mut problems);
    let problems = problems
        .finish(|| ())
        .err()
        .map(|error| error.problems)
        .unwrap_or_default();
    (config, problems)
}

#[test]
fn allowed_hosts_are_read_and_lowercased() {
    let (config, problems) = parse(
        r#"allowed_hosts = ["VPS.tailnet.ts.net", "100.64.0.1:8000"]"#,
        &[],
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        config.allowed_hosts,
        ["vps.tailnet.ts.net", "100.64.0.1:8000"]
    );
    assert!(config.bearer_token.is_none());
}

#[test]
fn every_bad_value_is_a_problem_that_says_what_to_write() {
    let (_, problems) = parse(
        "allowed_hosts = [\"http://vps:8000\", \"\", 3]\ntoken = \"x\"",
        &[],
    );
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems[0].contains("is a URL; give only the host"));
    assert!(problems[1].contains("expected a list of host names"));
    assert!(problems[3].contains("unknown key `token`"));
    assert!(problems[3].contains(TOKEN_ENV));
    let (_, problems) = parse("allowed_hosts = \"vps\"", &[]);
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn the_token_comes_from_the_environment_and_never_prints() {
    let (config, _) = parse("", &[(TOKEN_ENV, "s3cret")]);
    let token = config.bearer_token.clone().unwrap();
    assert!(token.matches("s3cret"));
    assert!(!format!("{config:?}").contains("s3cret"));
    let (blank, _) = parse("", &[(TOKEN_ENV, "  ")]);
    assert!(blank.bearer_token.is_none());
}
