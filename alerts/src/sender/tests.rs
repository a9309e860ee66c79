//! The delivery loop against a scripted Discord, on tokio's paused clock: order and coalescing,
//! 429 waits, backoff, refusals, pacing and expiry.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::{AlertSender, Deliver};
use crate::alert::Alert;
use crate::counters::AlertCounters;
use crate::discord::{SendOutcome, WebhookMessage};
use crate::outbox::{AlertStore, DeliveryState, MemoryOutbox, OutboxEntry};
use crate::time_text::Clock;

/// When each message came, and the titles of its embeds.
type Received = Arc<Mutex<Vec<(tokio::time::Instant, Vec<String>)>>>;

/// Answers from a script (then "delivered"), recording when each message came and its titles.
#[derive(Clone, Default)]
struct ScriptedDiscord {
    script: Arc<Mutex<VecDeque<SendOutcome>>>,
    received: Received,
}

impl Deliver for ScriptedDiscord {
    async fn deliver(&self, message: &WebhookMessage) -> SendOutcome {
        let titles = message.embeds.iter().map(|e| e.title.clone()).collect();
        self.received
            .lock()
            .unwrap()
            .push((tokio::time::Instant::now(), titles));
        self.script
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or(SendOutcome::Delivered {
                message_id: Some("1".into()),
                pause: None,
            })
    }
}

struct Harness {
    store: Arc<dyn AlertStore>,
    discord: ScriptedDiscord,
    counters: Arc<AlertCounters>,
    wake: Arc<Notify>,
    clock: Clock,
    shutdown: CancellationToken,
}

impl Harness {
    fn start(script: Vec<SendOutcome>) -> Self {
        Self::start_with(Arc::new(MemoryOutbox::new(100)), script)
    }

    fn start_with(store: Arc<dyn AlertStore>, script: Vec<SendOutcome>) -> Self {
        let discord = ScriptedDiscord::default();
        discord.script.lock().unwrap().extend(script);
        let harness = Self {
            store,
            discord,
            counters: Arc::default(),
            wake: Arc::default(),
            clock: Clock::start(),
            shutdown: CancellationToken::new(),
        };
        let sender = AlertSender {
            store: harness.store.clone(),
            deliver: harness.discord.clone(),
            username: "llm-runner".into(),
            counters: harness.counters.clone(),
            wake: harness.wake.clone(),
            clock: harness.clock,
        };
        tokio::spawn(sender.run(harness.shutdown.clone()));
        harness
    }

    fn raise(&self, titles: &[&str], created_at_ms: i64) -> Vec<OutboxEntry> {
        let alerts: Vec<Alert> = titles.iter().map(|t| Alert::sample("davas", t)).collect();
        let entries = self.store.record(&alerts, None, created_at_ms).unwrap();
        self.wake.notify_one();
        entries
    }

    fn entries(&self) -> Vec<OutboxEntry> {
        let mut entries = self.store.recent(100).unwrap();
        entries.reverse();
        entries
    }

    /// Waits (in virtual time) until every entry is finished.
    async fn settle(&self) {
        for _ in 0..10_000 {
            if self.entries().iter().all(|e| e.state.is_finished()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("the outbox never settled: {:?}", self.entries());
    }

    fn gaps(&self) -> Vec<Duration> {
        let received = self.discord.received.lock().unwrap();
        received.windows(2).map(|w| w[1].0 - w[0].0).collect()
    }
}

#[tokio::test(start_paused = true)]
async fn waiting_alerts_go_out_oldest_first_in_one_message() {
    let harness = Harness::start(vec![]);
    harness.raise(
        &["lost davas", "lost homelab", "back davas"],
        harness.clock.now_ms(),
    );
    harness.settle().await;
    let received = harness.discord.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].1, ["lost davas", "lost homelab", "back davas"]);
    assert!(
        harness
            .entries()
            .iter()
            .all(|e| e.state == DeliveryState::Delivered)
    );
    assert_eq!(harness.counters.snapshot().sent, 3);
}

#[tokio::test(start_paused = true)]
async fn a_429_holds_the_retry_for_retry_after_and_never_sooner() {
    let harness = Harness::start(vec![SendOutcome::RateLimited {
        wait: Duration::from_millis(1500),
        body: "You are being rate limited.".into(),
    }]);
    harness.raise(&["lost davas"], harness.clock.now_ms());
    harness.settle().await;
    let gaps = harness.gaps();
    assert_eq!(gaps.len(), 1);
    assert!(gaps[0] >= Duration::from_millis(1500), "{gaps:?}");
    assert!(gaps[0] < Duration::from_millis(1600), "{gaps:?}");
    let snapshot = harness.counters.snapshot();
    assert_eq!(
        (snapshot.retried, snapshot.rate_limited, snapshot.sent),
        (1, 1, 1)
    );
    assert_eq!(harness.entries()[0].attempts, 2);
}

#[tokio::test(start_paused = true)]
async fn an_unreachable_discord_is_retried_with_doubling_delays() {
    let down = || SendOutcome::Unavailable {
        error: "error sending request: connection refused".into(),
    };
    let harness = Harness::start(vec![down(), down(), down()]);
    harness.raise(&["lost davas"], harness.clock.now_ms());
    harness.settle().await;
    let gaps: Vec<u64> = harness
        .gaps()
        .iter()
        .map(|g| g.as_millis() as u64 / 100)
        .collect();
    assert_eq!(gaps, [10, 20, 40], "in tenths of a second");
    let entry = &harness.entries()[0];
    assert_eq!((entry.state, entry.attempts), (DeliveryState::Delivered, 4));
}

#[tokio::test(start_paused = true)]
async fn a_refused_message_is_split_and_only_the_culprit_is_given_up() {
    let refused = || SendOutcome::Refused {
        status: 400,
        body: r#"{"code": 50035, "message": "Invalid Form Body"}"#.into(),
    };
    let harness = Harness::start(vec![refused(), refused()]);
    harness.raise(&["bad", "good"], harness.clock.now_ms());
    harness.settle().await;
    let received = harness.discord.received.lock().unwrap().clone();
    let titles: Vec<Vec<String>> = received.into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles, [vec!["bad", "good"], vec!["bad"], vec!["good"]]);
    let entries = harness.entries();
    assert_eq!(entries[0].state, DeliveryState::Failed);
    assert!(
        entries[0]
            .last_error
            .as_deref()
            .unwrap()
            .contains("Invalid Form Body")
    );
    assert_eq!(entries[1].state, DeliveryState::Delivered);
    let snapshot = harness.counters.snapshot();
    assert_eq!((snapshot.failed, snapshot.sent), (1, 1));
}

#[tokio::test(start_paused = true)]
async fn an_empty_rate_limit_bucket_paces_the_next_message() {
    let harness = Harness::start(vec![SendOutcome::Delivered {
        message_id: None,
        pause: Some(Duration::from_secs(2)),
    }]);
    harness.raise(&["first"], harness.clock.now_ms());
    harness.settle().await;
    harness.raise(&["second"], harness.clock.now_ms());
    harness.settle().await;
    assert!(
        harness.gaps()[0] >= Duration::from_secs(2),
        "{:?}",
        harness.gaps()
    );
}

#[tokio::test(start_paused = true)]
async fn an_alert_a_day_old_is_given_up_unsent() {
    let harness = Harness::start(vec![]);
    let day_and_more = 25 * 3600 * 1000;
    harness.raise(&["stale"], harness.clock.now_ms() - day_and_more);
    harness.settle().await;
    assert!(harness.discord.received.lock().unwrap().is_empty());
    let entry = &harness.entries()[0];
    assert_eq!(entry.state, DeliveryState::Failed);
    assert!(entry.last_error.as_deref().unwrap().contains("expired"));
    harness.shutdown.cancel();
}

#[tokio::test(start_paused = true)]
async fn an_entry_left_sending_is_sent_again() {
    // The store failed to record Discord's answer last time: the entry still says `sending`.
    let store: Arc<dyn AlertStore> = Arc::new(MemoryOutbox::new(100));
    let now = Clock::start().now_ms();
    let mut entries = store
        .record(&[Alert::sample("davas", "lost")], None, now)
        .unwrap();
    entries[0].begin_attempt(now).unwrap();
    store.update(&entries).unwrap();
    let harness = Harness::start_with(store, vec![]);
    harness.settle().await;
    let entry = &harness.entries()[0];
    assert_eq!(
        (entry.state, entry.attempts),
        (DeliveryState::Delivered, 2),
        "{entry:?}"
    );
    assert_eq!(harness.discord.received.lock().unwrap().len(), 1);
}
