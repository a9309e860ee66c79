//! Certificates for the mutual-TLS agent link, made by the very commands
//! `docs/mutual-tls.md` gives (Debian's `openssl`), so the tests prove the document works.

use std::path::{Path, PathBuf};

use anyhow::{Context, ensure};

/// Runs the document's certificate commands in `dir`: a CA (`ca.pem`), the coordinator's
/// server certificate for `san` (`coordinator.pem`, `.key`), and one client certificate per
/// name in `nodes` (`<node>.pem`, `.key`).
pub async fn make_certificates(dir: &Path, san: &str, nodes: &[&str]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let doc = std::fs::read_to_string(repository_file("docs/mutual-tls.md"))?;
    let script = doc
        .split("## Certificates")
        .nth(1)
        .and_then(|section| section.split("```sh\n").nth(1))
        .and_then(|block| block.split("```").next())
        .context("docs/mutual-tls.md has no ```sh block under ## Certificates")?;
    let output = tokio::process::Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .env("SAN", san)
        .env("NODES", nodes.join(" "))
        .current_dir(dir)
        .output()
        .await?;
    ensure!(
        output.status.success(),
        "the documented commands failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(())
}

fn repository_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}
