//! A small network of Linux network namespaces the tests make and remove themselves, to cut
//! the link between hosts as a real network fails: each host (the coordinator, each agent with
//! its stand-in Ollama) gets its own namespace, joined to a hub namespace's bridge by a veth
//! pair at 10.250.0.N/24. [`NetLab::cut`] takes a host's port off the bridge: both sides then
//! hear nothing (no reset, no closed connection), as across a dead Tailscale link;
//! [`NetLab::heal`] puts it back; [`NetLab::drop_packets`] loses a share of a host's packets,
//! one way or both (nftables in the hub). Needs root and `ip` (iproute2), and `nft` for
//! losses; where namespaces cannot be made, [`NetLab::new`] fails saying so (never a skip).

mod enter;
mod lab_cluster;
mod relay;

use std::net::Ipv4Addr;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use anyhow::{Context, bail};

pub use enter::{bind_in, connect_in};
pub use lab_cluster::{DISCONNECT_GRACE, HEARTBEAT_TIMEOUT, LabCluster, LabNode, LabSettings};
pub use relay::{forward_into, forward_out_of};

/// One lab's namespaces, removed on drop.
pub struct NetLab {
    prefix: String,
    hub_made: bool,
    /// Whether the hub has its nftables table for [`NetLab::drop_packets`] yet.
    filter_made: AtomicBool,
    hosts: Vec<(String, Ipv4Addr)>,
}

impl NetLab {
    /// Makes the hub and one namespace per host, each host reachable from the others at
    /// [`NetLab::address`].
    pub fn new(hosts: &[&str]) -> anyhow::Result<Self> {
        // Unique per lab (tests may share a process) and short: interface names hold at most
        // 15 bytes.
        static LABS: AtomicU32 = AtomicU32::new(0);
        let lab_number = LABS.fetch_add(1, Ordering::Relaxed) % 100;
        let prefix = format!("lr{}x{lab_number}", std::process::id() % 100_000);
        let mut lab = Self {
            prefix,
            hub_made: false,
            filter_made: AtomicBool::new(false),
            hosts: Vec::new(),
        };
        let hub = lab.hub();
        ip(&["netns", "add", &hub]).context(
            "cannot make a network namespace: the partition tests need root and iproute2 \
             (`ip netns add`); run them as root on Linux",
        )?;
        // Noted before the other steps, so a failure below still removes what was made.
        lab.hub_made = true;
        ip(&["-n", &hub, "link", "add", "br0", "type", "bridge"])?;
        ip(&["-n", &hub, "link", "set", "br0", "up"])?;
        for (index, host) in hosts.iter().enumerate() {
            let address = Ipv4Addr::new(10, 250, 0, u8::try_from(index + 2)?);
            let ns = lab.ns(host);
            ip(&["netns", "add", &ns])?;
            lab.hosts.push(((*host).to_owned(), address));
            let port = lab.port(host);
            ip(&[
                "-n", &hub, "link", "add", &port, "type", "veth", "peer", "name", "eth0", "netns",
                &ns,
            ])?;
            ip(&["-n", &hub, "link", "set", &port, "master", "br0", "up"])?;
            ip(&[
                "-n",
                &ns,
                "addr",
                "add",
                &format!("{address}/24"),
                "dev",
                "eth0",
            ])?;
            ip(&["-n", &ns, "link", "set", "eth0", "up"])?;
            ip(&["-n", &ns, "link", "set", "lo", "up"])?;
        }
        Ok(lab)
    }

    /// The host's address on the lab's network.
    pub fn address(&self, host: &str) -> Ipv4Addr {
        self.hosts
            .iter()
            .find(|(name, _)| name == host)
            .map_or(Ipv4Addr::UNSPECIFIED, |(_, address)| *address)
    }

    /// The host's namespace, as `ip netns exec` names it.
    pub fn ns(&self, host: &str) -> String {
        format!("{}-{host}", self.prefix)
    }

    /// `ip netns exec NS PROGRAM`: the program runs in the host's namespace (`ip` execs it,
    /// so the child's pid is the program's).
    pub fn command_in(&self, host: &str, program: &std::path::Path) -> tokio::process::Command {
        let mut command = tokio::process::Command::new("ip");
        command.args(["netns", "exec", &self.ns(host)]).arg(program);
        command
    }

    /// Cuts the host off: its port leaves the bridge, so nothing it sends arrives and nothing
    /// reaches it, with no reset or close on either side.
    pub fn cut(&self, host: &str) -> anyhow::Result<()> {
        ip(&[
            "-n",
            &self.hub(),
            "link",
            "set",
            &self.port(host),
            "nomaster",
        ])
    }

    /// Joins the host to the bridge again.
    pub fn heal(&self, host: &str) -> anyhow::Result<()> {
        ip(&[
            "-n",
            &self.hub(),
            "link",
            "set",
            &self.port(host),
            "master",
            "br0",
        ])
    }

    /// Drops `percent` of the packets the host sends (`Direction::From`) or that are sent to
    /// it (`Direction::To`), at random, in the hub's bridge (nftables `numgen random`); 100
    /// makes a one-way partition. [`NetLab::clear_drops`] removes every such rule.
    pub fn drop_packets(
        &self,
        host: &str,
        direction: Direction,
        percent: u8,
    ) -> anyhow::Result<()> {
        let hub = self.hub();
        if !self.filter_made.swap(true, Ordering::Relaxed) {
            nft(&hub, &["add", "table", "bridge", "lab"])?;
            let chain = "{ type filter hook forward priority 0; policy accept; }";
            nft(&hub, &["add", "chain", "bridge", "lab", "forward", chain])?;
        }
        let side = match direction {
            Direction::From => "iifname",
            Direction::To => "oifname",
        };
        let port = self.port(host);
        let threshold = percent.to_string();
        let mut rule = vec![
            "add",
            "rule",
            "bridge",
            "lab",
            "forward",
            side,
            port.as_str(),
        ];
        if percent < 100 {
            rule.extend(["numgen", "random", "mod", "100", "<", threshold.as_str()]);
        }
        rule.push("drop");
        nft(&hub, &rule)
    }

    /// Removes every drop rule: the links carry everything again.
    pub fn clear_drops(&self) -> anyhow::Result<()> {
        if self.filter_made.load(Ordering::Relaxed) {
            nft(&self.hub(), &["flush", "chain", "bridge", "lab", "forward"])?;
        }
        Ok(())
    }

    fn hub(&self) -> String {
        format!("{}-hub", self.prefix)
    }

    /// The hub's end of the host's veth pair, named by the host's address.
    fn port(&self, host: &str) -> String {
        format!("{}p{}", self.prefix, self.address(host).octets()[3])
    }
}

impl Drop for NetLab {
    fn drop(&mut self) {
        // Removing a namespace removes its veth ends with it.
        for (host, _) in &self.hosts {
            let _ = ip(&["netns", "del", &self.ns(host)]);
        }
        if self.hub_made {
            let _ = ip(&["netns", "del", &self.hub()]);
        }
    }
}

/// Which packets of a host [`NetLab::drop_packets`] drops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// What the host sends.
    From,
    /// What is sent to the host.
    To,
}

/// Runs `nft ARGS` inside the namespace `ns`, failing with its stderr.
fn nft(ns: &str, args: &[&str]) -> anyhow::Result<()> {
    let mut all = vec!["netns", "exec", ns, "nft"];
    all.extend_from_slice(args);
    ip(&all).context(
        "nftables (Debian's `nftables`, which cargo xtask ci installs) is needed for packet \
         loss and one-way partitions",
    )
}

/// Runs `ip ARGS`, failing with its stderr.
fn ip(args: &[&str]) -> anyhow::Result<()> {
    let output = Command::new("ip")
        .args(args)
        .output()
        .context("cannot run `ip` (iproute2)")?;
    if !output.status.success() {
        bail!(
            "`ip {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests;
