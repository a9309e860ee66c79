//! `cargo xtask ci --no-install`: on a developer's workstation, check the outside tools without
//! touching the machine, and list what is missing with the commands that would install it.

use anyhow::{Result, bail};

use super::{InstallMethod, OUTSIDE_TOOLS, install_commands, put_python_scripts_dir_on_path};
use crate::run::Shell;

/// Whether the install step may change the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstallPolicy {
    /// Install what is missing (system-wide: apt-get, pip into the system python3, npm, cargo).
    InstallMissing,
    /// Install nothing; fail listing what is missing.
    ListMissing,
}

/// Checks every tool and fails naming each missing one with the commands that install it.
pub fn list_missing(shell: &mut Shell) -> Result<()> {
    let mut apt_lists_updated = false;
    let mut missing = Vec::new();
    for tool in OUTSIDE_TOOLS {
        if matches!(tool.install, InstallMethod::Pip(_)) {
            put_python_scripts_dir_on_path(shell);
        }
        match shell.first_output_line(tool.check) {
            Some(version) => println!("install: {:<14} present ({version})", tool.name),
            None => {
                let commands = install_commands(tool.install, &mut apt_lists_updated)
                    .into_iter()
                    .map(|command| command.argv.join(" "))
                    .collect();
                missing.push((tool.name, commands));
            }
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    bail!("{}", missing_tools_message(&missing))
}

/// "2 tools the tests need are missing (--no-install installs nothing): …", one line per tool.
pub fn missing_tools_message(missing: &[(&str, Vec<String>)]) -> String {
    let mut message = format!(
        "{} tool{} the tests need {} missing (--no-install installs nothing); install {} yourself, or run `cargo xtask ci` without --no-install:",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" },
        if missing.len() == 1 { "is" } else { "are" },
        if missing.len() == 1 { "it" } else { "them" },
    );
    for (name, commands) in missing {
        message.push_str(&format!("\n  {name}: {}", commands.join(" && ")));
    }
    message
}

#[cfg(test)]
mod tests;
