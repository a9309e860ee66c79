//! TCP relays across the lab's edge, run by this process: the tests' clients reach the
//! coordinator inside its namespace from loopback, and the coordinator reaches stand-ins (the
//! Discord webhook) that listen on this process's loopback.

use std::net::{Ipv4Addr, SocketAddr};

use super::enter::{bind_in, connect_in};

/// Listens on this process's 127.0.0.1 and forwards each connection to `target` inside the
/// namespace `ns`; returns the loopback address. Relays until the runtime ends.
pub fn forward_into(ns: &str, target: SocketAddr) -> anyhow::Result<SocketAddr> {
    let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let address = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let ns = ns.to_owned();
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            let ns = ns.clone();
            tokio::spawn(async move {
                let connected = tokio::task::spawn_blocking(move || connect_in(&ns, target)).await;
                let Ok(Ok(outbound)) = connected else { return };
                if outbound.set_nonblocking(true).is_err() {
                    return;
                }
                if let Ok(mut outbound) = tokio::net::TcpStream::from_std(outbound) {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    Ok(address)
}

/// Listens on `inside` within the namespace `ns` and forwards each connection to `target` on
/// this process's side (e.g. a stand-in on 127.0.0.1). Relays until the runtime ends.
pub fn forward_out_of(ns: &str, inside: SocketAddr, target: SocketAddr) -> anyhow::Result<()> {
    let listener = bind_in(ns, inside)?;
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            tokio::spawn(async move {
                if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    Ok(())
}
