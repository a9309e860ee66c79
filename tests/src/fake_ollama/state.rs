//! The stand-in Ollama's shared state: which models are installed and loaded, how it should
//! behave right now (speed, length, failures, busy, wedged), and what it has observed. Handlers
//! read it on every request, so a test changing it takes effect while requests are running.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use serde_json::Value;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use super::catalogue::{ModelFacts, canonical_model_name, facts_for};
use super::generation_book::GenerationBook;
use super::prompt_cache::PromptCache;
use super::reported_usage::UsageBook;

/// Ollama keeps a model loaded this long after its last request (`keep_alive` default `5m`).
const DEFAULT_KEEP_ALIVE: Duration = Duration::from_secs(5 * 60);

/// How many tokens an answer has unless a test says otherwise.
pub const DEFAULT_ANSWER_TOKENS: usize = 8;

/// One model as `/api/tags` and `/api/ps` show it.
#[derive(Clone, Debug)]
pub(crate) struct InstalledModel {
    /// The canonical display name, e.g. `gemma4:27b` or `nomic-embed-text:latest`.
    pub name: String,
    pub facts: ModelFacts,
    pub modified_at: SystemTime,
    /// When the model unloads; `None` while it is not loaded.
    pub loaded_until: Option<SystemTime>,
}

/// How the stand-in behaves; read afresh at each step so tests can change it mid-request.
#[derive(Clone, Debug)]
pub(crate) struct Behaviour {
    pub token_delay: Duration,
    pub first_token_delay: Duration,
    pub answer_tokens: usize,
    pub fail_mid_stream_after: Option<(usize, String)>,
    pub queue_full: bool,
    /// `/api/embed` answers with a real sentence encoder instead of hash vectors.
    pub semantic_embeddings: bool,
}

pub(crate) struct SharedState {
    /// Keyed by the lowercased canonical name: Ollama matches model names case-insensitively.
    installed: Mutex<BTreeMap<String, InstalledModel>>,
    behaviour: Mutex<Behaviour>,
    request_counts: Mutex<HashMap<String, usize>>,
    /// The `system` of every `/api/generate` request that had one, in arrival order.
    generate_systems: Mutex<Vec<String>>,
    /// The `options` of every `/api/chat` and `/api/generate` request that had them, in order.
    generation_options: Mutex<Vec<Value>>,
    pub active_streams: AtomicUsize,
    pub aborted_streams: AtomicUsize,
    /// The usage every answer reported, for `FakeOllama::reported_usage`.
    pub usage: UsageBook,
    /// What every generation streamed, per prompt, for `FakeOllama::generations`.
    pub generations: GenerationBook,
    pub prompt_cache: PromptCache,
    hang: watch::Sender<bool>,
    /// Cancelled when the stand-in stops answering; replaced when it resumes.
    answering: Mutex<CancellationToken>,
}

/// Locks a mutex, keeping the data if a panicking test thread poisoned it: the harness state is
/// plain data that stays consistent between statements.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl SharedState {
    pub fn new(models: &[&str]) -> Self {
        let state = Self {
            installed: Mutex::new(BTreeMap::new()),
            behaviour: Mutex::new(Behaviour {
                token_delay: Duration::ZERO,
                first_token_delay: Duration::ZERO,
                answer_tokens: DEFAULT_ANSWER_TOKENS,
                fail_mid_stream_after: None,
                queue_full: false,
                semantic_embeddings: false,
            }),
            request_counts: Mutex::new(HashMap::new()),
            generate_systems: Mutex::new(Vec::new()),
            generation_options: Mutex::new(Vec::new()),
            active_streams: AtomicUsize::new(0),
            aborted_streams: AtomicUsize::new(0),
            usage: UsageBook::default(),
            generations: GenerationBook::default(),
            prompt_cache: PromptCache::default(),
            hang: watch::Sender::new(false),
            answering: Mutex::new(CancellationToken::new()),
        };
        // Earlier names are newer, so `/api/tags` (newest first, like Ollama) lists them in order.
        let now = SystemTime::now();
        for (position, name) in models.iter().enumerate() {
            let age = Duration::from_secs(position as u64);
            state.install(name, now.checked_sub(age).unwrap_or(now));
        }
        state
    }

    fn install(&self, requested_name: &str, modified_at: SystemTime) {
        let name = canonical_model_name(requested_name);
        lock(&self.installed)
            .entry(name.to_lowercase())
            .or_insert_with(|| InstalledModel {
                facts: facts_for(&name),
                name,
                modified_at,
                loaded_until: None,
            });
    }

    pub fn add_model(&self, requested_name: &str) {
        self.install(requested_name, SystemTime::now());
    }

    pub fn remove_model(&self, requested_name: &str) {
        let key = canonical_model_name(requested_name).to_lowercase();
        lock(&self.installed).remove(&key);
    }

    /// Loads or unloads an installed model; returns false when no such model is installed.
    pub fn set_loaded(&self, requested_name: &str, loaded: bool) -> bool {
        let key = canonical_model_name(requested_name).to_lowercase();
        let mut installed = lock(&self.installed);
        let Some(model) = installed.get_mut(&key) else {
            return false;
        };
        model.loaded_until = loaded.then(|| SystemTime::now() + DEFAULT_KEEP_ALIVE);
        true
    }

    pub fn find_model(&self, requested_name: &str) -> Option<InstalledModel> {
        let key = canonical_model_name(requested_name).to_lowercase();
        lock(&self.installed).get(&key).cloned()
    }

    /// Installed models, most recently modified first, as Ollama's `ListHandler` sorts them.
    pub fn installed_models(&self) -> Vec<InstalledModel> {
        let mut models: Vec<InstalledModel> = lock(&self.installed).values().cloned().collect();
        models.sort_by_key(|model| Reverse(model.modified_at));
        models
    }

    pub fn behaviour(&self) -> Behaviour {
        lock(&self.behaviour).clone()
    }

    pub fn update_behaviour(&self, change: impl FnOnce(&mut Behaviour)) {
        change(&mut lock(&self.behaviour));
    }

    pub fn count_request(&self, path: &str) {
        *lock(&self.request_counts)
            .entry(path.to_string())
            .or_insert(0) += 1;
    }

    pub fn record_generate_system(&self, system: &str) {
        lock(&self.generate_systems).push(system.to_string());
    }

    pub fn generate_systems(&self) -> Vec<String> {
        lock(&self.generate_systems).clone()
    }

    pub fn record_generation_options(&self, options: &Value) {
        lock(&self.generation_options).push(options.clone());
    }

    pub fn generation_options(&self) -> Vec<Value> {
        lock(&self.generation_options).clone()
    }

    pub fn request_count(&self, path: &str) -> usize {
        lock(&self.request_counts).get(path).copied().unwrap_or(0)
    }

    pub fn stream_counts(&self) -> (usize, usize) {
        (
            self.active_streams.load(Ordering::SeqCst),
            self.aborted_streams.load(Ordering::SeqCst),
        )
    }

    pub fn set_hang(&self, hang: bool) {
        self.hang.send_replace(hang);
    }

    /// Waits while the stand-in is wedged. Returns false if it stopped answering meanwhile.
    pub async fn wait_while_hung(&self, stopped: &CancellationToken) -> bool {
        let mut hang = self.hang.subscribe();
        loop {
            if !*hang.borrow_and_update() {
                return true;
            }
            tokio::select! {
                // The sender lives as long as `self`, so `changed` cannot fail while we wait.
                _ = hang.changed() => {}
                () = stopped.cancelled() => return false,
            }
        }
    }

    /// The token cancelled when the current listening period ends.
    pub fn answering_token(&self) -> CancellationToken {
        lock(&self.answering).clone()
    }

    /// Starts a new listening period and returns its token.
    pub fn renew_answering_token(&self) -> CancellationToken {
        let fresh = CancellationToken::new();
        *lock(&self.answering) = fresh.clone();
        fresh
    }
}
