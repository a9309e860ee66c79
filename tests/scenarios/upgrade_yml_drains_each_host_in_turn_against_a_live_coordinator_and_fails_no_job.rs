//! `ansible/upgrade.yml` run for real against a live coordinator while clients keep submitting:
//! after `site.yml` installed everything into temporary roots, the installed binaries are made
//! to differ from the new ones, and the upgrade drains each host in turn with
//! `runner drain NODE --wait` (run on the coordinator's host), installs the new binary,
//! undrains with `runner undrain NODE --wait`, then drains every node before the coordinator's
//! binary is replaced and undrains them after. No job fails, a submit is refused only while every
//! node is draining, and no node is left draining. (systemd's restart itself is not run here: the
//! roles skip systemctl in a temporary root; the rolling-upgrade scenario restarts real agents.)

use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context as _, ensure};
use futures::StreamExt as _;
use proto::v1::job_event::Event;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{JobState, SubmitJobRequest};
use tests::ansible_deploy::{DeployWorkspace, HOSTS};
use tests::cluster::{ClusterSpec, Patience, TestCluster, generate_spec};
use tonic_types::StatusExt as _;

use crate::support::QWEN;

#[tokio::test]
async fn upgrade_yml_drains_each_host_in_turn_against_a_live_coordinator_and_fails_no_job()
-> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster.wait_every_node_ready(Patience::seconds(20)).await?;
    for node in HOSTS {
        // 20 tokens at 25 ms: a job runs about half a second, so a drain may find one running.
        cluster.ollama(node).set_answer_tokens(20);
        cluster
            .ollama(node)
            .set_token_delay(Duration::from_millis(25));
    }
    let grpc_port = cluster
        .grpc_url()
        .rsplit_once(':')
        .map(|(_, port)| port.to_owned())
        .context("no port in the coordinator's URL")?;
    let workspace = DeployWorkspace::new(&cluster.ollama("davas").url())?;
    // The CLI on contabo reaches the live coordinator; contabo runs no provider agents here.
    workspace.set_host_vars(
        "contabo",
        &format!(
            "ansible_host: 127.0.0.1\nrunner_coordinator_grpc_port: {grpc_port}\nrunner_provider_agents: []"
        ),
    )?;
    let installed = workspace
        .run_playbook("site.yml", &["--skip-tags", "ollama,alloy"])
        .await?;
    ensure!(installed.success, "site.yml failed:\n{}", installed.output);

    // The installed binaries become "the old version": one byte more (they still run).
    let mut old_binaries = vec![workspace.root("contabo").join("usr/local/bin/runner")];
    old_binaries.extend(HOSTS.map(|host| workspace.root(host).join("usr/local/bin/runner-agent")));
    for binary in &old_binaries {
        std::fs::OpenOptions::new()
            .append(true)
            .open(binary)?
            .write_all(b"\0")?;
    }

    let upgrade_done = AtomicBool::new(false);
    let grpc_url = cluster.grpc_url();
    let (upgrade, jobs) = tokio::join!(
        async {
            let run = workspace.run_playbook("upgrade.yml", &[]).await;
            upgrade_done.store(true, Ordering::SeqCst);
            run
        },
        submit_until(&grpc_url, &upgrade_done)
    );
    let upgrade = upgrade?;
    let (states, refusals) = jobs?;
    println!(
        "upgrade.yml: {:.1} s; {} jobs ran, {} submits refused",
        upgrade.elapsed.as_secs_f64(),
        states.len(),
        refusals.len()
    );
    ensure!(upgrade.success, "upgrade.yml failed:\n{}", upgrade.output);
    for node in HOSTS {
        // Drained and undrained on its host's turn, and again for the coordinator's.
        ensure!(
            upgrade.output.matches(&format!("(item={node})")).count() == 4,
            "{node} was not drained and undrained twice:\n{}",
            upgrade.output
        );
        ensure!(
            !cluster.node(node).await?.draining,
            "{node} is left draining"
        );
    }
    let failed: Vec<&String> = states
        .iter()
        .filter(|state| *state != "succeeded")
        .collect();
    ensure!(failed.is_empty(), "jobs did not succeed: {failed:?}");
    ensure!(!states.is_empty(), "no job ran during the upgrade");
    // Refusals are allowed only while every node is drained for the coordinator's turn.
    for refusal in &refusals {
        ensure!(
            refusal.contains("draining"),
            "a submit was refused: {refusal}"
        );
    }

    Ok(())
}

/// Submits qwen jobs one after another until `done`; returns each ended job's state word and
/// each refused submit's message.
async fn submit_until(url: &str, done: &AtomicBool) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    let mut client = JobServiceClient::connect(url.to_owned()).await?;
    let (mut states, mut refusals) = (Vec::new(), Vec::new());
    while !done.load(Ordering::SeqCst) {
        let spec = generate_spec(QWEN, &format!("job {}", states.len()));
        let mut events = match client
            .submit_and_watch(SubmitJobRequest { spec: Some(spec) })
            .await
        {
            Ok(stream) => stream.into_inner(),
            Err(status) => {
                // The reasons travel in the details, one per node.
                let reasons: Vec<String> = status
                    .get_details_precondition_failure()
                    .map(|failure| {
                        failure
                            .violations
                            .into_iter()
                            .map(|violation| {
                                format!("{}: {}", violation.subject, violation.description)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                refusals.push(format!("{} ({})", status.message(), reasons.join("; ")));
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
        };
        let mut last = None;
        while let Some(event) = events.next().await {
            if let Some(Event::Job(job)) = event?.event {
                last = Some(job);
            }
        }
        let job = last.context("a watch carried no job")?;
        states.push(if job.state == JobState::Succeeded as i32 {
            "succeeded".to_owned()
        } else {
            format!(
                "{:?} on {}: {}",
                JobState::try_from(job.state),
                job.node,
                job.reason
            )
        });
    }
    Ok((states, refusals))
}
