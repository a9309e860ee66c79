//! The models the stand-in Ollama knows how to pretend to have: realistic family, parameter size,
//! quantisation, size on disk and embedding width for the names this project uses (`gemma4:27b`,
//! `qwen2.5:14b`, `llama3.2:3b`, `nomic-embed-text`), and a plausible guess for any other name.
//!
//! Digests are sha256-shaped but synthetic (derived from the name), so they are stable across
//! runs and distinct per model without pretending to be the registry's real blobs.

use super::answer::stable_hash;

/// The context window Ollama gives a loaded model by default on a host with less than 24 GiB of
/// VRAM (docs.ollama.com/context-length); `/api/ps` reports it as `context_length`.
pub const DEFAULT_RUNTIME_CONTEXT_LENGTH: u64 = 4096;

/// What Ollama knows about one installed model.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelFacts {
    pub family: String,
    pub parameter_size: String,
    pub parameter_count: u64,
    pub quantization_level: String,
    pub size_on_disk_bytes: u64,
    /// Weights plus KV cache once loaded, as `/api/ps` reports `size` and `size_vram`.
    pub size_loaded_bytes: u64,
    pub digest: String,
    pub embedding_length: usize,
    /// The model's trained maximum, as `/api/show` reports `<family>.context_length`.
    pub context_length: u64,
    /// Ollama's capability names: `completion`, `embedding`, `tools`, `vision`, ...
    pub capabilities: Vec<&'static str>,
}

impl ModelFacts {
    pub fn supports(&self, capability: &str) -> bool {
        self.capabilities.contains(&capability)
    }
}

/// Ollama's name rule: a missing tag means `:latest` (`llama3.2` is `llama3.2:latest`).
pub fn canonical_model_name(requested: &str) -> String {
    let trimmed = requested.trim();
    let last_path_segment = trimmed.rsplit('/').next().unwrap_or(trimmed);
    if last_path_segment.contains(':') {
        trimmed.to_string()
    } else {
        format!("{trimmed}:latest")
    }
}

/// Facts for a canonical `name:tag`; names not in the table get a guess from the tag's size.
pub fn facts_for(canonical_name: &str) -> ModelFacts {
    let (base, tag) = canonical_name
        .rsplit_once(':')
        .unwrap_or((canonical_name, "latest"));
    let base = base.rsplit('/').next().unwrap_or(base).to_ascii_lowercase();
    let tag = tag.to_ascii_lowercase();
    let completion_and_tools = vec!["completion", "tools"];
    let (family, parameter_size, parameter_count, quantization, disk_bytes, width, context, caps) =
        match (base.as_str(), tag.as_str()) {
            ("gemma4", _) => (
                "gemma4",
                "27.4B",
                27_432_406_640,
                "Q4_K_M",
                17_396_936_887,
                5376,
                131_072,
                vec!["completion", "vision", "tools"],
            ),
            ("qwen2.5", "7b") => (
                "qwen2",
                "7.6B",
                7_615_616_512,
                "Q4_K_M",
                4_683_087_332,
                3584,
                32_768,
                completion_and_tools,
            ),
            ("qwen2.5", _) => (
                "qwen2",
                "14.8B",
                14_770_033_664,
                "Q4_K_M",
                8_988_124_069,
                5120,
                32_768,
                completion_and_tools,
            ),
            ("llama3.2", _) => (
                "llama",
                "3.2B",
                3_212_749_888,
                "Q4_K_M",
                2_019_393_189,
                3072,
                131_072,
                completion_and_tools,
            ),
            ("llama3.1", _) => (
                "llama",
                "8.0B",
                8_030_261_248,
                "Q4_K_M",
                4_920_753_328,
                4096,
                131_072,
                completion_and_tools,
            ),
            ("nomic-embed-text", _) => (
                "nomic-bert",
                "137M",
                136_727_040,
                "F16",
                274_302_450,
                768,
                2048,
                vec!["embedding"],
            ),
            _ => return guessed_facts(canonical_name, &base, &tag),
        };
    ModelFacts {
        family: family.to_string(),
        parameter_size: parameter_size.to_string(),
        parameter_count,
        quantization_level: quantization.to_string(),
        size_on_disk_bytes: disk_bytes,
        size_loaded_bytes: disk_bytes + disk_bytes / 10,
        digest: synthetic_digest(canonical_name),
        embedding_length: width,
        context_length: context,
        capabilities: caps,
    }
}

/// A plausible Q4_K_M model for an unknown name: `mistral:7b` becomes a 7B `mistral` of about
/// 0.6 bytes per parameter on disk.
fn guessed_facts(canonical_name: &str, base: &str, tag: &str) -> ModelFacts {
    let billions = tag
        .strip_suffix('b')
        .and_then(|number| number.parse::<f64>().ok())
        .filter(|number| number.is_finite() && *number > 0.0)
        .unwrap_or(7.0);
    // Truncation is intended: parameter counts are whole numbers.
    let parameter_count = (billions * 1e9) as u64;
    let size_on_disk_bytes = parameter_count / 10 * 6;
    let family = base.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    ModelFacts {
        family: if family.is_empty() { base } else { family }.to_string(),
        parameter_size: format!("{billions:.1}B"),
        parameter_count,
        quantization_level: "Q4_K_M".to_string(),
        size_on_disk_bytes,
        size_loaded_bytes: size_on_disk_bytes + size_on_disk_bytes / 10,
        digest: synthetic_digest(canonical_name),
        embedding_length: 4096,
        context_length: 8192,
        // Ollama reports what the model file declares; an unknown name with "embed" in it is
        // taken for an embedding model (like `mxbai-embed-large`), anything else for a text one.
        capabilities: if canonical_name.contains("embed") {
            vec!["embedding"]
        } else {
            vec!["completion"]
        },
    }
}

/// 64 lowercase hex digits, stable for a name, shaped like the sha256 Ollama shows.
fn synthetic_digest(canonical_name: &str) -> String {
    (0..4u64)
        .map(|round| format!("{:016x}", stable_hash(&format!("{round}/{canonical_name}"))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_tag_means_latest_like_ollama() {
        assert_eq!(
            canonical_model_name("nomic-embed-text"),
            "nomic-embed-text:latest"
        );
        assert_eq!(canonical_model_name(" gemma4:27b "), "gemma4:27b");
        assert_eq!(
            canonical_model_name("host:5000/ns/model"),
            "host:5000/ns/model:latest"
        );
    }

    #[test]
    fn known_models_have_their_real_shape() {
        let qwen = facts_for("qwen2.5:14b");
        assert_eq!(
            (qwen.family.as_str(), qwen.parameter_size.as_str()),
            ("qwen2", "14.8B")
        );
        assert_eq!(qwen.quantization_level, "Q4_K_M");
        assert!(qwen.size_loaded_bytes > qwen.size_on_disk_bytes);
        let nomic = facts_for("nomic-embed-text:latest");
        assert_eq!(
            (nomic.embedding_length, nomic.supports("completion")),
            (768, false)
        );
        assert!(facts_for("gemma4:27b").supports("vision"));
    }

    #[test]
    fn unknown_models_are_guessed_from_their_tag() {
        let mistral = facts_for("mistral:7b");
        assert_eq!(
            (mistral.family.as_str(), mistral.parameter_size.as_str()),
            ("mistral", "7.0B")
        );
        assert_eq!(mistral.size_on_disk_bytes, 4_200_000_000);
        assert!(mistral.supports("completion"));
        let mxbai = facts_for("mxbai-embed-large:latest");
        assert_eq!(mxbai.capabilities, ["embedding"]);
    }

    #[test]
    fn digests_are_sha256_shaped_stable_and_distinct() {
        let digest = facts_for("gemma4:27b").digest;
        assert_eq!(digest.len(), 64);
        assert!(
            digest
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(digest, facts_for("gemma4:27b").digest);
        assert_ne!(digest, facts_for("qwen2.5:14b").digest);
    }
}
