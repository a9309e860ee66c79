//! Tests of the `bench` module.

use super::*;

#[test]
fn options_follow_the_double_dash() {
    let options = vec![
        "--quick".to_owned(),
        "--requests".to_owned(),
        "7".to_owned(),
    ];
    let command = bench_command(&options);
    let dash = command.iter().position(|part| part == "--").unwrap();
    assert_eq!(&command[dash + 1..], options.as_slice());
    assert_eq!(&command[..2], ["cargo", "bench"]);
}

#[test]
fn the_release_build_makes_both_binaries_the_agent_on_its_own() {
    let builds: Vec<String> = BUILD_RELEASE_BINARIES
        .iter()
        .map(|build| build.join(" "))
        .collect();
    assert_eq!(
        builds,
        [
            "cargo build --release --bins -p runner",
            "cargo build --release --bins -p agent"
        ]
    );
}
