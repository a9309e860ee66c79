//! `cargo xtask install` (CI's first step): makes sure the outside tools the tests drive are on
//! the machine, installing only what is missing, so a fresh Debian 12 machine passes the same
//! CI as a developer's. Add a tool by adding a row to [`OUTSIDE_TOOLS`].

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use crate::run::{Shell, render_command_line};

mod check_only;
mod outside_tools;
pub use check_only::InstallPolicy;
pub use outside_tools::OUTSIDE_TOOLS;

/// One outside tool: how to tell it is there, and how to install it when it is not.
#[derive(Debug, Clone, Copy)]
pub struct OutsideTool {
    pub name: &'static str,
    /// Succeeds when the tool is usable; its first line of output is reported as the version.
    pub check: &'static [&'static str],
    pub install: InstallMethod,
}

/// Where a tool comes from: the registries this project's machines reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstallMethod {
    /// Debian packages (`apt-get install -y`); `apt-get update` runs once before the first.
    Apt(&'static [&'static str]),
    /// PyPI packages, into the `python3` on `PATH` (`python3 -m pip install --quiet`).
    Pip(&'static [&'static str]),
    /// A crate's binaries (`cargo install … --locked`).
    Cargo(&'static str),
    /// The npm packages pinned by the `package-lock.json` in this folder of the repository
    /// (`npm ci --prefix <folder>`), into its `node_modules`, with the machine's Node.js.
    Npm(&'static str),
}

/// One command of an install, with the environment it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallCommand {
    pub argv: Vec<String>,
    pub env: &'static [(&'static str, &'static str)],
}

/// What the install step did for one tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolOutcome {
    Present { version: String },
    Installed { version: String },
}

/// Checks every tool in [`OUTSIDE_TOOLS`], installs the missing ones, and prints one line per
/// tool. Puts the Python scripts directory on `shell`'s `PATH`, so later steps find what pip
/// installed there. With [`InstallPolicy::ListMissing`] nothing is installed: a missing tool
/// fails the step, named with the commands that would install it.
pub fn run(shell: &mut Shell, policy: InstallPolicy) -> Result<()> {
    if policy == InstallPolicy::ListMissing {
        return check_only::list_missing(shell);
    }
    let mut apt_lists_updated = false;
    for tool in OUTSIDE_TOOLS {
        let outcome = ensure_tool(shell, tool, &mut apt_lists_updated)
            .with_context(|| format!("could not make `{}` available", tool.name))?;
        match outcome {
            ToolOutcome::Present { version } => {
                println!("install: {:<14} present ({version})", tool.name);
            }
            ToolOutcome::Installed { version } => {
                println!("install: {:<14} installed ({version})", tool.name);
            }
        }
    }
    Ok(())
}

fn ensure_tool(
    shell: &mut Shell,
    tool: &OutsideTool,
    apt_lists_updated: &mut bool,
) -> Result<ToolOutcome> {
    if matches!(tool.install, InstallMethod::Pip(_)) {
        put_python_scripts_dir_on_path(shell);
    }
    if let Some(version) = shell.first_output_line(tool.check) {
        return Ok(ToolOutcome::Present { version });
    }
    println!(
        "install: {} is missing; installing it system-wide (`cargo xtask ci --no-install` installs nothing)",
        tool.name
    );
    for command in install_commands(tool.install, apt_lists_updated) {
        let argv: Vec<&str> = command.argv.iter().map(String::as_str).collect();
        shell.run_with_env(&argv, command.env)?;
    }
    if matches!(tool.install, InstallMethod::Pip(_)) {
        put_python_scripts_dir_on_path(shell);
        // Best effort: pyenv only makes a shim for a new script on rehash; without pyenv
        // (or when it fails) the PATH entry above still serves every later step.
        let _ = shell.first_output_line(&["pyenv", "rehash"]);
    }
    match shell.first_output_line(tool.check) {
        Some(version) => Ok(ToolOutcome::Installed { version }),
        None => bail!(
            "installed {} but `{}` still fails; for pip, look for it in {}",
            tool.name,
            render_command_line(tool.check),
            python_scripts_dir(shell)
                .map(|dir| dir.display().to_string())
                .unwrap_or_else(|| "the Python scripts directory".to_owned())
        ),
    }
}

/// The commands that install `method`, with the environment each needs; `apt-get update` is
/// included only the first time apt is needed (tracked in `apt_lists_updated`).
pub fn install_commands(
    method: InstallMethod,
    apt_lists_updated: &mut bool,
) -> Vec<InstallCommand> {
    const APT_ENV: &[(&str, &str)] = &[("DEBIAN_FRONTEND", "noninteractive")];
    // Debian's own python3 refuses pip installs (PEP 668) unless told otherwise; the
    // machine's Python is ours to manage. The root warning is noise on CI.
    const PIP_ENV: &[(&str, &str)] = &[
        ("PIP_BREAK_SYSTEM_PACKAGES", "1"),
        ("PIP_ROOT_USER_ACTION", "ignore"),
        ("PIP_DISABLE_PIP_VERSION_CHECK", "1"),
    ];
    let owned =
        |parts: &[&str]| -> Vec<String> { parts.iter().map(|part| (*part).to_owned()).collect() };
    let command = |argv: Vec<String>, env: &'static [(&'static str, &'static str)]| {
        InstallCommand { argv, env }
    };
    match method {
        InstallMethod::Apt(packages) => {
            let mut commands = Vec::new();
            if !*apt_lists_updated {
                *apt_lists_updated = true;
                commands.push(command(owned(&["apt-get", "update", "-q"]), APT_ENV));
            }
            let install = ["apt-get", "install", "-y", "-q", "--no-install-recommends"];
            commands.push(command(
                [owned(&install), owned(packages)].concat(),
                APT_ENV,
            ));
            commands
        }
        InstallMethod::Pip(packages) => {
            let install = ["python3", "-m", "pip", "install", "--quiet"];
            vec![command(
                [owned(&install), owned(packages)].concat(),
                PIP_ENV,
            )]
        }
        InstallMethod::Cargo(krate) => {
            vec![command(
                owned(&["cargo", "install", krate, "--locked"]),
                &[],
            )]
        }
        InstallMethod::Npm(folder) => {
            const NPM_ENV: &[(&str, &str)] = &[
                ("npm_config_update_notifier", "false"),
                ("npm_config_fund", "false"),
                ("npm_config_audit", "false"),
                ("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
            ];
            vec![command(owned(&["npm", "ci", "--prefix", folder]), NPM_ENV)]
        }
    }
}

/// Where pip puts console scripts for the `python3` on `PATH` (e.g. pyenv's version `bin`).
fn python_scripts_dir(shell: &Shell) -> Option<PathBuf> {
    let printed = shell
        .capture(&[
            "python3",
            "-c",
            "import sysconfig; print(sysconfig.get_path('scripts'))",
        ])
        .ok()?;
    let dir = PathBuf::from(printed.trim());
    dir.is_dir().then_some(dir)
}

fn put_python_scripts_dir_on_path(shell: &mut Shell) {
    if let Some(dir) = python_scripts_dir(shell) {
        shell.append_path_dir(dir);
    }
}

#[cfg(test)]
mod tests;
