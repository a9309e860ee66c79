//! Reads the `PLAY RECAP` block `ansible-playbook` prints at the end: per host, the count of
//! tasks that were ok, changed, unreachable, failed and skipped.

use std::collections::BTreeMap;

use anyhow::{Context as _, bail};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HostRecap {
    pub ok: u32,
    pub changed: u32,
    pub unreachable: u32,
    pub failed: u32,
    pub skipped: u32,
}

/// Every host's line of the last `PLAY RECAP` in `output`.
pub fn play_recap(output: &str) -> anyhow::Result<BTreeMap<String, HostRecap>> {
    let (_, recap) = output
        .rsplit_once("PLAY RECAP")
        .context("no PLAY RECAP in the output")?;
    let mut hosts = BTreeMap::new();
    for line in recap.lines().skip(1) {
        let Some((host, counts)) = line.split_once(" : ") else {
            continue;
        };
        let mut host_recap = HostRecap::default();
        for field in counts.split_whitespace() {
            let Some((name, value)) = field.split_once('=') else {
                bail!("cannot read `{field}` in the recap line `{line}`");
            };
            let value: u32 = value
                .parse()
                .with_context(|| format!("`{field}` in `{line}`"))?;
            match name {
                "ok" => host_recap.ok = value,
                "changed" => host_recap.changed = value,
                "unreachable" => host_recap.unreachable = value,
                "failed" => host_recap.failed = value,
                "skipped" => host_recap.skipped = value,
                _ => {}
            }
        }
        hosts.insert(host.trim().to_owned(), host_recap);
    }
    if hosts.is_empty() {
        bail!("the PLAY RECAP lists no host");
    }
    Ok(hosts)
}

#[cfg(test)]
mod tests;
