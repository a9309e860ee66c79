//! One simulated agent: its own HTTP/2 connection to the coordinator, the real `Attach` stream
//! (hello with the bearer token, then a status at once and every second at its own phase, and
//! at once when its Ollama "changes"), and jobs answered at once: started, one delta, completed.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, bail};
use proto::v1::agent_job_update::Event;
use proto::v1::agent_link_service_client::AgentLinkServiceClient;
use proto::v1::coordinator_message::Kind;
use proto::v1::{
    AgentJobUpdate, AgentMessage, AssignJob, CoordinatorMessage, JobCompletedOnNode,
    JobStartedOnNode, OllamaStats, agent_message,
};
use tokio::sync::{Semaphore, mpsc, watch};
use tokio::time::{Instant, MissedTickBehavior};
use tonic::Streaming;
use tonic::metadata::MetadataValue;
use tonic::transport::Endpoint;

use super::payload;

/// How long the coordinator may take to welcome an agent before the simulation gives up on it.
const WELCOME_TIMEOUT: Duration = Duration::from_secs(60);
/// Messages waiting for the wire, as in the real agent.
const OUTGOING_QUEUE: usize = 256;
/// The real agent's heartbeat (the coordinator's `HEARTBEAT_INTERVAL_MS`).
pub const STATUS_INTERVAL: Duration = Duration::from_secs(1);

/// Who one simulated agent is and when in the second its statuses go out.
#[derive(Debug, Clone)]
pub struct SimAgentPlan {
    pub index: usize,
    pub node: String,
    pub token: String,
    /// Its first periodic status (after the one sent at attach); statuses follow every second.
    pub first_tick: Instant,
}

/// What every simulated agent shares with the simulator.
#[derive(Debug, Clone)]
pub struct SimShared {
    pub endpoint: Endpoint,
    /// Bounds how many agents dial and say hello at the same time.
    pub dialing: Arc<Semaphore>,
    /// Agents that got their welcome.
    pub welcomed: Arc<AtomicUsize>,
    /// Agents whose link ended before the simulation did.
    pub dropped: Arc<AtomicUsize>,
    /// Jobs answered by all agents.
    pub jobs_answered: Arc<AtomicUsize>,
    /// The latest any periodic status left after its due time, in microseconds: when this
    /// process cannot keep up, the coordinator rightly hears silence.
    pub worst_status_lateness_us: Arc<AtomicU64>,
    /// Turns to `true` when the simulation ends.
    pub stop: watch::Receiver<bool>,
}

/// Runs one agent until the simulation stops; an error says why its link ended early.
pub async fn run_sim_agent(
    plan: SimAgentPlan,
    shared: SimShared,
    mut ollama_reachable: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let (outgoing, mut incoming) = {
        // Held until welcomed, so at most `dialing` handshakes are in flight.
        let _permit = shared.dialing.acquire().await?;
        attach(&plan, &shared.endpoint).await?
    };
    shared.welcomed.fetch_add(1, Ordering::Relaxed);
    let mut sequence = 1;
    let reachable = *ollama_reachable.borrow_and_update();
    send(&outgoing, status(&plan, sequence, reachable, false)).await?;
    // Whether the last status listed the models (the real agent then says "unchanged").
    let mut list_sent = reachable;
    let first_tick = super::simulator::next_on_phase(plan.first_tick, Instant::now());
    let mut ticks = tokio::time::interval_at(first_tick, STATUS_INTERVAL);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut stop = shared.stop.clone();
    loop {
        tokio::select! {
            // The one change the simulator makes is to stop (or to go away).
            _ = stop.changed() => return Ok(()),
            message = incoming.message() => match message {
                Ok(Some(message)) => {
                    if answer(&outgoing, message).await? {
                        shared.jobs_answered.fetch_add(1, Ordering::Relaxed);
                    }
                }
                Ok(None) => bail!("{}: the coordinator closed the stream", plan.node),
                Err(status) => bail!("{}: the stream failed: {status}", plan.node),
            },
            changed = ollama_reachable.changed() => {
                changed.context("the simulator went away")?;
                sequence += 1;
                let reachable = *ollama_reachable.borrow_and_update();
                send(&outgoing, status(&plan, sequence, reachable, list_sent)).await?;
                list_sent = reachable;
            }
            due = ticks.tick() => {
                let late = u64::try_from(due.elapsed().as_micros()).unwrap_or(u64::MAX);
                shared.worst_status_lateness_us.fetch_max(late, Ordering::Relaxed);
                sequence += 1;
                let reachable = *ollama_reachable.borrow();
                send(&outgoing, status(&plan, sequence, reachable, list_sent)).await?;
                list_sent = reachable;
            }
        }
    }
}

/// Dials on a connection of its own (`Endpoint::connect` makes a new one every time), sends
/// hello with the token, and waits for the welcome.
async fn attach(
    plan: &SimAgentPlan,
    endpoint: &Endpoint,
) -> anyhow::Result<(mpsc::Sender<AgentMessage>, Streaming<CoordinatorMessage>)> {
    let channel = endpoint
        .connect()
        .await
        .with_context(|| format!("{} cannot connect", plan.node))?;
    let mut client = AgentLinkServiceClient::new(channel);
    let (outgoing, queued) = mpsc::channel(OUTGOING_QUEUE);
    let hello = agent_message::Kind::Hello(payload::hello(&plan.node, plan.index));
    send(&outgoing, hello).await?;
    let mut request = tonic::Request::new(tokio_stream::wrappers::ReceiverStream::new(queued));
    let authorization = MetadataValue::try_from(format!("Bearer {}", plan.token))?;
    request
        .metadata_mut()
        .insert("authorization", authorization);
    let welcomed = async {
        let mut incoming = client.attach(request).await?.into_inner();
        match incoming.message().await?.and_then(|message| message.kind) {
            Some(Kind::Welcome(_)) => Ok(incoming),
            other => Err(tonic::Status::internal(format!(
                "expected a welcome, got {other:?}"
            ))),
        }
    };
    let incoming = tokio::time::timeout(WELCOME_TIMEOUT, welcomed)
        .await
        .with_context(|| format!("{}: no welcome within {WELCOME_TIMEOUT:?}", plan.node))?
        .with_context(|| format!("{}: attach refused", plan.node))?;
    Ok((outgoing, incoming))
}

fn status(
    plan: &SimAgentPlan,
    sequence: u64,
    reachable: bool,
    list_sent: bool,
) -> agent_message::Kind {
    agent_message::Kind::Status(payload::status(
        &plan.node, plan.index, sequence, reachable, list_sent,
    ))
}

/// Answers an assignment at once; true when the message was one.
async fn answer(
    outgoing: &mpsc::Sender<AgentMessage>,
    message: CoordinatorMessage,
) -> anyhow::Result<bool> {
    let Some(Kind::Assign(AssignJob { job_id, spec, .. })) = message.kind else {
        return Ok(false);
    };
    let model = spec.map(|spec| spec.model).unwrap_or_default();
    let completed = JobCompletedOnNode {
        model,
        stats: Some(OllamaStats {
            total_duration_ns: 1_000_000,
            eval_count: 1,
            eval_duration_ns: 500_000,
            done_reason: "stop".to_owned(),
            ..OllamaStats::default()
        }),
        embeddings: Vec::new(),
        ..JobCompletedOnNode::default()
    };
    for (seq, event) in (1..).zip([
        Event::Started(JobStartedOnNode {}),
        Event::Delta("ok".to_owned()),
        Event::Completed(completed),
    ]) {
        let update = AgentJobUpdate {
            job_id: job_id.clone(),
            event: Some(event),
            seq,
        };
        send(outgoing, agent_message::Kind::Job(update)).await?;
    }
    Ok(true)
}

async fn send(
    outgoing: &mpsc::Sender<AgentMessage>,
    kind: agent_message::Kind,
) -> anyhow::Result<()> {
    outgoing
        .send(AgentMessage { kind: Some(kind) })
        .await
        .context("the link's request stream closed")
}
