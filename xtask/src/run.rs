//! Running outside commands for xtask: echo each one, time it, and fail with the command line
//! in the error so a red CI log says exactly what to re-run by hand.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Where commands run, and which directories are searched after `PATH` for them.
///
/// The extra directories exist because tools installed by `pip` (e.g. `grpcurl`) land in the
/// Python scripts directory, which may not be on the `PATH` xtask was started with (a pyenv
/// shim is only created by `pyenv rehash`). Every later command, the tests included, gets them.
#[derive(Debug, Clone)]
pub struct Shell {
    working_dir: PathBuf,
    extra_path_dirs: Vec<PathBuf>,
}

impl Shell {
    pub fn new(working_dir: impl Into<PathBuf>) -> Self {
        Self {
            working_dir: working_dir.into(),
            extra_path_dirs: Vec::new(),
        }
    }

    /// Searches `dir` after `PATH` for every later command (once, however often it is
    /// called). After, not before: a Python scripts directory such as `/usr/bin` must not
    /// shadow the `cargo` in `~/.cargo/bin`.
    pub fn append_path_dir(&mut self, dir: PathBuf) {
        if !self.extra_path_dirs.contains(&dir) {
            self.extra_path_dirs.push(dir);
        }
    }

    /// Runs `argv` with the terminal's output, echoing it first; fails when it exits non-zero.
    pub fn run(&self, argv: &[&str]) -> Result<()> {
        self.run_with_env(argv, &[])
    }

    /// Like [`Shell::run`], with extra environment variables for this command only.
    pub fn run_with_env(&self, argv: &[&str], env: &[(&str, &str)]) -> Result<()> {
        let command_line = render_command_line(argv);
        println!("$ {command_line}");
        let mut command = self.command(argv)?;
        command.envs(env.iter().copied()).stdin(Stdio::null());
        let status = command
            .status()
            .with_context(|| format!("could not start `{command_line}`: is it installed?"))?;
        if !status.success() {
            bail!("`{command_line}` failed ({status}): fix what it printed above, then re-run it");
        }
        Ok(())
    }

    /// Runs `argv` without echoing it and returns its first line of output (stdout, else
    /// stderr), or `None` when it cannot start or exits non-zero. Used to check for tools.
    pub fn first_output_line(&self, argv: &[&str]) -> Option<String> {
        let mut command = self.command(argv).ok()?;
        let output = command.stdin(Stdio::null()).output().ok()?;
        if !output.status.success() {
            return None;
        }
        Some(first_line_of_output(&output))
    }

    /// Runs `argv` quietly and returns its standard output; fails with its stderr otherwise.
    pub fn capture(&self, argv: &[&str]) -> Result<String> {
        let command_line = render_command_line(argv);
        let output = self
            .command(argv)?
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("could not start `{command_line}`: is it installed?"))?;
        if !output.status.success() {
            bail!(
                "`{command_line}` failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    fn command(&self, argv: &[&str]) -> Result<Command> {
        let Some((program, args)) = argv.split_first() else {
            bail!("empty command line: this is a bug in xtask");
        };
        let mut command = Command::new(program);
        command.args(args).current_dir(&self.working_dir);
        if !self.extra_path_dirs.is_empty() {
            command.env("PATH", self.search_path()?);
        }
        Ok(command)
    }

    fn search_path(&self) -> Result<OsString> {
        let inherited = std::env::var_os("PATH").unwrap_or_default();
        let dirs = std::env::split_paths(&inherited).chain(self.extra_path_dirs.iter().cloned());
        std::env::join_paths(dirs).context("a directory added to PATH contains ':'; move it")
    }
}

/// The first non-blank line a command printed: stdout first, stderr when stdout is empty
/// (`grpcurl -version` prints to stderr).
pub fn first_line_of_output(output: &Output) -> String {
    [&output.stdout, &output.stderr]
        .into_iter()
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .find_map(|text| {
            text.lines()
                .map(str::trim)
                .find(|line| !line.is_empty())
                .map(str::to_owned)
        })
        .unwrap_or_default()
}

/// A command line as one would type it in a shell (arguments with spaces are quoted).
pub fn render_command_line(argv: &[&str]) -> String {
    argv.iter()
        .map(|argument| {
            if argument.is_empty() || argument.contains([' ', '"', '\'', ';']) {
                format!("'{}'", argument.replace('\'', r"'\''"))
            } else {
                (*argument).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `body` and returns its value with how long it took.
pub fn timed<T>(body: impl FnOnce() -> Result<T>) -> (Result<T>, Duration) {
    let started = Instant::now();
    let outcome = body();
    (outcome, started.elapsed())
}

/// `4.2s`, or `3m 07.5s` past a minute.
pub fn format_elapsed(elapsed: Duration) -> String {
    let tenths = elapsed.as_millis() / 100;
    let (minutes, tenths_in_minute) = (tenths / 600, tenths % 600);
    let (seconds, tenth) = (tenths_in_minute / 10, tenths_in_minute % 10);
    if minutes == 0 {
        format!("{seconds}.{tenth}s")
    } else {
        format!("{minutes}m {seconds:02}.{tenth}s")
    }
}

#[cfg(test)]
mod tests;
