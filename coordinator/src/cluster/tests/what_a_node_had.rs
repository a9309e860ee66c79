//! What the loop keeps knowing about a node while its Ollama or agent is down (its models,
//! how old that list is, its slots), which fact a reason names first, and the rejection's
//! headline with its "did you mean" for a model nobody has.

use std::time::Duration;

use proto::v1::{IneligibilityCode, ModelAvailability};

use super::harness::{GEMMA, Harness, QWEN, START_MS};

const QWEN_SMALL: &str = "qwen2.5:7b";

fn homelab_and_contabo() -> Harness {
    Harness::new(&["contabo", "homelab"], &[])
}

fn model<'views>(views: &'views [ModelAvailability], name: &str) -> &'views ModelAvailability {
    views
        .iter()
        .find(|view| view.model == name)
        .unwrap_or_else(|| panic!("{name} is not listed: {views:?}"))
}

#[tokio::test]
async fn a_model_stays_listed_unavailable_with_the_reason_while_its_nodes_ollama_is_down() {
    let mut harness = homelab_and_contabo();
    harness.ready("contabo", 1, &[QWEN]);
    harness.ready("homelab", 1, &[QWEN_SMALL]);
    let confirmed_at = harness.node("homelab").installed_as_of_ms;
    assert_eq!(confirmed_at, START_MS);

    harness.advance(Duration::from_secs(3));
    harness.status("homelab", &[], false);
    let models = harness.models();
    let small = model(&models, QWEN_SMALL);
    assert!(!small.available);
    let homelab = small
        .nodes
        .iter()
        .find(|node| node.node == "homelab")
        .unwrap();
    assert_eq!(homelab.code, IneligibilityCode::OllamaDown as i32);
    assert!(
        homelab.reason.starts_with("homelab: ollama not answering"),
        "{}",
        homelab.reason
    );
    let node = harness.node("homelab");
    assert_eq!(node.installed.len(), 1, "{node:?}");
    assert_eq!(node.installed[0].name, QWEN_SMALL);
    assert_eq!(
        node.installed_as_of_ms, confirmed_at,
        "confirmed only by a reachable Ollama"
    );

    harness.advance(Duration::from_secs(1));
    harness.status("homelab", &[QWEN_SMALL], true);
    assert_eq!(harness.node("homelab").installed_as_of_ms, START_MS + 4000);
    assert!(model(&harness.models(), QWEN_SMALL).available);
}

#[tokio::test]
async fn a_down_agent_keeps_its_models_and_its_slots() {
    let mut harness = homelab_and_contabo();
    harness.ready("homelab", 3, &[QWEN_SMALL]);
    harness.detach("homelab", "connection to the agent lost");
    let node = harness.node("homelab");
    assert_eq!(node.max_parallel, 3);
    assert_eq!(node.installed.len(), 1);
    assert!(!model(&harness.models(), QWEN_SMALL).available);
    // A new agent that cannot reach Ollama yet still has the old list.
    harness.attach("homelab", 3);
    harness.status("homelab", &[], false);
    assert_eq!(harness.node("homelab").installed.len(), 1);
}

#[tokio::test]
async fn an_unrouted_model_lists_the_nodes_that_have_it_and_counts_the_others() {
    let mut harness = Harness::new(&["contabo", "homelab", "davas"], &[]);
    harness.ready("contabo", 1, &[QWEN]);
    harness.ready("homelab", 1, &[QWEN_SMALL]);
    let listed = |harness: &mut Harness, name: &str| {
        let models = harness.models();
        let view = model(&models, name);
        let nodes: Vec<String> = view.nodes.iter().map(|node| node.node.clone()).collect();
        (nodes, view.other_nodes)
    };
    // davas was never seen: what it has is not known, so it is counted, not said to lack it.
    assert_eq!(listed(&mut harness, QWEN), (vec!["contabo".to_owned()], 2));
    assert_eq!(
        listed(&mut harness, QWEN_SMALL),
        (vec!["homelab".to_owned()], 2)
    );
    // A down node stays listed for what it last had.
    harness.detach("contabo", "connection to the agent lost");
    assert_eq!(listed(&mut harness, QWEN), (vec!["contabo".to_owned()], 2));
    let models = harness.models();
    assert_eq!(
        model(&models, QWEN).nodes[0].code,
        IneligibilityCode::AgentDown as i32
    );
}

#[tokio::test]
async fn a_routed_model_lists_every_routed_node_and_counts_none() {
    let mut harness = Harness::new(&["contabo", "homelab", "davas"], &[(GEMMA, &["davas"])]);
    harness.ready("contabo", 1, &[GEMMA]);
    let models = harness.models();
    let gemma = model(&models, GEMMA);
    let nodes: Vec<&str> = gemma.nodes.iter().map(|node| node.node.as_str()).collect();
    assert_eq!(nodes, ["davas"]);
    assert_eq!(gemma.nodes[0].code, IneligibilityCode::NeverSeen as i32);
    assert_eq!(gemma.other_nodes, 0);
}

#[tokio::test]
async fn not_installed_is_said_before_down_draining_or_ollama_down() {
    // Routed to both, so the view names homelab for QWEN, which it lacks.
    let mut harness = Harness::new(&["contabo", "homelab"], &[(QWEN, &["contabo", "homelab"])]);
    harness.ready("contabo", 1, &[QWEN]);
    harness.ready("homelab", 1, &[QWEN_SMALL]);
    let code_on = |harness: &mut Harness, node: &str, model: &str| {
        let models = harness.models();
        let view = model_view_node(&models, model, node);
        (IneligibilityCode::try_from(view.0).unwrap(), view.1)
    };

    harness.set_draining("homelab", true).unwrap();
    let (code, reason) = code_on(&mut harness, "homelab", QWEN);
    assert_eq!(code, IneligibilityCode::ModelNotInstalled, "{reason}");
    assert_eq!(reason, format!("homelab: model {QWEN} not installed"));
    assert_eq!(
        code_on(&mut harness, "homelab", QWEN_SMALL).0,
        IneligibilityCode::Draining
    );
    harness.set_draining("homelab", false).unwrap();

    harness.status("homelab", &[], false);
    assert_eq!(
        code_on(&mut harness, "homelab", QWEN).0,
        IneligibilityCode::ModelNotInstalled
    );
    harness.detach("homelab", "connection to the agent lost");
    assert_eq!(
        code_on(&mut harness, "homelab", QWEN).0,
        IneligibilityCode::ModelNotInstalled
    );
    let (code, reason) = code_on(&mut harness, "homelab", QWEN_SMALL);
    assert_eq!(code, IneligibilityCode::AgentDown);
    assert!(
        reason.ends_with(": connection to the agent lost"),
        "{reason}"
    );
}

fn model_view_node(models: &[ModelAvailability], name: &str, node: &str) -> (i32, String) {
    let view = model(models, name);
    let node = view.nodes.iter().find(|view| view.node == node).unwrap();
    (node.code, node.reason.clone())
}

#[tokio::test]
async fn a_never_seen_node_is_not_said_to_lack_a_model() {
    let mut harness = homelab_and_contabo();
    harness.ready("contabo", 1, &[QWEN]);
    let rejected = harness.submit(GEMMA, 0).err().unwrap();
    let homelab = rejected
        .reasons
        .iter()
        .find(|r| r.node == "homelab")
        .unwrap();
    assert_eq!(homelab.code, IneligibilityCode::NeverSeen as i32);
}

#[tokio::test]
async fn a_rejection_reason_is_one_headline_and_suggests_a_close_model() {
    let mut harness = homelab_and_contabo();
    harness.ready("contabo", 1, &[QWEN]);
    harness.ready("homelab", 1, &[QWEN_SMALL]);
    harness.set_draining("homelab", true).unwrap();
    let drained = harness.submit(QWEN_SMALL, 0).err().unwrap();
    assert_eq!(drained.job.reason, format!("no node can run {QWEN_SMALL}"));
    assert_eq!(drained.job.rejections.len(), 2);

    let typo = harness.submit("qwen2.5:latest", 0).err().unwrap();
    assert_eq!(
        typo.job.reason,
        "no node can run qwen2.5:latest; did you mean qwen2.5:14b?"
    );
    let case = harness.submit("Qwen2.5:7B", 0).err().unwrap();
    assert_eq!(
        case.job.reason,
        "no node can run Qwen2.5:7B; did you mean qwen2.5:7b?"
    );
    let far = harness.submit("llama3.2:1b", 0).err().unwrap();
    assert_eq!(far.job.reason, "no node can run llama3.2:1b");
}

#[tokio::test]
async fn a_full_queue_reads_without_nested_parentheses() {
    let mut harness = homelab_and_contabo();
    harness.ready("contabo", 1, &[QWEN]);
    for _ in 0..3 {
        harness.accepted(QWEN, 0);
    }
    let full = harness.submit(QWEN, 0).err().unwrap();
    let contabo = full.reasons.iter().find(|r| r.node == "contabo").unwrap();
    assert_eq!(contabo.reason, "contabo: queue full: 1 running, 2 queued");
}

#[tokio::test]
async fn a_status_that_says_its_list_is_unchanged_keeps_the_models_and_confirms_them() {
    let mut harness = homelab_and_contabo();
    harness.ready("homelab", 1, &[QWEN, GEMMA]);
    harness.advance(Duration::from_secs(2));
    harness.message(
        "homelab",
        proto::v1::agent_message::Kind::Status(proto::v1::AgentStatus {
            ollama_reachable: true,
            installed_unchanged: true,
            ..Default::default()
        }),
    );
    let node = harness.node("homelab");
    let names: Vec<&str> = node.installed.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, [QWEN, GEMMA]);
    assert_eq!(node.installed_as_of_ms, START_MS + 2000);
    assert!(model(&harness.models(), GEMMA).available);
    // A changed list replaces it.
    harness.status("homelab", &[QWEN], true);
    assert_eq!(harness.node("homelab").installed.len(), 1);
}

#[tokio::test]
async fn the_welcome_says_unchanged_lists_are_kept_so_agents_may_send_them_once() {
    let mut harness = homelab_and_contabo();
    assert!(harness.attach("homelab", 1).keeps_unchanged_installed);
}
