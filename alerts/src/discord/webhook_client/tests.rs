//! The client against a small local server answering like Discord, and the secret kept out of
//! every error text.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use settings::Secret;

use super::{SendOutcome, WebhookClient, describe};
use crate::alert::Alert;
use crate::discord::message::WebhookMessage;
use crate::outbox::OutboxEntry;

const TOKEN: &str = "tok-SECRET-4711";

type Seen = Arc<Mutex<Vec<(Option<String>, serde_json::Value)>>>;

/// Serves one scripted answer for every request, recording the query and body it got.
async fn serve(answer: fn() -> Response) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let app = Router::new()
        .route(
            "/api/webhooks/1/{token}",
            post(
                move |State(seen): State<Seen>, RawQuery(query): RawQuery, body: String| async move {
                    let json = serde_json::from_str(&body).unwrap_or_default();
                    seen.lock().unwrap().push((query, json));
                    answer()
                },
            ),
        )
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}/api/webhooks/1/{TOKEN}"), seen)
}

fn message() -> WebhookMessage {
    let entry = OutboxEntry::new(1, Alert::sample("davas", "Node davas lost"), 0);
    WebhookMessage::pack("llm-runner", &[entry], 10).0
}

async fn execute(answer: fn() -> Response) -> (SendOutcome, Seen) {
    let (url, seen) = serve(answer).await;
    let client = WebhookClient::new(&Secret::new(url)).unwrap();
    (client.execute(&message()).await, seen)
}

#[tokio::test]
async fn a_200_is_delivered_with_the_message_id_and_the_request_waits() {
    let (outcome, seen) = execute(|| {
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", "0".parse().unwrap());
        headers.insert("x-ratelimit-reset-after", "0.5".parse().unwrap());
        (
            headers,
            axum::Json(serde_json::json!({"id": "1234", "type": 0})),
        )
            .into_response()
    })
    .await;
    assert_eq!(
        outcome,
        SendOutcome::Delivered {
            message_id: Some("1234".into()),
            pause: Some(Duration::from_millis(500))
        }
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].0.as_deref(), Some("wait=true"));
    assert_eq!(seen[0].1["embeds"][0]["title"], "Node davas lost");
}

#[tokio::test]
async fn a_204_is_delivered_too() {
    let (outcome, _) = execute(|| StatusCode::NO_CONTENT.into_response()).await;
    assert_eq!(
        outcome,
        SendOutcome::Delivered {
            message_id: None,
            pause: None
        }
    );
}

#[tokio::test]
async fn a_429_says_how_long_to_wait() {
    let (outcome, _) = execute(|| {
        let body =
            r#"{"message": "You are being rate limited.", "retry_after": 1.5, "global": false}"#;
        (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "1")], body).into_response()
    })
    .await;
    let SendOutcome::RateLimited { wait, body } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(wait, Duration::from_millis(1500));
    assert!(body.contains("rate limited"));
}

#[tokio::test]
async fn a_400_is_refused_with_discords_reason() {
    let (outcome, _) = execute(|| {
        let body = r#"{"code": 50035, "errors": {}, "message": "Invalid Form Body"}"#;
        (StatusCode::BAD_REQUEST, body).into_response()
    })
    .await;
    let SendOutcome::Refused { status, body } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(status, 400);
    assert!(body.contains("Invalid Form Body"));
}

#[tokio::test]
async fn a_5xx_is_unavailable() {
    let (outcome, _) = execute(|| (StatusCode::BAD_GATEWAY, "upstream").into_response()).await;
    let SendOutcome::Unavailable { error } = outcome else {
        panic!("{outcome:?}")
    };
    assert!(error.contains("502"), "{error}");
}

#[tokio::test]
async fn a_refused_connection_is_unavailable_and_its_error_hides_the_url() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let url = format!("http://{address}/api/webhooks/1/{TOKEN}");
    let client = WebhookClient::new(&Secret::new(url)).unwrap();
    let outcome = client.execute(&message()).await;
    let SendOutcome::Unavailable { error } = outcome else {
        panic!("{outcome:?}")
    };
    assert!(!error.contains(TOKEN), "{error}");
    assert!(error.contains("error sending request"), "{error}");
    assert!(!format!("{client:?}").contains(TOKEN));
}

#[tokio::test]
async fn reqwest_errors_lose_the_url() {
    let url = format!("http://127.0.0.1:1/api/webhooks/1/{TOKEN}");
    let error = reqwest::Client::new().get(&url).send().await.unwrap_err();
    assert!(
        error.to_string().contains(TOKEN),
        "reqwest itself prints the URL"
    );
    let described = describe(error, &Secret::new(url));
    assert!(!described.contains(TOKEN), "{described}");
}

#[test]
fn an_https_client_builds_with_reqwests_own_crypto_provider() {
    let webhook = Secret::new("https://discord.com/api/webhooks/1/token");
    assert!(WebhookClient::new(&webhook).is_ok());
}
