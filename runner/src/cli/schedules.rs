//! `runner schedules [show | run | pause | resume]`: one `ScheduleService` call each, printed
//! as text for people (a fitted table, a schedule with its firings and an agent run's steps,
//! a firing in one line) or, with `--json`, as the API's message. A firing that was rejected
//! exits as a rejected `runner submit` does, with every node's reason; a name not configured
//! says which names are.

mod run_schedule;
mod schedule_text;

use proto::v1::{GetScheduleRequest, ListSchedulesRequest, SetSchedulePausedRequest};
use tonic::{Code, Status};

use super::Terminal;
use super::args::{ScheduleNameArgs, SchedulesArgs, SchedulesCommand, ShowScheduleArgs};
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::json::write_json;
use super::render::{now_unix_ms, output_width};

pub use schedule_text::{schedule_text, schedules_table};

pub async fn schedules(
    args: &SchedulesArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    match &args.command {
        None => list(args, terminal).await,
        Some(SchedulesCommand::Show(args)) => show(args, terminal).await,
        Some(SchedulesCommand::Run(args)) => run_schedule::run_schedule(args, terminal).await,
        Some(SchedulesCommand::Pause(args)) => set_paused(args, true, terminal).await,
        Some(SchedulesCommand::Resume(args)) => set_paused(args, false, terminal).await,
    }
}

async fn list(
    args: &SchedulesArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let answer = coordinator
        .schedules()
        .list_schedules(ListSchedulesRequest {})
        .await;
    let response = answer
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    if args.json {
        write_json(terminal.out, &response)?;
    } else if response.schedules.is_empty() {
        writeln!(
            terminal.err,
            "no schedules: add [[schedules]] to the coordinator's config"
        )?;
    } else {
        let table = schedules_table(&response.schedules, now_unix_ms(), output_width(args.wide));
        terminal.out.write_all(table.as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

async fn show(
    args: &ShowScheduleArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let request = GetScheduleRequest {
        name: args.name.clone(),
        limit: args.limit.unwrap_or(0),
    };
    let answer = coordinator.schedules().get_schedule(request).await;
    let schedule = match answer {
        Ok(schedule) => schedule.into_inner(),
        Err(status) => return Err(named_failure(&coordinator, status).await),
    };
    if args.json {
        write_json(terminal.out, &schedule)?;
    } else {
        terminal
            .out
            .write_all(schedule_text(&schedule, now_unix_ms()).as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

async fn set_paused(
    args: &ScheduleNameArgs,
    paused: bool,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let request = SetSchedulePausedRequest {
        name: args.name.clone(),
        paused,
    };
    let schedule = match coordinator.schedules().set_schedule_paused(request).await {
        Ok(schedule) => schedule.into_inner(),
        Err(status) => return Err(named_failure(&coordinator, status).await),
    };
    if args.json {
        write_json(terminal.out, &schedule)?;
    } else {
        let table = schedules_table(std::slice::from_ref(&schedule), now_unix_ms(), None);
        terminal.out.write_all(table.as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

/// NOT_FOUND names the schedules that exist, when the coordinator's message did not.
pub(super) async fn named_failure(coordinator: &Coordinator, status: Status) -> ClientError {
    if status.code() != Code::NotFound {
        return coordinator.call_failed(status);
    }
    let Ok(listed) = coordinator
        .schedules()
        .list_schedules(ListSchedulesRequest {})
        .await
    else {
        return coordinator.call_failed(status);
    };
    let names: Vec<String> = listed
        .into_inner()
        .schedules
        .into_iter()
        .map(|s| s.name)
        .collect();
    if names
        .iter()
        .all(|name| status.message().contains(name.as_str()))
    {
        return coordinator.call_failed(status);
    }
    let known = if names.is_empty() {
        "no schedule is configured".to_owned()
    } else {
        format!("the schedules are {}", names.join(", "))
    };
    ClientError::Status(Status::not_found(format!("{}; {known}", status.message())))
}

#[cfg(test)]
mod tests;
