//! The baseline the scheduler's firings are compared with: the bench itself, on the same
//! machine under the same load, sleeps until each whole second of the wall clock with a tokio
//! timer and submits the same short chat through gRPC (one task per schedule, each on a
//! connection opened beforehand). Its slot → submit is the timer's own lateness; its slot →
//! job start is what a perfect in-process scheduler could at best expect.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use harness::cluster::{TestCluster, chat_spec};
use proto::v1::SubmitJobRequest;

/// One submit the bench timed to a slot.
#[derive(Debug, Clone)]
pub struct TimedSubmit {
    pub scheduled_at_ms: i64,
    pub submitted_at_ms: i64,
    pub job_id: String,
}

/// The wall clock in ms since the Unix epoch, the clock the scheduler's slots are in.
pub fn wall_ms() -> anyhow::Result<i64> {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH)?;
    Ok(i64::try_from(since_epoch.as_millis())?)
}

/// The first whole second strictly after `now_ms`.
pub fn next_whole_second_ms(now_ms: i64) -> i64 {
    (now_ms.div_euclid(1_000) + 1) * 1_000
}

/// `tasks` tasks, each submitting one chat of `model` at every whole second before
/// `until_ms`; every submit, in no particular order.
pub async fn run_timed_submits(
    cluster: &TestCluster,
    tasks: usize,
    model: &str,
    until_ms: i64,
) -> anyhow::Result<Vec<TimedSubmit>> {
    let mut handles = Vec::with_capacity(tasks);
    for index in 0..tasks {
        let client = cluster.jobs_client().await?;
        let model = model.to_owned();
        handles.push(tokio::spawn(async move {
            submit_each_second(client, index, &model, until_ms).await
        }));
    }
    let mut submits = Vec::new();
    for handle in handles {
        submits.extend(handle.await.context("a timed-submit task panicked")??);
    }
    Ok(submits)
}

async fn submit_each_second(
    mut client: proto::v1::job_service_client::JobServiceClient<tonic::transport::Channel>,
    index: usize,
    model: &str,
    until_ms: i64,
) -> anyhow::Result<Vec<TimedSubmit>> {
    let mut submits = Vec::new();
    loop {
        let now_ms = wall_ms()?;
        let slot_ms = next_whole_second_ms(now_ms);
        if slot_ms >= until_ms {
            return Ok(submits);
        }
        let wait = u64::try_from(slot_ms - now_ms).unwrap_or(0);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        let submitted_at_ms = wall_ms()?;
        let spec = chat_spec(model, &format!("baseline {index}"));
        let job = client
            .submit_job(SubmitJobRequest { spec: Some(spec) })
            .await
            .with_context(|| format!("the baseline submit for slot {slot_ms}"))?
            .into_inner()
            .job
            .context("submit answered without a job")?;
        submits.push(TimedSubmit {
            scheduled_at_ms: slot_ms,
            submitted_at_ms,
            job_id: job.id,
        });
    }
}

#[cfg(test)]
mod tests;
