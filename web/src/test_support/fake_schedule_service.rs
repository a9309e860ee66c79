//! The fake coordinator's `ScheduleService` (served only when a test asks for schedules): lists
//! and gets the scripted schedules, records manual runs (each a started firing with a new job)
//! and pauses, and answers NOT_FOUND for a name not configured, as the real one does.

use proto::v1::schedule_service_server::ScheduleService;
use proto::v1::*;
use tonic::{Request, Response, Status};

use super::fake_coordinator::{Boxed, Fake};

/// `GetSchedule`'s default number of recent firings.
const DEFAULT_LIMIT: usize = 20;

impl Fake {
    fn with_schedule<T>(
        &self,
        name: &str,
        change: impl FnOnce(&mut Schedule) -> T,
    ) -> Result<T, Status> {
        let mut recorded = self.recorded.lock().unwrap();
        let schedule = recorded
            .schedules
            .iter_mut()
            .find(|schedule| schedule.name == name)
            .ok_or_else(|| Status::not_found(format!("no schedule named {name}")))?;
        Ok(change(schedule))
    }
}

#[tonic::async_trait]
impl ScheduleService for Fake {
    async fn list_schedules(
        &self,
        _: Request<ListSchedulesRequest>,
    ) -> Result<Response<ListSchedulesResponse>, Status> {
        let mut schedules = self.recorded.lock().unwrap().schedules.clone();
        for schedule in &mut schedules {
            schedule.recent_firings.clear();
        }
        Ok(Response::new(ListSchedulesResponse { schedules }))
    }

    async fn get_schedule(
        &self,
        request: Request<GetScheduleRequest>,
    ) -> Result<Response<Schedule>, Status> {
        let request = request.into_inner();
        let limit = match request.limit {
            0 => DEFAULT_LIMIT,
            limit => limit as usize,
        };
        self.recorded
            .lock()
            .unwrap()
            .schedule_reads
            .push(request.clone());
        let mut schedule = self.with_schedule(&request.name, |schedule| schedule.clone())?;
        schedule.recent_firings.truncate(limit);
        Ok(Response::new(schedule))
    }

    async fn run_schedule(
        &self,
        request: Request<RunScheduleRequest>,
    ) -> Result<Response<Firing>, Status> {
        let name = request.into_inner().name;
        let firing = self.with_schedule(&name, |schedule| {
            let firing = Firing {
                schedule: schedule.name.clone(),
                scheduled_at_ms: crate::app_state::now_ms(),
                outcome: FiringOutcome::Started as i32,
                job_id: format!("J-manual-{}", schedule.recent_firings.len() + 1),
                state: "queued".to_owned(),
                manual: true,
                ..Default::default()
            };
            schedule.recent_firings.insert(0, firing.clone());
            schedule.last_firing = Some(firing.clone());
            firing
        })?;
        self.recorded.lock().unwrap().schedule_runs.push(name);
        Ok(Response::new(firing))
    }

    async fn set_schedule_paused(
        &self,
        request: Request<SetSchedulePausedRequest>,
    ) -> Result<Response<Schedule>, Status> {
        let request = request.into_inner();
        let mut schedule = self.with_schedule(&request.name, |schedule| {
            schedule.paused = request.paused;
            schedule.clone()
        })?;
        schedule.recent_firings.clear();
        self.recorded
            .lock()
            .unwrap()
            .schedule_pauses
            .push((request.name, request.paused));
        Ok(Response::new(schedule))
    }

    type ResearchStream = Boxed<AgentRun>;

    async fn research(
        &self,
        _: Request<ResearchRequest>,
    ) -> Result<Response<Self::ResearchStream>, Status> {
        Err(Status::unimplemented("the web UI does not run research"))
    }
}
