//! Job calls a scenario makes through the real gRPC API, as any client would.

use anyhow::{Context, bail};
use futures::StreamExt;
use proto::v1::{
    ChatMessage, GetJobRequest, Job, JobKind, JobSpec, JobState, SubmitJobRequest, WatchJobRequest,
    job_event,
};

use super::test_cluster::TestCluster;

/// What watching a job to its end showed.
#[derive(Debug)]
pub struct Watched {
    pub job: Job,
    /// The output the first snapshot already carried (tokens made before the watch began).
    pub initial_output: String,
    pub deltas: Vec<String>,
}

impl Watched {
    /// What a client that watched the job shows: the snapshot's output, then every delta.
    pub fn text(&self) -> String {
        format!("{}{}", self.initial_output, self.deltas.concat())
    }
}

pub fn generate_spec(model: &str, prompt: &str) -> JobSpec {
    JobSpec {
        kind: JobKind::Generate as i32,
        model: model.to_owned(),
        prompt: prompt.to_owned(),
        ..Default::default()
    }
}

pub fn chat_spec(model: &str, text: &str) -> JobSpec {
    JobSpec {
        kind: JobKind::Chat as i32,
        model: model.to_owned(),
        messages: vec![ChatMessage {
            role: "user".into(),
            content: text.to_owned(),
        }],
        ..Default::default()
    }
}

pub fn is_terminal(job: &Job) -> bool {
    matches!(
        JobState::try_from(job.state),
        Ok(JobState::Succeeded | JobState::Failed | JobState::Cancelled | JobState::Rejected)
    )
}

impl TestCluster {
    /// Submits a job; `Err(status)` is the coordinator's refusal (e.g. a rejection).
    pub async fn submit(&self, spec: JobSpec) -> anyhow::Result<Result<Job, tonic::Status>> {
        let mut client = self.jobs_client().await?;
        Ok(
            match client
                .submit_job(SubmitJobRequest { spec: Some(spec) })
                .await
            {
                Ok(response) => Ok(response
                    .into_inner()
                    .job
                    .context("submit answered without a job")?),
                Err(status) => Err(status),
            },
        )
    }

    /// Submits a job that must be accepted.
    pub async fn submit_ok(&self, spec: JobSpec) -> anyhow::Result<Job> {
        match self.submit(spec).await? {
            Ok(job) => Ok(job),
            Err(status) => bail!(
                "submit was refused: {:?} {}",
                status.code(),
                status.message()
            ),
        }
    }

    /// Watches a job until its stream ends; the last job event is its final record.
    pub async fn watch_to_end(&self, id: &str) -> anyhow::Result<Watched> {
        let mut client = self.jobs_client().await?;
        let mut stream = client
            .watch_job(WatchJobRequest { id: id.to_owned() })
            .await?
            .into_inner();
        let mut deltas = Vec::new();
        let mut last: Option<Job> = None;
        let mut initial_output = None;
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let next = tokio::time::timeout_at(deadline, stream.next())
                .await
                .context("job did not end within 60 s")?;
            match next {
                None => break,
                Some(Err(status)) => bail!("watch failed: {status}"),
                Some(Ok(event)) => match event.event {
                    Some(job_event::Event::Delta(text)) => deltas.push(text),
                    Some(job_event::Event::Job(job)) => {
                        initial_output.get_or_insert_with(|| job.output.clone());
                        last = Some(job);
                    }
                    None => {}
                },
            }
        }
        let job = last.context("the watch stream carried no job")?;
        if !is_terminal(&job) {
            bail!(
                "the watch stream ended while the job was {:?}",
                JobState::try_from(job.state)
            );
        }
        Ok(Watched {
            job,
            initial_output: initial_output.unwrap_or_default(),
            deltas,
        })
    }

    pub async fn get_job(&self, id: &str) -> anyhow::Result<Job> {
        Ok(self
            .jobs_client()
            .await?
            .get_job(GetJobRequest { id: id.to_owned() })
            .await?
            .into_inner())
    }

    /// Every job in the history (up to 1000), newest first.
    pub async fn list_all_jobs(&self) -> anyhow::Result<Vec<Job>> {
        Ok(self
            .jobs_client()
            .await?
            .list_jobs(proto::v1::ListJobsRequest {
                limit: 1000,
                ..Default::default()
            })
            .await?
            .into_inner()
            .jobs)
    }

    /// Submits and watches to the end.
    pub async fn run_job(&self, spec: JobSpec) -> anyhow::Result<Watched> {
        let job = self.submit_ok(spec).await?;
        self.watch_to_end(&job.id).await
    }
}
