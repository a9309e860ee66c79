//! Unit tests of the routing rule: eligibility reasons, least-loaded choice, rejections.

use std::collections::BTreeMap;
use std::time::Instant;

use proto::v1::{AgentHello, AgentStatus, IneligibilityCode, InstalledModel};

use super::{NAMED_REASONS, RouteDecision, bounded_reasons, rejection_is_transient, route};
use crate::cluster::node::{NodeEntry, NodeLink};
use crate::cluster::stored_status::StoredStatus;

mod budgets;

const NOW: i64 = 1_795_651_200_000;

fn connected(name: &str, models: &[&str], max_parallel: u32) -> NodeEntry {
    let mut node = NodeEntry::new(name.into(), Vec::new());
    let (outbound, _) = crate::cluster::outbound_channel();
    node.link = Some(NodeLink {
        connection_id: 1,
        outbound,
        connected_at_ms: NOW,
        last_heard: Instant::now(),
        hello: AgentHello {
            node: name.into(),
            max_parallel,
            ..Default::default()
        },
    });
    node.last_seen_ms = NOW;
    node.max_parallel = max_parallel.max(1) as usize;
    node.installed_as_of_ms = NOW;
    node.status = Some(StoredStatus::from(AgentStatus {
        ollama_reachable: true,
        installed: models
            .iter()
            .map(|m| InstalledModel {
                name: (*m).into(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }));
    node
}

fn cluster() -> (Vec<NodeEntry>, BTreeMap<String, Vec<String>>) {
    let nodes = vec![
        connected("contabo", &["qwen2.5:14b"], 1),
        connected("homelab", &["qwen2.5:14b", "gemma4:27b"], 2),
        connected("davas", &["gemma4:27b", "qwen2.5:14b"], 1),
    ];
    let routes = BTreeMap::from([("gemma4:27b".to_owned(), vec!["davas".to_owned()])]);
    (nodes, routes)
}

fn rejected(decision: RouteDecision) -> Vec<(String, IneligibilityCode, String)> {
    match decision {
        RouteDecision::Rejected(reasons) => reasons
            .into_iter()
            .map(|r| {
                (
                    r.node,
                    IneligibilityCode::try_from(r.code).unwrap(),
                    r.reason,
                )
            })
            .collect(),
        RouteDecision::Node(index) => panic!("expected a rejection, got node {index}"),
    }
}

#[test]
fn a_pinned_model_goes_only_to_its_node() {
    let (nodes, routes) = cluster();
    assert_eq!(
        route(&nodes, &routes, "gemma4:27b", 4, NOW),
        RouteDecision::Node(2)
    );
}

#[test]
fn a_pinned_model_is_rejected_when_its_node_is_down_never_downgraded() {
    let (mut nodes, routes) = cluster();
    nodes[2].link = None;
    nodes[2].down_since_ms = NOW - 41_000;
    nodes[2].down_reason = "stream closed".into();
    let reasons = rejected(route(&nodes, &routes, "gemma4:27b", 4, NOW));
    assert_eq!(reasons[0].0, "davas");
    assert_eq!(reasons[0].1, IneligibilityCode::AgentDown);
    assert!(
        reasons[0]
            .2
            .starts_with("davas: agent down since 2026-11-25T23:59:19Z (41 s)"),
        "{}",
        reasons[0].2
    );
    // homelab has gemma4 too, but the route pins it to davas: said, not used.
    assert_eq!(reasons[1].1, IneligibilityCode::NotRouted);
    assert_eq!(reasons[1].0, "homelab");
}

#[test]
fn every_kind_of_ineligibility_is_named() {
    let (mut nodes, routes) = cluster();
    nodes[2].status.as_mut().unwrap().ollama_reachable = false;
    nodes[2].status.as_mut().unwrap().ollama_error = "connection refused".into();
    assert_eq!(
        rejected(route(&nodes, &routes, "gemma4:27b", 4, NOW))[0].2,
        "davas: ollama not answering: connection refused"
    );
    let (mut nodes, _) = cluster();
    nodes[2]
        .status
        .as_mut()
        .unwrap()
        .installed
        .retain(|m| m.name != "gemma4:27b");
    assert_eq!(
        rejected(route(&nodes, &routes, "gemma4:27b", 4, NOW))[0].2,
        "davas: model gemma4:27b not installed"
    );
    let (mut nodes, _) = cluster();
    nodes[2].draining = true;
    assert_eq!(
        rejected(route(&nodes, &routes, "gemma4:27b", 4, NOW))[0].1,
        IneligibilityCode::Draining
    );
    let (mut nodes, _) = cluster();
    nodes[2].running.insert("j1".into());
    nodes[2].queue.push_back("j2".into());
    let RouteDecision::Rejected(full) = route(&nodes, &routes, "gemma4:27b", 1, NOW) else {
        panic!("expected a rejection")
    };
    assert_eq!(full[0].code, IneligibilityCode::QueueFull as i32);
    assert!(
        rejection_is_transient(&full[..1]),
        "a full queue is worth retrying"
    );
    assert!(
        !rejection_is_transient(&full),
        "homelab is outside the route: not transient"
    );
    let mut never = NodeEntry::new("ghost".into(), Vec::new());
    never.last_seen_ms = 0;
    assert!(
        rejected(route(&[never], &BTreeMap::new(), "m:latest", 1, NOW))[0]
            .2
            .contains("never seen")
    );
}

#[test]
fn an_unrouted_model_goes_to_the_least_loaded_node_that_has_it() {
    let (mut nodes, routes) = cluster();
    assert_eq!(
        route(&nodes, &routes, "qwen2.5:14b", 4, NOW),
        RouteDecision::Node(0)
    );
    nodes[0].running.insert("busy".into());
    // homelab has two slots, so one running job there is half as loaded as contabo's one.
    nodes[1].running.insert("other".into());
    nodes[2].running.insert("third".into());
    assert_eq!(
        route(&nodes, &routes, "qwen2.5:14b", 4, NOW),
        RouteDecision::Node(1)
    );
    let unknown = rejected(route(&nodes, &routes, "mystery:7b", 4, NOW));
    assert_eq!(unknown.len(), 3);
    assert!(
        unknown
            .iter()
            .all(|r| r.1 == IneligibilityCode::ModelNotInstalled)
    );
    assert!(!rejection_is_transient(&[]));
}

#[test]
fn a_full_slot_still_takes_jobs_into_its_queue() {
    let (mut nodes, routes) = cluster();
    nodes[2].running.insert("j1".into());
    assert_eq!(
        route(&nodes, &routes, "gemma4:27b", 1, NOW),
        RouteDecision::Node(2)
    );
}

#[test]
fn a_rejection_names_a_bounded_number_of_nodes_and_counts_the_rest() {
    let mut nodes: Vec<NodeEntry> = (0..1000)
        .map(|index| connected(&format!("n{index:04}"), &["qwen2.5:14b"], 1))
        .collect();
    // Two nodes that have the model but cannot run it now (a node known not to have it says
    // "not installed" even while down).
    nodes[700] = connected("n0700", &["mystery:7b"], 1);
    nodes[700].link = None;
    nodes[700].last_seen_ms = NOW - 5_000;
    nodes[900] = connected("n0900", &["mystery:7b"], 1);
    nodes[900].status.as_mut().unwrap().ollama_reachable = false;
    let reasons = match route(&nodes, &BTreeMap::new(), "mystery:7b", 4, NOW) {
        RouteDecision::Rejected(reasons) => reasons,
        other => panic!("expected a rejection, got {other:?}"),
    };
    assert_eq!(reasons.len(), NAMED_REASONS + 1, "{reasons:#?}");
    // The nodes that are down come first: they may be the ones the caller hoped for.
    assert_eq!(reasons[0].node, "n0700");
    assert_eq!(reasons[1].node, "n0900");
    let summary = reasons.last().unwrap();
    let omitted = 1000 - NAMED_REASONS;
    assert_eq!(summary.node, format!("{omitted} more nodes"));
    assert_eq!(summary.code, IneligibilityCode::ModelNotInstalled as i32);
    assert_eq!(
        summary.reason,
        format!("{omitted} more nodes: model mystery:7b not installed")
    );
    assert!(!rejection_is_transient(&reasons));
}

#[test]
fn bounding_keeps_every_code_so_a_transient_rejection_stays_transient() {
    let nodes: Vec<NodeEntry> = (0..100)
        .map(|index| connected(&format!("n{index}"), &["m:1b"], 1))
        .collect();
    let ineligible = |count: usize| -> Vec<(usize, IneligibilityCode)> {
        (0..count)
            .map(|index| {
                let code = if index % 2 == 0 {
                    IneligibilityCode::AgentDown
                } else {
                    IneligibilityCode::QueueFull
                };
                (index, code)
            })
            .collect()
    };
    let few = bounded_reasons(&nodes, ineligible(3), "m:1b", NOW);
    assert_eq!(few.len(), 3);
    assert_eq!(few[1].node, "n1");
    assert!(few[1].reason.starts_with("n1: queue full"), "{few:?}");
    let bounded = bounded_reasons(&nodes, ineligible(100), "m:1b", NOW);
    assert_eq!(bounded.len(), NAMED_REASONS + 2);
    assert!(rejection_is_transient(&bounded));
    let counted: usize = bounded[NAMED_REASONS..]
        .iter()
        .map(|summary| {
            summary
                .node
                .split(' ')
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(counted, 100 - NAMED_REASONS);
}
