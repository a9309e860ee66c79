//! Executes the Discord webhook (`POST {url}?wait=true`, so a message Discord could not save is
//! an error we see) and sorts the answer into what the sender does next. The URL holds the
//! webhook's token: it is kept as a `Secret`, and reqwest's errors, which print URLs, are
//! stripped of it before anything is logged or stored.

use std::error::Error as _;
use std::time::Duration;

use settings::Secret;

use super::message::WebhookMessage;
use super::rate_limit::{pause_after_success, retry_after};

/// Discord answers in well under a second; this also bounds how long shutdown waits.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(8);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Enough of an error body to log and store Discord's explanation.
const ERROR_BODY_MAX: usize = 2000;

/// What came of one webhook execution.
#[derive(Debug, Clone, PartialEq)]
pub enum SendOutcome {
    /// 2xx: the message exists. `pause` is set when the rate-limit bucket is now empty.
    Delivered {
        message_id: Option<String>,
        pause: Option<Duration>,
    },
    /// 429: try again after `wait`, not sooner.
    RateLimited { wait: Duration, body: String },
    /// 5xx, a timeout or no connection: try again later with backoff.
    Unavailable { error: String },
    /// Any other 4xx: Discord will never take this message; `body` is Discord's reason.
    Refused { status: u16, body: String },
}

#[derive(Debug)]
pub struct WebhookClient {
    http: reqwest::Client,
    /// The webhook URL with `wait=true` added.
    url: Secret,
    /// The original URL, to scrub from any text that might quote it.
    webhook: Secret,
}

#[derive(Debug, thiserror::Error)]
pub enum WebhookClientError {
    #[error("alerts: cannot build the HTTP client for Discord: {0}")]
    Build(String),
    #[error(
        "alerts: DISCORD_WEBHOOK_URL is not a URL; copy it again from Discord's channel settings"
    )]
    BadUrl,
}

impl WebhookClient {
    pub fn new(webhook: &Secret) -> Result<Self, WebhookClientError> {
        let mut url =
            reqwest::Url::parse(webhook.expose()).map_err(|_| WebhookClientError::BadUrl)?;
        url.query_pairs_mut().append_pair("wait", "true");
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("llm-runner-alerts/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| WebhookClientError::Build(describe(error, webhook)))?;
        Ok(Self {
            http,
            url: Secret::new(url.to_string()),
            webhook: webhook.clone(),
        })
    }

    pub async fn execute(&self, message: &WebhookMessage) -> SendOutcome {
        let sent = self.http.post(self.url.expose()).json(message).send().await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => {
                return SendOutcome::Unavailable {
                    error: describe(error, &self.webhook),
                };
            }
        };
        let status = response.status();
        let headers = response.headers().clone();
        let body = match response.bytes().await {
            Ok(body) => body,
            Err(error) if status.is_success() => {
                // Discord answered 2xx, so the message exists; only its echo was cut short.
                tracing::warn!(error = %describe(error, &self.webhook), "discord's answer was cut short; the alert counts as delivered");
                Default::default()
            }
            Err(error) => {
                return SendOutcome::Unavailable {
                    error: format!("{status}: {}", describe(error, &self.webhook)),
                };
            }
        };
        let text = scrub(&String::from_utf8_lossy(&body), &self.webhook);
        if status.is_success() {
            let message_id = serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|json| json.get("id")?.as_str().map(str::to_owned));
            return SendOutcome::Delivered {
                message_id,
                pause: pause_after_success(&headers),
            };
        }
        let body = super::limits::truncate(&text, ERROR_BODY_MAX);
        match status.as_u16() {
            429 => SendOutcome::RateLimited {
                wait: retry_after(&headers, text.as_bytes()),
                body,
            },
            400..=499 => SendOutcome::Refused {
                status: status.as_u16(),
                body,
            },
            _ => SendOutcome::Unavailable {
                error: format!("discord answered {status}: {body}"),
            },
        }
    }
}

/// An error's whole chain of causes, without the URL reqwest attaches to it.
fn describe(error: reqwest::Error, webhook: &Secret) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    scrub(&text, webhook)
}

/// Belt and braces: whatever quotes the webhook URL or its path loses them.
fn scrub(text: &str, webhook: &Secret) -> String {
    let mut scrubbed = text.replace(webhook.expose(), "***");
    if let Ok(url) = reqwest::Url::parse(webhook.expose())
        && url.path().len() > 1
    {
        scrubbed = scrubbed.replace(url.path(), "/***");
    }
    scrubbed
}

#[cfg(test)]
mod tests;
