//! A `TestCluster` of real processes: one `runner serve` coordinator and one `runner-agent` per
//! node, each agent next to its own stand-in Ollama, on ephemeral loopback ports in a temp dir.
//! Tests kill, freeze and restart the processes and check what users would see.

mod alert_calls;
mod binaries;
mod cli_calls;
mod coordinator_exit;
mod eventually;
mod job_calls;
mod mcp_calls;
mod process;
mod spec;
mod test_cluster;
mod web_job_events;

pub use alert_calls::{
    TEST_ALERT_AFTER, accepted_titles, alerting_spec, distinctive_webhook_token, expect_titles_for,
    message_text, wait_for_title,
};
pub use binaries::binary_path;
pub use cli_calls::printed;
pub use eventually::{Patience, eventually};
pub use job_calls::{Watched, chat_spec, generate_spec, is_terminal};
pub use mcp_calls::{McpClient, ProgressCollector, call_tool, call_tool_ok, result_text};
pub use process::{ManagedProcess, Signal};
pub use spec::{ClusterSpec, NodeSpec, ProviderSpec};
pub use test_cluster::TestCluster;
pub use web_job_events::{WebEvent, WebJobEvents, follow_web_job_events};
