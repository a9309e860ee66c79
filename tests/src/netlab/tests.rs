//! Tests of the lab itself: hosts reach each other, a cut silences the link both ways
//! without a reset, a heal brings it back, and the namespaces go with the lab.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use super::*;

#[test]
fn a_cut_silences_the_link_without_a_reset_and_a_heal_restores_it() {
    let lab = NetLab::new(&["left", "right"]).unwrap();
    let right = SocketAddr::from((lab.address("right"), 9000));
    let listener = bind_in(&lab.ns("right"), right).unwrap();
    let mut client = connect_in(&lab.ns("left"), right).unwrap();
    let (mut server, _) = listener.accept().unwrap();
    client.write_all(b"ping").unwrap();
    let mut heard = [0u8; 4];
    server.read_exact(&mut heard).unwrap();
    assert_eq!(&heard, b"ping");

    lab.cut("right").unwrap();
    client.write_all(b"lost").unwrap();
    server
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let silent = server.read(&mut heard);
    assert!(
        matches!(&silent, Err(error) if error.kind() == std::io::ErrorKind::WouldBlock),
        "expected silence across the cut, got {silent:?}"
    );

    lab.heal("right").unwrap();
    server
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // TCP retransmits what the cut swallowed once the link is back.
    server.read_exact(&mut heard).unwrap();
    assert_eq!(&heard, b"lost");

    let names: Vec<String> = ["left", "right"].iter().map(|host| lab.ns(host)).collect();
    drop(lab);
    let listed = std::process::Command::new("ip")
        .args(["netns", "list"])
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        names.iter().all(|name| !listed.contains(name.as_str())),
        "{listed}"
    );
}

#[tokio::test]
async fn a_relay_reaches_into_a_namespace_from_loopback() {
    let lab = NetLab::new(&["inner"]).unwrap();
    let inside = SocketAddr::from((lab.address("inner"), 9001));
    let listener = bind_in(&lab.ns("inner"), inside).unwrap();
    let local = forward_into(&lab.ns("inner"), inside).unwrap();
    assert_eq!(local.ip(), Ipv4Addr::LOCALHOST);
    let accepting = std::thread::spawn(move || {
        let (mut server, _) = listener.accept().unwrap();
        let mut heard = [0u8; 5];
        server.read_exact(&mut heard).unwrap();
        heard
    });
    let mut client = tokio::net::TcpStream::connect(local).await.unwrap();
    tokio::io::AsyncWriteExt::write_all(&mut client, b"hello")
        .await
        .unwrap();
    let heard = tokio::task::spawn_blocking(move || accepting.join().unwrap())
        .await
        .unwrap();
    assert_eq!(&heard, b"hello");
}

#[test]
fn a_one_way_drop_loses_what_the_host_sends_but_not_what_it_receives() {
    let lab = NetLab::new(&["sender", "receiver"]).unwrap();
    let receiver = SocketAddr::from((lab.address("receiver"), 9002));
    // Connected first: the handshake needs both ways.
    let listener = bind_in(&lab.ns("receiver"), receiver).unwrap();
    let mut sender = connect_in(&lab.ns("sender"), receiver).unwrap();
    let (mut accepted, _) = listener.accept().unwrap();
    lab.drop_packets("sender", Direction::From, 100).unwrap();
    accepted.write_all(b"down").unwrap();
    let mut heard = [0u8; 4];
    sender
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    sender.read_exact(&mut heard).unwrap();
    assert_eq!(&heard, b"down");
    sender.write_all(b"up!!").unwrap();
    accepted
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let silent = accepted.read(&mut heard);
    assert!(
        matches!(&silent, Err(error) if error.kind() == std::io::ErrorKind::WouldBlock),
        "what the sender sent arrived through the drop: {silent:?}"
    );
    lab.clear_drops().unwrap();
    accepted
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    accepted.read_exact(&mut heard).unwrap();
    assert_eq!(&heard, b"up!!");
}
