//! `runner nodes`: every configured node with its state and why, its Ollama, models, slots,
//! and host load, as a table (or `--json`).

use proto::v1::{ListNodesRequest, ListNodesResponse, Node, NodeState};

use super::Terminal;
use super::args::ListNodesArgs;
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::json::write_json;
use super::render::{
    Table, format_age, format_bytes, node_state_name, now_unix_ms, or_dash, truncate,
};

const REASON_WIDTH: usize = 40;

pub async fn list_nodes(
    args: &ListNodesArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let answer = coordinator.cluster().list_nodes(ListNodesRequest {}).await;
    let response = answer
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    if args.json {
        write_json(terminal.out, &response)?;
    } else if response.nodes.is_empty() {
        writeln!(
            terminal.err,
            "no nodes are configured; add [[nodes]] to the coordinator's config"
        )?;
    } else {
        terminal
            .out
            .write_all(nodes_table(&response, now_unix_ms()).as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

pub fn nodes_table(response: &ListNodesResponse, now_ms: i64) -> String {
    let headers = [
        "NAME",
        "STATE",
        "REASON",
        "OLLAMA",
        "MODELS",
        "RUNNING/MAX",
        "QUEUED",
        "CPU",
        "MEM",
        "DISK FREE",
        "LAST SEEN",
    ];
    let mut table = Table::new(&headers);
    for node in &response.nodes {
        table.push_row(node_row(node, now_ms));
    }
    table.render()
}

fn node_row(node: &Node, now_ms: i64) -> Vec<String> {
    let never_seen = node.last_seen_ms <= 0;
    let ollama = match (never_seen, node.ollama_reachable) {
        (true, _) => "-".to_owned(),
        (false, true) => or_dash(&node.ollama_version),
        (false, false) => "down".to_owned(),
    };
    let models = match (node.installed.len(), node.loaded.len()) {
        (0, _) if never_seen => "-".to_owned(),
        (installed, 0) => installed.to_string(),
        (installed, loaded) => format!("{installed} ({loaded} loaded)"),
    };
    let (cpu, memory, disk_free) = match &node.host {
        Some(host) if !never_seen => (
            format!("{:.0}% of {}", host.cpu_usage_percent, host.cpu_cores),
            format!(
                "{}/{}",
                format_bytes(
                    host.memory_total_bytes
                        .saturating_sub(host.memory_available_bytes)
                ),
                format_bytes(host.memory_total_bytes)
            ),
            format_bytes(host.disk_free_bytes),
        ),
        _ => ("-".to_owned(), "-".to_owned(), "-".to_owned()),
    };
    let last_seen = if never_seen {
        "never".to_owned()
    } else {
        format!("{} ago", format_age(now_ms, node.last_seen_ms))
    };
    let mut state = node_state_name(node.state).to_owned();
    // Draining is a flag: a draining node whose Ollama is down shows both.
    if node.draining && node.state != NodeState::Draining as i32 {
        state.push_str(",draining");
    }
    vec![
        node.name.clone(),
        state,
        or_dash(&truncate(&node.state_reason, REASON_WIDTH)),
        ollama,
        models,
        format!("{}/{}", node.running, node.max_parallel),
        if node.queue_capacity > 0 {
            format!("{}/{}", node.queued, node.queue_capacity)
        } else {
            node.queued.to_string()
        },
        cpu,
        memory,
        disk_free,
        last_seen,
    ]
}

#[cfg(test)]
mod tests {
    use proto::v1::{HostFacts, InstalledModel, LoadedModel};

    use super::*;

    const GIB: u64 = 1 << 30;

    #[test]
    fn a_ready_node_and_a_never_seen_one() {
        let now = 1_800_000_000_000;
        let davas = Node {
            name: "davas".into(),
            state: NodeState::Ready as i32,
            ollama_reachable: true,
            ollama_version: "0.12.3".into(),
            installed: vec![
                InstalledModel {
                    name: "gemma4:27b".into(),
                    ..Default::default()
                },
                InstalledModel::default(),
            ],
            loaded: vec![LoadedModel {
                name: "gemma4:27b".into(),
                ..Default::default()
            }],
            host: Some(HostFacts {
                cpu_cores: 16,
                cpu_usage_percent: 12.4,
                memory_total_bytes: 64 * GIB,
                memory_available_bytes: 40 * GIB,
                disk_free_bytes: 120 * GIB,
                ..Default::default()
            }),
            last_seen_ms: now - 2_000,
            max_parallel: 2,
            running: 1,
            queued: 0,
            queue_capacity: 8,
            ..Default::default()
        };
        let homelab = Node {
            name: "homelab".into(),
            state: NodeState::Down as i32,
            state_reason: "never seen".into(),
            max_parallel: 1,
            ..Default::default()
        };
        let text = nodes_table(
            &ListNodesResponse {
                nodes: vec![davas, homelab],
            },
            now,
        );
        let expected = "\
NAME     STATE  REASON      OLLAMA  MODELS        RUNNING/MAX  QUEUED  CPU        MEM            DISK FREE  LAST SEEN
davas    ready  -           0.12.3  2 (1 loaded)  1/2          0/8     12% of 16  24 GiB/64 GiB  120 GiB    2s ago
homelab  down   never seen  -       -             0/1          0       -          -              -          never
";
        assert_eq!(text, expected);
    }

    #[test]
    fn a_node_whose_ollama_stopped_says_down() {
        let node = Node {
            name: "contabo".into(),
            state: NodeState::OllamaDown as i32,
            last_seen_ms: 1,
            ..Default::default()
        };
        let row = node_row(&node, 1_000);
        assert_eq!((row[1].as_str(), row[3].as_str()), ("ollama_down", "down"));
        let draining = Node {
            draining: true,
            ..node.clone()
        };
        assert_eq!(node_row(&draining, 1_000)[1], "ollama_down,draining");
        let drained = Node {
            state: NodeState::Draining as i32,
            ..draining
        };
        assert_eq!(node_row(&drained, 1_000)[1], "draining");
    }
}
