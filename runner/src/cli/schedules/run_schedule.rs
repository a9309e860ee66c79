//! `runner schedules run NAME`: fires the schedule now and prints the firing in one line; a
//! rejection exits 3 with the recorded job and each node's reason on stderr, as a rejected
//! `runner submit` does.

use proto::v1::{Firing, FiringOutcome, GetScheduleRequest, RunScheduleRequest};

use super::super::Terminal;
use super::super::args::ScheduleNameArgs;
use super::super::connect::Coordinator;
use super::super::exit_code::{ClientError, ClientExit};
use super::super::json::write_json;
use super::super::rejection::write_recorded_and_reasons;
use super::named_failure;

pub async fn run_schedule(
    args: &ScheduleNameArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let request = RunScheduleRequest {
        name: args.name.clone(),
    };
    let firing = match coordinator.schedules().run_schedule(request).await {
        Ok(firing) => firing.into_inner(),
        Err(status) => return Err(named_failure(&coordinator, status).await),
    };
    if args.json {
        write_json(terminal.out, &firing)?;
    } else {
        let zone = zone_of(&coordinator, &args.name).await;
        writeln!(
            terminal.out,
            "{}",
            client::schedules::firing_line(&firing, &zone)
        )?;
        terminal.out.flush()?;
    }
    write_firing_failure(&firing, terminal)
}

/// Started (or recorded and about to be) is success; a rejection exits as `runner submit`'s
/// does, with each node's reason on stderr; anything else that did not run is a failure.
fn write_firing_failure(
    firing: &Firing,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    match FiringOutcome::try_from(firing.outcome) {
        Ok(FiringOutcome::Started | FiringOutcome::Pending) => Ok(ClientExit::Success),
        Ok(FiringOutcome::Rejected) => {
            let (headline, reasons) = client::schedules::rejection_parts(&firing.reason);
            writeln!(terminal.err, "error: {headline}")?;
            let job_id = Some(firing.job_id.as_str()).filter(|id| !id.is_empty());
            write_recorded_and_reasons(job_id, &reasons, terminal.err)?;
            Ok(ClientExit::Rejected)
        }
        _ => {
            let outcome = client::schedules::firing_outcome(firing.outcome);
            writeln!(
                terminal.err,
                "error: the firing was {outcome}: {}",
                firing.reason
            )?;
            Ok(ClientExit::Failure)
        }
    }
}

/// The zone a schedule's slots read in (UTC when it cannot be asked).
async fn zone_of(coordinator: &Coordinator, name: &str) -> String {
    let request = GetScheduleRequest {
        name: name.to_owned(),
        limit: 1,
    };
    match coordinator.schedules().get_schedule(request).await {
        Ok(schedule) => schedule.into_inner().time_zone,
        Err(_) => "UTC".to_owned(),
    }
}
