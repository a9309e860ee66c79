//! The usage tool: tokens and cost over a time range, split by day, model or node, with every
//! budget's use (the coordinator's `UsageService.GetUsage`).

use proto::v1::GetUsageRequest;
use rmcp::handler::server::wrapper::{Json, Parameters};
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::ClusterTools;
use crate::tool_failure::ToolFailure;
use crate::views::UsageReportView;

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GetUsageArguments {
    /// The first day counted (`2026-12-01`, in `tz`) or instant (RFC 3339); default: 29 days
    /// before today, so 30 days with today.
    pub since: Option<String>,
    /// The last day counted (inclusive) or the first instant not counted; default: now.
    pub until: Option<String>,
    /// How to split the rows, in order: any of `day`, `model`, `node`; default: by model.
    pub by: Option<Vec<String>>,
    /// The IANA time zone days are counted in (`Europe/Berlin`); default: UTC.
    pub tz: Option<String>,
    /// Only jobs for this model (its exact name).
    pub model: Option<String>,
    /// Only jobs served by this node.
    pub node: Option<String>,
}

impl GetUsageArguments {
    pub fn request(self) -> Result<GetUsageRequest, ToolFailure> {
        let by = self
            .by
            .unwrap_or_default()
            .iter()
            .map(|word| {
                client::usage::parse_grouping(word)
                    .map(|by| by as i32)
                    .ok_or_else(|| {
                        ToolFailure::invalid_argument(format!(
                            "by: {word:?} is not a grouping; use day, model or node"
                        ))
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(GetUsageRequest {
            since: self.since.unwrap_or_default(),
            until: self.until.unwrap_or_default(),
            by,
            time_zone: self.tz.unwrap_or_default(),
            model: self.model.unwrap_or_default(),
            node: self.node.unwrap_or_default(),
        })
    }
}

#[tool_router(router = usage_tool_router, vis = "pub(super)")]
impl ClusterTools {
    #[tool(
        description = "Tokens (input, output, cached, reasoning) and cost in USD of the jobs \
                       that ran over a time range (default: the last 30 days), split by day, \
                       model and/or node, with a total, notes on jobs whose counts or cost are \
                       unknown, and every budget's use (spent of cap, when it resets, and \
                       whether it is exhausted: jobs it covers are then rejected).",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn get_usage(
        &self,
        Parameters(arguments): Parameters<GetUsageArguments>,
    ) -> Result<Json<UsageReportView>, ToolFailure> {
        let request = arguments.request()?;
        let report = self
            .link
            .usage()
            .get_usage(request)
            .await
            .map_err(|status| self.link.failure(&status))?;
        Ok(Json(UsageReportView::from(&report.into_inner())))
    }
}

#[cfg(test)]
mod tests;
