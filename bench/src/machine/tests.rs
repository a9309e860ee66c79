//! Tests of the `machine` module.

use super::*;

#[test]
fn cpu_model_is_the_first_model_name_line() {
    let cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\nprocessor\t: 1\nmodel name\t: AMD EPYC\n";
    assert_eq!(cpu_model(cpuinfo).as_deref(), Some("AMD EPYC"));
    assert_eq!(cpu_model("processor\t: 0\n"), None);
}

#[test]
fn memory_total_is_read_in_kibibytes() {
    let meminfo = "MemTotal:       24576000 kB\nMemFree:        1000 kB\n";
    assert_eq!(memory_total_bytes(meminfo), Some(24_576_000 * 1024));
    assert_eq!(memory_total_bytes("MemFree: 1 kB\n"), None);
}

#[test]
fn summary_names_cores_cpu_and_memory() {
    let machine = MachineDescription {
        cores: 2,
        cpu_model: "AMD EPYC".into(),
        memory_total_bytes: Some(3 << 30),
    };
    assert_eq!(machine.summary(), "2 cores, AMD EPYC, 3.0 GiB RAM");
    assert_eq!(as_milliseconds_text(Duration::from_secs(2)), "2000 ms");
}
