//! Sockets made inside a lab namespace from this process: a short-lived thread enters the
//! namespace (`setns`, which moves only the calling thread), makes the socket and returns it.
//! A socket stays in the namespace it was made in, whatever thread uses it afterwards.

use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsFd;

use anyhow::Context;
use rustix::thread::{LinkNameSpaceType, move_into_link_name_space};

/// A listener bound to `address` inside the namespace `ns`.
pub fn bind_in(ns: &str, address: SocketAddr) -> anyhow::Result<TcpListener> {
    inside(ns, move || TcpListener::bind(address))
        .with_context(|| format!("cannot listen on {address} in namespace {ns}"))
}

/// A connection to `address` made from inside the namespace `ns`.
pub fn connect_in(ns: &str, address: SocketAddr) -> anyhow::Result<TcpStream> {
    inside(ns, move || TcpStream::connect(address))
        .with_context(|| format!("cannot connect to {address} from namespace {ns}"))
}

fn inside<T: Send>(
    ns: &str,
    make: impl FnOnce() -> std::io::Result<T> + Send,
) -> anyhow::Result<T> {
    let path = format!("/run/netns/{ns}");
    let namespace = File::open(&path).with_context(|| format!("cannot open {path}"))?;
    std::thread::scope(|scope| {
        scope
            .spawn(move || -> anyhow::Result<T> {
                move_into_link_name_space(namespace.as_fd(), Some(LinkNameSpaceType::Network))
                    .context("setns into the namespace")?;
                Ok(make()?)
            })
            .join()
            .map_err(|_| anyhow::anyhow!("the thread entering {ns} panicked"))?
    })
}
