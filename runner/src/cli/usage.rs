//! `runner usage`: one `UsageService.GetUsage` call, printed as a table of tokens and cost by
//! day, model or node with a total, honest notes on what is not a number, and every budget's
//! use (or `--json`: the `UsageReport` itself).

mod report_text;

use super::Terminal;
use super::args::UsageArgs;
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::json::write_json;
use super::render::output_width;

pub use report_text::report_text;

pub async fn usage(
    args: &UsageArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let answer = coordinator.usage().get_usage(args.request()).await;
    let report = answer
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    if args.json {
        write_json(terminal.out, &report)?;
    } else {
        let text = report_text(&report, output_width(args.wide));
        terminal.out.write_all(text.as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

#[cfg(test)]
mod tests;
