//! `cargo xtask ci`: exactly what CI runs, in order, stopping at the first failing step and
//! printing how long each step took.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::install::InstallPolicy;
use crate::run::{Shell, format_elapsed, timed};
use crate::{install, tidy};

/// One step of CI, in the order [`CI_STEPS`] runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiStep {
    /// Installs the outside tools the tests drive (Python gRPC, grpcurl, cargo-nextest…).
    Install,
    Format,
    Clippy,
    Tidy,
    /// Builds the binaries first: the integration tests spawn them from `target/debug`.
    BuildBinaries,
    Test,
}

pub const CI_STEPS: &[CiStep] = &[
    CiStep::Install,
    CiStep::Format,
    CiStep::Clippy,
    CiStep::Tidy,
    CiStep::BuildBinaries,
    CiStep::Test,
];

impl CiStep {
    pub fn name(self) -> &'static str {
        match self {
            CiStep::Install => "install",
            CiStep::Format => "fmt",
            CiStep::Clippy => "clippy",
            CiStep::Tidy => "tidy",
            CiStep::BuildBinaries => "build",
            CiStep::Test => "test",
        }
    }

    /// What the step does: an in-process step, or one cargo command.
    pub fn action(self) -> StepAction {
        match self {
            CiStep::Install => StepAction::InstallOutsideTools,
            CiStep::Tidy => StepAction::Tidy,
            CiStep::Format => StepAction::Command(&["cargo", "fmt", "--all", "--", "--check"]),
            CiStep::Clippy => StepAction::Command(&[
                "cargo",
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
            CiStep::BuildBinaries => {
                StepAction::Command(&["cargo", "build", "--workspace", "--bins"])
            }
            CiStep::Test => {
                StepAction::Command(&["cargo", "nextest", "run", "--workspace", "--no-fail-fast"])
            }
        }
    }
}

/// How a [`CiStep`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepAction {
    InstallOutsideTools,
    Tidy,
    Command(&'static [&'static str]),
}

/// Runs every CI step in order over the repository at `root`.
pub fn run(root: &Path, policy: InstallPolicy) -> Result<()> {
    // One shell for every step: the install step may add the Python scripts directory to
    // PATH, and the tests must see the tools it installed.
    let mut shell = Shell::new(root);
    let mut timings: Vec<(CiStep, Duration)> = Vec::new();
    for &step in CI_STEPS {
        println!("\n==> ci: {}", step.name());
        let (outcome, elapsed) = timed(|| run_step(step, &mut shell, root, policy));
        timings.push((step, elapsed));
        match &outcome {
            Ok(()) => println!(
                "<== ci: {} passed in {}",
                step.name(),
                format_elapsed(elapsed)
            ),
            Err(_) => println!(
                "<== ci: {} FAILED after {}",
                step.name(),
                format_elapsed(elapsed)
            ),
        }
        outcome.with_context(|| format!("ci stopped at step `{}`", step.name()))?;
    }
    println!("\n{}", timings_summary(&timings));
    Ok(())
}

fn run_step(step: CiStep, shell: &mut Shell, root: &Path, policy: InstallPolicy) -> Result<()> {
    match step.action() {
        StepAction::InstallOutsideTools => install::run(shell, policy),
        StepAction::Tidy => tidy::run(root),
        StepAction::Command(argv) => shell.run(argv),
    }
}

/// `ci: all steps passed (install 1.2s, fmt 0.4s, …; total 3m 10.0s)`.
pub fn timings_summary(timings: &[(CiStep, Duration)]) -> String {
    let steps: Vec<String> = timings
        .iter()
        .map(|(step, elapsed)| format!("{} {}", step.name(), format_elapsed(*elapsed)))
        .collect();
    let total: Duration = timings.iter().map(|(_, elapsed)| *elapsed).sum();
    format!(
        "ci: all steps passed ({}; total {})",
        steps.join(", "),
        format_elapsed(total)
    )
}

#[cfg(test)]
mod tests;
