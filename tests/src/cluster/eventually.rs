//! Waiting for a condition without bare sleeps: poll until it holds or patience runs out.

use std::future::Future;
use std::time::{Duration, Instant};

/// How long to keep trying and how often.
#[derive(Debug, Clone, Copy)]
pub struct Patience {
    pub timeout: Duration,
    pub interval: Duration,
}

impl Patience {
    pub const fn seconds(seconds: u64) -> Self {
        Self {
            timeout: Duration::from_secs(seconds),
            interval: Duration::from_millis(50),
        }
    }
}

impl Default for Patience {
    fn default() -> Self {
        Self::seconds(15)
    }
}

/// Calls `check` until it returns `Ok(value)`; after `patience.timeout` fails with the last
/// error, so a failing test says what it was still waiting for.
pub async fn eventually<T, F, Fut>(
    what: &str,
    patience: Patience,
    mut check: F,
) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<T>>,
{
    let started = Instant::now();
    loop {
        match check().await {
            Ok(value) => return Ok(value),
            Err(error) if started.elapsed() >= patience.timeout => {
                anyhow::bail!(
                    "gave up after {:?} waiting for {what}: {error:#}",
                    patience.timeout
                )
            }
            Err(_) => tokio::time::sleep(patience.interval).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn returns_once_the_condition_holds() {
        let mut calls = 0;
        let value = eventually("the third call", Patience::seconds(5), || {
            calls += 1;
            let current = calls;
            async move {
                if current >= 3 {
                    Ok(current)
                } else {
                    anyhow::bail!("only {current}")
                }
            }
        })
        .await
        .unwrap();
        assert_eq!(value, 3);
    }

    #[tokio::test]
    async fn gives_up_with_the_last_error() {
        let patience = Patience {
            timeout: Duration::from_millis(100),
            interval: Duration::from_millis(10),
        };
        let error =
            eventually::<(), _, _>("never", patience, || async { anyhow::bail!("still no") })
                .await
                .unwrap_err();
        let text = format!("{error:#}");
        assert!(
            text.contains("waiting for never") && text.contains("still no"),
            "{text}"
        );
    }
}
