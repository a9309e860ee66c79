//! A browser script (`tests/browser/*.mjs`, playwright-core driving Debian's Chromium) run by a
//! scenario as a child process: it prints one step marker per line, the scenario answers on
//! its stdin when it has done its part (e.g. killed an agent), and a `fail: …` line or a
//! non-zero exit fails the scenario with everything the script said.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

pub struct BrowserScript {
    child: Child,
    /// Closed by `finish`, so a script still reading its stdin sees the end and exits.
    stdin: Option<ChildStdin>,
    stdout: Lines<BufReader<ChildStdout>>,
    stderr_log: PathBuf,
    said: Vec<String>,
}

/// `tests/browser`, where the scripts and their `node_modules` live.
pub fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("browser")
}

/// `tests/artifacts/<name>` (gitignored), created empty: screenshots a person can look at.
pub fn artifacts_dir(name: &str) -> anyhow::Result<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("artifacts")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

impl BrowserScript {
    /// Starts `node tests/browser/<script> <args…>`; its stderr goes to `<log_dir>/<script>.log`.
    pub fn start(script: &str, args: &[String], log_dir: &Path) -> anyhow::Result<Self> {
        let dir = browser_dir();
        if !dir.join("node_modules/playwright-core").is_dir()
            || !Path::new("/usr/bin/chromium").exists()
        {
            bail!(
                "playwright-core or Chromium is missing: run `cargo xtask install` (it installs both)"
            );
        }
        Self::spawn(&dir.join(script), args, log_dir)
    }

    /// Runs any Node.js script the same way (the harness's own tests use a tiny one).
    pub fn spawn(script: &Path, args: &[String], log_dir: &Path) -> anyhow::Result<Self> {
        let name = script
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stderr_log = log_dir.join(format!("{name}.log"));
        let dir = script.parent().context("the script has no folder")?;
        let mut child = Command::new("node")
            .arg(script)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr_log)?)
            .kill_on_drop(true)
            .spawn()
            .context("cannot run node (Node.js comes with the machine; cargo xtask install adds the rest)")?;
        let stdin = child.stdin.take().context("no stdin")?;
        let stdout = BufReader::new(child.stdout.take().context("no stdout")?).lines();
        Ok(Self {
            child,
            stdin: Some(stdin),
            stdout,
            stderr_log,
            said: Vec::new(),
        })
    }

    /// Waits for a line starting with `marker`; answers the rest of that line.
    pub async fn expect(&mut self, marker: &str, patience: Duration) -> anyhow::Result<String> {
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            let line = match tokio::time::timeout_at(deadline, self.stdout.next_line()).await {
                Err(_) => bail!(
                    "the browser script did not reach {marker:?} within {patience:?}{}",
                    self.report()
                ),
                Ok(line) => line?,
            };
            let Some(line) = line else {
                bail!(
                    "the browser script ended before {marker:?}{}",
                    self.report()
                );
            };
            self.said.push(line.clone());
            if line.starts_with("fail:") {
                bail!(
                    "the browser script failed before {marker:?}{}",
                    self.report()
                );
            }
            if let Some(rest) = line.strip_prefix(marker) {
                return Ok(rest.trim().to_owned());
            }
        }
    }

    pub async fn answer(&mut self, line: &str) -> anyhow::Result<()> {
        let stdin = self
            .stdin
            .as_mut()
            .context("the script's stdin is already closed")?;
        stdin.write_all(format!("{line}\n").as_bytes()).await?;
        Ok(stdin.flush().await?)
    }

    /// Waits for the script to exit, which must be with status 0.
    pub async fn finish(mut self) -> anyhow::Result<()> {
        drop(self.stdin.take());
        while let Ok(Some(line)) = self.stdout.next_line().await {
            self.said.push(line);
        }
        let status = tokio::time::timeout(Duration::from_secs(30), self.child.wait())
            .await
            .context("the browser script did not exit")??;
        if !status.success() || self.said.iter().any(|line| line.starts_with("fail:")) {
            bail!("the browser script exited with {status}{}", self.report());
        }
        Ok(())
    }

    fn report(&self) -> String {
        let stderr = std::fs::read_to_string(&self.stderr_log).unwrap_or_default();
        format!(
            "\n--- it said ---\n{}\n--- its stderr ---\n{stderr}",
            self.said.join("\n")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ECHO: &str = "import readline from 'node:readline';\n\
        const lines = readline.createInterface({ input: process.stdin });\n\
        console.log('ready 1');\n\
        lines.once('line', (line) => { console.log('got ' + line); console.log('fail: boom'); lines.close(); });\n";

    #[tokio::test]
    async fn markers_answers_and_failures_come_through() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("echo.mjs");
        std::fs::write(&script, ECHO).unwrap();
        let mut browser = BrowserScript::spawn(&script, &[], dir.path()).unwrap();
        assert_eq!(
            browser
                .expect("ready", Duration::from_secs(10))
                .await
                .unwrap(),
            "1"
        );
        browser.answer("go").await.unwrap();
        assert_eq!(
            browser
                .expect("got", Duration::from_secs(10))
                .await
                .unwrap(),
            "go"
        );
        let error = browser.finish().await.unwrap_err().to_string();
        assert!(error.contains("fail: boom"), "{error}");
    }
}
