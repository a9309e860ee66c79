//! The mutual-TLS agent listener (docs/mutual-tls.md), with certificates made by the very
//! commands that document gives and the real binaries: an agent with the cluster's CA, its own
//! client certificate and its token attaches and runs a job; an agent that trusts another CA
//! refuses the coordinator, one whose client certificate comes from another CA is refused by
//! the coordinator, and the right certificates with a wrong token are still refused.

use std::net::TcpListener;
use std::path::Path;

use anyhow::ensure;
use proto::v1::{JobState, NodeState};
use tests::cluster::{
    ClusterSpec, ManagedProcess, NodeSpec, Patience, TestCluster, binary_path, eventually,
    generate_spec,
};
use tests::fake_ollama::FakeOllama;
use tests::mutual_tls::make_certificates;

use crate::support::GEMMA;

#[tokio::test]
async fn agents_over_mutual_tls_need_the_right_certificates_and_their_token() -> anyhow::Result<()>
{
    let certs = tempfile::tempdir()?;
    let (ours, rogue) = (certs.path().join("ours"), certs.path().join("rogue"));
    make_certificates(&ours, "IP:127.0.0.1", &["davas"]).await?;
    make_certificates(&rogue, "IP:127.0.0.1", &["davas"]).await?;

    let tls_port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let file = |name: &str| ours.join(name).display().to_string();
    let spec = ClusterSpec {
        nodes: vec![NodeSpec::new("davas", &[GEMMA])],
        routes: Vec::new(),
        ..ClusterSpec::three_hosts()
    }
    .coordinator_env("RUNNER_AGENT_TLS_ADDR", &format!("127.0.0.1:{tls_port}"))
    .coordinator_env("RUNNER_AGENT_TLS_CERT", &file("coordinator.pem"))
    .coordinator_env("RUNNER_AGENT_TLS_KEY", &file("coordinator.key"))
    .coordinator_env("RUNNER_AGENT_TLS_CLIENT_CA", &file("ca.pem"));
    let cluster = TestCluster::start_without_agents(spec).await?;
    let ollama = FakeOllama::start(&[GEMMA]).await?;
    let url = format!("https://127.0.0.1:{tls_port}");
    let agent = |name: &str, ca: &Path, client: &Path, token: &str| {
        spawn_agent(certs.path(), name, &url, &ollama.url(), (ca, client), token)
    };

    // The right CA, the node's certificate and its token: attached, and a job runs.
    let mut good = agent("good", &ours, &ours, cluster.token("davas"))?;
    cluster
        .wait_node_state("davas", NodeState::Ready, Patience::seconds(20))
        .await?;
    let watched = cluster
        .run_job(generate_spec(GEMMA, "why is the sky blue?"))
        .await?;
    ensure!(
        watched.job.state == JobState::Succeeded as i32 && watched.job.node == "davas",
        "the job over mutual TLS ended {:?} on {}: {}",
        watched.job.state,
        watched.job.node,
        watched.job.reason
    );
    good.kill().await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(10))
        .await?;

    let refusals = [
        // Trusts another CA: the coordinator's certificate is refused by the agent.
        (
            "wrong-ca",
            rogue.as_path(),
            ours.as_path(),
            cluster.token("davas"),
            "tls_ca must be the CA",
        ),
        // A client certificate from another CA: refused by the coordinator's handshake.
        (
            "rogue-client",
            ours.as_path(),
            rogue.as_path(),
            cluster.token("davas"),
            "tls_cert must be signed",
        ),
        // The right certificates, a wrong token: the token is still required.
        (
            "wrong-token",
            ours.as_path(),
            ours.as_path(),
            "not-the-token",
            "token rejected",
        ),
    ];
    for (name, ca, client, token, said) in refusals {
        let mut refused = agent(name, ca, client, token)?;
        eventually(
            &format!("the {name} agent to log its refusal"),
            Patience::seconds(15),
            || async {
                let log = refused.log();
                ensure!(
                    log.contains(said),
                    "its log does not say {said:?} yet:\n{log}"
                );
                Ok(())
            },
        )
        .await?;
        let davas = cluster.node("davas").await?;
        ensure!(
            davas.state == NodeState::Down as i32,
            "the {name} agent attached davas: {:?}",
            davas.state
        );
        refused.kill().await?;
    }
    Ok(())
}

/// A `runner-agent` for davas dialling `url` over mutual TLS: trusting `ca_dir`'s CA and
/// showing `client_dir`'s davas certificate.
fn spawn_agent(
    work_dir: &Path,
    name: &str,
    url: &str,
    ollama_url: &str,
    (ca_dir, client_dir): (&Path, &Path),
    token: &str,
) -> anyhow::Result<ManagedProcess> {
    let dir = work_dir.join(name);
    std::fs::create_dir_all(&dir)?;
    let config = dir.join("agent.toml");
    std::fs::write(
        &config,
        format!(
            "node = \"davas\"\ncoordinator = \"{url}\"\nollama_url = \"{ollama_url}\"\n\
             probe_interval = \"250ms\"\ntls_ca = \"{}\"\ntls_cert = \"{}\"\ntls_key = \"{}\"\n",
            ca_dir.join("ca.pem").display(),
            client_dir.join("davas.pem").display(),
            client_dir.join("davas.key").display(),
        ),
    )?;
    ManagedProcess::spawn(
        &format!("agent-{name}"),
        &binary_path("runner-agent")?,
        &["--config".to_owned(), config.display().to_string()],
        &[("RUNNER_AGENT_TOKEN".to_owned(), token.to_owned())],
        &dir,
    )
}
