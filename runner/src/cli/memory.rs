//! `runner memory sync | search | status`: one `MemoryService` call each, printed as text for
//! people (every hit with its note, headings, lines, score and the retrievers that found it)
//! or, with `--json`, as the API's message.

mod memory_text;

use proto::v1::{GetMemoryStatusRequest, SearchMemoryRequest, SyncMemoryRequest, SyncReport};

use super::Terminal;
use super::args::{MemoryArgs, MemoryCommand, MemorySearchArgs, MemoryStatusArgs, MemorySyncArgs};
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::json::write_json;

pub use memory_text::{hits_text, progress_line, status_text, sync_report_text};

pub async fn memory(
    args: &MemoryArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    match &args.command {
        MemoryCommand::Sync(args) => sync(args, terminal).await,
        MemoryCommand::Search(args) => search(args, terminal).await,
        MemoryCommand::Status(args) => status(args, terminal).await,
    }
}

async fn sync(
    args: &MemorySyncArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let request = SyncMemoryRequest {
        rebuild: args.rebuild,
    };
    let mut stream = coordinator
        .memory()
        .sync_memory(request)
        .await
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    let mut report: Option<SyncReport> = None;
    let mut last_phase = String::new();
    while let Some(progress) = stream
        .message()
        .await
        .map_err(|status| coordinator.call_failed(status))?
    {
        if let Some(done) = progress.report {
            report = Some(done);
        } else if progress.phase != last_phase || progress.phase == "embedding" {
            // Progress goes to stderr, so stdout holds only the report.
            writeln!(terminal.err, "{}", progress_line(&progress))?;
            last_phase.clone_from(&progress.phase);
        }
    }
    let Some(report) = report else {
        return Err(ClientError::Input(
            "the coordinator ended the sync without a report; see its log".into(),
        ));
    };
    if args.json {
        write_json(terminal.out, &report)?;
    } else {
        terminal
            .out
            .write_all(sync_report_text(&report).as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

async fn search(
    args: &MemorySearchArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let request = SearchMemoryRequest {
        query: args.query.join(" "),
        limit: args.limit,
        retrievers: args
            .retrievers
            .iter()
            .map(|r| r.to_proto() as i32)
            .collect(),
        ..SearchMemoryRequest::default()
    };
    let response = coordinator
        .memory()
        .search_memory(request)
        .await
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    if args.json {
        write_json(terminal.out, &response)?;
    } else {
        for warning in &response.warnings {
            writeln!(terminal.err, "warning: {warning}")?;
        }
        terminal
            .out
            .write_all(hits_text(&response.hits).as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

async fn status(
    args: &MemoryStatusArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let status = coordinator
        .memory()
        .get_memory_status(GetMemoryStatusRequest {})
        .await
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    if args.json {
        write_json(terminal.out, &status)?;
    } else {
        terminal.out.write_all(status_text(&status).as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

#[cfg(test)]
mod tests;
