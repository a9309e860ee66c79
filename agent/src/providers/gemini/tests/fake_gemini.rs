//! A stand-in Gemini API for the client's tests: real HTTP on a loopback port under `/v1beta`,
//! answering every request with a scripted [`Answer`] and recording what it was sent (path
//! with query, the `x-goog-api-key` header, the JSON body).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;

use crate::providers::{GeminiClient, ProviderSettings};
use settings::Secret;

pub(super) const KEY: &str = "AIzaSyFAKE-test-key-0123456789";

/// What the stand-in answers to one request.
#[derive(Debug, Clone)]
pub(super) enum Answer {
    /// 200 `text/event-stream`: these pieces of body, each its own network write.
    Stream(Vec<String>),
    /// These pieces, then the connection stays open and silent.
    StreamThenStall(Vec<String>),
    /// 200 JSON.
    Json(Value),
    /// A status and this body, as Google sends errors.
    Status(u16, String),
    /// Nothing at all for this long, then a 200.
    Silence(Duration),
    /// 200 `batchEmbedContents`: one vector per request text, `[text length, request index]`.
    EmbedEcho,
}

#[derive(Debug, Clone)]
pub(super) struct Recorded {
    /// Path and query, e.g. `/v1beta/models/x:streamGenerateContent?alt=sse`.
    pub path_and_query: String,
    pub api_key: Option<String>,
    pub body: Value,
}

#[derive(Default)]
struct FakeState {
    answers: Mutex<VecDeque<Answer>>,
    recorded: Mutex<Vec<Recorded>>,
}

pub(super) struct FakeGemini {
    pub base_url: String,
    state: Arc<FakeState>,
}

impl FakeGemini {
    /// A stand-in that gives `answers` in order, one per request.
    pub async fn start(answers: Vec<Answer>) -> Self {
        let state = Arc::new(FakeState {
            answers: Mutex::new(answers.into()),
            recorded: Mutex::new(Vec::new()),
        });
        let app = Router::new().fallback(answer).with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}/v1beta", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { base_url, state }
    }

    pub fn client(&self) -> GeminiClient {
        self.client_with_timeout(Duration::from_secs(5))
    }

    pub fn client_with_timeout(&self, request_timeout: Duration) -> GeminiClient {
        GeminiClient::new(settings(&self.base_url, request_timeout)).unwrap()
    }

    pub fn recorded(&self) -> Vec<Recorded> {
        self.state.recorded.lock().unwrap().clone()
    }
}

pub(super) fn settings(base_url: &str, request_timeout: Duration) -> ProviderSettings {
    ProviderSettings {
        base_url: base_url.to_owned(),
        api_key: Secret::new(KEY),
        request_timeout,
        max_tokens_default: 8192,
    }
}

async fn answer(
    State(state): State<Arc<FakeState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    state.recorded.lock().unwrap().push(Recorded {
        path_and_query: uri
            .path_and_query()
            .map(ToString::to_string)
            .unwrap_or_default(),
        api_key: headers
            .get("x-goog-api-key")
            .map(|value| value.to_str().unwrap().to_owned()),
        body: body.clone(),
    });
    let next = state.answers.lock().unwrap().pop_front();
    match next.expect("the stand-in was asked more than its script holds") {
        Answer::Stream(pieces) => event_stream(pieces, false),
        Answer::StreamThenStall(pieces) => event_stream(pieces, true),
        Answer::Json(value) => json_response(200, value.to_string()),
        Answer::Status(status, text) => json_response(status, text),
        Answer::Silence(duration) => {
            tokio::time::sleep(duration).await;
            json_response(200, "{}".to_owned())
        }
        Answer::EmbedEcho => {
            let requests = body["requests"].as_array().cloned().unwrap_or_default();
            let embeddings: Vec<Value> = requests
                .iter()
                .enumerate()
                .map(|(index, request)| {
                    let text = request["content"]["parts"][0]["text"].as_str().unwrap();
                    serde_json::json!({"values": [text.len(), index]})
                })
                .collect();
            json_response(
                200,
                serde_json::json!({ "embeddings": embeddings }).to_string(),
            )
        }
    }
}

fn json_response(status: u16, body: String) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header("content-type", "application/json; charset=UTF-8")
        .body(Body::from(body))
        .unwrap()
}

fn event_stream(pieces: Vec<String>, stall: bool) -> Response {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, Infallible>>(64);
    tokio::spawn(async move {
        for piece in pieces {
            if sender.send(Ok(Bytes::from(piece))).await.is_err() {
                return;
            }
        }
        if stall {
            // Keeps the body open until the client hangs up.
            sender.closed().await;
        }
    });
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "text/event-stream")
        .body(Body::from_stream(
            tokio_stream::wrappers::ReceiverStream::new(receiver),
        ))
        .unwrap()
}
