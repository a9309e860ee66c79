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
mod tests {
    use proto::v1::NodeState;

    use super::*;

    #[test]
    fn the_line_says_what_happens_to_running_jobs() {
        let mut node = Node {
            name: "davas".into(),
            draining: true,
            running: 2,
            state: NodeState::Draining as i32,
            ..Default::default()
        };
        assert_eq!(
            draining_line(&node),
            "node davas is draining: it takes no new jobs; its 2 running jobs will finish"
        );
        node.running = 0;
        assert_eq!(
            draining_line(&node),
            "node davas is draining: it takes no new jobs; nothing is running there"
        );
        let undrained = Node {
            name: "davas".into(),
            state: NodeState::Ready as i32,
            ..Default::default()
        };
        assert_eq!(
            draining_line(&undrained),
            "node davas takes jobs again (state ready)"
        );
    }
}
