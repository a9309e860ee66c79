//! The MCP server: the cluster's tools (`node_tools.rs`, `job_tools.rs`, `usage_tools.rs`,
//! `memory_tools.rs`, `schedule_tools.rs`, `research_tool.rs`) behind one `ServerHandler`, the same for streamable HTTP and stdio.
//! Every tool calls the coordinator's gRPC API and answers with structured content (with its output schema) and the same as
//! text; anything that did not work is an `isError` result with the reason.

mod job_arguments;
mod job_tools;
mod memory_arguments;
mod memory_tools;
mod node_tools;
mod progress_reporter;
mod research_progress;
mod research_tool;
mod schedule_tools;
mod submit_arguments;
mod usage_tools;
mod wait_for_job;

#[cfg(test)]
mod tests;

use rmcp::handler::server::tool::ToolRouter;
use rmcp::{ServerHandler, tool_handler};

use crate::coordinator_link::CoordinatorLink;

/// One per MCP session (cheap: the gRPC channel is shared).
#[derive(Debug, Clone)]
pub struct ClusterTools {
    link: CoordinatorLink,
    tool_router: ToolRouter<Self>,
}

impl ClusterTools {
    pub fn new(link: CoordinatorLink) -> Self {
        Self {
            link,
            tool_router: Self::node_tool_router()
                + Self::job_tool_router()
                + Self::usage_tool_router()
                + Self::memory_tool_router()
                + Self::schedule_tool_router()
                + Self::research_tool_router(),
        }
    }
}

#[tool_handler(
    router = self.tool_router,
    name = "llm-runner",
    instructions = "llm-runner runs LLM jobs on a small cluster of hosts, each with its own \
                    Ollama. A job names one model and runs only on that model, on a node where \
                    it is installed, healthy and allowed by the model's route; when no node can \
                    run it, it is rejected with every node's reason (it is never run on another \
                    model). list_models shows which models can run now and where; submit_job runs \
                    a prompt or a chat; embed makes embeddings; list_nodes shows the hosts; \
                    get_usage shows tokens, cost and budgets. When memory is configured, \
                    search_memory finds passages in the operator's notes (cite the note and \
                    lines), get_note and related_notes read and explore them, and remember \
                    writes a new note. list_schedules shows the operator's schedules (cron \
                    jobs and agents) with their next and last firings, run_schedule fires one \
                    now, and research answers a question from the notes with the research \
                    agent, step by step, on the model named."
)]
impl ServerHandler for ClusterTools {}
