//! `GraphStore` over Bolt with the `neo4j` crate (sync API), for Neo4j 5 or FalkorDB: notes and
//! targets are nodes labelled by kind with a `name`, every stated fact one `STATES`
//! relationship from its note carrying kind, detail, line, both time axes and the extraction.
//! Nothing is deleted: a fact the note stops stating gets `expired` set.
//!
//! One driver for the store's life (its pool keeps connections open, so GOODBYE is sent only
//! when the store is dropped), and a throwaway handshake before it starts (`probe`): together
//! they step around FalkorDB's unanswered first connection after another client's GOODBYE.

mod config;
mod cypher;
mod probe;
mod reach;
mod rows;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use ::neo4j::ValueSend;
use ::neo4j::address::Address;
use ::neo4j::driver::auth::AuthToken;
use ::neo4j::driver::{ConnectionConfig, Driver, DriverConfig, Record};
use ::neo4j::session::SessionConfig;

pub use config::Neo4jGraphConfig;

use crate::graph::{AsOf, Edge, GraphChange, GraphError, GraphStore, NodeKey, NoteFacts, Reached};

pub struct Neo4jGraph {
    driver: Driver,
    uri: String,
}

type Params = HashMap<String, ValueSend>;

fn params<const N: usize>(pairs: [(&str, ValueSend); N]) -> Params {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn as_of_params(as_of: AsOf) -> [(&'static str, ValueSend); 2] {
    [
        ("valid", as_of.valid_at_ms.into()),
        ("known", as_of.known_at_ms.into()),
    ]
}

fn first_int(records: &[Record], column: &str) -> u64 {
    records
        .first()
        .and_then(|record| record.value(column)?.as_int())
        .and_then(|n| u64::try_from(n).ok())
        .unwrap_or(0)
}

impl Neo4jGraph {
    /// Builds the driver (it connects lazily: an unreachable server shows on the first call,
    /// within `connect_timeout`). Refuses a URI the driver cannot parse.
    pub fn new(config: Neo4jGraphConfig) -> Result<Self, GraphError> {
        let host_port = probe::host_port(&config.uri);
        let address = Address::from(host_port.as_str());
        let connection = ConnectionConfig::new(address).with_routing(false);
        let auth = match &config.password {
            Some(password) => AuthToken::new_basic_auth(config.user.clone(), password.clone()),
            None => AuthToken::new_none_auth(),
        };
        let driver_config = DriverConfig::new()
            .with_auth(Arc::new(auth))
            .with_connection_timeout(config.connect_timeout)
            .with_connection_acquisition_timeout(config.connect_timeout * 2);
        probe::absorb_goodbye(&host_port, Duration::from_secs(1));
        Ok(Self {
            driver: Driver::new(connection, driver_config),
            uri: config.uri,
        })
    }

    fn failed(&self, doing: &str, error: impl std::fmt::Display) -> GraphError {
        GraphError::Store(format!("neo4j at {}: {doing}: {error}", self.uri))
    }

    fn query(&self, doing: &str, cypher: &str, params: Params) -> Result<Vec<Record>, GraphError> {
        let result = self
            .driver
            .execute_query(cypher)
            .with_parameters(params)
            .run();
        result
            .map(|eager| eager.records)
            .map_err(|error| self.failed(doing, error))
    }
}

impl GraphStore for Neo4jGraph {
    fn describe(&self) -> String {
        format!("neo4j at {}", self.uri)
    }

    #[expect(
        clippy::result_large_err,
        reason = "the transaction closure returns the driver's own error type"
    )]
    fn record(&self, facts: &NoteFacts, at_ms: i64) -> Result<GraphChange, GraphError> {
        let note = || ValueSend::from(facts.note.as_str());
        let current = self.query(
            "reading a note's edges",
            cypher::CURRENT_SIGNATURES,
            params([("note", note())]),
        )?;
        let current: BTreeSet<String> = current
            .iter()
            .filter_map(|record| record.value("sig")?.as_string().cloned())
            .collect();
        // The drafts by signature: a draft stated twice is one edge.
        let mut stated = BTreeMap::new();
        for draft in &facts.edges {
            stated.entry(rows::signature(draft)).or_insert(draft);
        }
        let stale: Vec<ValueSend> = current
            .iter()
            .filter(|sig| !stated.contains_key(*sig))
            .map(|sig| sig.as_str().into())
            .collect();
        let mut fresh: BTreeMap<_, Vec<ValueSend>> = BTreeMap::new();
        for (sig, draft) in &stated {
            if !current.contains(sig) {
                let properties = rows::edge_properties(&facts.note, draft, at_ms);
                fresh
                    .entry(draft.to.kind)
                    .or_default()
                    .push(properties.into());
            }
        }
        let change = GraphChange {
            created: fresh.values().map(|edges| edges.len() as u64).sum(),
            expired: stale.len() as u64,
            kept: (stated.len() - fresh.values().map(Vec::len).sum::<usize>()) as u64,
        };
        let title = ValueSend::from(facts.title.as_str());
        let mut session = self.driver.session(SessionConfig::new());
        let written = session.transaction().run(|tx| {
            tx.query(cypher::MERGE_NOTE)
                .with_parameters(params([("note", note()), ("title", title)]))
                .run()?
                .consume()?;
            if !stale.is_empty() {
                let expire = [
                    ("note", note()),
                    ("sigs", stale.into()),
                    ("at", at_ms.into()),
                ];
                tx.query(cypher::EXPIRE_SIGNATURES)
                    .with_parameters(params(expire))
                    .run()?
                    .consume()?;
            }
            for (kind, edges) in fresh {
                tx.query(cypher::create_edges(kind))
                    .with_parameters(params([("note", note()), ("edges", edges.into())]))
                    .run()?
                    .consume()?;
            }
            tx.commit()
        });
        written.map_err(|error| self.failed("recording a note's edges", error))?;
        Ok(change)
    }

    fn expire_note(&self, note: &str, at_ms: i64) -> Result<u64, GraphError> {
        let records = self.query(
            "expiring a note's edges",
            cypher::EXPIRE_NOTE,
            params([("note", note.into()), ("at", at_ms.into())]),
        )?;
        Ok(first_int(&records, "expired"))
    }

    fn reach(
        &self,
        seeds: &[String],
        hops: u32,
        as_of: AsOf,
        limit: usize,
    ) -> Result<Vec<Reached>, GraphError> {
        let query = cypher::note_steps();
        reach::walk(seeds, hops, limit, |frontier| {
            let names: Vec<ValueSend> = frontier.iter().map(|n| n.as_str().into()).collect();
            let [valid, known] = as_of_params(as_of);
            let records = self.query(
                "walking the graph",
                &query,
                params([("names", names.into()), valid, known]),
            )?;
            let text = |record: &Record, column: &str| {
                record.value(column).and_then(|v| v.as_string().cloned())
            };
            Ok(records
                .iter()
                .filter_map(|record| {
                    Some(reach::Step {
                        from: text(record, "from")?,
                        to: text(record, "to")?,
                        kind: text(record, "kind")?,
                        key: text(record, "key").unwrap_or_default(),
                    })
                })
                .collect())
        })
    }

    fn edges(&self, node: &NodeKey, as_of: AsOf) -> Result<Vec<Edge>, GraphError> {
        let [valid, known] = as_of_params(as_of);
        let records = self.query(
            "reading a node's edges",
            &cypher::edges_of(node.kind),
            params([("name", node.name.as_str().into()), valid, known]),
        )?;
        let mut edges: Vec<Edge> = records.iter().filter_map(rows::edge_of_record).collect();
        edges.sort_by(|a, b| {
            (&a.from, &a.to, a.line, a.created_ms).cmp(&(&b.from, &b.to, b.line, b.created_ms))
        });
        Ok(edges)
    }

    fn edge_count(&self, as_of: AsOf) -> Result<u64, GraphError> {
        let records = self.query(
            "counting edges",
            &cypher::count_holding(),
            params(as_of_params(as_of)),
        )?;
        Ok(first_int(&records, "edges"))
    }
}
