//! The `alloy` role of `ansible/` (for homelab and davas, which run no Docker), applied for
//! real with `ansible-playbook` into a temporary root (packages, users and systemd are left
//! alone there): the first run writes the credentials (0600, only Grafana Cloud's names), the
//! config and the unit's drop-in, a second run changes nothing, and no secret is printed. The
//! rendered `config.alloy` is wired end to end and reads only the credentials it is given. A
//! stand-in for the `alloy` binary (Alloy cannot be installed here) shows the template is
//! checked with `alloy fmt` and `alloy validate`, with the credentials, before it is
//! installed, and that a refused config is not installed. `ansible-lint --profile production`
//! passes on the role.

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, ensure};
use tests::deploy_files::alloy_wiring::wiring_problems;
use tests::deploy_files::playbook::{changed_count, run_playbook};
use tests::deploy_files::{read_alloy_file, repo_root};

const SECRET_TOKEN: &str = "glc_fixture_never_printed";
const SECRET_NAMES: &[&str] = &[
    "GRAFANA_CLOUD_OTLP_ENDPOINT",
    "GRAFANA_CLOUD_OTLP_USER",
    "GRAFANA_CLOUD_PROMETHEUS_URL",
    "GRAFANA_CLOUD_PROMETHEUS_USER",
    "GRAFANA_CLOUD_LOKI_URL",
    "GRAFANA_CLOUD_LOKI_USER",
    "GRAFANA_CLOUD_TOKEN",
];

/// A temporary project: the playbook, the secrets as the runner_secrets role would leave them
/// (plus one the role must not write), and the root the role writes into.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        std::fs::write(
            dir.path().join("alloy.yml"),
            "---\n- name: Apply the alloy role\n  hosts: localhost\n  gather_facts: false\n  roles:\n    - role: alloy\n",
        )?;
        let mut secrets: serde_json::Map<String, serde_json::Value> = SECRET_NAMES
            .iter()
            .map(|name| {
                (
                    name.to_string(),
                    format!("https://{}.example/x", name.to_lowercase()).into(),
                )
            })
            .collect();
        secrets.insert("GRAFANA_CLOUD_TOKEN".into(), SECRET_TOKEN.into());
        secrets.insert("RUNNER_TOKEN_DAVAS".into(), "not-for-alloy".into());
        let vars = serde_json::json!({ "runner_secrets_values": secrets });
        std::fs::write(dir.path().join("secrets.json"), vars.to_string())?;
        Ok(Self { dir })
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("root")
    }

    async fn apply(
        &self,
        extra: &[String],
        env: &[(&str, &str)],
    ) -> anyhow::Result<std::process::Output> {
        let mut args = vec![
            "-e".to_owned(),
            "@secrets.json".to_owned(),
            "-e".to_owned(),
            format!("alloy_root={}", self.root().display()),
        ];
        args.extend_from_slice(extra);
        let mut command_env: Vec<(String, String)> = vec![(
            "ANSIBLE_ROLES_PATH".into(),
            repo_root().join("ansible/roles").display().to_string(),
        )];
        command_env.extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        run_playbook(self.dir.path(), "alloy.yml", &args, &command_env).await
    }
}

fn assert_no_secret(output: &std::process::Output) {
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !printed.contains(SECRET_TOKEN),
        "the token was printed:\n{printed}"
    );
}

#[tokio::test]
async fn a_second_apply_changes_nothing_and_the_files_hold_what_alloy_needs() -> anyhow::Result<()>
{
    let project = Project::new()?;
    let first = project.apply(&[], &[]).await?;
    assert_no_secret(&first);
    let changed = changed_count(&first)?;
    assert!(changed >= 3, "the first apply changed {changed} tasks");
    let second = project.apply(&[], &[]).await?;
    assert_eq!(
        changed_count(&second)?,
        0,
        "{}",
        String::from_utf8_lossy(&second.stdout)
    );

    let root = project.root();
    let env_file = root.join("etc/alloy/grafana-cloud.env");
    assert_eq!(
        std::fs::metadata(&env_file)?.permissions().mode() & 0o777,
        0o600
    );
    let written: BTreeSet<String> =
        tests::deploy_files::dotenv_names(&std::fs::read_to_string(&env_file)?)
            .into_iter()
            .collect();
    let expected: BTreeSet<String> = SECRET_NAMES.iter().map(|name| name.to_string()).collect();
    assert_eq!(written, expected, "the credentials file holds other names");

    let config = read_alloy_file(&root.join("etc/alloy/config.alloy"))?;
    let problems = wiring_problems(&config);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        config.env_vars, expected,
        "config.alloy reads other variables than it is given"
    );
    let text = std::fs::read_to_string(root.join("etc/alloy/config.alloy"))?;
    for endpoint in ["\"127.0.0.1:4317\"", "\"127.0.0.1:4318\""] {
        assert!(
            text.contains(endpoint),
            "the receiver is not on loopback: {endpoint}"
        );
    }
    let drop_in =
        std::fs::read_to_string(root.join("etc/systemd/system/alloy.service.d/llm-runner.conf"))?;
    assert!(
        drop_in.contains("EnvironmentFile=/etc/alloy/grafana-cloud.env"),
        "{drop_in}"
    );
    Ok(())
}

#[tokio::test]
async fn a_scrape_target_of_the_host_gets_its_own_wired_scrape() -> anyhow::Result<()> {
    let project = Project::new()?;
    let targets =
        r#"{"alloy_scrape_targets": [{"name": "node_local", "address": "127.0.0.1:9100"}]}"#;
    let output = project.apply(&["-e".into(), targets.into()], &[]).await?;
    changed_count(&output)?;
    let config = read_alloy_file(&project.root().join("etc/alloy/config.alloy"))?;
    assert!(
        wiring_problems(&config).is_empty(),
        "{:#?}",
        wiring_problems(&config)
    );
    assert!(
        config
            .components
            .iter()
            .any(|c| c.kind == "prometheus.scrape" && c.label == "node_local"),
        "no scrape for the target"
    );
    Ok(())
}

/// A stand-in for `alloy` (which cannot be installed here): it logs each call and whether the
/// credentials reached it, and refuses `validate` when ALLOY_STAND_IN_REFUSES is set.
fn write_stand_in(dir: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
    let log = dir.join("alloy-calls.log");
    let binary = dir.join("alloy-stand-in");
    std::fs::write(
        &binary,
        format!(
            "#!/bin/sh\nset -u\necho \"$1 token=${{GRAFANA_CLOUD_TOKEN:+set}}\" >> '{}'\n\
             if [ \"$1\" = validate ] && [ -n \"${{ALLOY_STAND_IN_REFUSES:-}}\" ]; then\n\
             echo 'stand-in: refused' >&2; exit 1; fi\nexit 0\n",
            log.display()
        ),
    )?;
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755))?;
    Ok((binary, log))
}

#[tokio::test]
async fn the_config_is_checked_with_its_credentials_first_and_a_refused_one_is_not_installed()
-> anyhow::Result<()> {
    let project = Project::new()?;
    let (stand_in, log) = write_stand_in(project.dir.path())?;
    let check = |label: &str| -> Vec<String> {
        vec![
            "-e".into(),
            "alloy_validate=true".into(),
            "-e".into(),
            format!("alloy_binary={}", stand_in.display()),
            "-e".into(),
            format!("alloy_host_label={label}"),
        ]
    };
    let accepted = project.apply(&check("homelab"), &[]).await?;
    changed_count(&accepted)?;
    let calls = std::fs::read_to_string(&log).context("alloy was never called")?;
    assert_eq!(
        calls.lines().collect::<Vec<_>>(),
        ["fmt token=set", "validate token=set"],
        "{calls}"
    );

    let refused = project
        .apply(&check("davas"), &[("ALLOY_STAND_IN_REFUSES", "1")])
        .await?;
    assert_no_secret(&refused);
    ensure!(
        !refused.status.success(),
        "a refused config did not fail the play"
    );
    let stdout = String::from_utf8_lossy(&refused.stdout);
    assert!(stdout.contains("stand-in: refused"), "{stdout}");
    let installed = std::fs::read_to_string(project.root().join("etc/alloy/config.alloy"))?;
    assert!(
        installed.contains("homelab") && !installed.contains("davas"),
        "the refused config was installed"
    );
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn the_role_passes_ansible_lint_with_the_production_profile() -> anyhow::Result<()> {
    let project = Project::new()?;
    copy_dir(
        &repo_root().join("ansible/roles/alloy"),
        &project.dir.path().join("roles/alloy"),
    )?;
    let output = tokio::process::Command::new("ansible-lint")
        .args([
            "--offline",
            "--nocolor",
            "--profile",
            "production",
            "alloy.yml",
            "roles/alloy",
        ])
        .current_dir(project.dir.path())
        .kill_on_drop(true)
        .output()
        .await
        .context("cannot run ansible-lint (cargo xtask ci installs it)")?;
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{printed}");
    assert!(
        printed.contains("Profile 'production' was required, and it passed"),
        "{printed}"
    );
    Ok(())
}
