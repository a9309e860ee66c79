//! `runner nodes`: every configured node with its state, backend (Ollama or a cloud
//! provider), models, slots, host load and why, as a table that fits the terminal (or `--wide`, or `--json`).

use proto::v1::{ListNodesRequest, ListNodesResponse, Node, NodeState};

use super::Terminal;
use super::args::ListNodesArgs;
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::json::write_json;
use super::render::{Table, format_age, format_bytes, now_unix_ms, or_dash, output_width};

pub async fn list_nodes(
    args: &ListNodesArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let answer = coordinator
        .cluster()
        .list_nodes(ListNodesRequest::default())
        .await;
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
            .write_all(nodes_table(&response, now_unix_ms(), output_width(args.wide)).as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

/// The table in `width` characters a line (`None`: all of it): the host facts and LAST SEEN
/// give way first, then the reason is cut (`runner nodes --wide` or `--json` has all of it).
pub fn nodes_table(response: &ListNodesResponse, now_ms: i64, width: Option<usize>) -> String {
    let headers = [
        "NAME",
        "STATE",
        "BACKEND",
        "MODELS",
        "RUN/MAX",
        "QUEUED",
        "LAST SEEN",
        "CPU",
        "MEM",
        "DISK FREE",
        "REASON",
    ];
    let mut table = Table::new(&headers).optional(&["DISK FREE", "MEM", "CPU", "LAST SEEN"]);
    for node in &response.nodes {
        table.push_row(node_row(node, now_ms));
    }
    table.render_within(width)
}

fn node_row(node: &Node, now_ms: i64) -> Vec<String> {
    let never_seen = node.last_seen_ms <= 0;
    // A down agent cannot say how its backend is: that is unknown, not down.
    let agent_down = client::words::agent_away(node);
    let backend = if node.backend.is_empty() {
        "ollama"
    } else {
        node.backend.as_str()
    };
    let ollama = match (never_seen, agent_down, node.ollama_reachable) {
        (true, _, _) => "-".to_owned(),
        (false, true, _) => "unknown".to_owned(),
        (false, false, true) if backend == "ollama" && !node.ollama_version.is_empty() => {
            format!("ollama {}", node.ollama_version)
        }
        (false, false, true) => backend.to_owned(),
        (false, false, false) => format!("{backend} down"),
    };
    let models = match (node.installed.len(), node.loaded.len()) {
        (0, _) if never_seen => "-".to_owned(),
        (installed, 0) => installed.to_string(),
        (installed, loaded) => format!("{installed} ({loaded} loaded)"),
    };
    // A provider's models it would serve but cannot now (retired, rate limited).
    let models = match node.unavailable.len() {
        0 => models,
        unavailable => format!("{models} ({unavailable} unavailable)"),
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
    let mut state = client::words::node_state_of(node).to_owned();
    // Draining is a flag: a draining node whose Ollama is down shows both.
    if node.draining && node.state != NodeState::Draining as i32 {
        state.push_str(",draining");
    }
    // Labels are the operator's own words for a node (`gpu`), shown beside its name.
    let name = if node.labels.is_empty() {
        node.name.clone()
    } else {
        format!("{} [{}]", node.name, node.labels.join(","))
    };
    vec![
        name,
        state,
        ollama,
        models,
        format!("{}/{}", node.running, node.max_parallel),
        if node.queue_capacity > 0 {
            format!("{}/{}", node.queued, node.queue_capacity)
        } else {
            node.queued.to_string()
        },
        last_seen,
        cpu,
        memory,
        disk_free,
        or_dash(&node.state_reason),
    ]
}

#[cfg(test)]
mod tests;
