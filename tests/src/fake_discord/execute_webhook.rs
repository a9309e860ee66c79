//! `POST /api/webhooks/{webhook.id}/{webhook.token}`, answered as Discord does: a scripted
//! answer first if a test queued one, then the rate-limit bucket (429 with Discord's body and
//! headers), then the body's checks (400 with Discord's error body), then 204 — or 200 with
//! the created message under `?wait=true`.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::message_object::{message_object, snowflake};
use super::state::{BUCKET_LIMIT, BucketReading, DiscordState, RequestRecord, ScriptedAnswer};
use super::validation::{check_message, invalid_json};

/// Discord names the bucket with an opaque hash.
const BUCKET_NAME: &str = "c7d5b4e2b1f0a9d8e7c6b5a4f3e2d1c0";

fn header(headers: &mut HeaderMap, name: &'static str, value: String) {
    if let Ok(value) = HeaderValue::from_str(&value) {
        headers.insert(HeaderName::from_static(name), value);
    }
}

/// The `X-RateLimit-*` headers Discord puts on every answer.
fn rate_limit_headers(reading: BucketReading) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let reset_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        + reading.reset_after;
    header(&mut headers, "x-ratelimit-limit", BUCKET_LIMIT.to_string());
    header(
        &mut headers,
        "x-ratelimit-remaining",
        reading.remaining.to_string(),
    );
    header(
        &mut headers,
        "x-ratelimit-reset",
        format!("{:.3}", reset_at.as_secs_f64()),
    );
    header(
        &mut headers,
        "x-ratelimit-reset-after",
        format!("{:.3}", reading.reset_after.as_secs_f64()),
    );
    header(&mut headers, "x-ratelimit-bucket", BUCKET_NAME.to_owned());
    headers
}

/// A 429 as Discord sends it: `retry_after` in the body (seconds, fractional), `Retry-After`
/// rounded up to whole seconds.
fn rate_limited(retry_after: f64, global: bool, reading: BucketReading) -> Response {
    let mut headers = rate_limit_headers(BucketReading {
        reset_after: Duration::from_secs_f64(retry_after.max(0.0)),
        ..reading
    });
    header(
        &mut headers,
        "retry-after",
        format!("{}", retry_after.max(0.0).ceil() as u64),
    );
    header(
        &mut headers,
        "x-ratelimit-scope",
        if global { "global" } else { "user" }.to_owned(),
    );
    if global {
        header(&mut headers, "x-ratelimit-global", "true".to_owned());
    }
    let body = json!({"message": "You are being rate limited.", "retry_after": retry_after, "global": global});
    (StatusCode::TOO_MANY_REQUESTS, headers, axum::Json(body)).into_response()
}

fn answer(
    state: &DiscordState,
    webhook_id: &str,
    wait: bool,
    body: &Value,
    parsed: bool,
) -> Response {
    if let Some(scripted) = state.next_scripted() {
        let reading = BucketReading {
            allowed: true,
            remaining: BUCKET_LIMIT,
            reset_after: Duration::ZERO,
        };
        return match scripted {
            ScriptedAnswer::RateLimited {
                retry_after,
                global,
            } => rate_limited(retry_after, global, reading),
            ScriptedAnswer::ServerError(code) => {
                let status =
                    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                (status, format!("{code}: upstream trouble")).into_response()
            }
        };
    }
    let reading = state.take_from_bucket();
    if !reading.allowed {
        return rate_limited(reading.reset_after.as_secs_f64(), false, reading);
    }
    let headers = rate_limit_headers(reading);
    let checked = if parsed {
        check_message(body)
    } else {
        Err(invalid_json())
    };
    if let Err(error) = checked {
        return (StatusCode::BAD_REQUEST, headers, axum::Json(error)).into_response();
    }
    if !wait {
        return (StatusCode::NO_CONTENT, headers).into_response();
    }
    let id = snowflake(state.next_sequence());
    let message = message_object(&id, webhook_id, body);
    (StatusCode::OK, headers, axum::Json(message)).into_response()
}

pub async fn handle(
    State(state): State<Arc<DiscordState>>,
    Path((webhook_id, token)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let delay = state.delay();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let wait = query
        .as_deref()
        .unwrap_or_default()
        .split('&')
        .any(|pair| pair.eq_ignore_ascii_case("wait=true"));
    let parsed: Option<Value> = serde_json::from_slice(&body).ok();
    let body_json = parsed.clone().unwrap_or(Value::Null);
    let response = answer(&state, &webhook_id, wait, &body_json, parsed.is_some());
    state.record(RequestRecord {
        at: Instant::now(),
        webhook_id,
        token,
        waited: wait,
        status: response.status().as_u16(),
        body: body_json,
    });
    response
}
