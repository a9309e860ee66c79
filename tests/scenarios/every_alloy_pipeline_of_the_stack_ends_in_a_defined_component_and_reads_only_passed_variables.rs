//! Alloy cannot be installed here, so the stack's `compose/alloy/*.alloy` (one configuration,
//! as `alloy run /etc/alloy` loads the directory) is read by the harness' small parser: every
//! reference names a component defined with that export, every component that exports
//! something is used, every kind is one the check knows from Alloy's reference, and every
//! variable read with `sys.env` is listed in `.env.example` and passed to the alloy service by
//! compose. The real `alloy validate` runs on contabo (docs/deploy.md).

use std::collections::BTreeSet;

use tests::deploy_files::alloy_wiring::wiring_problems;
use tests::deploy_files::compose_cli::resolved_stack;
use tests::deploy_files::fixture_env::env_example_names;
use tests::deploy_files::{read_alloy_dir, repo_root};

#[tokio::test]
async fn the_stacks_alloy_pipelines_are_wired_end_to_end() -> anyhow::Result<()> {
    let (config, files) = read_alloy_dir(&repo_root().join("compose/alloy"))?;
    assert!(
        files.len() >= 3,
        "expected traces, metrics and logs files: {files:?}"
    );
    let problems = wiring_problems(&config);
    assert!(problems.is_empty(), "{problems:#?}");
    let kinds: BTreeSet<&str> = config.components.iter().map(|c| c.kind.as_str()).collect();
    for kind in [
        "otelcol.receiver.otlp",
        "otelcol.exporter.otlphttp",
        "prometheus.scrape",
        "prometheus.remote_write",
        "prometheus.exporter.unix",
        "prometheus.exporter.cadvisor",
        "loki.source.docker",
        "loki.source.journal",
        "loki.write",
    ] {
        assert!(
            kinds.contains(kind),
            "no {kind} in the stack's Alloy config"
        );
    }
    Ok(())
}

#[tokio::test]
async fn every_variable_alloy_reads_is_listed_and_passed_to_the_alloy_service() -> anyhow::Result<()>
{
    let (config, _) = read_alloy_dir(&repo_root().join("compose/alloy"))?;
    assert!(
        !config.env_vars.is_empty(),
        "the config reads no credentials"
    );
    let listed: BTreeSet<String> = env_example_names()?.into_iter().collect();
    let dir = tempfile::tempdir()?;
    let (stack, _) = resolved_stack(dir.path()).await?;
    let environment = &stack["services"]["alloy"]["environment"];
    for variable in &config.env_vars {
        assert!(
            listed.contains(variable),
            "{variable} is not in compose/.env.example"
        );
        assert!(
            environment[variable]
                .as_str()
                .is_some_and(|value| !value.is_empty()),
            "compose does not pass {variable} to the alloy service"
        );
    }
    Ok(())
}
