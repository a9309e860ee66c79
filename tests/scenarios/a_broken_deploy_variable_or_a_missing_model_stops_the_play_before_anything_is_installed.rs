//! What stops a deploy, and where: `ollama_check` fails naming the model a host's Ollama lacks
//! (and says so when Ollama does not answer) and passes when the models are there; a value
//! of the wrong kind fails the role's argument check before any task; a value only the binary
//! can judge (`max_parallel: 0`, a route naming an unknown node) fails the config check, so the
//! config and the unit are never installed.

use anyhow::ensure;
use tests::ansible_deploy::{DeployWorkspace, play_recap};
use tests::fake_ollama::FakeOllama;

#[tokio::test]
async fn ollama_check_passes_with_the_models_and_names_the_missing_one() -> anyhow::Result<()> {
    let ollama = FakeOllama::start(&["gemma4:27b", "qwen2.5:14b"]).await?;
    let workspace = DeployWorkspace::new(&ollama.url())?;
    let limited = ["--tags", "ollama"];

    let passing = workspace.run_playbook("site.yml", &limited).await?;
    println!(
        "ollama_check with every model: {:.1} s",
        passing.elapsed.as_secs_f64()
    );
    ensure!(passing.success, "{}", passing.output);
    ensure!(
        passing
            .output
            .contains("has every model routed to davas (gemma4:27b)"),
        "{}",
        passing.output
    );

    ollama.remove_model("gemma4:27b");
    let failing = workspace.run_playbook("site.yml", &limited).await?;
    println!(
        "ollama_check without gemma4: {:.1} s",
        failing.elapsed.as_secs_f64()
    );
    ensure!(
        !failing.success,
        "passed without gemma4:\n{}",
        failing.output
    );
    ensure!(
        failing.output.contains("on davas lacks gemma4:27b")
            && failing.output.contains("ollama pull gemma4:27b"),
        "the failure does not name the missing model:\n{}",
        failing.output
    );
    let recap = play_recap(&failing.output)?;
    ensure!(
        recap["davas"].failed == 1 && recap["homelab"].failed == 0,
        "only davas needs gemma4: {recap:?}"
    );

    // An Ollama that does not answer: a port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    workspace.set_host_vars("homelab", &format!("ollama_check_url: \"http://{closed}\""))?;
    let silent = workspace
        .run_playbook(
            "site.yml",
            &[&limited[..], &["--limit", "homelab"]].concat(),
        )
        .await?;
    ensure!(!silent.success, "{}", silent.output);
    ensure!(
        silent
            .output
            .contains(&format!("Ollama at http://{closed} does not answer")),
        "{}",
        silent.output
    );
    Ok(())
}

#[tokio::test]
async fn a_broken_variable_fails_the_play_before_its_config_is_installed() -> anyhow::Result<()> {
    let ollama = FakeOllama::start(&["gemma4:27b", "qwen2.5:14b"]).await?;
    let workspace = DeployWorkspace::new(&ollama.url())?;
    let homelab_config = workspace.root("homelab").join("etc/llm-runner/agent.toml");
    let homelab_unit = workspace
        .root("homelab")
        .join("etc/systemd/system/runner-agent.service");

    // The wrong kind: the role's argument check refuses it before its first task.
    workspace.set_host_vars("homelab", "runner_agent_max_parallel: lots")?;
    let wrong_kind = workspace
        .run_playbook("site.yml", &["--tags", "agent", "--limit", "homelab"])
        .await?;
    println!("wrong kind: {:.1} s", wrong_kind.elapsed.as_secs_f64());
    ensure!(!wrong_kind.success, "{}", wrong_kind.output);
    ensure!(
        wrong_kind.output.contains("runner_agent_max_parallel")
            && wrong_kind.output.contains("Validating arguments"),
        "{}",
        wrong_kind.output
    );
    ensure!(
        !workspace.root("homelab").join("usr").exists(),
        "something was installed"
    );

    // A value only the binary judges: runner-agent --check-config refuses the config.
    workspace.set_host_vars("homelab", "runner_agent_max_parallel: 0")?;
    let zero = workspace
        .run_playbook("site.yml", &["--tags", "agent", "--limit", "homelab"])
        .await?;
    println!("max_parallel 0: {:.1} s", zero.elapsed.as_secs_f64());
    ensure!(!zero.success, "{}", zero.output);
    ensure!(
        zero.output
            .contains("max_parallel: must be at least 1, not 0"),
        "{}",
        zero.output
    );
    ensure!(
        !homelab_config.exists() && !homelab_unit.exists(),
        "the bad config was installed"
    );

    // A route naming a node the coordinator does not know.
    let ghost = workspace
        .run_playbook(
            "site.yml",
            &[
                "--tags",
                "coordinator",
                "-e",
                r#"{"runner_routes": [{"model": "gemma4:27b", "nodes": ["ghost"]}]}"#,
            ],
        )
        .await?;
    println!(
        "route to an unknown node: {:.1} s",
        ghost.elapsed.as_secs_f64()
    );
    ensure!(!ghost.success, "{}", ghost.output);
    ensure!(
        ghost
            .output
            .contains("routes: `gemma4:27b` names node `ghost`, which is not in [[nodes]]"),
        "{}",
        ghost.output
    );
    let contabo = workspace.root("contabo");
    ensure!(
        !contabo.join("etc/llm-runner/coordinator.toml").exists()
            && !contabo
                .join("etc/systemd/system/runner-coordinator.service")
                .exists(),
        "the bad coordinator config was installed"
    );
    Ok(())
}
