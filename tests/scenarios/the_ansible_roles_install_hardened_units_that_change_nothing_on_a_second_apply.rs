//! `ansible/` as an operator runs it, on this machine: ansible-lint's production profile finds
//! nothing and both playbooks parse; `site.yml` applied to three inventory hosts (each into
//! its own temporary root, on the local connection, with the binaries this build made)
//! installs the agents, the provider agents and the coordinator; a second apply changes
//! nothing; every unit passes `systemd-analyze verify` with no remark and scores an exposure
//! of 3.0 or less; the real binaries accept every installed config; no secret reaches the
//! output and every env file is 0600. With mutual TLS set, the certificates and keys are
//! installed readable by the service's group only, and every config uses them.

use std::os::unix::fs::PermissionsExt as _;
use std::time::Instant;

use anyhow::{Context as _, ensure};
use tests::ansible_deploy::{
    DeployWorkspace, HOSTS, TAILSCALE_ADDRESS, ansible_dir, play_recap, security_exposure,
    verify_unit,
};
use tests::fake_ollama::FakeOllama;
use tests::mutual_tls::make_certificates;

const HIGHEST_EXPOSURE: f64 = 3.0;

#[tokio::test]
async fn ansible_lint_production_finds_nothing_and_both_playbooks_parse() -> anyhow::Result<()> {
    let started = Instant::now();
    let lint = tokio::process::Command::new("ansible-lint")
        .current_dir(ansible_dir())
        .env("NO_COLOR", "1")
        .output()
        .await
        .context("cannot run ansible-lint (cargo xtask ci installs it)")?;
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&lint.stdout),
        String::from_utf8_lossy(&lint.stderr)
    );
    println!("ansible-lint: {:.1} s", started.elapsed().as_secs_f64());
    ensure!(
        lint.status.success(),
        "ansible-lint found problems:\n{report}"
    );
    ensure!(
        report.contains("Profile 'production' was required, and it passed"),
        "ansible-lint did not pass the production profile:\n{report}"
    );
    for playbook in ["site.yml", "upgrade.yml"] {
        let started = Instant::now();
        let check = tokio::process::Command::new("ansible-playbook")
            .current_dir(ansible_dir())
            .env("ANSIBLE_CONFIG", ansible_dir().join("ansible.cfg"))
            .args(["-i", "inventory.example.yml", "--syntax-check", playbook])
            .output()
            .await?;
        println!(
            "syntax check of {playbook}: {:.1} s",
            started.elapsed().as_secs_f64()
        );
        ensure!(
            check.status.success(),
            "{playbook}: {}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
    }
    Ok(())
}

#[tokio::test]
async fn the_roles_install_hardened_units_that_change_nothing_on_a_second_apply()
-> anyhow::Result<()> {
    let ollama = FakeOllama::start(&["gemma4:27b", "qwen2.5:14b"]).await?;
    let workspace = DeployWorkspace::new(&ollama.url())?;

    let first = workspace.run_playbook("site.yml", &[]).await?;
    println!("first apply: {:.1} s", first.elapsed.as_secs_f64());
    ensure!(first.success, "the first apply failed:\n{}", first.output);
    for (host, recap) in play_recap(&first.output)? {
        ensure!(
            recap.changed > 0,
            "{host} changed nothing on the first apply"
        );
    }

    let second = workspace.run_playbook("site.yml", &[]).await?;
    println!("second apply: {:.1} s", second.elapsed.as_secs_f64());
    ensure!(
        second.success,
        "the second apply failed:\n{}",
        second.output
    );
    let recap = play_recap(&second.output)?;
    ensure!(recap.len() == HOSTS.len(), "recap: {recap:?}");
    for (host, counts) in &recap {
        ensure!(
            counts.changed == 0 && counts.failed == 0,
            "{host} on the second apply: {counts:?}\n{}",
            second.output
        );
    }

    for (name, value) in &workspace.secrets {
        ensure!(
            !first.output.contains(value.as_str()) && !second.output.contains(value.as_str()),
            "the value of {name} appears in ansible-playbook's output"
        );
    }
    check_units(&workspace).await?;
    check_configs(&workspace).await?;
    let agent = std::fs::read_to_string(workspace.root("davas").join("etc/llm-runner/agent.toml"))?;
    ensure!(
        agent.contains("coordinator = \"http://contabo.example-tailnet.ts.net:7070\""),
        "the agent does not dial the coordinator's tailnet name:\n{agent}"
    );
    Ok(())
}

#[tokio::test]
async fn with_mutual_tls_the_roles_install_the_certificates_for_the_service_only_and_configs_that_use_them()
-> anyhow::Result<()> {
    let ollama = FakeOllama::start(&["gemma4:27b", "qwen2.5:14b"]).await?;
    let workspace = DeployWorkspace::new(&ollama.url())?;
    let certs = tempfile::tempdir()?;
    make_certificates(
        certs.path(),
        "DNS:contabo.example-tailnet.ts.net",
        &["contabo", "homelab", "davas"],
    )
    .await?;
    let dir = certs.path().display();
    let vars = certs.path().join("tls.yml");
    std::fs::write(
        &vars,
        format!(
            "runner_coordinator_agent_tls: {{cert: {dir}/coordinator.pem, key: \
             {dir}/coordinator.key, client_ca: {dir}/ca.pem}}\n\
             runner_agent_tls: {{ca: {dir}/ca.pem, cert: \"{dir}/{{{{ inventory_hostname }}}}.pem\", \
             key: \"{dir}/{{{{ inventory_hostname }}}}.key\"}}\n"
        ),
    )?;
    let extra = format!("@{}", vars.display());
    let apply = workspace.run_playbook("site.yml", &["-e", &extra]).await?;
    println!(
        "apply with mutual TLS: {:.1} s",
        apply.elapsed.as_secs_f64()
    );
    ensure!(apply.success, "the apply failed:\n{}", apply.output);

    let contabo = workspace.root("contabo");
    let coordinator = std::fs::read_to_string(contabo.join("etc/llm-runner/coordinator.toml"))?;
    ensure!(
        coordinator.contains("agent_tls_addr = \"0.0.0.0:7443\"")
            && coordinator.contains("/etc/llm-runner/tls/client-ca.pem"),
        "coordinator.toml:\n{coordinator}"
    );
    let mut installed = vec![contabo.join("etc/llm-runner/tls/coordinator.key")];
    for host in HOSTS {
        let root = workspace.root(host);
        let agent = std::fs::read_to_string(root.join("etc/llm-runner/agent.toml"))?;
        ensure!(
            agent.contains("coordinator = \"https://contabo.example-tailnet.ts.net:7443\"")
                && agent.contains("tls_key = "),
            "{host}'s agent.toml:\n{agent}"
        );
        let key = root.join("etc/llm-runner/tls/agent.key");
        ensure!(
            std::fs::read(&key)? == std::fs::read(certs.path().join(format!("{host}.key")))?,
            "{host} got another node's key"
        );
        installed.push(key);
    }
    let provider = std::fs::read_to_string(contabo.join("etc/llm-runner/agent-groq.toml"))?;
    ensure!(
        provider.contains("https://") && provider.contains("tls_cert = "),
        "the provider agent's config:\n{provider}"
    );
    for file in &installed {
        let mode = std::fs::metadata(file)?.permissions().mode() & 0o777;
        ensure!(mode == 0o640, "{} is {mode:o}, not 640", file.display());
        let dir_mode = std::fs::metadata(file.parent().context("a parent")?)?
            .permissions()
            .mode()
            & 0o777;
        ensure!(dir_mode == 0o750, "{} is {dir_mode:o}", file.display());
    }
    // The real binaries read the installed certificates and key.
    check_configs(&workspace).await
}

/// Every installed unit verifies without a remark and scores at most HIGHEST_EXPOSURE.
async fn check_units(workspace: &DeployWorkspace) -> anyhow::Result<()> {
    let contabo = workspace.root("contabo").join("etc/systemd/system");
    let mut units = vec![
        (
            contabo.join("runner-coordinator.service"),
            "runner-coordinator.service",
        ),
        (
            contabo.join("runner-agent@.service"),
            "runner-agent@groq.service",
        ),
    ];
    for host in HOSTS {
        units.push((
            workspace
                .root(host)
                .join("etc/systemd/system/runner-agent.service"),
            "runner-agent.service",
        ));
    }
    for (unit, name) in &units {
        let remarks = verify_unit(unit, name).await?;
        ensure!(remarks.trim().is_empty(), "{name}: {remarks}");
        let exposure = security_exposure(unit, name).await?;
        println!("{}: exposure {exposure:.1}", unit.display());
        ensure!(
            exposure <= HIGHEST_EXPOSURE,
            "{name} scores {exposure}, above {HIGHEST_EXPOSURE}"
        );
    }
    Ok(())
}

/// The installed binaries accept the installed configs with their env files; the agents dial
/// the coordinator's tailnet name and the coordinator binds only the Tailscale address.
async fn check_configs(workspace: &DeployWorkspace) -> anyhow::Result<()> {
    let contabo = workspace.root("contabo");
    let coordinator_config = contabo.join("etc/llm-runner/coordinator.toml");
    let mut checks = vec![(
        contabo.join("usr/local/bin/runner"),
        vec!["serve".to_owned()],
        coordinator_config.clone(),
        contabo.join("etc/llm-runner/coordinator.env"),
    )];
    for host in HOSTS {
        let root = workspace.root(host);
        checks.push((
            root.join("usr/local/bin/runner-agent"),
            Vec::new(),
            root.join("etc/llm-runner/agent.toml"),
            root.join("etc/llm-runner/agent.env"),
        ));
    }
    for provider in ["groq", "gemini", "anthropic"] {
        checks.push((
            contabo.join("usr/local/bin/runner-agent"),
            Vec::new(),
            contabo.join(format!("etc/llm-runner/agent-{provider}.toml")),
            contabo.join(format!("etc/llm-runner/agent-{provider}.env")),
        ));
    }
    for (binary, subcommand, config, env_file) in &checks {
        let output = tokio::process::Command::new(binary)
            .args(subcommand)
            .arg("--check-config")
            .arg("--env-file")
            .arg(env_file)
            .arg("--config")
            .arg(config)
            .env_clear()
            .output()
            .await?;
        let said = String::from_utf8_lossy(&output.stdout);
        ensure!(
            output.status.success() && said.starts_with("config ok"),
            "{} rejects {}: {said}{}",
            binary.display(),
            config.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let mode = std::fs::metadata(env_file)?.permissions().mode() & 0o777;
        ensure!(mode == 0o600, "{} has mode {mode:o}", env_file.display());
    }
    let coordinator = std::fs::read_to_string(&coordinator_config)?;
    for key in ["grpc_addr", "http_addr"] {
        ensure!(
            coordinator.contains(&format!("{key} = \"{TAILSCALE_ADDRESS}:")),
            "{key} is not bound to the Tailscale address:\n{coordinator}"
        );
    }
    Ok(())
}
