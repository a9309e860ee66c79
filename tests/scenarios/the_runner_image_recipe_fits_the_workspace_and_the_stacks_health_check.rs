//! `compose/Dockerfile` cannot be built here (no Docker engine), so what can be checked
//! without building it is: its pinned Rust is at least the workspace's `rust-version`, the
//! runtime is the builder's Debian release (glibc), the packages it builds have the binaries
//! it copies, curl (the stack's health check) is installed, the build context leaves out the
//! secrets and `target/`, and the stack runs `runner serve` from it.

use anyhow::Context;
use tests::deploy_files::repo_root;

fn dockerfile() -> anyhow::Result<String> {
    Ok(std::fs::read_to_string(
        repo_root().join("compose/Dockerfile"),
    )?)
}

/// The default of `ARG NAME=value`.
fn arg_default(dockerfile: &str, name: &str) -> anyhow::Result<String> {
    dockerfile
        .lines()
        .find_map(|line| line.strip_prefix(&format!("ARG {name}=")))
        .map(str::to_owned)
        .with_context(|| format!("no ARG {name}= in the Dockerfile"))
}

fn version(text: &str) -> Vec<u32> {
    text.split('.')
        .filter_map(|part| part.parse().ok())
        .collect()
}

#[test]
fn the_pinned_rust_builds_the_workspace_on_the_runtimes_debian() -> anyhow::Result<()> {
    let dockerfile = dockerfile()?;
    let rust_image = arg_default(&dockerfile, "RUST_IMAGE")?;
    let (pinned, release) = rust_image
        .strip_prefix("rust:")
        .and_then(|tag| tag.split_once('-'))
        .with_context(|| format!("{rust_image} is not rust:<version>-<debian release>"))?;
    assert_eq!(
        version(pinned).len(),
        3,
        "{rust_image} is not pinned to a patch release"
    );
    let manifest: toml::Table = std::fs::read_to_string(repo_root().join("Cargo.toml"))?.parse()?;
    let wanted = manifest["workspace"]["package"]["rust-version"]
        .as_str()
        .context("no rust-version")?;
    assert!(
        version(pinned) >= version(wanted),
        "rust {pinned} is older than rust-version {wanted}"
    );
    let runtime = arg_default(&dockerfile, "RUNTIME_IMAGE")?;
    assert_eq!(
        runtime,
        format!("debian:{release}-slim"),
        "the runtime's glibc is not the builder's"
    );
    Ok(())
}

#[test]
fn the_binaries_it_copies_are_the_ones_its_packages_build() -> anyhow::Result<()> {
    let dockerfile = dockerfile()?;
    for (package, binary) in [("runner", "runner"), ("agent", "runner-agent")] {
        assert!(
            dockerfile.contains(&format!("--package {package}")),
            "{package} is not built"
        );
        let manifest: toml::Table =
            std::fs::read_to_string(repo_root().join(package).join("Cargo.toml"))?.parse()?;
        let names: Vec<&str> = manifest["bin"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|bin| bin["name"].as_str())
            .collect();
        assert!(
            names.contains(&binary),
            "{package} builds {names:?}, not {binary}"
        );
        assert!(
            dockerfile.contains(&format!("target/release/{binary} /out/{binary}")),
            "{binary} is not copied"
        );
    }
    assert!(
        dockerfile.contains("--locked"),
        "the build does not use Cargo.lock"
    );
    let compose = std::fs::read_to_string(repo_root().join("compose/docker-compose.yml"))?;
    assert!(compose.contains("command: [serve, --config, /etc/llm-runner/coordinator.toml]"));
    assert!(dockerfile.contains("ENTRYPOINT [\"/usr/local/bin/runner\"]"));
    Ok(())
}

#[test]
fn curl_is_there_for_the_health_check_and_no_secret_enters_the_context() -> anyhow::Result<()> {
    let dockerfile = dockerfile()?;
    let installs = dockerfile
        .lines()
        .find(|line| line.contains("apt-get install"))
        .context("the runtime installs nothing")?;
    assert!(
        installs.contains(" curl") && installs.contains("ca-certificates"),
        "{installs}"
    );
    assert!(
        dockerfile.contains("USER runner:runner"),
        "the image runs as root"
    );
    let ignore = std::fs::read_to_string(repo_root().join("compose/Dockerfile.dockerignore"))?;
    let ignored: Vec<&str> = ignore
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect();
    for path in [".git", "target", "compose/.env", "compose/coordinator.toml"] {
        assert!(ignored.contains(&path), "{path} enters the build context");
    }
    Ok(())
}
