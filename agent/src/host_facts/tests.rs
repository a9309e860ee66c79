//! Tests of the `host_facts` module.

use super::*;

#[test]
fn the_deepest_mount_above_a_path_holds_it() {
    let mounts = [
        (Path::new("/"), 100, 10),
        (Path::new("/data"), 500, 50),
        (Path::new("/data/ollama"), 900, 90),
        (Path::new("/dat"), 1, 1),
    ];
    let find = |path: &str| space_of(Path::new(path), mounts.iter().copied());
    assert_eq!(find("/data/ollama/models"), Some((900, 90)));
    assert_eq!(find("/data/other"), Some((500, 50)));
    assert_eq!(find("/database"), Some((100, 10)));
    assert_eq!(space_of(Path::new("/"), std::iter::empty()), None);
}

#[test]
fn this_hosts_facts_are_plausible() {
    let facts = HostFactsReader::new().read();
    assert!(facts.cpu_cores >= 1, "{facts:?}");
    assert!(
        facts.memory_total_bytes >= facts.memory_available_bytes,
        "{facts:?}"
    );
    assert!(facts.memory_total_bytes > 0, "{facts:?}");
    assert!(facts.disk_total_bytes >= facts.disk_free_bytes, "{facts:?}");
    assert!(facts.disk_total_bytes > 0, "{facts:?}");
    assert!(
        facts.uptime_seconds > 0 && !facts.os.is_empty(),
        "{facts:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn facts_are_refreshed_every_interval_only() {
    let (service, mut facts) = HostFactsService::new(Duration::from_secs(10));
    facts.borrow_and_update();
    let shutdown = CancellationToken::new();
    let running = tokio::spawn(service.run(shutdown.clone()));
    tokio::time::sleep(Duration::from_secs(9)).await;
    assert!(
        !facts.has_changed().unwrap(),
        "refreshed before the interval"
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        facts.has_changed().unwrap(),
        "not refreshed after the interval"
    );
    shutdown.cancel();
    running.await.unwrap();
}
