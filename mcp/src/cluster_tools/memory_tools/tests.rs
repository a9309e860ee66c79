//! The memory tools over an in-memory MCP pipe against an in-test `MemoryService` on
//! 127.0.0.1 (a stand-in for the runner's): the arguments become the requests, the answers
//! come back as structured content, and memory that is not configured, a path memory does
//! not hold and bad arguments are error results that say so.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use futures::Stream;
use proto::v1::memory_service_server::{MemoryService, MemoryServiceServer};
use proto::v1::*;
use rmcp::ServiceExt;
use rmcp::service::{RoleClient, RunningService};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tonic::transport::server::TcpIncoming;
use tonic::{Request, Response, Status};

use super::super::ClusterTools;
use super::super::tests::{call, text_of};
use crate::coordinator_link::CoordinatorLink;

const NOT_CONFIGURED: &str =
    "memory is not configured: add a [memory] section with the vault's path to runner.toml";

#[derive(Default)]
struct Asked {
    searches: Vec<SearchMemoryRequest>,
    related: Vec<RelatedNotesRequest>,
    remembered: Vec<RememberRequest>,
}

/// Answers from a fixed vault of one note, or FAILED_PRECONDITION for everything when not
/// configured; records what it was asked.
#[derive(Clone)]
struct FakeMemory {
    configured: bool,
    notes: HashMap<String, MemoryNote>,
    asked: Arc<Mutex<Asked>>,
}

impl FakeMemory {
    fn check(&self) -> Result<(), Status> {
        if self.configured {
            Ok(())
        } else {
            Err(Status::failed_precondition(NOT_CONFIGURED))
        }
    }

    fn note(&self, path: &str) -> Result<MemoryNote, Status> {
        self.check()?;
        // Deliberately without the path: the tool must name it.
        self.notes
            .get(path)
            .cloned()
            .ok_or_else(|| Status::not_found("not in memory"))
    }
}

type SyncStream = Pin<Box<dyn Stream<Item = Result<SyncProgress, Status>> + Send>>;

#[tonic::async_trait]
impl MemoryService for FakeMemory {
    type SyncMemoryStream = SyncStream;

    async fn sync_memory(
        &self,
        _: Request<SyncMemoryRequest>,
    ) -> Result<Response<SyncStream>, Status> {
        Err(Status::unimplemented("not used by the tools"))
    }

    async fn get_memory_status(
        &self,
        _: Request<GetMemoryStatusRequest>,
    ) -> Result<Response<MemoryStatus>, Status> {
        Err(Status::unimplemented("not used by the tools"))
    }

    async fn search_memory(
        &self,
        request: Request<SearchMemoryRequest>,
    ) -> Result<Response<SearchMemoryResponse>, Status> {
        self.check()?;
        self.asked
            .lock()
            .unwrap()
            .searches
            .push(request.into_inner());
        Ok(Response::new(SearchMemoryResponse {
            hits: vec![MemoryHit {
                note: "Projects/AI governance.md".into(),
                title: "AI governance".into(),
                headings: vec!["Risk".into()],
                line_start: 12,
                line_end: 14,
                score: 0.032,
                text: "Tier 1 models need a review.".into(),
                found_by: vec![
                    RetrieverRank {
                        retriever: Retriever::FullText as i32,
                        rank: 1,
                        score: 7.5,
                    },
                    RetrieverRank {
                        retriever: Retriever::Vector as i32,
                        rank: 3,
                        score: 0.81,
                    },
                ],
                graph_path: Vec::new(),
            }],
            warnings: vec!["graph not used: the graph store is unreachable".into()],
        }))
    }

    async fn get_note(
        &self,
        request: Request<GetNoteRequest>,
    ) -> Result<Response<MemoryNote>, Status> {
        self.note(&request.into_inner().path).map(Response::new)
    }

    async fn related_notes(
        &self,
        request: Request<RelatedNotesRequest>,
    ) -> Result<Response<RelatedNotesResponse>, Status> {
        let request = request.into_inner();
        let asked = self.note(&request.path)?;
        self.asked.lock().unwrap().related.push(request);
        Ok(Response::new(RelatedNotesResponse {
            notes: vec![RelatedNote {
                note: "Risk.md".into(),
                title: "Risk".into(),
                distance: 1,
                path: vec![asked.path, "Risk.md".into()],
                via: vec!["link".into()],
            }],
        }))
    }

    async fn remember(
        &self,
        request: Request<RememberRequest>,
    ) -> Result<Response<RememberResponse>, Status> {
        self.check()?;
        let request = request.into_inner();
        let path = format!("Runner/memory/2026-12-03 {}.md", request.title);
        self.asked.lock().unwrap().remembered.push(request);
        Ok(Response::new(RememberResponse { path }))
    }

    async fn build_context(
        &self,
        _: Request<BuildContextRequest>,
    ) -> Result<Response<MemoryContext>, Status> {
        Err(Status::unimplemented("not used by the tools"))
    }
}

fn governance_note() -> MemoryNote {
    MemoryNote {
        path: "Projects/AI governance.md".into(),
        title: "AI governance".into(),
        content: "# AI governance\nSee [[Risk]].".into(),
        tags: vec!["governance".into()],
        links: vec![NoteLink {
            note: "Risk.md".into(),
            kind: "link".into(),
            exists: true,
            line: 2,
            ..Default::default()
        }],
        modified_ms: 1_796_342_400_000,
        content_hash: "b3:1234".into(),
        ..Default::default()
    }
}

async fn tools_on(configured: bool) -> (RunningService<RoleClient, ()>, FakeMemory) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let note = governance_note();
    let fake = FakeMemory {
        configured,
        notes: HashMap::from([(note.path.clone(), note)]),
        asked: Arc::default(),
    };
    let service = MemoryServiceServer::new(fake.clone());
    tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming(TcpIncoming::from(listener))
            .await
    });
    let link = CoordinatorLink::new(&format!("http://{address}")).unwrap();
    let (server_end, client_end) = tokio::io::duplex(64 * 1024);
    tokio::spawn(async move {
        let running = ClusterTools::new(link).serve(server_end).await.unwrap();
        let _ = running.waiting().await;
    });
    (().serve(client_end).await.unwrap(), fake)
}

/// The structured content of a result that must have succeeded; its text says the same.
fn answer_of(result: rmcp::model::CallToolResult) -> Value {
    assert_ne!(result.is_error, Some(true), "{}", text_of(&result));
    let structured = result.structured_content.clone().unwrap();
    let text: Value = serde_json::from_str(&text_of(&result)).unwrap();
    assert_eq!(text, structured);
    structured
}

#[tokio::test]
async fn search_memory_asks_with_the_arguments_and_says_why_each_hit_was_found() {
    let (client, fake) = tools_on(true).await;
    let arguments =
        json!({"query": "risk tiers", "limit": 4, "retrievers": ["full_text", "vector"]});
    let answer = answer_of(call(&client, "search_memory", arguments).await);
    let asked = std::mem::take(&mut fake.asked.lock().unwrap().searches);
    assert_eq!(
        asked,
        vec![SearchMemoryRequest {
            query: "risk tiers".into(),
            limit: 4,
            retrievers: vec![Retriever::FullText as i32, Retriever::Vector as i32],
            ..Default::default()
        }]
    );
    let hit = &answer["hits"][0];
    assert_eq!(hit["note"], "Projects/AI governance.md");
    assert_eq!(hit["headings"], json!(["Risk"]));
    assert_eq!(hit["lines"], json!({"start": 12, "end": 14}));
    assert_eq!(
        hit["found_by"],
        json!([
            {"retriever": "full_text", "rank": 1, "score": 7.5},
            {"retriever": "vector", "rank": 3, "score": 0.81},
        ])
    );
    assert_eq!(
        answer["warnings"],
        json!(["graph not used: the graph store is unreachable"])
    );
}

#[tokio::test]
async fn get_note_and_related_notes_answer_the_note_and_its_neighbours() {
    let (client, fake) = tools_on(true).await;
    let path = json!({"path": "Projects/AI governance.md"});
    let note = answer_of(call(&client, "get_note", path.clone()).await);
    assert_eq!(note["content"], "# AI governance\nSee [[Risk]].");
    assert_eq!(note["tags"], json!(["governance"]));
    assert_eq!(note["links"][0]["note"], "Risk.md");
    assert_eq!(note["modified_ms"], 1_796_342_400_000_i64);

    let related = answer_of(call(&client, "related_notes", path).await);
    assert_eq!(
        related["notes"],
        json!([{
            "note": "Risk.md", "title": "Risk", "distance": 1,
            "path": ["Projects/AI governance.md", "Risk.md"], "via": ["link"],
        }])
    );
    let asked = fake.asked.lock().unwrap().related.clone();
    assert_eq!(
        (asked[0].hops, asked[0].limit),
        (0, 0),
        "defaults are the server's"
    );
}

#[tokio::test]
async fn remember_sends_the_note_and_answers_the_path_written() {
    let (client, fake) = tools_on(true).await;
    let arguments = json!({
        "title": "Model risk tiers", "content": "Tier 1 needs a review.",
        "tags": ["governance"], "source": "job 01KB3ZQ4T8"
    });
    let answer = answer_of(call(&client, "remember", arguments).await);
    assert_eq!(
        answer,
        json!({"path": "Runner/memory/2026-12-03 Model risk tiers.md"})
    );
    let asked = fake.asked.lock().unwrap().remembered.clone();
    assert_eq!(asked[0].tags, vec!["governance".to_owned()]);
    assert_eq!(asked[0].source, "job 01KB3ZQ4T8");
}

#[tokio::test]
async fn a_path_memory_does_not_hold_is_an_error_naming_it() {
    let (client, _fake) = tools_on(true).await;
    for name in ["get_note", "related_notes"] {
        let result = call(&client, name, json!({"path": "Nowhere/Gone.md"})).await;
        assert_eq!(result.is_error, Some(true), "{name}");
        assert_eq!(
            text_of(&result),
            "memory holds no note \"Nowhere/Gone.md\": not in memory",
            "{name}"
        );
        assert_eq!(result.structured_content.unwrap()["kind"], "not_found");
    }
}

#[tokio::test]
async fn memory_that_is_not_configured_is_an_error_with_the_servers_words() {
    let (client, fake) = tools_on(false).await;
    for (name, arguments) in [
        ("search_memory", json!({"query": "risk"})),
        ("get_note", json!({"path": "Projects/AI governance.md"})),
        (
            "related_notes",
            json!({"path": "Projects/AI governance.md"}),
        ),
        ("remember", json!({"title": "t", "content": "c"})),
    ] {
        let result = call(&client, name, arguments).await;
        assert_eq!(result.is_error, Some(true), "{name}");
        assert_eq!(text_of(&result), NOT_CONFIGURED, "{name}");
        let structured = result.structured_content.unwrap();
        assert_eq!(structured["kind"], "failed_precondition", "{name}");
    }
    assert!(fake.asked.lock().unwrap().remembered.is_empty());
}

#[tokio::test]
async fn bad_memory_arguments_are_refused_before_anything_is_asked() {
    let (client, fake) = tools_on(true).await;
    for (name, arguments, expected) in [
        (
            "search_memory",
            json!({"query": "  "}),
            "query: must not be empty",
        ),
        (
            "search_memory",
            json!({"query": "q", "retrievers": ["keyword"]}),
            "use full_text, vector, graph",
        ),
        ("search_memory", json!({"qeury": "q"}), "qeury"),
        (
            "related_notes",
            json!({"path": "A.md", "hops": -1}),
            "expected u32",
        ),
        ("remember", json!({"title": "t"}), "content"),
    ] {
        let result = call(&client, name, arguments).await;
        assert_eq!(result.is_error, Some(true), "{name}");
        assert!(
            text_of(&result).contains(expected),
            "{name}: {}",
            text_of(&result)
        );
    }
    assert!(fake.asked.lock().unwrap().searches.is_empty());
}
