//! `[alerts]` parsing: defaults, every key, every problem, and the webhook secret kept out of
//! problems and `Debug`.

use std::time::Duration;

use settings::{MapEnv, Problems, toml};

use super::{AlertsConfig, WEBHOOK_ENV};

const URL: &str = "https://discord.com/api/webhooks/1/very-secret-token";

fn parse(text: &str, env: &MapEnv) -> (AlertsConfig, Vec<String>) {
    let table: toml::Table = text.parse().unwrap();
    let mut problems = Problems::default();
    let config = AlertsConfig::from_settings(Some(&table), env, &mut problems);
    let listed = match problems.finish(|| ()) {
        Ok(()) => Vec::new(),
        Err(error) => error.problems,
    };
    (config, listed)
}

#[test]
fn defaults_without_a_table_or_webhook() {
    let mut problems = Problems::default();
    let config = AlertsConfig::from_settings(None, &MapEnv::default(), &mut problems);
    assert!(problems.is_empty());
    assert!(config.webhook_url.is_none());
    assert_eq!(config.alert_after, Duration::from_secs(15));
    assert_eq!(config.disk_free_min_bytes, 5 * 1024 * 1024 * 1024);
    assert_eq!(config.disk_free_min_percent, None);
    assert!(!config.job_failures);
    assert_eq!(config.username, "llm-runner");
}

#[test]
fn every_key_is_read() {
    let env = MapEnv::from_pairs([(WEBHOOK_ENV, URL)]);
    let (config, problems) = parse(
        "alert_after = \"3s\"\nstartup_grace = \"1s\"\ndisk_free_min_bytes = 1000\ndisk_free_min_percent = 7.5\njob_failures = true\nusername = \"cluster\"\n",
        &env,
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.webhook_url.unwrap().expose(), URL);
    assert_eq!(config.alert_after, Duration::from_secs(3));
    assert_eq!(config.startup_grace, Duration::from_secs(1));
    assert_eq!(config.disk_free_min_bytes, 1000);
    assert_eq!(config.disk_free_min_percent, Some(7.5));
    assert!(config.job_failures);
    assert_eq!(config.username, "cluster");
}

#[test]
fn every_problem_is_listed() {
    let (_, problems) = parse(
        "alert_after = \"soon\"\ndisk_free_min_bytes = -1\ndisk_free_min_percent = 120\njob_failures = \"yes\"\nusername = \"my discord bot\"\ncolour = 1\n",
        &MapEnv::default(),
    );
    assert_eq!(problems.len(), 6, "{problems:?}");
    for expected in [
        "alerts.alert_after",
        "alerts.disk_free_min_bytes",
        "alerts.disk_free_min_percent",
        "alerts.job_failures",
        "alerts.username",
        "unknown key `colour`",
    ] {
        assert!(
            problems.iter().any(|problem| problem.contains(expected)),
            "no problem mentions {expected}: {problems:?}"
        );
    }
}

#[test]
fn a_bad_webhook_url_is_a_problem_that_does_not_print_it() {
    let env = MapEnv::from_pairs([(WEBHOOK_ENV, "discord.com/api/webhooks/1/very-secret-token")]);
    let (config, problems) = parse("", &env);
    assert!(config.webhook_url.is_none());
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains(WEBHOOK_ENV), "{}", problems[0]);
    assert!(
        !problems[0].contains("very-secret-token"),
        "{}",
        problems[0]
    );
}

#[test]
fn the_webhook_url_never_shows_in_debug() {
    let env = MapEnv::from_pairs([(WEBHOOK_ENV, URL)]);
    let (config, _) = parse("", &env);
    let printed = format!("{config:?}");
    assert!(!printed.contains("very-secret-token"), "{printed}");
}

#[test]
fn an_empty_webhook_variable_means_alerts_off() {
    let env = MapEnv::from_pairs([(WEBHOOK_ENV, "  ")]);
    let (config, problems) = parse("", &env);
    assert!(config.webhook_url.is_none() && problems.is_empty());
}
