//! The job tools: submit (and by default wait for the answer, with progress), get, list and
//! cancel jobs, and embed texts.

use proto::v1::{GetJobRequest, Job, JobSpec, SubmitJobRequest};
use rmcp::RoleServer;
use rmcp::handler::server::wrapper::{Json, Parameters};
use rmcp::service::RequestContext;
use rmcp::{tool, tool_router};

use super::ClusterTools;
use super::job_arguments::{EmbedArguments, JobIdArgument, ListJobsArguments};
use super::progress_reporter::ProgressReporter;
use super::submit_arguments::{DEFAULT_WAIT, SubmitJobArguments};
use super::wait_for_job::{WaitOutcome, ended_job_result, wait_for_job};
use crate::tool_failure::{FailureKind, ToolFailure};
use crate::views::{EmbedView, JobListView, JobView};

/// Enough of each answer in a listing to recognise it; get_job has the whole of it.
const LISTED_OUTPUT_CHARS: usize = 300;

#[tool_router(router = job_tool_router, vis = "pub(super)")]
impl ClusterTools {
    #[tool(
        description = "Run an LLM job on the cluster: give a prompt (generate) or messages \
                       (chat) and the model. The job runs on exactly that model, on a node where \
                       it is healthy and allowed; when no node can run it, the result is an error \
                       naming every node and why (it is never run on another model). Waits for \
                       the answer by default and reports progress (tokens so far) when asked; \
                       wait=false returns the queued job's id at once.",
        annotations(destructive_hint = false, open_world_hint = false)
    )]
    async fn submit_job(
        &self,
        Parameters(arguments): Parameters<SubmitJobArguments>,
        context: RequestContext<RoleServer>,
    ) -> Result<Json<JobView>, ToolFailure> {
        let job = self.submit(arguments.job_spec()?).await?;
        if !arguments.wait.unwrap_or(true) {
            return Ok(Json(JobView::from(&job)));
        }
        let progress = ProgressReporter::for_request(&context);
        let patience = arguments.wait_patience();
        match wait_for_job(&self.link, job, progress, &context.ct, patience).await? {
            WaitOutcome::Ended(job) => ended_job_result(&job).map(Json),
            WaitOutcome::StillRunning(job) => Ok(Json(JobView::from(&job))),
        }
    }

    #[tool(
        description = "One job by id: its state, the node and model that served it, the whole \
                       answer (or as much as was made so far), timings, token counts, and the \
                       reason it failed or was rejected.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn get_job(
        &self,
        Parameters(JobIdArgument { id }): Parameters<JobIdArgument>,
    ) -> Result<Json<JobView>, ToolFailure> {
        let job = self
            .link
            .jobs()
            .get_job(GetJobRequest { id })
            .await
            .map_err(|status| self.link.failure(&status))?;
        Ok(Json(JobView::from(&job.into_inner())))
    }

    #[tool(
        description = "The job history, newest first, optionally only one state, model or node; \
                       answers are shortened (get_job has them whole). Page with before_id.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_jobs(
        &self,
        Parameters(arguments): Parameters<ListJobsArguments>,
    ) -> Result<Json<JobListView>, ToolFailure> {
        let answer = self
            .link
            .jobs()
            .list_jobs(arguments.request())
            .await
            .map_err(|status| self.link.failure(&status))?;
        let jobs: Vec<JobView> = answer
            .into_inner()
            .jobs
            .iter()
            .map(|job| JobView::summary(job, LISTED_OUTPUT_CHARS))
            .collect();
        let full_page = jobs.len() == arguments.limit() as usize;
        let next_before_id = full_page
            .then(|| jobs.last().map(|job| job.id.clone()))
            .flatten();
        Ok(Json(JobListView {
            jobs,
            next_before_id,
        }))
    }

    #[tool(
        description = "Cancel a queued or running job (on its node this stops the model's \
                       work). Returns the job as it ended.",
        annotations(
            destructive_hint = true,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn cancel_job(
        &self,
        Parameters(JobIdArgument { id }): Parameters<JobIdArgument>,
    ) -> Result<Json<JobView>, ToolFailure> {
        let job = self
            .link
            .jobs()
            .cancel_job(proto::v1::CancelJobRequest { id })
            .await
            .map_err(|status| self.link.failure(&status))?;
        Ok(Json(JobView::from(&job.into_inner())))
    }

    #[tool(
        description = "Embed texts with an embedding model on the cluster (same routing rule as \
                       submit_job); returns one vector per text, in order.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn embed(
        &self,
        Parameters(arguments): Parameters<EmbedArguments>,
        context: RequestContext<RoleServer>,
    ) -> Result<Json<EmbedView>, ToolFailure> {
        let job = self.submit(arguments.job_spec()).await?;
        let patience = DEFAULT_WAIT;
        let job = match wait_for_job(&self.link, job, None, &context.ct, patience).await? {
            WaitOutcome::Ended(job) => job,
            WaitOutcome::StillRunning(job) => {
                return Err(ToolFailure::new(
                    FailureKind::JobFailed,
                    format!(
                        "embed job {} did not finish within {} s; ask get_job for it",
                        job.id,
                        patience.as_secs()
                    ),
                ));
            }
        };
        let view = ended_job_result(&job)?;
        let embeddings: Vec<Vec<f32>> = job.embeddings.into_iter().map(|e| e.values).collect();
        Ok(Json(EmbedView {
            job_id: view.id,
            model: view.model,
            node: view.node,
            dimensions: embeddings.first().map_or(0, Vec::len),
            embeddings,
        }))
    }
}

impl ClusterTools {
    /// `SubmitJob`: the accepted job, or the rejection with every node's reason.
    async fn submit(&self, spec: JobSpec) -> Result<Job, ToolFailure> {
        let answer = self
            .link
            .jobs()
            .submit_job(SubmitJobRequest { spec: Some(spec) })
            .await
            .map_err(|status| self.link.failure(&status))?;
        answer.into_inner().job.ok_or_else(|| {
            ToolFailure::new(
                FailureKind::CoordinatorError,
                "the coordinator accepted the job but did not say which; check list_jobs",
            )
        })
    }
}
