//! Fuzzing what agents may send, beside `properties.rs` (which drives well-formed sequences):
//! statuses with any sequence numbers, odd and huge model names, duplicates, out-of-range
//! codes and times; job updates for unknown, foreign or ended jobs, with any cause, usage
//! and model, numbered (`seq`) in any order or not at all; second hellos; re-attaches holding
//! any jobs, within a disconnect grace or without one; messages on stale streams and for nodes
//! nobody configured. After
//! every step the whole state is checked (`consistency.rs`); besides, a job never changes its
//! model, changes node only on a new attempt, and what ended stays ended.

use std::collections::HashMap;
use std::sync::LazyLock;
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use proto::v1::{
    AgentHello, AgentJobUpdate, AgentStatus, InstalledModel, JobCompletedOnNode, JobFailedOnNode,
    JobState, LoadedModel, OllamaStats, TokenUsage, UnavailableModel, agent_job_update,
    agent_message,
};

use super::harness::{GEMMA, Harness, QWEN};
use crate::config::{BudgetConfig, PriceConfig, SpendConfig};
use crate::store::is_terminal;

/// Three configured nodes and one nobody configured.
const NODES: [&str; 4] = ["davas", "contabo", "homelab", "ghost"];
const MODELS: [&str; 3] = [GEMMA, QWEN, "llama3:latest"];

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime builds in a test")
});

/// A name: a model's, a near miss, anything, or 64 KiB of it.
fn name() -> BoxedStrategy<String> {
    prop_oneof![
        6 => prop::sample::select(MODELS.to_vec()).prop_map(str::to_owned),
        1 => Just("gemma4".to_owned()),
        2 => ".{0,16}",
        1 => Just("x".repeat(64 * 1024)),
    ]
    .boxed()
}

fn usage() -> impl Strategy<Value = Option<TokenUsage>> {
    let count = prop_oneof![
        Just(None),
        Just(Some(u64::MAX)),
        (0..10_000u64).prop_map(Some)
    ];
    prop::option::of((count.clone(), count.clone(), count.clone(), count)).prop_map(|counts| {
        counts.map(|(input, output, cached, reasoning)| TokenUsage {
            input_tokens: input,
            output_tokens: output,
            cached_input_tokens: cached,
            reasoning_tokens: reasoning,
        })
    })
}

fn status() -> impl Strategy<Value = AgentStatus> {
    let installed = prop::collection::vec(
        name().prop_map(|name| InstalledModel {
            name,
            ..Default::default()
        }),
        0..5,
    );
    let loaded = prop::collection::vec(
        (name(), any::<u64>()).prop_map(|(name, size_bytes)| LoadedModel {
            name,
            size_bytes,
            ..Default::default()
        }),
        0..3,
    );
    let unavailable = prop::collection::vec(
        (name(), any::<i32>(), ".{0,12}", any::<i64>()).prop_map(
            |(model, code, reason, until_ms)| UnavailableModel {
                model,
                code,
                reason,
                until_ms,
            },
        ),
        0..3,
    );
    (
        any::<u64>(),
        prop::bool::weighted(0.8),
        installed,
        loaded,
        unavailable,
        any::<u32>(),
        prop::bool::weighted(0.3),
    )
        .prop_map(
            |(
                sequence,
                ollama_reachable,
                installed,
                loaded,
                unavailable,
                running_jobs,
                installed_unchanged,
            )| {
                AgentStatus {
                    sequence,
                    ollama_reachable,
                    installed,
                    loaded,
                    unavailable,
                    running_jobs,
                    installed_unchanged,
                    ..Default::default()
                }
            },
        )
}

fn job_event() -> impl Strategy<Value = Option<agent_job_update::Event>> {
    use agent_job_update::Event;
    let completed = (
        name(),
        usage(),
        prop::collection::vec(".{0,8}", 0..2),
        ".{0,8}",
        any::<u64>(),
    )
        .prop_map(|(model, usage, warnings, done_reason, eval_count)| {
            Event::Completed(JobCompletedOnNode {
                model,
                usage,
                warnings,
                done_reason,
                stats: Some(OllamaStats {
                    eval_count,
                    ..Default::default()
                }),
                ..Default::default()
            })
        });
    let failed = (".{0,16}", any::<bool>(), any::<i32>(), usage()).prop_map(
        |(message, cancelled, cause, usage)| {
            Event::Failed(JobFailedOnNode {
                message,
                cancelled,
                cause,
                usage,
            })
        },
    );
    prop_oneof![
        1 => Just(None),
        2 => Just(Some(Event::Started(Default::default()))),
        3 => prop_oneof![".{0,8}", Just("y".repeat(64 * 1024))].prop_map(|text| Some(Event::Delta(text))),
        2 => completed.prop_map(Some),
        2 => failed.prop_map(Some),
    ]
}

/// Which job an update names: one submitted (by index), or an id nobody issued.
#[derive(Debug, Clone)]
enum JobRef {
    Known(usize),
    Unknown(String),
}

#[derive(Debug, Clone)]
enum Message {
    Status(Box<AgentStatus>),
    Job(JobRef, u64, Box<Option<agent_job_update::Event>>),
    Hello(String),
}

#[derive(Debug, Clone)]
enum Step {
    Attach {
        node: usize,
        max_parallel: u32,
        backend: String,
        /// The jobs the agent says it holds (indexes of submitted jobs, with a last seq).
        held: Vec<(usize, u64)>,
    },
    Detach {
        node: usize,
    },
    Submit {
        model: usize,
        retries: u32,
    },
    Cancel {
        job: usize,
    },
    /// On the node's current stream, or on one that is not (any other id).
    Send {
        node: usize,
        stale: Option<u64>,
        message: Message,
    },
    Advance {
        millis: u64,
    },
}

fn message() -> impl Strategy<Value = Message> {
    let job = prop_oneof![
        4 => any::<usize>().prop_map(JobRef::Known),
        1 => prop_oneof![".{0,30}", Just("z".repeat(64 * 1024))].prop_map(JobRef::Unknown),
    ];
    prop_oneof![
        3 => status().prop_map(|status| Message::Status(Box::new(status))),
        6 => (job, prop_oneof![Just(0u64), 1..6u64, any::<u64>()], job_event())
            .prop_map(|(job, seq, event)| Message::Job(job, seq, Box::new(event))),
        1 => name().prop_map(Message::Hello),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let backend = prop_oneof![Just(String::new()), Just("groq".to_owned()), ".{0,8}"];
    prop_oneof![
        2 => (0..4usize, prop_oneof![0..4u32, any::<u32>()], backend, prop::collection::vec((any::<usize>(), 0..6u64), 0..4))
            .prop_map(|(node, max_parallel, backend, held)| Step::Attach { node, max_parallel, backend, held }),
        1 => (0..4usize).prop_map(|node| Step::Detach { node }),
        4 => (0..3usize, 0..3u32).prop_map(|(model, retries)| Step::Submit { model, retries }),
        1 => any::<usize>().prop_map(|job| Step::Cancel { job }),
        10 => (0..4usize, prop::option::weighted(0.1, any::<u64>()), message())
            .prop_map(|(node, stale, message)| Step::Send { node, stale, message }),
        2 => prop_oneof![0..3_000u64, Just(u64::from(u32::MAX))].prop_map(|millis| Step::Advance { millis }),
    ]
}

/// A job as last seen: its model, node, attempt, and whether it had run or sent output there.
type Placement = (String, String, u32, bool);

struct Run {
    harness: Harness,
    jobs: Vec<String>,
    placements: HashMap<String, Placement>,
}

impl Run {
    fn apply(&mut self, step: Step) {
        let harness = &mut self.harness;
        match step {
            Step::Attach {
                node,
                max_parallel,
                backend,
                held,
            } => {
                let held: Vec<(&str, u64)> = held
                    .iter()
                    .filter(|_| !self.jobs.is_empty())
                    .map(|(index, seq)| (self.jobs[index % self.jobs.len()].as_str(), *seq))
                    .collect();
                harness.attach_holding_backend(NODES[node], max_parallel, &backend, &held);
            }
            Step::Detach { node } => harness.detach(NODES[node], "stream closed"),
            Step::Submit { model, retries } => {
                let job = match harness.submit(MODELS[model], retries) {
                    Ok(submitted) => submitted.job,
                    Err(rejected) => rejected.job,
                };
                self.jobs.push(job.id);
            }
            Step::Cancel { job } => {
                if !self.jobs.is_empty() {
                    let id = self.jobs[job % self.jobs.len()].clone();
                    let _ = harness.cancel(&id);
                }
            }
            Step::Send {
                node,
                stale,
                message,
            } => {
                let kind = match message {
                    Message::Status(status) => agent_message::Kind::Status(*status),
                    Message::Hello(node) => agent_message::Kind::Hello(AgentHello {
                        node,
                        ..Default::default()
                    }),
                    Message::Job(job, seq, event) => {
                        let job_id = match job {
                            JobRef::Known(index) if !self.jobs.is_empty() => {
                                self.jobs[index % self.jobs.len()].clone()
                            }
                            JobRef::Known(_) => String::new(),
                            JobRef::Unknown(id) => id,
                        };
                        agent_message::Kind::Job(AgentJobUpdate {
                            job_id,
                            event: *event,
                            seq,
                        })
                    }
                };
                let current = harness.connection_id(NODES[node]);
                let connection_id = stale.filter(|id| *id != current).unwrap_or(current);
                harness.send(crate::cluster::ClusterEvent::AgentMessage {
                    node: NODES[node].to_owned(),
                    connection_id,
                    message: kind,
                });
            }
            Step::Advance { millis } => harness.advance(Duration::from_millis(millis)),
        }
        self.check_placements();
    }

    /// No job changes model; one moves to another node on the same attempt only if it had
    /// neither started nor sent output where it was (a queued job re-routed), so a client's
    /// "a new attempt restarts the output" holds.
    fn check_placements(&mut self) {
        for id in &self.jobs {
            let job = self.harness.get(id).expect("a submitted job can be read");
            let model = job
                .spec
                .as_ref()
                .map(|spec| spec.model.clone())
                .unwrap_or_default();
            let ran = job.state != JobState::Queued as i32 || !job.output.is_empty();
            let now = (model, job.node.clone(), job.attempt, ran);
            let last = self
                .placements
                .entry(id.clone())
                .or_insert_with(|| now.clone());
            assert_eq!(last.0, now.0, "{id} changed model");
            assert!(now.2 >= last.2, "{id}'s attempt went back");
            if last.1 != now.1 && now.2 == last.2 {
                assert!(
                    !last.3,
                    "{id} moved from {} to {} on attempt {} after it ran there",
                    last.1, now.1, now.2
                );
            }
            *last = now;
        }
    }
}

fn spend() -> SpendConfig {
    SpendConfig {
        prices: vec![PriceConfig {
            model: GEMMA.into(),
            input_per_mtok: 1.0,
            output_per_mtok: 2.0,
            cached_input_per_mtok: 0.1,
        }],
        budgets: vec![BudgetConfig {
            name: "gemma".into(),
            model: Some(GEMMA.into()),
            node: None,
            daily_usd: Some(5.0),
            monthly_usd: Some(50.0),
            daily_tokens: Some(1_000_000),
        }],
    }
}

proptest! {
    #![proptest_config(Config {
        cases: 1536,
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel("proptest-regressions"))),
        ..Config::default()
    })]

    #[test]
    fn fuzz_any_agent_messages_keep_jobs_on_their_model_and_ended_jobs_ended(
        steps in prop::collection::vec(step(), 1..50),
        grace_ms in prop_oneof![Just(0u64), 1..10_000u64],
    ) {
        let _runtime = RUNTIME.enter();
        let harness = Harness::with_spend(&NODES[..3], &[(GEMMA, &["davas", "homelab"])], spend())
            .with_grace(Duration::from_millis(grace_ms));
        let mut run = Run { harness, jobs: Vec::new(), placements: HashMap::new() };
        for step in steps {
            run.apply(step);
        }
        run.harness.cluster.fail_active_jobs_at_shutdown();
        run.harness.check();
        for id in &run.jobs {
            let job = run.harness.get(id).expect("a submitted job can be read");
            prop_assert!(is_terminal(job.state), "{} is {} at shutdown", id, job.state);
        }
    }
}
