//! A `TestCluster` of real processes: one `runner serve` coordinator and one `runner-agent` per
//! node, each agent next to its own stand-in Ollama, on ephemeral loopback ports in a temp dir.
//! Tests kill, freeze and restart the processes and check what users would see.

mod binaries;
mod eventually;
mod job_calls;
mod process;
mod spec;
mod test_cluster;

pub use binaries::binary_path;
pub use eventually::{Patience, eventually};
pub use job_calls::{Watched, chat_spec, generate_spec, is_terminal};
pub use process::{ManagedProcess, Signal};
pub use spec::{ClusterSpec, NodeSpec};
pub use test_cluster::TestCluster;
