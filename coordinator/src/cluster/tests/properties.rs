//! Property-based tests: random sequences of agents attaching, reporting, leaving and going
//! silent, jobs submitted, updated, cancelled and watched, drains and time passing — with the
//! whole-state check after every step, and every watcher hearing a job's end exactly once.

use std::sync::LazyLock;

use proptest::prelude::*;
use proto::v1::{JobEvent, job_event};
use tokio::sync::mpsc;

use super::harness::{GEMMA, Harness, QWEN, generate};
use crate::store::is_terminal;

const NODES: [&str; 3] = ["davas", "contabo", "homelab"];
const MODELS: [&str; 3] = [GEMMA, QWEN, "llama3:latest"];

/// One runtime for every case: the store writer runs on its blocking pool.
static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap()
});

#[derive(Debug, Clone)]
enum Update {
    Started,
    Delta,
    Completed,
    Failed,
}

#[derive(Debug, Clone)]
enum Step {
    Attach {
        node: usize,
        max_parallel: u32,
    },
    Detach {
        node: usize,
    },
    Status {
        node: usize,
        models: u8,
        ollama_reachable: bool,
    },
    Submit {
        model: usize,
        retries: u32,
        watch: bool,
    },
    Cancel {
        job: usize,
    },
    Drain {
        node: usize,
        draining: bool,
    },
    /// From the node the job is on (`None`) or from any node, as a stray update.
    Update {
        job: usize,
        from: Option<usize>,
        update: Update,
    },
    Advance {
        millis: u64,
    },
    Read {
        job: usize,
    },
    List,
}

fn step() -> impl Strategy<Value = Step> {
    let update = prop_oneof![
        Just(Update::Started),
        Just(Update::Delta),
        Just(Update::Completed),
        Just(Update::Failed)
    ];
    // Mostly every model installed, so that jobs pile up in slots and queues.
    let models = prop_oneof![3 => Just(0b111u8), 1 => 0..8u8];
    prop_oneof![
        2 => (0..3usize, 0..3u32).prop_map(|(node, max_parallel)| Step::Attach { node, max_parallel }),
        1 => (0..3usize).prop_map(|node| Step::Detach { node }),
        3 => (0..3usize, models, prop::bool::weighted(0.8)).prop_map(|(node, models, ollama_reachable)| {
            Step::Status { node, models, ollama_reachable }
        }),
        6 => (0..3usize, 0..3u32, any::<bool>()).prop_map(|(model, retries, watch)| {
            Step::Submit { model, retries, watch }
        }),
        2 => any::<usize>().prop_map(|job| Step::Cancel { job }),
        1 => (0..3usize, any::<bool>()).prop_map(|(node, draining)| Step::Drain { node, draining }),
        6 => (any::<usize>(), prop::option::weighted(0.2, 0..3usize), update)
            .prop_map(|(job, from, update)| Step::Update { job, from, update }),
        2 => (0..7_000u64).prop_map(|millis| Step::Advance { millis }),
        1 => any::<usize>().prop_map(|job| Step::Read { job }),
        1 => Just(Step::List),
    ]
}

/// A watcher's channel and what it has heard so far.
struct Watcher {
    updates: mpsc::UnboundedReceiver<JobEvent>,
    heard_end: bool,
    attempt: u32,
}

impl Watcher {
    fn new(updates: mpsc::UnboundedReceiver<JobEvent>) -> Self {
        Self {
            updates,
            heard_end: false,
            attempt: 0,
        }
    }

    /// Nothing after the end; attempts never go back.
    fn hear(&mut self) {
        while let Ok(event) = self.updates.try_recv() {
            assert!(!self.heard_end, "an event after the job's end: {event:?}");
            if let Some(job_event::Event::Job(job)) = event.event {
                assert!(
                    job.attempt >= self.attempt,
                    "attempt went back to {}",
                    job.attempt
                );
                self.attempt = job.attempt;
                self.heard_end = is_terminal(job.state);
            }
        }
    }
}

struct Run {
    harness: Harness,
    jobs: Vec<String>,
    watchers: Vec<Watcher>,
}

impl Run {
    fn pick(&self, job: usize) -> Option<String> {
        (!self.jobs.is_empty()).then(|| self.jobs[job % self.jobs.len()].clone())
    }

    fn apply(&mut self, step: Step) {
        let harness = &mut self.harness;
        match step {
            Step::Attach { node, max_parallel } => {
                harness.attach(NODES[node], max_parallel);
            }
            Step::Detach { node } => harness.detach(NODES[node], "stream closed"),
            Step::Status {
                node,
                models,
                ollama_reachable,
            } => {
                let installed: Vec<&str> = (0..MODELS.len())
                    .filter(|bit| models & (1 << bit) != 0)
                    .map(|bit| MODELS[bit])
                    .collect();
                harness.status(NODES[node], &installed, ollama_reachable);
            }
            Step::Submit {
                model,
                retries,
                watch,
            } => {
                let outcome = harness.submit_spec(generate(MODELS[model], retries), watch);
                let job = match outcome {
                    Ok(submitted) => {
                        self.watchers.extend(submitted.updates.map(Watcher::new));
                        submitted.job
                    }
                    Err(rejected) => rejected.job,
                };
                self.jobs.push(job.id);
            }
            Step::Cancel { job } => {
                if let Some(id) = self.pick(job) {
                    let _ = self.harness.cancel(&id);
                }
            }
            Step::Drain { node, draining } => {
                harness.set_draining(NODES[node], draining).unwrap();
            }
            Step::Update { job, from, update } => {
                let Some(id) = self.pick(job) else { return };
                let harness = &mut self.harness;
                let node = match from {
                    Some(node) => NODES[node].to_owned(),
                    None => harness.job(&id).node,
                };
                match update {
                    Update::Started => harness.started(&node, &id),
                    Update::Delta => harness.delta(&node, &id, "token "),
                    Update::Completed => harness.completed(&node, &id),
                    Update::Failed => harness.failed(&node, &id, "out of memory"),
                }
            }
            Step::Advance { millis } => {
                harness.advance(std::time::Duration::from_millis(millis));
            }
            Step::Read { job } => {
                let Some(id) = self.pick(job) else { return };
                let before = self.harness.job(&id);
                let watch = self.harness.watch(&id).unwrap();
                assert_eq!(watch.snapshot, before);
                match watch.updates {
                    Some(updates) => self.watchers.push(Watcher::new(updates)),
                    None => assert!(is_terminal(before.state)),
                }
            }
            Step::List => {
                assert_eq!(harness.nodes().len(), NODES.len());
                harness.models();
            }
        }
        for watcher in &mut self.watchers {
            watcher.hear();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_sequence_of_events_keeps_the_cluster_consistent(steps in prop::collection::vec(step(), 1..60)) {
        let _runtime = RUNTIME.enter();
        let harness = Harness::new(&NODES, &[(GEMMA, &["davas", "homelab"])]);
        let mut run = Run { harness, jobs: Vec::new(), watchers: Vec::new() };
        for step in steps {
            run.apply(step);
        }
        run.harness.cluster.fail_active_jobs_at_shutdown();
        run.harness.check();
        prop_assert!(run.harness.cluster.jobs.is_empty());
        prop_assert_eq!(run.harness.ledger.ended_count(), run.jobs.len());
        for watcher in &mut run.watchers {
            // A job's end reaches its watchers once its record is durable, from a task.
            let rest = RUNTIME.block_on(super::spend::heard_until_the_end(&mut watcher.updates));
            for event in rest {
                prop_assert!(!watcher.heard_end, "an event after the job's end: {event:?}");
                if let Some(job_event::Event::Job(job)) = event.event {
                    watcher.heard_end = is_terminal(job.state);
                }
            }
            prop_assert!(watcher.heard_end, "every watcher hears its job end");
        }
    }
}
