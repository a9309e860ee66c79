//! One host's card on the dashboard: state and why, how old its model list is while it is
//! down, its labels, Ollama version (or cloud provider), cpu, memory, disk, load, jobs, when it was last seen, and
//! the drain/undrain button. A host that is down is greyed.

use client::words::node_state_of;
use maud::{Markup, html};
use proto::v1::{HostFacts, Node};

use super::badges::node_word_badge;
use super::format::{ago, bytes, time_of_day};

pub fn host_card(node: &Node, now_ms: i64) -> Markup {
    let key = node_state_of(node);
    let host = node.host.clone().unwrap_or_default();
    let seen = last_seen(node, now_ms);
    html! {
        article class={"host state-" (key)} data-node=(node.name) data-state=(key)
            aria-labelledby={"host-" (node.name)} {
            header {
                h3 #{"host-" (node.name)} { (node.name) }
                (node_word_badge(key))
                @if node.draining && key != "draining" { span.badge.state-draining { "draining" } }
            }
            @if !node.state_reason.is_empty() { p.reason { (node.state_reason) } }
            @if let Some(age) = models_age(node, now_ms) { p.models-age { (age) } }
            @if !node.labels.is_empty() {
                ul.labels aria-label="Labels" { @for label in &node.labels { li { (label) } } }
            }
            dl.facts {
                div { dt { "Last seen" } dd { (seen) } }
                @if node.last_seen_ms != 0 { (facts(node, &host)) }
            }
            (drain_button(node))
        }
    }
}

/// When the agent was last heard from. A down host says the time of day: the card is
/// rendered when the cluster changes, which for a lost host is the moment it went down, so a
/// relative "just now" would stay on the page for as long as the host stays down.
fn last_seen(node: &Node, now_ms: i64) -> String {
    if node.last_seen_ms == 0 {
        "never".to_owned()
    } else if client::words::agent_away(node) {
        time_of_day(node.last_seen_ms)
    } else {
        ago(node.last_seen_ms, now_ms)
    }
}

/// While the agent or its Ollama is down, the models shown for the host are the last list
/// known: say how old it is.
fn models_age(node: &Node, now_ms: i64) -> Option<String> {
    let stale = client::words::agent_away(node) || !node.ollama_reachable;
    if !stale || node.installed_as_of_ms == 0 || node.last_seen_ms == 0 {
        return None;
    }
    let count = node.installed.len();
    let models = if count == 1 { "model" } else { "models" };
    Some(format!(
        "{count} {models} known as of {} ({}); not confirmed since",
        time_of_day(node.installed_as_of_ms),
        ago(node.installed_as_of_ms, now_ms)
    ))
}

fn facts(node: &Node, host: &HostFacts) -> Markup {
    let provider = !node.backend.is_empty() && node.backend != "ollama";
    // With the agent down nobody asks its backend: whether it answers is unknown.
    let backend = if client::words::agent_away(node) {
        "unknown (agent down)".to_owned()
    } else if provider && node.ollama_reachable {
        format!("{} API {}", node.backend, node.ollama_version)
    } else if node.ollama_reachable {
        format!("ollama {}", node.ollama_version)
    } else {
        "not answering".to_owned()
    };
    html! {
        div { dt { @if provider { "Provider" } @else { "Ollama" } } dd { (backend) } }
        div { dt { "CPU" } dd { (host.cpu_cores) " cores · " (format!("{:.0}", host.cpu_usage_percent)) "%" } }
        div { dt { "Load" } dd { (format!("{:.2} {:.2} {:.2}", host.load_1m, host.load_5m, host.load_15m)) } }
        div { dt { "Memory" } dd { (bytes(host.memory_available_bytes)) " of " (bytes(host.memory_total_bytes)) " free" } }
        div { dt { "Disk" } dd { (bytes(host.disk_free_bytes)) " of " (bytes(host.disk_total_bytes)) " free" } }
        div { dt { "Jobs" } dd {
            (node.running) "/" (node.max_parallel) " running · " (node.queued) " queued"
        } }
    }
}

/// A form that works without JavaScript; with htmx it posts in place and the live view shows
/// the change. The id keeps keyboard focus on the button across live updates.
fn drain_button(node: &Node) -> Markup {
    let (value, label) = if node.draining {
        ("false", "Undrain")
    } else {
        ("true", "Drain")
    };
    let action = format!("/nodes/{}/draining", node.name);
    html! {
        form.drain method="post" action=(action) hx-post=(action) hx-swap="none" {
            input type="hidden" name="draining" value=(value);
            button #{"drain-" (node.name)} type="submit" class="secondary"
                aria-label={(label) " " (node.name)} { (label) }
        }
    }
}

#[cfg(test)]
mod tests;
