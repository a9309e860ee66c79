//! Tests of the `backoff` module.

use super::*;

#[test]
fn ceilings_double_from_100ms_up_to_5s_and_reset() {
    let mut backoff = Backoff::new();
    backoff.random_fraction = || 0.999_999;
    let ceilings: Vec<u64> = (0..9)
        .map(|_| {
            let ceiling = backoff.ceiling();
            let delay = backoff.next_delay();
            assert!(delay <= ceiling, "{delay:?} above {ceiling:?}");
            ceiling.as_millis() as u64
        })
        .collect();
    assert_eq!(ceilings, [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
    for _ in 0..100 {
        backoff.next_delay();
    }
    assert_eq!(backoff.ceiling(), LAST_CEILING);
    backoff.reset();
    assert_eq!(backoff.ceiling(), FIRST_CEILING);
}

#[test]
fn jitter_spreads_delays_within_the_ceiling() {
    let delays: Vec<Duration> = (0..200)
        .map(|_| {
            let mut backoff = Backoff::new();
            for _ in 0..6 {
                backoff.next_delay();
            }
            backoff.next_delay()
        })
        .collect();
    assert!(delays.iter().all(|delay| *delay <= LAST_CEILING));
    let short = delays
        .iter()
        .filter(|delay| **delay < Duration::from_millis(2500))
        .count();
    // Uniform over [0, 5 s]: both halves are well represented.
    assert!(
        (40..=160).contains(&short),
        "{short} of 200 below half the ceiling"
    );
}

#[tokio::test(start_paused = true)]
async fn wait_sleeps_at_most_the_ceiling_and_yields_to_shutdown() {
    let mut backoff = Backoff::new();
    backoff.random_fraction = || 0.5;
    let shutdown = CancellationToken::new();
    let started = tokio::time::Instant::now();
    assert!(backoff.wait(&shutdown).await);
    assert_eq!(started.elapsed(), Duration::from_millis(50));
    assert!(backoff.wait(&shutdown).await);
    assert_eq!(started.elapsed(), Duration::from_millis(150));

    for _ in 0..10 {
        backoff.next_delay();
    }
    let waiting = tokio::spawn({
        let shutdown = shutdown.clone();
        async move { backoff.wait(&shutdown).await }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    shutdown.cancel();
    assert!(!waiting.await.unwrap(), "shutdown must end the wait");
}
