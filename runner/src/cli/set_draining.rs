//! `runner drain NODE` and `runner undrain NODE`: stop or resume sending new jobs to a node;
//! jobs already running there finish either way.

use proto::v1::{Node, SetDrainingRequest};

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
    let request = SetDrainingRequest {
        node: args.node.trim().to_owned(),
        draining,
    };
    let answer = coordinator.cluster().set_draining(request).await;
    let node = answer
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    writeln!(terminal.out, "{}", draining_line(&node))?;
    terminal.out.flush()?;
    Ok(ClientExit::Success)
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
