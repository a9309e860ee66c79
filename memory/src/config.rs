//! `[memory]` in the coordinator's config: the vault to index, where vectors and the graph
//! live (embedded in one SQLite file under `data_dir`, or Qdrant / Neo4j servers), the embedding
//! model, and the search knobs. Neo4j's password comes only from the environment.

use std::path::PathBuf;

use settings::{EnvSource, Key, Kind, Problems, Secret, Step, toml};

/// The environment variable holding the Neo4j password (none: no authentication, as
/// FalkorDB's Bolt listener expects).
pub const NEO4J_PASSWORD_ENV: &str = "NEO4J_PASSWORD";

/// Every key `[memory]` takes.
pub const KEYS: &[Key] = &[
    Key::optional("vault", Kind::Text),
    Key::optional("vector", Kind::Text),
    Key::optional("qdrant_url", Kind::Text),
    Key::optional("qdrant_collection", Kind::Text),
    Key::optional("graph", Kind::Text),
    Key::optional("neo4j_uri", Kind::Text),
    Key::optional("neo4j_user", Kind::Text),
    Key::optional("embed_model", Kind::Text),
];

pub const DEFAULT_EMBED_MODEL: &str = "nomic-embed-text";
pub const DEFAULT_QDRANT_URL: &str = "http://127.0.0.1:6334";
pub const DEFAULT_QDRANT_COLLECTION: &str = "llm_runner_memory";
pub const DEFAULT_NEO4J_URI: &str = "bolt://127.0.0.1:7687";
pub const DEFAULT_NEO4J_USER: &str = "neo4j";

/// Where vectors live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VectorBackend {
    /// sqlite-vec in `memory.sqlite` under `data_dir`.
    Embedded,
    Qdrant {
        url: String,
        collection: String,
    },
}

/// Where the graph lives.
#[derive(Debug, Clone, PartialEq)]
pub enum GraphBackend {
    /// Tables in `memory.sqlite` under `data_dir`.
    Embedded,
    Neo4j {
        uri: String,
        user: String,
        password: Option<Secret>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemoryConfig {
    pub vault: PathBuf,
    pub vector: VectorBackend,
    pub graph: GraphBackend,
    pub embed_model: String,
}

impl MemoryConfig {
    /// `None` when the config has no `[memory]` table (memory is off).
    pub fn from_settings(
        table: Option<&toml::Table>,
        env: &dyn EnvSource,
        problems: &mut Problems,
    ) -> Option<Self> {
        let mut table = table?.clone();
        let at = [Step::key("memory")];
        settings::check_table(&mut table, &at, KEYS, problems);
        let text = |key: &str| {
            table
                .get(key)
                .and_then(|value| value.as_str())
                .map(str::trim)
        };
        let Some(vault) = text("vault").filter(|vault| !vault.is_empty()) else {
            problems.push(
                "memory.vault: name the vault folder to index, e.g. vault = \"/srv/obsidian-vault\" (or give [vault] a path: memory then indexes that vault)",
            );
            return None;
        };
        let vector = match text("vector").unwrap_or("embedded") {
            "embedded" => VectorBackend::Embedded,
            "qdrant" => VectorBackend::Qdrant {
                url: url(
                    text("qdrant_url"),
                    DEFAULT_QDRANT_URL,
                    &["http", "https"],
                    "qdrant_url",
                    problems,
                ),
                collection: text("qdrant_collection")
                    .filter(|name| !name.is_empty())
                    .unwrap_or(DEFAULT_QDRANT_COLLECTION)
                    .to_owned(),
            },
            other => {
                problems.push(format!(
                    "memory.vector: `{other}` is not a vector store; use \"embedded\" or \"qdrant\""
                ));
                VectorBackend::Embedded
            }
        };
        let graph = match text("graph").unwrap_or("embedded") {
            "embedded" => GraphBackend::Embedded,
            "neo4j" => GraphBackend::Neo4j {
                uri: url(
                    text("neo4j_uri"),
                    DEFAULT_NEO4J_URI,
                    &["bolt", "neo4j"],
                    "neo4j_uri",
                    problems,
                ),
                user: text("neo4j_user")
                    .filter(|user| !user.is_empty())
                    .unwrap_or(DEFAULT_NEO4J_USER)
                    .to_owned(),
                password: env
                    .get(NEO4J_PASSWORD_ENV)
                    .filter(|password| !password.is_empty())
                    .map(Secret::new),
            },
            other => {
                problems.push(format!(
                    "memory.graph: `{other}` is not a graph store; use \"embedded\" or \"neo4j\""
                ));
                GraphBackend::Embedded
            }
        };
        let embed_model = text("embed_model")
            .filter(|model| !model.is_empty())
            .unwrap_or(DEFAULT_EMBED_MODEL)
            .to_owned();
        Some(Self {
            vault: PathBuf::from(vault),
            vector,
            graph,
            embed_model,
        })
    }
}

/// A server URL with one of `schemes`, or the default when none is given.
fn url(
    given: Option<&str>,
    default: &str,
    schemes: &[&str],
    key: &str,
    problems: &mut Problems,
) -> String {
    let Some(given) = given.filter(|url| !url.is_empty()) else {
        return default.to_owned();
    };
    let scheme_ok = given
        .split_once("://")
        .is_some_and(|(scheme, rest)| schemes.contains(&scheme) && !rest.is_empty());
    if !scheme_ok {
        problems.push(format!(
            "memory.{key}: `{given}` is not a {} URL, like {default}",
            schemes.join(":// or ")
        ));
    }
    given.to_owned()
}

#[cfg(test)]
mod tests;
