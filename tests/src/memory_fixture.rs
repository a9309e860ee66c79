//! The memory fixture (`memory/tests/fixtures/`): its vault copied where a test can change it,
//! and its labelled queries, for the memory scenarios and the retrieval-quality measurement.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// The fixture folder in the repository.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../memory/tests/fixtures")
}

/// Copies the fixture vault into `dest` (created); returns how many notes (`.md` files) it has.
pub fn copy_vault(dest: &Path) -> anyhow::Result<usize> {
    copy_tree(&fixture_dir().join("vault"), dest)
}

fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<usize> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    let mut notes = 0;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            notes += copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
            if entry.path().extension().is_some_and(|ext| ext == "md") {
                notes += 1;
            }
        }
    }
    Ok(notes)
}

/// A protobuf JSON 64-bit number (`--json` writes them as strings); 0 when absent.
pub fn json_u64(value: &serde_json::Value) -> u64 {
    value
        .as_u64()
        .or_else(|| value.as_str().and_then(|text| text.parse().ok()))
        .unwrap_or(0)
}

/// A CLI run's stdout as JSON, or the run's whole output as the error.
pub fn stdout_json(output: &std::process::Output) -> anyhow::Result<serde_json::Value> {
    serde_json::from_slice(&output.stdout).with_context(|| crate::cluster::printed(output))
}

/// One labelled query of `queries.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledQuery {
    pub text: String,
    /// `keyword`, `paraphrase` or `linked`.
    pub kind: String,
    /// Vault path → grade (2: answers it, 1: useful).
    pub relevant: BTreeMap<String, u8>,
}

#[derive(Deserialize)]
struct QueryFile {
    query: Vec<LabelledQuery>,
}

pub fn labelled_queries() -> anyhow::Result<Vec<LabelledQuery>> {
    let path = fixture_dir().join("queries.toml");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let file: QueryFile =
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    Ok(file.query)
}
