//! The listing, showing, cancelling and draining commands over real gRPC against the in-test
//! coordinator: what they ask for, what they print, and how they exit.

use proto::v1::{Job, JobSpec, JobState, ModelAvailability, Node, NodeAvailability, NodeState};
use tonic::Status;

use super::run;
use crate::cli::ClientExit;
use crate::cli::test_coordinator::{JOB_ID, Script, start};

fn job() -> Job {
    Job {
        id: JOB_ID.into(),
        spec: Some(JobSpec {
            model: "gemma4:27b".into(),
            prompt: "say hello".into(),
            ..Default::default()
        }),
        state: JobState::Succeeded as i32,
        node: "davas".into(),
        output: "Hello world".into(),
        attempt: 1,
        ..Default::default()
    }
}

#[tokio::test]
async fn jobs_sends_the_filters_and_prints_a_table() {
    let fake = start(Script {
        jobs: vec![job()],
        next_before_id: JOB_ID.into(),
        ..Default::default()
    })
    .await;
    let ran = run(
        &fake.url,
        &[
            "jobs",
            "--state",
            "succeeded",
            "--node",
            "davas",
            "--limit",
            "10",
        ],
    )
    .await;
    assert_eq!(ran.exit, ClientExit::Success, "{ran:?}");
    let mut lines = ran.stdout.lines();
    assert!(lines.next().unwrap().starts_with("ID "));
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with(&format!("{}  succeeded  gemma4:27b  davas", &JOB_ID[..8]))
    );
    assert_eq!(
        ran.stderr,
        format!("older jobs: runner jobs --before {JOB_ID}\n")
    );
    let request = fake.recorded.lock().unwrap().listed[0].clone();
    assert_eq!(
        (request.state, request.node.as_str(), request.limit),
        (Some(JobState::Succeeded as i32), "davas", 10)
    );
}

#[tokio::test]
async fn jobs_with_no_match_says_so_on_stderr() {
    let fake = start(Script::default()).await;
    let ran = run(&fake.url, &["jobs"]).await;
    assert_eq!(
        (ran.exit, ran.stdout.as_str(), ran.stderr.as_str()),
        (ClientExit::Success, "", "no jobs match\n")
    );
}

#[tokio::test]
async fn job_shows_the_output_or_says_the_id_is_unknown() {
    let fake = start(Script {
        get_job: Some(job()),
        ..Default::default()
    })
    .await;
    let ran = run(&fake.url, &["job", JOB_ID]).await;
    assert_eq!(ran.exit, ClientExit::Success);
    assert!(ran.stdout.contains("served by  davas\n"), "{}", ran.stdout);
    assert!(
        ran.stdout.ends_with("output:\n  Hello world\n"),
        "{}",
        ran.stdout
    );

    let missing = run(&fake.url, &["job", "01JZZZZZZZZZZZZZZZZZZZZZZZ"]).await;
    assert_eq!(missing.exit, ClientExit::FailedOrNotFound);
    assert_eq!(
        missing.stderr,
        "error: no job with id 01JZZZZZZZZZZZZZZZZZZZZZZZ; list jobs with `runner jobs`\n"
    );
}

#[tokio::test]
async fn job_json_is_the_job_message() {
    let fake = start(Script {
        get_job: Some(job()),
        ..Default::default()
    })
    .await;
    let ran = run(&fake.url, &["job", JOB_ID, "--json"]).await;
    let value: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(
        (value["id"].as_str(), value["output"].as_str()),
        (Some(JOB_ID), Some("Hello world"))
    );
}

#[tokio::test]
async fn cancel_confirms_or_explains_why_not() {
    let fake = start(Script::default()).await;
    let ran = run(&fake.url, &["cancel", JOB_ID]).await;
    assert_eq!(
        (ran.exit, ran.stdout.clone()),
        (
            ClientExit::Success,
            format!("cancelled job {JOB_ID} on davas\n")
        )
    );
    assert_eq!(fake.recorded.lock().unwrap().cancelled, [JOB_ID]);

    let ended = Status::failed_precondition(format!(
        "job {JOB_ID} has already ended (succeeded); nothing to cancel"
    ));
    let fake = start(Script {
        cancel_refusal: Some(ended.clone()),
        get_job: Some(job()),
        ..Default::default()
    })
    .await;
    let ran = run(&fake.url, &["cancel", JOB_ID]).await;
    assert_eq!(ran.exit, ClientExit::FailedOrNotFound, "{ran:?}");
    assert_eq!(
        ran.stderr,
        format!("job {JOB_ID} already ended: succeeded; nothing to cancel\n")
    );

    let fake = start(Script {
        cancel_refusal: Some(ended),
        get_job: Some(Job {
            state: JobState::Cancelled as i32,
            ..job()
        }),
        ..Default::default()
    })
    .await;
    let ran = run(&fake.url, &["cancel", JOB_ID]).await;
    assert_eq!(ran.exit, ClientExit::Success, "{ran:?}");
    assert_eq!(ran.stdout, format!("job {JOB_ID} was already cancelled\n"));
}

/// The HTTP port answers gRPC calls with a plain 404: the CLI names the mix-up and exits 5.
#[tokio::test]
async fn the_http_port_given_for_the_grpc_one_is_named_as_such() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        axum::serve(listener, axum::Router::new()).await.unwrap();
    });
    let ran = run(&url, &["nodes"]).await;
    server.abort();
    assert_eq!(ran.exit, ClientExit::Unreachable, "{ran:?}");
    assert_eq!(ran.exit.code(), 5);
    assert_eq!(
        ran.stderr,
        format!(
            "error: {url} answered as a plain HTTP server (HTTP status code 404): this looks \
             like the HTTP port (http_addr); the gRPC port is grpc_addr (default 7070)\n"
        )
    );
}

#[tokio::test]
async fn nodes_and_models_print_tables_or_json() {
    let davas = Node {
        name: "davas".into(),
        state: NodeState::Down as i32,
        state_reason: "never seen".into(),
        ..Default::default()
    };
    let gemma = ModelAvailability {
        model: "gemma4:27b".into(),
        nodes: vec![NodeAvailability {
            node: "davas".into(),
            reason: "davas: agent down".into(),
            ..Default::default()
        }],
        routed_nodes: vec!["davas".into()],
        ..Default::default()
    };
    let fake = start(Script {
        nodes: vec![davas],
        models: vec![gemma],
        ..Default::default()
    })
    .await;
    let nodes = run(&fake.url, &["nodes", "--wide"]).await;
    let davas = nodes.stdout.lines().nth(1).unwrap();
    assert!(
        davas.starts_with("davas  down") && davas.ends_with("  never seen"),
        "{}",
        nodes.stdout
    );
    let models = run(&fake.url, &["models"]).await;
    assert!(
        models.stdout.ends_with("davas  unavailable (agent down)\n"),
        "{}",
        models.stdout
    );
    let nodes_json: serde_json::Value =
        serde_json::from_str(&run(&fake.url, &["nodes", "--json"]).await.stdout).unwrap();
    assert_eq!(nodes_json["nodes"][0]["state"], "NODE_STATE_DOWN");
    let models_json: serde_json::Value =
        serde_json::from_str(&run(&fake.url, &["models", "--json"]).await.stdout).unwrap();
    assert_eq!(models_json["models"][0]["routed_nodes"][0], "davas");
}

#[tokio::test]
async fn drain_and_undrain_set_the_flag_and_unknown_nodes_exit_4() {
    let davas = Node {
        name: "davas".into(),
        ..Default::default()
    };
    let fake = start(Script {
        nodes: vec![davas],
        ..Default::default()
    })
    .await;
    let drained = run(&fake.url, &["drain", "davas"]).await;
    assert_eq!(
        drained.stdout,
        "node davas is draining: it takes no new jobs; nothing is running there\n"
    );
    let undrained = run(&fake.url, &["undrain", "davas"]).await;
    assert!(
        undrained.stdout.starts_with("node davas takes jobs again"),
        "{}",
        undrained.stdout
    );
    let flags: Vec<bool> = fake
        .recorded
        .lock()
        .unwrap()
        .draining
        .iter()
        .map(|request| request.draining)
        .collect();
    assert_eq!(flags, [true, false]);
    let unknown = run(&fake.url, &["drain", "nope"]).await;
    assert_eq!(unknown.exit, ClientExit::FailedOrNotFound);
    assert_eq!(
        unknown.stderr,
        "error: no node named nope; list nodes with `runner nodes`\n"
    );
}
