//! The cluster tools: nodes with their state and host facts, model availability with every
//! node's reason, and draining a node.

use proto::v1::{ListModelsRequest, ListNodesRequest, SetDrainingRequest};
use rmcp::handler::server::wrapper::{Json, Parameters};
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::ClusterTools;
use crate::tool_failure::ToolFailure;
use crate::views::{ModelListView, ModelView, NodeListView, NodeView};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetDrainingArguments {
    /// The node's name, as list_nodes shows it.
    pub node: String,
    /// True: the node takes no new jobs (running ones finish). False: it takes jobs again.
    pub draining: bool,
}

#[tool_router(router = node_tool_router, vis = "pub(super)")]
impl ClusterTools {
    #[tool(
        description = "List the cluster's nodes (hosts running an agent next to Ollama): each \
                       node's state (ready, ollama_down, down, draining) and why it is not ready, \
                       the models installed and loaded in its Ollama, its running and queued jobs, \
                       and its host's facts (CPU, memory, disk, load).",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_nodes(&self) -> Result<Json<NodeListView>, ToolFailure> {
        let answer = self
            .link
            .cluster()
            .list_nodes(ListNodesRequest::default())
            .await
            .map_err(|status| self.link.failure(&status))?;
        let nodes = answer
            .into_inner()
            .nodes
            .iter()
            .map(NodeView::from)
            .collect();
        Ok(Json(NodeListView { nodes }))
    }

    #[tool(
        description = "Which models can run now, and where: for every model, the nodes that can \
                       take a job for it (available_on) and, for every other node that has it \
                       or is routed it, the reason it cannot (agent down, Ollama down, model \
                       not installed, not allowed by the model's route, draining, queue full); \
                       other_nodes counts the nodes without it. Check this before \
                       submit_job: a job runs only on the model it names, never on another.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_models(&self) -> Result<Json<ModelListView>, ToolFailure> {
        let answer = self
            .link
            .cluster()
            .list_models(ListModelsRequest {})
            .await
            .map_err(|status| self.link.failure(&status))?;
        let models = answer
            .into_inner()
            .models
            .iter()
            .map(ModelView::from)
            .collect();
        Ok(Json(ModelListView { models }))
    }

    #[tool(
        description = "Drain a node (it takes no new jobs; the jobs it runs finish) or undrain \
                       it (it takes jobs again). Returns the node as it is now.",
        annotations(
            idempotent_hint = true,
            destructive_hint = false,
            open_world_hint = false
        )
    )]
    async fn set_draining(
        &self,
        Parameters(arguments): Parameters<SetDrainingArguments>,
    ) -> Result<Json<NodeView>, ToolFailure> {
        let request = SetDrainingRequest {
            node: arguments.node,
            draining: arguments.draining,
        };
        let node = self
            .link
            .cluster()
            .set_draining(request)
            .await
            .map_err(|status| self.link.failure(&status))?;
        Ok(Json(NodeView::from(&node.into_inner())))
    }
}
