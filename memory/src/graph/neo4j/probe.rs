//! A throwaway Bolt handshake before the driver starts. FalkorDB (4.16) leaves the first TCP
//! connection after any client's GOODBYE unanswered until it times out; one bare handshake
//! absorbs that, so the driver's own first connection is answered (research memory.md §4).
//! Against Neo4j it is a harmless connection that offers versions and closes.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

/// Bolt's magic preamble, then four version offers (a 5.0–5.8 range, 4.4, none, none).
const HANDSHAKE: [u8; 20] = [
    0x60, 0x60, 0xB0, 0x17, 0x00, 0x08, 0x08, 0x05, 0x00, 0x00, 0x04, 0x04, 0, 0, 0, 0, 0, 0, 0, 0,
];

/// `host:port` of a `bolt://` or `neo4j://` URI (port 7687 when none is given).
pub fn host_port(uri: &str) -> String {
    let rest = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let authority = rest.split(['/', '?']).next().unwrap_or(rest);
    if authority
        .rsplit_once(':')
        .is_some_and(|(_, port)| port.parse::<u16>().is_ok())
    {
        authority.to_owned()
    } else {
        format!("{authority}:7687")
    }
}

/// Sends one handshake to `host_port` and reads the answer, if any, within `timeout`; whether
/// it is answered does not matter (the driver's own connection reports real failures).
pub fn absorb_goodbye(host_port: &str, timeout: Duration) {
    let addresses: Vec<SocketAddr> = match host_port.to_socket_addrs() {
        Ok(addresses) => addresses.collect(),
        Err(_) => return,
    };
    for address in addresses {
        if let Ok(mut stream) = TcpStream::connect_timeout(&address, timeout) {
            let _ = stream.set_read_timeout(Some(timeout));
            let _ = stream.set_write_timeout(Some(timeout));
            let mut answer = [0u8; 4];
            let answered = stream
                .write_all(&HANDSHAKE)
                .and_then(|()| stream.read(&mut answer));
            tracing::debug!(%address, answered = answered.is_ok(), "bolt handshake probe");
            return;
        }
    }
}

#[cfg(test)]
mod tests;
