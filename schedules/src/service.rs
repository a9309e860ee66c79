//! `ScheduleService` (schedules.proto) on the coordinator's gRPC address: the schedules and
//! their firings, firing one now, pausing, and the research agent on demand (MCP's research
//! mode), its run streamed step by step and cancelled when the caller goes away.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use futures::{Stream, StreamExt};
use proto::v1::schedule_service_server::{ScheduleService, ScheduleServiceServer};
use proto::v1::{
    AgentRun, Firing, GetScheduleRequest, ListSchedulesRequest, ListSchedulesResponse,
    ResearchRequest, RunScheduleRequest, Schedule, SetSchedulePausedRequest,
};
use tokio::sync::watch;
use tokio_stream::wrappers::WatchStream;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status};

use crate::scheduler::Scheduler;
use crate::store::StoreError;

/// How many recent firings `GetSchedule` gives without a limit, and at most.
const DEFAULT_RECENT: u32 = 20;
const MAX_RECENT: u32 = 500;

#[derive(Clone)]
pub struct ScheduleApi {
    scheduler: Arc<Scheduler>,
}

impl ScheduleApi {
    pub fn new(scheduler: Arc<Scheduler>) -> Self {
        Self { scheduler }
    }

    pub fn into_server(self) -> ScheduleServiceServer<Self> {
        ScheduleServiceServer::new(self)
    }
}

type RunStream = Pin<Box<dyn Stream<Item = Result<AgentRun, Status>> + Send>>;

#[tonic::async_trait]
impl ScheduleService for ScheduleApi {
    async fn list_schedules(
        &self,
        _: Request<ListSchedulesRequest>,
    ) -> Result<Response<ListSchedulesResponse>, Status> {
        let mut schedules = Vec::with_capacity(self.scheduler.schedules.len());
        for config in &self.scheduler.schedules {
            let view = crate::views::schedule_view(&self.scheduler, config, 0).await;
            schedules.push(view.map_err(store_failed)?);
        }
        Ok(Response::new(ListSchedulesResponse { schedules }))
    }

    async fn get_schedule(
        &self,
        request: Request<GetScheduleRequest>,
    ) -> Result<Response<Schedule>, Status> {
        let request = request.into_inner();
        let config = self.known(&request.name)?;
        let limit = match request.limit {
            0 => DEFAULT_RECENT,
            limit => limit.min(MAX_RECENT),
        };
        let view = crate::views::schedule_view(&self.scheduler, config, limit as usize).await;
        Ok(Response::new(view.map_err(store_failed)?))
    }

    async fn run_schedule(
        &self,
        request: Request<RunScheduleRequest>,
    ) -> Result<Response<Firing>, Status> {
        let config = self.known(&request.into_inner().name)?;
        let now = self.scheduler.clock.now();
        tracing::info!(schedule = %config.name, "fired by hand");
        let firing = self
            .scheduler
            .fire_slot(config, now, true, Vec::new(), 0, None)
            .await
            .map_err(store_failed)?;
        Ok(Response::new(firing))
    }

    async fn set_schedule_paused(
        &self,
        request: Request<SetSchedulePausedRequest>,
    ) -> Result<Response<Schedule>, Status> {
        let request = request.into_inner();
        let config = self.known(&request.name)?;
        self.scheduler
            .set_paused(&config.name, request.paused)
            .await
            .map_err(store_failed)?;
        tracing::info!(schedule = %config.name, paused = request.paused, "schedule paused or resumed");
        let view = crate::views::schedule_view(&self.scheduler, config, 0).await;
        Ok(Response::new(view.map_err(store_failed)?))
    }

    type ResearchStream = RunStream;

    async fn research(
        &self,
        request: Request<ResearchRequest>,
    ) -> Result<Response<RunStream>, Status> {
        let request = request.into_inner();
        if request.question.trim().is_empty() {
            return Err(Status::invalid_argument(
                "ask a question: `question` is empty",
            ));
        }
        if request.model.trim().is_empty() {
            return Err(Status::invalid_argument(
                "name the model the research runs on: `model` is empty",
            ));
        }
        let source = if request.source.is_empty() {
            "research".to_owned()
        } else {
            request.source
        };
        let input = agents::AgentInput {
            run_id: research_run_id(self.scheduler.clock.now()),
            agent: agents::AgentKind::Research,
            model: request.model,
            input: request.question,
            source,
            time_zone: chrono_tz::Tz::UTC,
        };
        let (progress, changes) = watch::channel(AgentRun::default());
        let cancel = CancellationToken::new();
        tokio::spawn(
            self.scheduler
                .launcher
                .run_agent(input, progress, cancel.clone()),
        );
        // The guard lives as long as the stream: a caller that goes away cancels the run.
        let guard = cancel.drop_guard();
        let updates = WatchStream::from_changes(changes).map(move |run| {
            let _keep = &guard;
            Ok(run)
        });
        Ok(Response::new(Box::pin(updates)))
    }
}

impl ScheduleApi {
    fn known(&self, name: &str) -> Result<&crate::config::ScheduleConfig, Status> {
        self.scheduler.schedule(name).ok_or_else(|| {
            let names: Vec<&str> = self
                .scheduler
                .schedules
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            let known = if names.is_empty() {
                "none is configured (add [[schedules]] to coordinator.toml)".to_owned()
            } else {
                format!("configured: {}", names.join(", "))
            };
            Status::not_found(format!("no schedule is named `{name}`; {known}"))
        })
    }
}

fn store_failed(error: StoreError) -> Status {
    tracing::error!(%error, "schedule store");
    Status::internal(format!("the schedule store failed: {error}"))
}

fn research_run_id(now: chrono::DateTime<chrono::Utc>) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("research@{}-{count}", now.timestamp_millis())
}

#[cfg(test)]
mod tests;
