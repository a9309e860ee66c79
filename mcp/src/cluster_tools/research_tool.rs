//! The research tool: the research agent on a question now (`ScheduleService.Research`), each
//! step reported as MCP progress as it moves ("plan: running", "search 1: 4 passages",
//! "answer 1: 312 tokens"), answered with the run: the answer, the notes it cites and each
//! step's job. A client that cancels the call drops the gRPC stream, which cancels the run's
//! running step on the coordinator.

use proto::v1::{AgentRun, ResearchRequest};
use rmcp::RoleServer;
use rmcp::handler::server::wrapper::{Json, Parameters};
use rmcp::service::RequestContext;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::ClusterTools;
use super::progress_reporter::ProgressReporter;
use super::research_progress::step_messages;
use crate::tool_failure::{FailureKind, ToolFailure};
use crate::views::AgentRunView;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResearchArguments {
    /// The question, in full ("what did we decide about model risk tiers, and why?").
    pub question: String,
    /// The model every step runs on (list_models shows which can run now); never another.
    pub model: String,
}

#[tool_router(router = research_tool_router, vis = "pub(super)")]
impl ClusterTools {
    #[tool(
        description = "Research a question in the operator's notes with the research agent: \
                       it plans searches, searches memory, answers from the passages found and \
                       writes a final answer citing the notes, each model step a job of the \
                       cluster on the model named (never another). Progress reports each step \
                       as it moves; the result is the answer, its citations (vault paths) and \
                       every step with its job id. Takes minutes on a large model.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn research(
        &self,
        Parameters(ResearchArguments { question, model }): Parameters<ResearchArguments>,
        context: RequestContext<RoleServer>,
    ) -> Result<Json<AgentRunView>, ToolFailure> {
        if question.trim().is_empty() || model.trim().is_empty() {
            return Err(ToolFailure::invalid_argument(
                "research needs a question and a model (list_models shows which can run)",
            ));
        }
        let request = ResearchRequest {
            question,
            model,
            source: "mcp".to_owned(),
        };
        let progress = ProgressReporter::for_request(&context);
        let mut updates = self
            .link
            .schedules()
            .research(request)
            .await
            .map_err(|status| self.link.failure(&status))?
            .into_inner();
        let mut run = AgentRun::default();
        let mut said = 0_usize;
        while !is_finished(&run.state) {
            let update = tokio::select! {
                // Returning drops `updates`, the gRPC stream, which cancels the run.
                () = context.ct.cancelled() => return Err(ToolFailure::new(
                    FailureKind::JobFailed,
                    "the research was cancelled by the client; its running step was cancelled",
                )),
                update = updates.message() => update,
            };
            let Some(update) = update.map_err(|status| self.link.failure(&status))? else {
                break;
            };
            if let Some(progress) = &progress {
                for message in step_messages(&run.steps, &update.steps) {
                    said += 1;
                    progress.step(said, message).await;
                }
            }
            run = update;
        }
        run_result(&run).map(Json)
    }
}

fn is_finished(state: &str) -> bool {
    matches!(state, "succeeded" | "failed" | "cancelled")
}

/// A succeeded run is the answer; any other end is an error result with each step's news.
pub fn run_result(run: &AgentRun) -> Result<AgentRunView, ToolFailure> {
    if run.state == "succeeded" {
        return Ok(AgentRunView::from(run));
    }
    let mut error = if is_finished(&run.state) {
        format!("the research run {}", run.state)
    } else {
        "the coordinator ended the research stream before the run finished".to_owned()
    };
    if !run.error.is_empty() {
        error.push_str(&format!(": {}", run.error));
    }
    for step in &run.steps {
        error.push_str(&format!(
            "\n  {}",
            super::research_progress::step_message(step)
        ));
        if !step.job_id.is_empty() {
            error.push_str(&format!(" (job {})", step.job_id));
        }
    }
    Err(ToolFailure::new(FailureKind::JobFailed, error))
}
