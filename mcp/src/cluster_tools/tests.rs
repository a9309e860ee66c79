//! The MCP server seen by an rmcp client over an in-memory pipe: every tool is listed with a
//! description, an input schema and an output schema; bad arguments and an unreachable
//! coordinator are `isError` results, not protocol errors. (The tools against a real cluster
//! are tested in `tests/scenarios/mcp_*`.)

use rmcp::ServiceExt;
use rmcp::model::{CallToolRequestParams, CallToolResult};
use rmcp::service::{RoleClient, RunningService};
use serde_json::{Value, json};

use super::ClusterTools;
use crate::coordinator_link::CoordinatorLink;

const TOOL_NAMES: [&str; 16] = [
    "cancel_job",
    "embed",
    "get_job",
    "get_note",
    "get_usage",
    "list_jobs",
    "list_models",
    "list_nodes",
    "list_schedules",
    "related_notes",
    "remember",
    "research",
    "run_schedule",
    "search_memory",
    "set_draining",
    "submit_job",
];

/// A client connected to tools whose coordinator is down (a port nobody listens on).
pub async fn client_of_tools_without_coordinator() -> RunningService<RoleClient, ()> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let link = CoordinatorLink::new(&format!("127.0.0.1:{port}")).unwrap();
    let (server_end, client_end) = tokio::io::duplex(64 * 1024);
    tokio::spawn(async move {
        let running = ClusterTools::new(link).serve(server_end).await.unwrap();
        let _ = running.waiting().await;
    });
    ().serve(client_end).await.unwrap()
}

pub async fn call(
    client: &RunningService<RoleClient, ()>,
    name: &str,
    arguments: Value,
) -> CallToolResult {
    let Value::Object(arguments) = arguments else {
        panic!("arguments must be an object");
    };
    client
        .call_tool(CallToolRequestParams::new(name.to_owned()).with_arguments(arguments))
        .await
        .unwrap()
}

pub fn text_of(result: &CallToolResult) -> String {
    result.content[0].as_text().unwrap().text.clone()
}

#[tokio::test]
async fn every_tool_is_listed_with_a_description_and_both_schemas() {
    let client = client_of_tools_without_coordinator().await;
    let info = client.peer_info().unwrap();
    assert_eq!(
        info.server_info.as_ref().map(|s| s.name.as_str()),
        Some("llm-runner")
    );
    assert!(
        info.instructions
            .as_deref()
            .unwrap_or_default()
            .contains("never run on another")
    );
    let tools = client.list_all_tools().await.unwrap();
    let names: Vec<&str> = tools.iter().map(|tool| tool.name.as_ref()).collect();
    assert_eq!(names, TOOL_NAMES);
    for tool in &tools {
        assert!(
            tool.description.as_ref().is_some_and(|d| d.len() > 40),
            "{}",
            tool.name
        );
        assert_eq!(
            tool.input_schema.get("type"),
            Some(&json!("object")),
            "{}",
            tool.name
        );
        let output = tool
            .output_schema
            .as_ref()
            .unwrap_or_else(|| panic!("{}", tool.name));
        assert_eq!(output.get("type"), Some(&json!("object")), "{}", tool.name);
    }
    let submit = tools.iter().find(|tool| tool.name == "submit_job").unwrap();
    let properties = submit.input_schema["properties"].as_object().unwrap();
    for argument in ["model", "prompt", "messages", "wait", "wait_seconds"] {
        assert!(
            properties.contains_key(argument),
            "submit_job lacks {argument}"
        );
    }
    assert_eq!(submit.input_schema["required"], json!(["model"]));
    let search = tools
        .iter()
        .find(|tool| tool.name == "search_memory")
        .unwrap();
    assert_eq!(search.input_schema["required"], json!(["query"]));
    // A hit the graph did not find has no graph_path: the schema must not require one.
    let hit = &search.output_schema.as_ref().unwrap()["$defs"]["MemoryHitView"];
    let required = hit["required"].as_array().unwrap();
    assert!(required.contains(&json!("found_by")), "{hit}");
    assert!(!required.contains(&json!("graph_path")), "{hit}");
}

#[tokio::test]
async fn a_down_coordinator_is_an_error_result_saying_so() {
    let client = client_of_tools_without_coordinator().await;
    for (name, arguments) in [
        ("list_nodes", json!({})),
        ("list_models", json!({})),
        ("get_job", json!({"id": "01KB3ZQ4T8Y0ABCDEFGHJKMNPQ"})),
        ("submit_job", json!({"model": "gemma4:27b", "prompt": "hi"})),
        ("get_usage", json!({"by": ["day"]})),
        ("search_memory", json!({"query": "risk"})),
        ("get_note", json!({"path": "A.md"})),
    ] {
        let result = call(&client, name, arguments).await;
        assert_eq!(result.is_error, Some(true), "{name}");
        let text = text_of(&result);
        assert!(
            text.starts_with("cannot reach the coordinator at http://127.0.0.1:"),
            "{name}: {text}"
        );
        assert!(text.contains("is runner serve running"), "{name}: {text}");
        let structured = result.structured_content.unwrap();
        assert_eq!(structured["kind"], "unreachable", "{name}");
    }
}

#[tokio::test]
async fn bad_arguments_are_error_results_that_say_what_is_wrong() {
    let client = client_of_tools_without_coordinator().await;
    let both = call(
        &client,
        "submit_job",
        json!({"model": "m", "prompt": "p", "messages": [{"role": "user", "content": "c"}]}),
    )
    .await;
    assert_eq!(both.is_error, Some(true));
    assert!(
        text_of(&both).contains("either prompt"),
        "{}",
        text_of(&both)
    );
    for (name, arguments, expected) in [
        (
            "submit_job",
            json!({"model": 3, "prompt": "p"}),
            "invalid type",
        ),
        ("submit_job", json!({"model": "m", "promt": "p"}), "promt"),
        ("list_jobs", json!({"state": "sleeping"}), "sleeping"),
        ("set_draining", json!({"node": "davas"}), "draining"),
        (
            "get_usage",
            json!({"by": ["week"]}),
            "use day, model or node",
        ),
        ("get_usage", json!({"tz": 3}), "invalid type"),
    ] {
        let result = call(&client, name, arguments).await;
        assert_eq!(result.is_error, Some(true), "{name}");
        assert!(
            text_of(&result).contains(expected),
            "{name}: {}",
            text_of(&result)
        );
    }
}
