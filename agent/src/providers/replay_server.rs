//! A stand-in HTTP server for the vendor clients' unit tests: real HTTP on a loopback port that
//! records every request (method, path, query, headers, body) and answers each with the next
//! scripted reply (status, headers, a body sent in the given pieces, after an optional delay).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use futures::StreamExt;

/// One scripted answer.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    /// Sent one after another, each as its own write.
    pub pieces: Vec<String>,
    /// Waited before the status line is sent.
    pub delay: Duration,
    /// Waited between one piece of the body and the next (a provider stalling mid-answer).
    pub gap: Duration,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type", "application/json".to_owned())],
            pieces: vec![body.to_owned()],
            delay: Duration::ZERO,
            gap: Duration::ZERO,
        }
    }

    pub fn event_stream(pieces: &[&str]) -> Self {
        Self {
            status: 200,
            headers: vec![("content-type", "text/event-stream".to_owned())],
            pieces: pieces.iter().map(|piece| (*piece).to_owned()).collect(),
            delay: Duration::ZERO,
            gap: Duration::ZERO,
        }
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }
}

/// One request as the server received it.
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    pub method: Method,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

#[derive(Default)]
struct Script {
    replies: Mutex<VecDeque<Reply>>,
    recorded: Mutex<Vec<Recorded>>,
}

pub(crate) struct ReplayServer {
    pub url: String,
    script: Arc<Script>,
}

impl ReplayServer {
    pub async fn start(replies: Vec<Reply>) -> Self {
        let script = Arc::new(Script {
            replies: Mutex::new(replies.into()),
            recorded: Mutex::default(),
        });
        let app = Router::new().fallback(answer).with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, script }
    }

    pub fn recorded(&self) -> Vec<Recorded> {
        self.script.recorded.lock().unwrap().clone()
    }

    /// The only request received; fails the test if there were none or several.
    pub fn only_request(&self) -> Recorded {
        let recorded = self.recorded();
        assert_eq!(
            recorded.len(),
            1,
            "expected exactly one request: {recorded:?}"
        );
        recorded.into_iter().next().unwrap()
    }
}

async fn answer(
    State(script): State<Arc<Script>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    script.recorded.lock().unwrap().push(Recorded {
        method,
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        headers,
        body,
    });
    let Some(reply) = script.replies.lock().unwrap().pop_front() else {
        return Response::builder()
            .status(StatusCode::INTERNAL_SERVER_ERROR)
            .body(Body::from("no reply scripted for this request"))
            .unwrap();
    };
    tokio::time::sleep(reply.delay).await;
    let gap = reply.gap;
    let pieces = futures::stream::iter(reply.pieces.into_iter().enumerate()).then(
        move |(index, piece)| async move {
            if index > 0 {
                tokio::time::sleep(gap).await;
            }
            Ok::<_, Infallible>(Bytes::from(piece))
        },
    );
    let mut response = Response::builder().status(reply.status);
    for (name, value) in reply.headers {
        response = response.header(name, value);
    }
    response.body(Body::from_stream(pieces)).unwrap()
}
