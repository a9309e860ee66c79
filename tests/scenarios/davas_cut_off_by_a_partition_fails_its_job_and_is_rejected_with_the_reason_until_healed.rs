//! A real network partition, in network namespaces this test makes (`tests::netlab`): the
//! coordinator, contabo and davas each in their own namespace, agents and stand-in Ollamas
//! inside, joined by a bridge. While davas runs a gemma4 job its port is taken off the bridge:
//! nothing is closed or reset, both sides just stop hearing each other, as across a dead
//! Tailscale link. The coordinator finds davas silent after `heartbeat_timeout`, fails the job
//! `node_lost` naming davas (it held it longer than any grace), and rejects gemma4 with davas's
//! reason — never running it on contabo — while qwen keeps working there. Healed, davas's
//! agent rejoins by itself and serves gemma4 again.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, ensure};
use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{
    GetJobRequest, JobState, ListJobsRequest, ListNodesRequest, NodeState, SubmitJobRequest,
};
use tests::cluster::{ManagedProcess, Patience, binary_path, eventually, generate_spec};
use tests::fake_ollama::FakeOllama;
use tests::netlab::{NetLab, bind_in, forward_into};
use tonic::Code;
use tonic::transport::Channel;

use crate::support::{GEMMA, QWEN};

const GRPC_PORT: u16 = 7070;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn davas_cut_off_by_a_partition_fails_its_job_and_is_rejected_with_the_reason_until_healed()
-> anyhow::Result<()> {
    let lab = NetLab::new(&["coordinator", "contabo", "davas"])?;
    let dir = tempfile::tempdir()?;
    let ollamas = [
        ("contabo", ollama_in(&lab, "contabo", &[QWEN])?),
        ("davas", ollama_in(&lab, "davas", &[GEMMA, QWEN])?),
    ];
    // 60 tokens at 100 ms: the gemma4 job is still running when the link is cut.
    ollamas[1].1.set_answer_tokens(60);
    ollamas[1].1.set_token_delay(Duration::from_millis(100));

    let coordinator_address = SocketAddr::from((lab.address("coordinator"), GRPC_PORT));
    let _coordinator = start_coordinator(&lab, dir.path(), coordinator_address)?;
    let local = forward_into(&lab.ns("coordinator"), coordinator_address)?;
    let channel = connect(local).await?;
    let mut jobs = JobServiceClient::new(channel.clone());
    let _agents = ollamas
        .iter()
        .map(|(node, ollama)| start_agent(&lab, dir.path(), node, coordinator_address, ollama))
        .collect::<anyhow::Result<Vec<_>>>()?;
    for node in ["contabo", "davas"] {
        wait_state(&channel, node, NodeState::Ready, 30).await?;
    }

    let running = jobs
        .submit_job(SubmitJobRequest {
            spec: Some(generate_spec(GEMMA, "a long story")),
        })
        .await?
        .into_inner()
        .job
        .context("submit answered without a job")?;
    ensure!(running.node == "davas", "gemma4 went to {}", running.node);
    eventually("the gemma4 job to stream", Patience::seconds(15), || {
        let (mut jobs, id) = (jobs.clone(), running.id.clone());
        async move {
            let job = jobs.get_job(GetJobRequest { id }).await?.into_inner();
            ensure!(!job.output.is_empty(), "no tokens yet");
            Ok(())
        }
    })
    .await?;

    let cut_at = std::time::Instant::now();
    lab.cut("davas")?;
    wait_state(&channel, "davas", NodeState::Down, 10).await?;
    let lost = eventually("the cut-off job to end", Patience::seconds(15), || {
        let (mut jobs, id) = (jobs.clone(), running.id.clone());
        async move {
            let job = jobs.get_job(GetJobRequest { id }).await?.into_inner();
            ensure!(job.state != JobState::Running as i32, "still running");
            Ok(job)
        }
    })
    .await?;
    ensure!(
        // Silence, not a closed connection: the cut resets nothing.
        lost.state == JobState::Failed as i32
            && lost.reason.starts_with("node_lost: davas: no heartbeat"),
        "the cut-off job ended {:?}: {}",
        lost.state,
        lost.reason
    );
    let refused = jobs
        .submit_job(SubmitJobRequest {
            spec: Some(generate_spec(GEMMA, "and now?")),
        })
        .await;
    match refused {
        Ok(answer) => anyhow::bail!("gemma4 was accepted while davas is cut off: {answer:?}"),
        Err(status) => ensure!(
            status.code() == Code::Unavailable && status.message().contains(GEMMA),
            "the rejection: {:?} {}",
            status.code(),
            status.message()
        ),
    }
    let qwen = jobs
        .submit_job(SubmitJobRequest {
            spec: Some(generate_spec(QWEN, "meanwhile")),
        })
        .await?
        .into_inner()
        .job
        .context("no job")?;
    ensure!(qwen.node == "contabo", "qwen went to {}", qwen.node);

    let down_for = cut_at.elapsed();
    lab.heal("davas")?;
    wait_state(&channel, "davas", NodeState::Ready, 60).await?;
    eprintln!(
        "davas cut off for {:.1} s (found down, its job failed, gemma4 rejected); back ready \
         {:.1} s after the heal",
        down_for.as_secs_f64(),
        (cut_at.elapsed() - down_for).as_secs_f64()
    );
    ollamas[1].1.set_token_delay(Duration::from_millis(1));
    let again = jobs
        .submit_job(SubmitJobRequest {
            spec: Some(generate_spec(GEMMA, "healed")),
        })
        .await?
        .into_inner()
        .job
        .context("no job")?;
    ensure!(
        again.node == "davas",
        "gemma4 went to {} after the heal",
        again.node
    );

    let every_gemma = jobs
        .list_jobs(ListJobsRequest {
            model: GEMMA.to_owned(),
            limit: 100,
            ..Default::default()
        })
        .await?
        .into_inner()
        .jobs;
    ensure!(
        every_gemma
            .iter()
            .all(|job| job.node.is_empty() || job.node == "davas"),
        "a gemma4 job ran off davas: {every_gemma:?}"
    );
    Ok(())
}

/// A stand-in Ollama listening on 127.0.0.1 inside `host`'s namespace.
fn ollama_in(lab: &NetLab, host: &str, models: &[&str]) -> anyhow::Result<FakeOllama> {
    let listener = bind_in(&lab.ns(host), SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
    listener.set_nonblocking(true)?;
    FakeOllama::serve_on(tokio::net::TcpListener::from_std(listener)?, models)
}

fn start_coordinator(lab: &NetLab, dir: &Path, grpc: SocketAddr) -> anyhow::Result<ManagedProcess> {
    let config = dir.join("coordinator.toml");
    std::fs::write(
        &config,
        format!(
            "grpc_addr = \"{grpc}\"\nhttp_addr = \"127.0.0.1:8000\"\ndata_dir = \"{}\"\n\
             heartbeat_timeout = \"2s\"\n\
             [[nodes]]\nname = \"contabo\"\ntoken_env = \"TOKEN_CONTABO\"\n\
             [[nodes]]\nname = \"davas\"\ntoken_env = \"TOKEN_DAVAS\"\n\
             [[routes]]\nmodel = \"{GEMMA}\"\nnodes = [\"davas\"]\n",
            dir.join("data").display()
        ),
    )?;
    let runner = binary_path("runner")?;
    let args = in_namespace(lab, "coordinator", &runner, &["serve", "--config"], &config);
    let tokens = ["CONTABO", "DAVAS"].map(|node| (format!("TOKEN_{node}"), token(node)));
    ManagedProcess::spawn("coordinator", Path::new("ip"), &args, &tokens, dir)
}

fn start_agent(
    lab: &NetLab,
    dir: &Path,
    node: &str,
    coordinator: SocketAddr,
    ollama: &FakeOllama,
) -> anyhow::Result<ManagedProcess> {
    let config = dir.join(format!("agent-{node}.toml"));
    std::fs::write(
        &config,
        format!(
            "node = \"{node}\"\ncoordinator = \"http://{coordinator}\"\nollama_url = \"{}\"\n\
             probe_interval = \"250ms\"\n",
            ollama.url()
        ),
    )?;
    let agent = binary_path("runner-agent")?;
    let args = in_namespace(lab, node, &agent, &["--config"], &config);
    let token = token(&node.to_ascii_uppercase());
    let env = [("RUNNER_AGENT_TOKEN".to_owned(), token)];
    ManagedProcess::spawn(&format!("agent-{node}"), Path::new("ip"), &args, &env, dir)
}

/// `ip netns exec NS PROGRAM ARGS… FILE` as arguments of `ip`.
fn in_namespace(
    lab: &NetLab,
    host: &str,
    program: &Path,
    args: &[&str],
    file: &Path,
) -> Vec<String> {
    let mut all = vec!["netns".to_owned(), "exec".to_owned(), lab.ns(host)];
    all.push(program.display().to_string());
    all.extend(args.iter().map(|arg| (*arg).to_owned()));
    all.push(file.display().to_string());
    all
}

fn token(node: &str) -> String {
    format!("partition-test-token-{node}-{}", std::process::id())
}

async fn connect(address: SocketAddr) -> anyhow::Result<Channel> {
    eventually(
        "the coordinator to answer",
        Patience::seconds(20),
        || async move {
            let channel = Channel::from_shared(format!("http://{address}"))?
                .connect()
                .await?;
            ClusterServiceClient::new(channel.clone())
                .list_nodes(ListNodesRequest {})
                .await?;
            Ok(channel)
        },
    )
    .await
}

async fn wait_state(
    channel: &Channel,
    node: &str,
    state: NodeState,
    seconds: u64,
) -> anyhow::Result<()> {
    let what = format!("{node} to be {state:?}");
    eventually(&what, Patience::seconds(seconds), || async {
        let nodes = ClusterServiceClient::new(channel.clone())
            .list_nodes(ListNodesRequest {})
            .await?
            .into_inner()
            .nodes;
        let found = nodes
            .iter()
            .find(|candidate| candidate.name == node)
            .context("no such node")?;
        ensure!(found.state == state as i32, "{node} is {:?}", found.state);
        Ok(())
    })
    .await
}
