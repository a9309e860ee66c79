//! A child process owned by a test: its stderr and stdout go to a log file, it can be signalled
//! (SIGKILL, SIGSTOP, SIGCONT, SIGTERM), and it is killed when dropped.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use anyhow::{Context, bail};
use tokio::process::{Child, Command};

#[derive(Debug, Clone, Copy)]
pub enum Signal {
    Kill,
    Stop,
    Continue,
    Terminate,
}

impl Signal {
    fn name(self) -> &'static str {
        match self {
            Signal::Kill => "KILL",
            Signal::Stop => "STOP",
            Signal::Continue => "CONT",
            Signal::Terminate => "TERM",
        }
    }
}

pub struct ManagedProcess {
    pub name: String,
    child: Child,
    pub log_path: PathBuf,
}

impl ManagedProcess {
    pub fn spawn(
        name: &str,
        program: &Path,
        args: &[String],
        envs: &[(String, String)],
        log_dir: &Path,
    ) -> anyhow::Result<Self> {
        let log_path = log_dir.join(format!("{name}.log"));
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .with_context(|| format!("cannot open {}", log_path.display()))?;
        let child = Command::new(program)
            .args(args)
            .envs(
                envs.iter()
                    .map(|(key, value)| (key.as_str(), value.as_str())),
            )
            .env("RUST_LOG", "info")
            .current_dir(log_dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("cannot start {}", program.display()))?;
        Ok(Self {
            name: name.to_owned(),
            child,
            log_path,
        })
    }

    pub fn pid(&self) -> anyhow::Result<u32> {
        self.child
            .id()
            .with_context(|| format!("{} has already exited", self.name))
    }

    /// Sends a signal by PID with the `kill` command (no unsafe code in the harness).
    pub fn signal(&self, signal: Signal) -> anyhow::Result<()> {
        let pid = self.pid()?;
        let status = std::process::Command::new("kill")
            .arg(format!("-{}", signal.name()))
            .arg(pid.to_string())
            .status()
            .context("cannot run kill")?;
        if !status.success() {
            bail!("kill -{} {pid} ({}) failed", signal.name(), self.name);
        }
        Ok(())
    }

    /// SIGKILL and reap.
    pub async fn kill(&mut self) -> anyhow::Result<()> {
        self.child
            .kill()
            .await
            .with_context(|| format!("cannot kill {}", self.name))
    }

    pub async fn wait(&mut self) -> anyhow::Result<std::process::ExitStatus> {
        Ok(self.child.wait().await?)
    }

    pub fn try_exit_status(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }
}
