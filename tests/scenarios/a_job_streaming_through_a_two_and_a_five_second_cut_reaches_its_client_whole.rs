//! Agents ride out a flap, over a real partition in network namespaces (`tests::netlab`): a
//! gemma4 job streams to a `SubmitAndWatch` client while davas's link is cut for 2 s, and
//! again for 5 s (during which the job finishes on davas). Its agent keeps running it and
//! holds its tokens; the coordinator holds davas `disconnected` rather than failing the job;
//! once the link is back the agent re-attaches and resends what the coordinator missed. The
//! client gets every token, in order, none twice, and the job succeeds on its first attempt
//! with one request to Ollama: nothing ran again.

use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use futures::StreamExt;
use proto::v1::{JobState, NodeState, SubmitJobRequest, job_event};
use tests::cluster::{Patience, eventually, generate_spec};
use tests::fake_ollama::expected_answer;
use tests::netlab::LabCluster;
use tokio::sync::mpsc;

use crate::support::{GEMMA, QWEN};

const TOKENS: usize = 200;
const PROMPT: &str = "a story told through two cuts";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_streaming_through_a_two_and_a_five_second_cut_reaches_its_client_whole()
-> anyhow::Result<()> {
    let cluster = LabCluster::start(
        &[("contabo", &[QWEN]), ("davas", &[GEMMA, QWEN])],
        &[(GEMMA, "davas")],
    )
    .await?;
    // 200 tokens at 50 ms: about 10 s of output, across both cuts.
    let davas_ollama = cluster.ollama("davas")?;
    davas_ollama.set_answer_tokens(TOKENS);
    davas_ollama.set_token_delay(Duration::from_millis(50));

    let mut events = cluster
        .jobs()
        .submit_and_watch(SubmitJobRequest {
            spec: Some(generate_spec(GEMMA, PROMPT)),
        })
        .await?
        .into_inner();
    // Every event as the client reads it, with when.
    let (seen, mut heard) = mpsc::unbounded_channel();
    let reader = tokio::spawn(async move {
        while let Some(event) = events.next().await {
            if seen.send((Instant::now(), event?.event)).is_err() {
                break;
            }
        }
        anyhow::Ok(())
    });
    let mut client = Client::default();
    client
        .read_until(&mut heard, |client| client.text.len() > 10)
        .await?;

    let first = cut_and_heal(&cluster, &mut client, &mut heard, Duration::from_secs(2)).await?;
    client
        .read_until(&mut heard, |client| {
            client.deltas_after(first.healed_at) > 0
        })
        .await?;
    let first_back = client.first_delta_after(first.healed_at);
    // The last 50 tokens take 2.5 s: the job ends on davas during the 5 s cut.
    client
        .read_until(&mut heard, |client| client.deltas.len() >= TOKENS - 50)
        .await?;
    let second = cut_and_heal(&cluster, &mut client, &mut heard, Duration::from_secs(5)).await?;
    client
        .read_until(&mut heard, |client| client.ended.is_some())
        .await?;
    reader.await??;

    let job = client.ended.clone().context("no final record")?;
    ensure!(
        job.state == JobState::Succeeded as i32 && job.node == "davas" && job.attempt == 1,
        "the job ended {:?} on {} attempt {}: {}",
        job.state,
        job.node,
        job.attempt,
        job.reason
    );
    let expected = expected_answer(PROMPT, TOKENS);
    ensure!(
        client.text == expected,
        "the client's text is not the answer: {:?}",
        client.text
    );
    ensure!(
        job.output == expected,
        "the stored output is not the answer"
    );
    ensure!(
        client.restarts == 0,
        "the output restarted {} times: a new attempt",
        client.restarts
    );
    ensure!(
        second.ended_during,
        "the job did not end during the 5 s cut"
    );
    let requests = davas_ollama.requests("/api/generate");
    ensure!(requests == 1, "davas's Ollama was asked {requests} times");
    eprintln!(
        "2 s cut: davas {} before the heal, next token at the client {} ms after it; 5 s cut: \
         davas {} before the heal and ready {} ms after it, the job finished on davas during the cut; the client got \
         all {TOKENS} tokens in order, none twice, attempt 1, one Ollama request",
        first.state_before_heal,
        first_back.map_or("-".to_owned(), |at| at
            .duration_since(first.healed_at)
            .as_millis()
            .to_string()),
        second.state_before_heal,
        second.ready_after.as_millis(),
    );
    Ok(())
}

/// What the client has read so far.
#[derive(Default)]
struct Client {
    text: String,
    deltas: Vec<(Instant, String)>,
    /// A record saying the output starts over (a new attempt): must never come.
    restarts: usize,
    ended: Option<proto::v1::Job>,
}

impl Client {
    async fn read_until(
        &mut self,
        heard: &mut mpsc::UnboundedReceiver<(Instant, Option<job_event::Event>)>,
        done: impl Fn(&Self) -> bool,
    ) -> anyhow::Result<()> {
        while !done(self) {
            let (at, event) = tokio::time::timeout(Duration::from_secs(40), heard.recv())
                .await
                .context("the client heard nothing for 40 s")?
                .context("the stream ended before the job did")?;
            match event {
                Some(job_event::Event::Delta(text)) => {
                    self.text.push_str(&text);
                    self.deltas.push((at, text));
                }
                Some(job_event::Event::Job(job)) => {
                    if job.attempt > 1 || (job.output.is_empty() && !self.text.is_empty()) {
                        self.restarts += 1;
                    }
                    if tests::cluster::is_terminal(&job) {
                        self.ended = Some(job);
                    }
                }
                None => {}
            }
        }
        Ok(())
    }

    fn deltas_after(&self, at: Instant) -> usize {
        self.deltas.iter().filter(|(when, _)| *when > at).count()
    }

    fn first_delta_after(&self, at: Instant) -> Option<Instant> {
        self.deltas
            .iter()
            .map(|(when, _)| *when)
            .find(|when| *when > at)
    }
}

struct Cut {
    healed_at: Instant,
    /// From the heal until the coordinator lists davas ready: its agent re-attached.
    ready_after: Duration,
    /// davas's state as the coordinator listed it just before the heal.
    state_before_heal: String,
    ended_during: bool,
}

async fn cut_and_heal(
    cluster: &LabCluster,
    client: &mut Client,
    heard: &mut mpsc::UnboundedReceiver<(Instant, Option<job_event::Event>)>,
    length: Duration,
) -> anyhow::Result<Cut> {
    let davas_ollama = cluster.ollama("davas")?;
    cluster.lab.cut("davas")?;
    let cut_at = Instant::now();
    let deadline = cut_at + length;
    // Keep reading what arrived before the cut took hold.
    while Instant::now() < deadline {
        let wait = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(wait, heard.recv()).await {
            Ok(Some((at, Some(job_event::Event::Delta(text))))) => {
                client.text.push_str(&text);
                client.deltas.push((at, text));
            }
            Ok(Some(_)) | Err(_) => {}
            Ok(None) => anyhow::bail!("the stream ended during the cut"),
        }
    }
    let state = davas_state(cluster).await?;
    let ended_during = davas_ollama.active_streams() == 0;
    cluster.lab.heal("davas")?;
    let healed_at = Instant::now();
    eventually("davas to be ready again", Patience::seconds(30), || async {
        let state = davas_state(cluster).await?;
        ensure!(state == "Ready", "davas is {state}");
        Ok(())
    })
    .await?;
    Ok(Cut {
        ready_after: healed_at.elapsed(),
        healed_at,
        state_before_heal: state,
        ended_during,
    })
}

async fn davas_state(cluster: &LabCluster) -> anyhow::Result<String> {
    let davas = cluster.node("davas").await?;
    Ok(NodeState::try_from(davas.state).map_or("unknown".to_owned(), |state| format!("{state:?}")))
}
