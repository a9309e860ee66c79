//! What a simulated agent says: a hello and statuses shaped like the real agent's
//! (`agent/src/link/status.rs`, `prober.rs`, `host_facts.rs`) — 6 to 10 installed models with
//! size, digest and details, one or two loaded, the Ollama version and the host's facts — so the
//! coordinator decodes, compares and stores what it would for a real fleet.

use proto::v1::{AgentHello, AgentStatus, HostFacts, InstalledModel, LoadedModel};

/// The model every simulated agent has installed: jobs for it are always routable.
pub const SHARED_MODEL: &str = "qwen2.5:14b";
/// A model no simulated agent has: jobs for it are rejected.
pub const ABSENT_MODEL: &str = "absent-model:1b";

/// (name, family, parameter size, quantization, size in bytes) of the models agents pick from.
const CATALOG: &[(&str, &str, &str, &str, u64)] = &[
    (SHARED_MODEL, "qwen2", "14.8B", "Q4_K_M", 8_988_124_069),
    ("llama3.2:3b", "llama", "3.2B", "Q4_K_M", 2_019_393_189),
    (
        "nomic-embed-text:latest",
        "nomic-bert",
        "137M",
        "F16",
        274_302_450,
    ),
    ("gemma4:27b", "gemma3", "27.4B", "Q4_K_M", 17_396_936_944),
    ("mistral:7b", "llama", "7.2B", "Q4_0", 4_113_301_824),
    ("phi4:14b", "phi3", "14.7B", "Q4_K_M", 9_053_116_391),
    ("deepseek-r1:8b", "qwen3", "8.2B", "Q4_K_M", 5_225_376_047),
    ("qwen2.5-coder:7b", "qwen2", "7.6B", "Q4_K_M", 4_683_087_332),
    ("llama3.1:8b", "llama", "8.0B", "Q4_K_M", 4_920_753_328),
    (
        "mxbai-embed-large:latest",
        "bert",
        "334M",
        "F16",
        669_615_493,
    ),
    ("gemma3:4b", "gemma3", "4.3B", "Q4_K_M", 3_338_801_804),
    ("qwen3:30b", "qwen3moe", "30.5B", "Q4_K_M", 18_556_701_210),
];

/// Agent `index`'s installed models: the shared one, then 5 to 9 more picked from the catalog
/// by the index, so agents differ but a run is repeatable.
pub fn installed_models(index: usize) -> Vec<InstalledModel> {
    let extra = 5 + index % 5;
    let mut picked = vec![0];
    let mut cursor = index * 7;
    while picked.len() < 1 + extra {
        let candidate = 1 + cursor % (CATALOG.len() - 1);
        if !picked.contains(&candidate) {
            picked.push(candidate);
        }
        cursor += 3;
    }
    let mut models: Vec<InstalledModel> = picked
        .into_iter()
        .map(|position| {
            let (name, family, parameter_size, quantization, size) = CATALOG[position];
            InstalledModel {
                name: name.to_owned(),
                size_bytes: size,
                digest: digest_of(name),
                parameter_size: parameter_size.to_owned(),
                quantization_level: quantization.to_owned(),
                family: family.to_owned(),
                modified_at: "2026-10-02T11:22:33.123456789Z".to_owned(),
                capabilities: vec!["completion".to_owned()],
            }
        })
        .collect();
    // The real prober sorts by name.
    models.sort_by(|left, right| left.name.cmp(&right.name));
    models
}

/// One or two of the installed models, loaded.
pub fn loaded_models(index: usize, installed: &[InstalledModel]) -> Vec<LoadedModel> {
    let count = 1 + index % 2;
    installed
        .iter()
        .take(count)
        .map(|model| LoadedModel {
            name: model.name.clone(),
            size_bytes: model.size_bytes + 1_200_000_000,
            size_vram_bytes: model.size_bytes + 1_100_000_000,
            expires_at: "2026-11-27T05:12:45.987654321Z".to_owned(),
        })
        .collect()
}

/// A sha256-looking digest (64 hex digits), different per model name.
fn digest_of(name: &str) -> String {
    let mut state: u64 = 0xcbf2_9ce4_8422_2325;
    let mut hex = String::with_capacity(64);
    for round in 0..4u64 {
        for byte in name.bytes().chain(round.to_le_bytes()) {
            state = (state ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        hex.push_str(&format!("{state:016x}"));
    }
    hex
}

/// The facts of a simulated host; `tick` moves the figures that change between readings.
pub fn host_facts(node: &str, index: usize, tick: u64) -> HostFacts {
    let wobble = (tick % 7) as f64 / 10.0;
    HostFacts {
        hostname: node.to_owned(),
        os: "Linux 12 Debian GNU/Linux 12 (bookworm)".to_owned(),
        cpu_cores: 8 << (index % 3),
        memory_total_bytes: 68_719_476_736,
        memory_available_bytes: 41_231_686_041 - tick % 1000 * 4096,
        disk_total_bytes: 1_000_204_886_016,
        disk_free_bytes: 412_316_860_416,
        load_1m: 0.42 + wobble,
        load_5m: 0.38 + wobble / 2.0,
        load_15m: 0.35,
        uptime_seconds: 864_000 + tick,
        cpu_usage_percent: 3.5 + wobble as f32,
    }
}

pub fn hello(node: &str, index: usize) -> AgentHello {
    AgentHello {
        node: node.to_owned(),
        agent_version: "0.1.0".to_owned(),
        host: Some(host_facts(node, index, 0)),
        max_parallel: 4,
        queue_capacity: 0,
        backend: "ollama".to_owned(),
        held_jobs: Vec::new(),
    }
}

/// Agent `index`'s status when Ollama answers (`reachable`) or does not. As the real agent
/// does, a link that already sent its list while reachable says `installed_unchanged`.
pub fn status(
    node: &str,
    index: usize,
    sequence: u64,
    reachable: bool,
    list_sent: bool,
) -> AgentStatus {
    let installed = if reachable {
        installed_models(index)
    } else {
        Vec::new()
    };
    let installed_unchanged = reachable && list_sent;
    AgentStatus {
        sequence,
        ollama_reachable: reachable,
        ollama_version: if reachable { "0.12.3" } else { "" }.to_owned(),
        ollama_error: if reachable {
            String::new()
        } else {
            "error sending request for url (http://127.0.0.1:11434/api/version): connection refused"
                .to_owned()
        },
        loaded: loaded_models(index, &installed),
        installed: if installed_unchanged {
            Vec::new()
        } else {
            installed
        },
        installed_unchanged,
        host: Some(host_facts(node, index, sequence)),
        running_jobs: 0,
        unavailable: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
