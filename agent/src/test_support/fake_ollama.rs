//! A small stand-in Ollama for unit tests: real HTTP on a loopback port, Ollama's JSON shapes,
//! NDJSON streams, error bodies, and a way to see when a client hung up mid-stream.

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc};
use tokio_stream::wrappers::ReceiverStream;

/// What `/api/chat` and `/api/generate` answer.
#[derive(Debug, Clone)]
pub(crate) enum Script {
    /// These tokens, then a final chunk with statistics.
    Tokens(Vec<&'static str>),
    /// These tokens, then `{"error": message}`.
    FailAfter(Vec<&'static str>, &'static str),
    /// A token every 20 ms until the client hangs up.
    Endless,
    /// Tokens "0 ", "1 ", … up to this many, one every 20 ms, then a final chunk.
    Counted(usize),
}

pub(crate) struct FakeState {
    pub installed: Mutex<Vec<&'static str>>,
    pub loaded: Mutex<Vec<&'static str>>,
    pub script: Mutex<Script>,
    /// When false every probe answers 503, as a sick Ollama would.
    pub healthy: AtomicBool,
    pub last_request: Mutex<Option<Value>>,
    /// The `model` of every `/api/show` request, in arrival order.
    pub shown: Mutex<Vec<String>>,
    pub hang_ups: AtomicUsize,
    pub hung_up: Notify,
}

pub(crate) struct FakeOllama {
    pub url: String,
    pub state: Arc<FakeState>,
}

impl FakeOllama {
    pub async fn start(installed: &[&'static str]) -> Self {
        let state = Arc::new(FakeState {
            installed: Mutex::new(installed.to_vec()),
            loaded: Mutex::new(Vec::new()),
            script: Mutex::new(Script::Tokens(vec!["Hel", "lo"])),
            healthy: AtomicBool::new(true),
            last_request: Mutex::new(None),
            shown: Mutex::new(Vec::new()),
            hang_ups: AtomicUsize::new(0),
            hung_up: Notify::new(),
        });
        let app = Router::new()
            .route("/api/version", get(version))
            .route("/api/tags", get(tags))
            .route("/api/ps", get(ps))
            .route("/api/chat", post(chat))
            .route("/api/generate", post(generate))
            .route("/api/embed", post(embed))
            .route("/api/show", post(show))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, state }
    }

    pub fn set_script(&self, script: Script) {
        *self.state.script.lock().unwrap() = script;
    }

    pub async fn wait_for_hang_up(&self) {
        let waited = tokio::time::timeout(Duration::from_secs(5), async {
            loop {
                // Created before the check, so a hang-up in between still wakes it.
                let notified = self.state.hung_up.notified();
                if self.state.hang_ups.load(Ordering::SeqCst) > 0 {
                    return;
                }
                notified.await;
            }
        });
        waited.await.expect("the client never closed the stream");
    }
}

type Shared = State<Arc<FakeState>>;

fn sick(state: &FakeState) -> Option<Response> {
    (!state.healthy.load(Ordering::SeqCst)).then(|| {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"error": "sick"})),
        )
            .into_response()
    })
}

async fn version(State(state): Shared) -> Response {
    sick(&state).unwrap_or_else(|| Json(json!({"version": "0.12.3"})).into_response())
}

async fn tags(State(state): Shared) -> Response {
    let models: Vec<Value> = state.installed.lock().unwrap().iter().map(|name| json!({
        "name": name, "model": name, "modified_at": "2026-11-26T10:00:00Z", "size": 9_000_000_000u64,
        "digest": format!("sha-{name}"), "details": {"format": "gguf", "family": "gemma3", "families": null,
        "parameter_size": "27B", "quantization_level": "Q4_K_M"}
    })).collect();
    sick(&state).unwrap_or_else(|| Json(json!({"models": models})).into_response())
}

async fn ps(State(state): Shared) -> Response {
    let models: Vec<Value> = state
        .loaded
        .lock()
        .unwrap()
        .iter()
        .map(|name| {
            json!({
                "name": name, "model": name, "size": 10u64, "size_vram": 8u64, "digest": "abc",
                "expires_at": "2026-11-26T10:05:00Z"
            })
        })
        .collect();
    sick(&state).unwrap_or_else(|| Json(json!({"models": models})).into_response())
}

fn not_installed(state: &FakeState, body: &Value) -> Option<Response> {
    let model = body["model"].as_str().unwrap_or_default();
    let installed = state.installed.lock().unwrap().contains(&model);
    (!installed).then(|| {
        let error = format!("model \"{model}\" not found, try pulling it first");
        (StatusCode::NOT_FOUND, Json(json!({ "error": error }))).into_response()
    })
}

async fn chat(state: Shared, Json(body): Json<Value>) -> Response {
    generation(
        state,
        body,
        |text| json!({"message": {"role": "assistant", "content": text}}),
    )
}

async fn generate(state: Shared, Json(body): Json<Value>) -> Response {
    generation(state, body, |text| json!({"response": text}))
}

fn generation(State(state): Shared, body: Value, chunk: fn(&str) -> Value) -> Response {
    *state.last_request.lock().unwrap() = Some(body.clone());
    if let Some(refusal) = not_installed(&state, &body) {
        return refusal;
    }
    let model = body["model"].as_str().unwrap_or_default().to_owned();
    let line = move |text: &str, done: bool| {
        let mut value = chunk(text);
        value["model"] = json!(model);
        value["done"] = json!(done);
        format!("{value}\n")
    };
    let script = state.script.lock().unwrap().clone();
    let (sender, receiver) = mpsc::channel::<Result<String, Infallible>>(1);
    tokio::spawn(async move {
        let (tokens, ending) = match script {
            Script::Counted(count) => {
                for index in 0..count {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    let _ = sender.send(Ok(line(&format!("{index} "), false))).await;
                }
                (Vec::new(), None)
            }
            Script::Tokens(tokens) => (tokens, None),
            Script::FailAfter(tokens, message) => (tokens, Some(message)),
            Script::Endless => loop {
                tokio::time::sleep(Duration::from_millis(20)).await;
                if sender.send(Ok(line("tick ", false))).await.is_err() {
                    state.hang_ups.fetch_add(1, Ordering::SeqCst);
                    state.hung_up.notify_waiters();
                    return;
                }
            },
        };
        for token in tokens {
            let _ = sender.send(Ok(line(token, false))).await;
        }
        let last = match ending {
            Some(message) => format!("{}\n", json!({ "error": message })),
            None => {
                let mut last: Value = serde_json::from_str(&line("", true)).unwrap();
                for (key, value) in [
                    ("done_reason", json!("stop")),
                    ("total_duration", json!(5_000)),
                    ("load_duration", json!(1_000)),
                    ("prompt_eval_count", json!(3)),
                    ("prompt_eval_duration", json!(200)),
                    ("eval_count", json!(2)),
                    ("eval_duration", json!(300)),
                ] {
                    last[key] = value;
                }
                format!("{last}\n")
            }
        };
        let _ = sender.send(Ok(last)).await;
    });
    Body::from_stream(ReceiverStream::new(receiver)).into_response()
}

async fn embed(State(state): Shared, Json(body): Json<Value>) -> Response {
    *state.last_request.lock().unwrap() = Some(body.clone());
    if let Some(refusal) = not_installed(&state, &body) {
        return refusal;
    }
    let count = body["input"].as_array().map_or(0, Vec::len);
    let embeddings: Vec<Value> = (0..count)
        .map(|index| json!([index as f32, 0.5, -0.25]))
        .collect();
    Json(
        json!({"model": body["model"], "embeddings": embeddings, "total_duration": 7,
        "load_duration": 1, "prompt_eval_count": 4}),
    )
    .into_response()
}

/// `POST /api/show`: an embedding model (a name with "embed" in it) reports `["embedding"]`,
/// any other `["completion"]`, as Ollama's capability names go.
async fn show(State(state): Shared, Json(body): Json<Value>) -> Response {
    if let Some(refused) = sick(&state).or_else(|| not_installed(&state, &body)) {
        return refused;
    }
    let model = body["model"].as_str().unwrap_or_default().to_owned();
    let capabilities = if model.contains("embed") {
        json!(["embedding"])
    } else {
        json!(["completion"])
    };
    state.shown.lock().unwrap().push(model);
    Json(json!({"details": {"format": "gguf"}, "capabilities": capabilities})).into_response()
}
