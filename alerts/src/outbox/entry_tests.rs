//! The delivery state machine: allowed paths and refused ones.

use super::{DeliveryState, OutboxEntry, TransitionError};
use crate::alert::Alert;

fn pending() -> OutboxEntry {
    OutboxEntry::new(7, Alert::sample("davas", "lost"), 100)
}

#[test]
fn a_delivery_goes_pending_sending_delivered() {
    let mut entry = pending();
    entry.begin_attempt(110).unwrap();
    assert_eq!(entry.state, DeliveryState::Sending);
    assert_eq!((entry.attempts, entry.last_attempt_at_ms), (1, Some(110)));
    entry.confirm(120, Some("123".into())).unwrap();
    assert_eq!(entry.state, DeliveryState::Delivered);
    assert_eq!(entry.finished_at_ms, Some(120));
    assert!(entry.state.is_finished());
}

#[test]
fn a_retry_goes_back_to_pending_with_a_time_and_counts_attempts() {
    let mut entry = pending();
    entry.begin_attempt(110).unwrap();
    entry.retry_later("503".into(), 1110).unwrap();
    assert_eq!(entry.state, DeliveryState::Pending);
    assert_eq!(entry.next_attempt_at_ms, Some(1110));
    entry.begin_attempt(1200).unwrap();
    assert_eq!(entry.attempts, 2);
    assert_eq!(entry.next_attempt_at_ms, None);
    entry.give_up(1300, "400 Invalid Form Body".into()).unwrap();
    assert_eq!(entry.state, DeliveryState::Failed);
    assert_eq!(entry.last_error.as_deref(), Some("400 Invalid Form Body"));
}

#[test]
fn impossible_changes_are_refused() {
    let mut entry = pending();
    assert_eq!(
        entry.confirm(1, None),
        Err(TransitionError {
            id: 7,
            from: DeliveryState::Pending,
            to: DeliveryState::Delivered
        })
    );
    assert!(entry.retry_later("x".into(), 1).is_err());
    entry.begin_attempt(1).unwrap();
    assert!(entry.begin_attempt(2).is_err(), "one attempt at a time");
    entry.confirm(3, None).unwrap();
    assert!(entry.give_up(4, "late".into()).is_err());
    assert!(entry.begin_attempt(5).is_err(), "delivered is final");
    assert!(!entry.resume_after_restart());
}

#[test]
fn only_an_interrupted_send_is_resumed() {
    let mut entry = pending();
    assert!(!entry.resume_after_restart());
    entry.begin_attempt(1).unwrap();
    assert!(entry.resume_after_restart());
    assert_eq!(entry.state, DeliveryState::Pending);
    assert_eq!(entry.attempts, 1, "the interrupted attempt still counts");
}
