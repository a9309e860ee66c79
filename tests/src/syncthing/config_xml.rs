//! The `config.xml` a test's Syncthing instance runs with, written whole over the one
//! `syncthing generate` made (whose device identity, `cert.pem`/`key.pem`, is kept): loopback
//! only, nothing announced or relayed, no usage reports or upgrades, the peer dialled at its
//! known address, and one shared folder over the vault with a one-second watcher delay.
//!
//! Elements left out of a `<folder>` are zero, not Syncthing's defaults (measured with 1.19.2:
//! a missing `maxConflicts` deleted the losing edit instead of keeping a conflict copy), so
//! every folder setting a test depends on is written out.

use std::path::Path;

/// The folder id both instances share.
pub const FOLDER_ID: &str = "vault";

/// How often a full rescan runs (the watcher catches most changes within a second; a rescan
/// catches what it missed). Short, so a test never waits Syncthing's default hour.
pub const RESCAN_INTERVAL_SECONDS: u32 = 10;

/// How soon a device dials a peer it lost again (Syncthing's default is 60 s).
pub const RECONNECTION_INTERVAL_SECONDS: u32 = 1;

/// One instance as its config describes it.
#[derive(Debug, Clone)]
pub struct InstanceConfig<'a> {
    pub name: &'a str,
    pub device_id: &'a str,
    pub listen_port: u16,
    pub gui_port: u16,
    pub api_key: &'a str,
    pub vault: &'a Path,
}

/// The whole `config.xml` for `me`, sharing the folder with `peer`.
pub fn config_xml(me: &InstanceConfig<'_>, peer: &InstanceConfig<'_>) -> String {
    let vault = escape(&me.vault.display().to_string());
    let (my_id, peer_id) = (escape(me.device_id), escape(peer.device_id));
    let (my_name, peer_name) = (escape(me.name), escape(peer.name));
    let api_key = escape(me.api_key);
    format!(
        r#"<configuration version="36">
    <folder id="{FOLDER_ID}" label="{FOLDER_ID}" path="{vault}" type="sendreceive" rescanIntervalS="{RESCAN_INTERVAL_SECONDS}" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="{my_id}" introducedBy=""></device>
        <device id="{peer_id}" introducedBy=""></device>
        <minDiskFree unit="%">1</minDiskFree>
        <maxConflicts>10</maxConflicts>
        <markerName>.stfolder</markerName>
        <maxConcurrentWrites>2</maxConcurrentWrites>
        <weakHashThresholdPct>25</weakHashThresholdPct>
        <order>random</order>
    </folder>
    <device id="{my_id}" name="{my_name}" compression="metadata" introducer="false">
        <address>dynamic</address>
    </device>
    <device id="{peer_id}" name="{peer_name}" compression="metadata" introducer="false">
        <address>tcp://127.0.0.1:{peer_port}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:{gui_port}</address>
        <apikey>{api_key}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{listen_port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <reconnectionIntervalS>{RECONNECTION_INTERVAL_SECONDS}</reconnectionIntervalS>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <keepTemporariesH>24</keepTemporariesH>
        <minHomeDiskFree unit="%">1</minHomeDiskFree>
    </options>
</configuration>
"#,
        peer_port = peer.listen_port,
        gui_port = me.gui_port,
        listen_port = me.listen_port,
    )
}

/// The device id `syncthing generate` wrote as the first `<device id="…">` of its config.
pub fn generated_device_id(generated_config: &str) -> Option<&str> {
    let start = generated_config.find("<device id=\"")? + "<device id=\"".len();
    let length = generated_config[start..].find('"')?;
    let id = &generated_config[start..start + length];
    (!id.is_empty()).then_some(id)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests;
