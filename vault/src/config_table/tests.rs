//! Tests of `[vault]`.

use std::time::Duration;

use settings::{Problems, toml};

use super::*;

fn parse(text: &str) -> (Option<VaultSettings>, Vec<String>) {
    let table: toml::Table = text.parse().unwrap();
    let mut problems = Problems::default();
    let settings = VaultSettings::from_settings(Some(&table), &mut problems);
    let lines = match problems.finish(|| ()) {
        Ok(()) => Vec::new(),
        Err(error) => error.problems,
    };
    (settings, lines)
}

#[test]
fn a_path_alone_takes_the_defaults() {
    let (settings, problems) = parse("path = \"/srv/vault\"");
    assert!(problems.is_empty(), "{problems:?}");
    let settings = settings.unwrap();
    assert_eq!(settings, VaultSettings::for_path(Path::new("/srv/vault")));
    assert_eq!(settings.settle, Duration::from_secs(15));
    let config = settings.worker_config(Path::new("/var/lib/runner"));
    assert_eq!(config.data_dir, Path::new("/var/lib/runner"));
    assert_eq!(config.max_in_flight, 8);
}

#[test]
fn every_key_is_read_and_every_problem_named() {
    let (settings, problems) =
        parse("path = \"/v\"\nsettle = \"2s\"\nrescan = \"30s\"\nmax_in_flight = 3");
    assert!(problems.is_empty(), "{problems:?}");
    let settings = settings.unwrap();
    assert_eq!(
        (settings.settle, settings.rescan, settings.max_in_flight),
        (Duration::from_secs(2), Duration::from_secs(30), 3)
    );
    let (_, problems) =
        parse("path = \"/v\"\nrescan = \"10ms\"\nmax_in_flight = 0\nsetle = \"1s\"");
    let text = problems.join("\n");
    for expected in ["vault.rescan", "vault.max_in_flight: 0", "setle"] {
        assert!(text.contains(expected), "{expected:?} missing: {text}");
    }
    let (settings, problems) = parse("settle = \"1s\"");
    assert!(settings.is_none());
    assert!(problems.join("\n").contains("vault.path"), "{problems:?}");
}
