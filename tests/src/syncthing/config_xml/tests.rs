//! The config's promises that a test would only notice as a slow or leaky run: loopback only,
//! nothing announced, the peer at its port, conflict copies kept, paths escaped.

use std::path::Path;

use super::*;

fn laptop(vault: &Path) -> InstanceConfig<'_> {
    InstanceConfig {
        name: "laptop",
        device_id: "AAAAAAA-AAAAAAA",
        listen_port: 41001,
        gui_port: 41002,
        api_key: "laptop-key",
        vault,
    }
}

fn server(vault: &Path) -> InstanceConfig<'_> {
    InstanceConfig {
        name: "server",
        device_id: "BBBBBBB-BBBBBBB",
        listen_port: 42001,
        gui_port: 42002,
        api_key: "server-key",
        vault,
    }
}

#[test]
fn the_config_listens_on_loopback_and_dials_the_peer_at_its_port() {
    let xml = config_xml(
        &laptop(Path::new("/v/laptop")),
        &server(Path::new("/v/server")),
    );
    assert!(xml.contains("<listenAddress>tcp://127.0.0.1:41001</listenAddress>"));
    assert!(xml.contains("<address>127.0.0.1:41002</address>"));
    assert!(xml.contains("<apikey>laptop-key</apikey>"));
    assert!(xml.contains("<address>tcp://127.0.0.1:42001</address>"));
    assert!(xml.contains(r#"path="/v/laptop""#));
    assert!(!xml.contains("/v/server"), "the peer's vault is not ours");
    for off in [
        "globalAnnounceEnabled",
        "localAnnounceEnabled",
        "relaysEnabled",
        "natEnabled",
        "crashReportingEnabled",
    ] {
        assert!(
            xml.contains(&format!("<{off}>false</{off}>")),
            "{off} is not off"
        );
    }
    assert!(xml.contains("<urAccepted>-1</urAccepted>"));
    assert!(xml.contains("<autoUpgradeIntervalH>0</autoUpgradeIntervalH>"));
    assert!(xml.contains(r#"fsWatcherEnabled="true" fsWatcherDelayS="1""#));
    assert!(xml.contains("<maxConflicts>10</maxConflicts>"));
    // Both devices share the folder.
    assert_eq!(xml.matches(r#"<device id="AAAAAAA-AAAAAAA""#).count(), 2);
    assert_eq!(xml.matches(r#"<device id="BBBBBBB-BBBBBBB""#).count(), 2);
}

#[test]
fn a_vault_path_with_markup_characters_is_escaped() {
    let xml = config_xml(
        &laptop(Path::new("/v/a&b <\"c\">")),
        &server(Path::new("/v/s")),
    );
    assert!(
        xml.contains(r#"path="/v/a&amp;b &lt;&quot;c&quot;&gt;""#),
        "{xml}"
    );
}

#[test]
fn the_generated_device_id_is_the_first_device_of_the_generated_config() {
    let generated = r#"<configuration version="36">
    <device id="JD4YNZJ-4IV5PY4" name="vm" compression="metadata">
    </device>
    <defaults><device id="" compression="metadata"></device></defaults>"#;
    assert_eq!(generated_device_id(generated), Some("JD4YNZJ-4IV5PY4"));
    assert_eq!(generated_device_id("<configuration/>"), None);
    assert_eq!(generated_device_id(r#"<device id="""#), None);
}
