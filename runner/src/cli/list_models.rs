//! `runner models`: every model the cluster knows with its availability on each node that has
//! it or is routed it (the others counted) and, where a node cannot serve it, why, cut to fit the terminal (or `--wide`, or `--json`).

use std::collections::HashMap;

use proto::v1::{
    ListModelsRequest, ListModelsResponse, ListNodesRequest, ModelAvailability, Node,
    NodeAvailability,
};

use super::Terminal;
use super::args::ListModelsArgs;
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::json::write_json;
use super::render::{Table, format_age, ineligibility_name, now_unix_ms, output_width};

pub async fn list_models(
    args: &ListModelsArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let answer = coordinator
        .cluster()
        .list_models(ListModelsRequest {})
        .await;
    let response = answer
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    if args.json {
        write_json(terminal.out, &response)?;
    } else if response.models.is_empty() {
        writeln!(
            terminal.err,
            "no models: no node reports an installed model and no route names one"
        )?;
    } else {
        // The nodes say how old their model lists are when nobody can confirm them now.
        let nodes = coordinator
            .cluster()
            .list_nodes(ListNodesRequest::default())
            .await;
        let nodes = nodes
            .map_err(|status| coordinator.call_failed(status))?
            .into_inner()
            .nodes;
        let ages = stale_model_lists(&nodes, now_unix_ms());
        terminal
            .out
            .write_all(models_table(&response, &ages, output_width(args.wide)).as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

/// `davas` → `3m`: how old the model list is of each node that is down or whose Ollama is
/// down, when the coordinator knows when it was last confirmed (`installed_as_of_ms`).
pub fn stale_model_lists(nodes: &[Node], now_ms: i64) -> HashMap<String, String> {
    nodes
        .iter()
        .filter(|node| {
            node.installed_as_of_ms > 0
                && (client::words::agent_away(node) || !node.ollama_reachable)
        })
        .map(|node| {
            (
                node.name.clone(),
                format_age(now_ms, node.installed_as_of_ms),
            )
        })
        .collect()
}

/// One row per listed node, then one counting the other nodes (those without the model, see
/// `ModelAvailability.other_nodes`); the model's own columns only on its first row, so each
/// model reads as a block; in `width` characters a line (`None`: all of it), the status cut to fit.
pub fn models_table(
    response: &ListModelsResponse,
    ages: &HashMap<String, String>,
    width: Option<usize>,
) -> String {
    // A long route gives way to the status (`--wide` shows both).
    let mut table =
        Table::new(&["MODEL", "AVAILABLE", "ROUTE", "NODE", "STATUS"]).optional(&["ROUTE"]);
    for model in &response.models {
        let mut model_columns = Some(model_columns(model));
        if model.nodes.is_empty() && model.other_nodes == 0 {
            let [name, available, route] = model_columns.unwrap_or_default();
            table.push_row(vec![
                name,
                available,
                route,
                "-".to_owned(),
                "no candidate node".to_owned(),
            ]);
            continue;
        }
        for node in &model.nodes {
            let [name, available, route] = model_columns.take().unwrap_or_default();
            table.push_row(vec![
                name,
                available,
                route,
                node.node.clone(),
                match ages.get(&node.node) {
                    Some(age) => format!("{}; models as of {age} ago", node_status(node)),
                    None => node_status(node),
                },
            ]);
        }
        if model.other_nodes > 0 {
            let [name, available, route] = model_columns.take().unwrap_or_default();
            table.push_row(vec![
                name,
                available,
                route,
                format!("+{} more", model.other_nodes),
                "not on their model lists".to_owned(),
            ]);
        }
    }
    table.render_within(width)
}

fn model_columns(model: &ModelAvailability) -> [String; 3] {
    let available = if model.available { "yes" } else { "no" };
    // A model without a route may run on any node that has it installed.
    let route = if model.routed_nodes.is_empty() {
        "any".to_owned()
    } else {
        model.routed_nodes.join(",")
    };
    [model.model.clone(), available.to_owned(), route]
}

/// `available, loaded` or `unavailable (agent down since …)`.
fn node_status(node: &NodeAvailability) -> String {
    if node.available {
        return if node.loaded {
            "available, loaded".to_owned()
        } else {
            "available".to_owned()
        };
    }
    // Reasons often start with the node's name, which the NODE column already shows.
    let reason = node
        .reason
        .strip_prefix(&format!("{}: ", node.node))
        .unwrap_or(&node.reason);
    let reason = if reason.is_empty() {
        ineligibility_name(node.code).replace('_', " ")
    } else {
        reason.to_owned()
    };
    format!("unavailable ({reason})")
}

#[cfg(test)]
mod tests;
