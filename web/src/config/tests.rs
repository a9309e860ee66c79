//! Tests of the `config` module.

use settings::MapEnv;

use super::*;

#[test]
fn the_token_comes_from_the_environment_and_never_shows_in_debug() {
    let env = MapEnv::from_pairs([(ACCESS_TOKEN_ENV, "hunter2")]);
    let mut problems = Problems::default();
    let config = WebConfig::from_settings(None, &env, &mut problems);
    assert!(problems.is_empty());
    assert_eq!(
        config.access_token.as_ref().map(|token| token.expose()),
        Some("hunter2")
    );
    assert!(!format!("{config:?}").contains("hunter2"));
}

#[test]
fn an_empty_token_means_no_access_control() {
    let env = MapEnv::from_pairs([(ACCESS_TOKEN_ENV, "")]);
    let mut problems = Problems::default();
    let config = WebConfig::from_settings(None, &env, &mut problems);
    assert!(config.access_token.is_none());
}

#[test]
fn unknown_keys_are_each_reported() {
    let table: toml::Table = toml::from_str("colour = \"blue\"\nsize = 3").unwrap();
    let mut problems = Problems::default();
    WebConfig::from_settings(Some(&table), &MapEnv::default(), &mut problems);
    let text = problems.finish(|| ()).unwrap_err().to_string();
    assert!(
        text.contains("`colour`") && text.contains("`size`"),
        "{text}"
    );
}
