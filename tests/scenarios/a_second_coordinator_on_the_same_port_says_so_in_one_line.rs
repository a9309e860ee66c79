//! A second coordinator on a port the first holds exits 1 with one line naming the address
//! and the likely cause, each said once.

use std::time::Duration;

use tests::cluster::binary_path;

#[tokio::test]
async fn a_second_coordinator_on_the_same_port_says_so_in_one_line() -> anyhow::Result<()> {
    let holder = std::net::TcpListener::bind("127.0.0.1:0")?;
    let taken = holder.local_addr()?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("coordinator.toml");
    std::fs::write(
        &path,
        format!("grpc_addr = \"{taken}\"\nhttp_addr = \"127.0.0.1:0\"\ndata_dir = \"data\"\n"),
    )?;
    let output = tokio::time::timeout(
        Duration::from_secs(30),
        tokio::process::Command::new(binary_path("runner")?)
            .args(["serve", "--config"])
            .arg(&path)
            .current_dir(dir.path())
            .output(),
    )
    .await??;
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("runner: cannot listen on {taken} (grpc_addr)")),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("Address already in use").count(),
        1,
        "{stderr}"
    );
    Ok(())
}
