//! Footprint: the agent's and the coordinator's memory (RSS) and CPU, idle (agent connected and
//! probing its stand-in Ollama every second, no jobs) and while streaming chat jobs through
//! them at full concurrency, read from `/proc`.

use std::time::{Duration, Instant};

use harness::cluster::{TestCluster, chat_spec};
use harness::fake_ollama::expected_answer;

pub use crate::process_stats::{ProcessUsage, UsageWindow};

use crate::chat_paths::{CHAT_PROMPT, ChatCaller};
use crate::overhead::{ClusterCaller, drive};
use crate::table::MarkdownTable;

/// How often RSS is sampled while idle (CPU time is read at the window's two ends).
const IDLE_SAMPLE_INTERVAL: Duration = Duration::from_millis(500);
/// Chats per client task between two samples while busy.
const CHATS_PER_SAMPLE: usize = 8;
/// The goals of issue 7 for an idle agent.
pub const AGENT_IDLE_RSS_GOAL_BYTES: u64 = 10_000_000;
pub const AGENT_IDLE_CPU_GOAL_PERCENT: f64 = 0.2;

#[derive(Debug, Clone)]
pub struct FootprintSettings {
    pub idle_window: Duration,
    pub busy_window: Duration,
}

#[derive(Debug, Clone)]
pub struct FootprintFigures {
    pub agent_idle: ProcessUsage,
    pub coordinator_idle: ProcessUsage,
    pub agent_busy: ProcessUsage,
    pub coordinator_busy: ProcessUsage,
    /// Chat jobs run during the busy window, and by how many client tasks.
    pub busy_jobs: usize,
    pub busy_concurrency: usize,
}

/// Both processes with nothing to do.
#[derive(Debug, Clone, Copy)]
pub struct IdleUsage {
    pub agent: ProcessUsage,
    pub coordinator: ProcessUsage,
}

/// Both processes over `window` with nothing to do.
pub async fn measure_idle(
    cluster: &TestCluster,
    node: &str,
    window: Duration,
) -> anyhow::Result<IdleUsage> {
    let mut agent = UsageWindow::begin(cluster.agent_pid(node)?)?;
    let mut coordinator = UsageWindow::begin(cluster.coordinator_pid()?)?;
    let until = Instant::now() + window;
    while Instant::now() < until {
        tokio::time::sleep(IDLE_SAMPLE_INTERVAL.min(window)).await;
        agent.sample()?;
        coordinator.sample()?;
    }
    Ok(IdleUsage {
        agent: agent.finish()?,
        coordinator: coordinator.finish()?,
    })
}

/// Both processes while `concurrency` clients stream `tokens`-token chat jobs back to back for
/// at least `window`; with the `idle` figures measured before, the whole footprint.
pub async fn measure_busy(
    cluster: &TestCluster,
    node: &str,
    model: &str,
    idle: IdleUsage,
    concurrency: usize,
    tokens: usize,
    window: Duration,
) -> anyhow::Result<FootprintFigures> {
    cluster.ollama(node).set_answer_tokens(tokens);
    let caller = ChatCaller::LlmRunner(Box::new(ClusterCaller::new(
        cluster.jobs_client().await?,
        chat_spec(model, CHAT_PROMPT),
        expected_answer(CHAT_PROMPT, tokens),
    )));
    let mut agent = UsageWindow::begin(cluster.agent_pid(node)?)?;
    let mut coordinator = UsageWindow::begin(cluster.coordinator_pid()?)?;
    let started = Instant::now();
    let mut jobs = 0;
    while started.elapsed() < window {
        let batch = concurrency.max(1) * CHATS_PER_SAMPLE;
        jobs += drive(&caller, concurrency, batch).await?.samples.len();
        agent.sample()?;
        coordinator.sample()?;
    }
    Ok(FootprintFigures {
        agent_idle: idle.agent,
        coordinator_idle: idle.coordinator,
        agent_busy: agent.finish()?,
        coordinator_busy: coordinator.finish()?,
        busy_jobs: jobs,
        busy_concurrency: concurrency,
    })
}

/// The report's section: the table and the idle agent's goals.
pub fn render_section(figures: Option<&FootprintFigures>) -> String {
    let Some(figures) = figures else {
        return String::new();
    };
    format!(
        "\nfootprint (RSS: largest VmRSS sampled; CPU: utime + stime from /proc/<pid>/stat over the window; \
         idle = agent connected, probing its stand-in Ollama every second, no jobs, measured before any load)\n\n{}\n{}\n",
        footprint_table(figures).render(),
        agent_goal_line(&figures.agent_idle),
    )
}

pub fn footprint_table(figures: &FootprintFigures) -> MarkdownTable {
    let mut table = MarkdownTable::new(&[
        "process",
        "state",
        "RSS max (MB)",
        "CPU (% of a core)",
        "window (s)",
    ]);
    let busy = format!(
        "streaming ({} jobs, concurrency {})",
        figures.busy_jobs, figures.busy_concurrency
    );
    let rows = [
        ("agent", "idle", &figures.agent_idle),
        ("agent", busy.as_str(), &figures.agent_busy),
        ("coordinator", "idle", &figures.coordinator_idle),
        ("coordinator", busy.as_str(), &figures.coordinator_busy),
    ];
    for (process, state, usage) in rows {
        table.push_row(vec![
            process.to_owned(),
            state.to_owned(),
            megabytes(usage.rss_max_bytes),
            format!("{:.3}", usage.cpu_percent),
            format!("{:.1}", usage.window.as_secs_f64()),
        ]);
    }
    table
}

/// Whether the idle agent meets issue 7's goals, as one line for the report.
pub fn agent_goal_line(agent_idle: &ProcessUsage) -> String {
    let verdict = |met: bool| if met { "met" } else { "MISSED" };
    format!(
        "agent idle goals: RSS <= 10 MB {} ({} MB), CPU <= 0.2 % {} ({:.3} %)",
        verdict(agent_idle.rss_max_bytes <= AGENT_IDLE_RSS_GOAL_BYTES),
        megabytes(agent_idle.rss_max_bytes),
        verdict(agent_idle.cpu_percent <= AGENT_IDLE_CPU_GOAL_PERCENT),
        agent_idle.cpu_percent,
    )
}

/// Decimal megabytes with one decimal, as the goal is stated.
fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

#[cfg(test)]
mod tests;
