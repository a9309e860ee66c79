//! One host's card on the dashboard: state and why, Ollama version, cpu, memory, disk, load,
//! jobs, when it was last seen, and the drain/undrain button. A host that is down is greyed.

use maud::{Markup, html};
use proto::v1::{HostFacts, Node};

use super::badges::{node_state_badge, node_state_key};
use super::format::{ago, bytes};

pub fn host_card(node: &Node, now_ms: i64) -> Markup {
    let key = node_state_key(node.state);
    let host = node.host.clone().unwrap_or_default();
    let seen = if node.last_seen_ms == 0 {
        "never".to_owned()
    } else {
        ago(node.last_seen_ms, now_ms)
    };
    html! {
        article class={"host state-" (key)} data-node=(node.name) data-state=(key)
            aria-labelledby={"host-" (node.name)} {
            header {
                h3 #{"host-" (node.name)} { (node.name) }
                (node_state_badge(node.state))
                @if node.draining && key != "draining" { span.badge.state-draining { "draining" } }
            }
            @if !node.state_reason.is_empty() { p.reason { (node.state_reason) } }
            dl.facts {
                div { dt { "Last seen" } dd { (seen) } }
                @if node.last_seen_ms != 0 { (facts(node, &host)) }
            }
            (drain_button(node))
        }
    }
}

fn facts(node: &Node, host: &HostFacts) -> Markup {
    let ollama = if node.ollama_reachable {
        format!("ollama {}", node.ollama_version)
    } else {
        "not answering".to_owned()
    };
    html! {
        div { dt { "Ollama" } dd { (ollama) } }
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
mod tests {
    use proto::v1::NodeState;

    use super::*;

    #[test]
    fn a_down_host_is_marked_and_says_why_and_when_it_was_seen() {
        let node = Node {
            name: "davas".into(),
            state: NodeState::Down as i32,
            state_reason: "agent down since 10:00:00 (41 s)".into(),
            last_seen_ms: 1_000,
            ..Default::default()
        };
        let text = host_card(&node, 42_000).into_string();
        assert!(
            text.contains(r#"data-node="davas" data-state="down""#),
            "{text}"
        );
        assert!(text.contains("agent down since") && text.contains("<dd>41 s ago</dd>"));
        assert!(text.contains("Drain davas"));
    }

    #[test]
    fn a_never_seen_host_says_so_and_a_draining_one_offers_undrain() {
        let node = Node {
            name: "homelab".into(),
            state: NodeState::Draining as i32,
            draining: true,
            ..Default::default()
        };
        let text = host_card(&node, 1).into_string();
        assert!(
            text.contains("<dd>never</dd>") && !text.contains("Ollama"),
            "{text}"
        );
        assert!(text.contains(r#"name="draining" value="false""#) && text.contains(">Undrain<"));
    }
}
