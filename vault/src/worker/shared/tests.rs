//! What the worker's unit tests share: a `Shared` over a temp vault and ledger, a notifier
//! that records what it is handed, and the tests of `blocking`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::TempDir;

use super::*;
use crate::layout::Folder;
use crate::worker::notice::Notice;

/// A worker's shared state over a fresh vault (its `Runner/` folders created) and a ledger in
/// a data dir beside the vault, both in one temp dir. Build it inside a Tokio runtime: the
/// coordinator's lazy channel spawns its connector (these tests never dial it).
pub(crate) struct TestWorker {
    pub shared: Arc<Shared>,
    _dir: TempDir,
}

impl TestWorker {
    pub(crate) fn new() -> Self {
        Self::with_notifier(None)
    }

    pub(crate) fn with_notifier(notifier: Option<Arc<dyn Notifier>>) -> Self {
        Self::with_parts(notifier, None)
    }

    pub(crate) fn with_agent_jobs(agent_jobs: Arc<dyn AgentJobs>) -> Self {
        Self::with_parts(None, Some(agent_jobs))
    }

    fn with_parts(
        notifier: Option<Arc<dyn Notifier>>,
        agent_jobs: Option<Arc<dyn AgentJobs>>,
    ) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("vault");
        std::fs::create_dir(&vault).unwrap();
        let config = WorkerConfig::new(vault.clone(), dir.path().join("data"));
        let folders = RunnerFolders::new(&vault);
        folders.ensure().unwrap();
        let shared = Shared {
            ledger: Ledger::open(&config.data_dir).unwrap(),
            coordinator: Coordinator::lazy("http://127.0.0.1:1").unwrap(),
            status: WorkerStatus::new(&vault.display().to_string(), "inbox", 15_000),
            shutdown: CancellationToken::new(),
            config,
            folders,
            notifier,
            agent_jobs,
        };
        Self {
            shared: Arc::new(shared),
            _dir: dir,
        }
    }

    pub(crate) fn vault(&self) -> &Path {
        self.shared.folders.vault()
    }

    pub(crate) fn path(&self, folder: Folder, name: &str) -> PathBuf {
        self.shared.folders.path(folder).join(name)
    }

    /// Writes `folder/name` and returns its path.
    pub(crate) fn write(&self, folder: Folder, name: &str, text: &str) -> PathBuf {
        let path = self.path(folder, name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The file names in `folder`, sorted.
    pub(crate) fn names_in(&self, folder: Folder) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.shared.folders.path(folder))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }
}

/// A notifier that keeps every (key, notice) it is handed, or refuses them all.
#[derive(Default)]
pub(crate) struct RecordingNotifier {
    pub sent: Mutex<Vec<(String, Notice)>>,
    pub refuse: bool,
}

impl Notifier for RecordingNotifier {
    fn send(&self, key: &str, notice: Notice) -> Result<(), String> {
        if self.refuse {
            return Err("the outbox is closed".to_owned());
        }
        self.sent.lock().unwrap().push((key.to_owned(), notice));
        Ok(())
    }
}

#[tokio::test]
async fn blocking_work_sees_the_shared_state_and_returns_its_value() {
    let worker = TestWorker::new();
    let vault = worker.vault().to_owned();
    let seen = blocking(&worker.shared, |shared| shared.folders.vault().to_owned()).await;
    assert_eq!(seen, vault);
}

#[tokio::test]
#[should_panic(expected = "the work panicked")]
async fn a_panic_in_blocking_work_reaches_the_caller() {
    let worker = TestWorker::new();
    blocking(&worker.shared, |_| panic!("the work panicked")).await;
}

#[tokio::test]
async fn debug_shows_the_vault_and_whether_there_is_a_notifier() {
    let worker = TestWorker::with_notifier(Some(Arc::new(RecordingNotifier::default())));
    let debug = format!("{:?}", worker.shared);
    assert!(
        debug.contains(&worker.vault().display().to_string()),
        "{debug}"
    );
    assert!(debug.contains("notifier: true"), "{debug}");
}
