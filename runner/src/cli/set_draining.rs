//! `runner drain NODE` and `runner undrain NODE`: stop or resume sending new jobs to a node;
//! jobs already running there finish either way. With `--wait`, drain returns once the node
//! is idle and undrain waits for the node's agent to be connected first.

mod wait_for_node;

use proto::v1::{Node, SetDrainingRequest};

use self::wait_for_node::{Until, wait_for_node};
use super::Terminal;
use super::args::SetDrainingArgs;
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::render::node_state_name;

pub async fn set_draining(
    args: &SetDrainingArgs,
    draining: bool,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let name = args.node.trim();
    if args.wait && !draining {
        let connected =
            wait_for_node(&coordinator, name, Until::Connected, args.timeout, terminal).await?;
        if connected.is_none() {
            return timed_out(name, "its agent to connect", args, terminal);
        }
    }
    let request = SetDrainingRequest {
        node: name.to_owned(),
        draining,
    };
    let answer = coordinator.cluster().set_draining(request).await;
    let node = answer
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    writeln!(terminal.out, "{}", draining_line(&node))?;
    terminal.out.flush()?;
    if args.wait && draining && (node.running > 0 || node.queued > 0) {
        let idle = wait_for_node(&coordinator, name, Until::Idle, args.timeout, terminal).await?;
        if idle.is_none() {
            return timed_out(name, "its jobs to finish", args, terminal);
        }
        writeln!(
            terminal.out,
            "node {name} is idle: nothing runs or waits there"
        )?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

fn timed_out(
    name: &str,
    what: &str,
    args: &SetDrainingArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    writeln!(
        terminal.err,
        "error: node {name}: gave up waiting for {what} after {} s (--timeout)",
        args.timeout.as_secs()
    )?;
    Ok(ClientExit::Failure)
}

fn draining_line(node: &Node) -> String {
    if node.draining {
        let running = match node.running {
            0 => "nothing is running there".to_owned(),
            1 => "its 1 running job will finish".to_owned(),
            many => format!("its {many} running jobs will finish"),
        };
        format!(
            "node {} is draining: it takes no new jobs; {running}",
            node.name
        )
    } else {
        format!(
            "node {} takes jobs again (state {})",
            node.name,
            node_state_name(node.state)
        )
    }
}

#[cfg(test)]
mod tests;
