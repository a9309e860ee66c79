//! The schedule tools: every `[[schedules]]` with its next and last firing, and firing one now
//! — through the coordinator's `ScheduleService`. A firing that was rejected is an `isError`
//! result with every node's reason, as a rejected job is; one that did not run for another
//! reason is one with the firing in words.

use proto::v1::{
    Firing, FiringOutcome, GetScheduleRequest, ListSchedulesRequest, RunScheduleRequest,
};
use rmcp::handler::server::wrapper::{Json, Parameters};
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::ClusterTools;
use crate::tool_failure::{FailureKind, ToolFailure};
use crate::views::{FiringView, NodeReasonView, ScheduleListView, ScheduleView};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleNameArgument {
    /// The schedule's name, as list_schedules gives it ("morning-briefing").
    pub name: String,
}

#[tool_router(router = schedule_tool_router, vis = "pub(super)")]
impl ClusterTools {
    #[tool(
        description = "The operator's schedules (cron jobs of the cluster: chats, prompts and \
                       agents such as the morning briefing and research), each with its cron \
                       and zone, what it runs on which model, whether it is paused, its next \
                       firing and its last one (started with its job and state, rejected with \
                       every node's reason, skipped or missed).",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_schedules(&self) -> Result<Json<ScheduleListView>, ToolFailure> {
        let listed = self
            .link
            .schedules()
            .list_schedules(ListSchedulesRequest {})
            .await
            .map_err(|status| self.link.failure(&status))?
            .into_inner();
        let now_ms = now_unix_ms();
        Ok(Json(ScheduleListView {
            schedules: listed
                .schedules
                .iter()
                .map(|schedule| ScheduleView::new(schedule, now_ms))
                .collect(),
        }))
    }

    #[tool(
        description = "Fire a schedule now, by hand (even if its last job is still running), \
                       and return the firing: its job id and state (get_job follows it), or \
                       for an agent its run. A firing whose job no node can run is an error \
                       with every node's reason; the job runs on the schedule's model or not \
                       at all.",
        annotations(
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn run_schedule(
        &self,
        Parameters(ScheduleNameArgument { name }): Parameters<ScheduleNameArgument>,
    ) -> Result<Json<FiringView>, ToolFailure> {
        if name.trim().is_empty() {
            return Err(ToolFailure::invalid_argument(
                "name: name a schedule; list_schedules gives their names",
            ));
        }
        let firing = self
            .link
            .schedules()
            .run_schedule(RunScheduleRequest { name: name.clone() })
            .await
            .map_err(|status| self.link.failure(&status))?
            .into_inner();
        let zone = self.time_zone_of(&name).await;
        firing_result(&firing, &zone).map(Json)
    }
}

impl ClusterTools {
    /// The zone a schedule's slots read in; UTC when it cannot be asked.
    async fn time_zone_of(&self, name: &str) -> String {
        let request = GetScheduleRequest {
            name: name.to_owned(),
            limit: 1,
        };
        match self.link.schedules().get_schedule(request).await {
            Ok(schedule) => schedule.into_inner().time_zone,
            Err(_) => "UTC".to_owned(),
        }
    }
}

/// A firing that started (or is recorded and about to) is the answer; anything else is an
/// error result that says what came of it.
pub fn firing_result(firing: &Firing, time_zone: &str) -> Result<FiringView, ToolFailure> {
    let view = FiringView::new(firing, time_zone);
    match FiringOutcome::try_from(firing.outcome) {
        Ok(FiringOutcome::Started | FiringOutcome::Pending) => Ok(view),
        Ok(FiringOutcome::Rejected) => {
            let (headline, reasons) = client::schedules::rejection_parts(&firing.reason);
            let mut error = format!("rejected: {headline}");
            if !firing.job_id.is_empty() {
                error.push_str(&format!(" (recorded as job {})", firing.job_id));
            }
            let rejections = reasons
                .into_iter()
                .map(|reason| NodeReasonView {
                    node: reason
                        .split_once(": ")
                        .map_or("", |(node, _)| node)
                        .to_owned(),
                    code: String::new(),
                    reason,
                })
                .collect();
            Err(ToolFailure {
                rejections,
                ..ToolFailure::new(FailureKind::Rejected, error)
            })
        }
        _ => Err(ToolFailure::new(
            FailureKind::CoordinatorError,
            format!("the firing did not run: {}", view.summary),
        )),
    }
}

/// Milliseconds since the Unix epoch, for "in 3h".
fn now_unix_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

#[cfg(test)]
mod tests;
