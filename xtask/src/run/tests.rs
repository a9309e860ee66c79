//! Tests for running commands: failures name the command, output and timing are rendered right.

use std::time::Duration;

use super::*;

#[test]
fn a_failing_command_names_itself_in_the_error() {
    let shell = Shell::new(std::env::temp_dir());
    let error = shell.run(&["false"]).unwrap_err().to_string();
    assert!(error.contains("`false` failed"), "{error}");
}

#[test]
fn a_missing_program_says_it_could_not_start() {
    let shell = Shell::new(std::env::temp_dir());
    let error = shell
        .run(&["xtask-no-such-program-here"])
        .unwrap_err()
        .to_string();
    assert!(error.contains("could not start"), "{error}");
}

#[test]
fn a_succeeding_command_is_ok() {
    let shell = Shell::new(std::env::temp_dir());
    shell.run(&["true"]).unwrap();
}

#[test]
fn first_output_line_skips_blank_lines_and_is_none_on_failure() {
    let shell = Shell::new(std::env::temp_dir());
    let line = shell.first_output_line(&["sh", "-c", "echo; echo '  tool 1.2  '; echo more"]);
    assert_eq!(line.as_deref(), Some("tool 1.2"));
    assert_eq!(
        shell.first_output_line(&["sh", "-c", "echo x; exit 1"]),
        None
    );
}

#[test]
fn first_output_line_falls_back_to_stderr() {
    let shell = Shell::new(std::env::temp_dir());
    let line = shell.first_output_line(&["sh", "-c", "echo 'grpcurl 1.8.6' >&2"]);
    assert_eq!(line.as_deref(), Some("grpcurl 1.8.6"));
}

#[test]
fn capture_returns_stdout_and_reports_stderr_on_failure() {
    let shell = Shell::new(std::env::temp_dir());
    assert_eq!(shell.capture(&["echo", "hi"]).unwrap(), "hi\n");
    let error = shell
        .capture(&["sh", "-c", "echo broken >&2; exit 3"])
        .unwrap_err()
        .to_string();
    assert!(error.contains("broken"), "{error}");
}

#[test]
fn appended_path_dirs_are_searched_too() {
    let dir = std::env::temp_dir().join(format!("xtask-run-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("xtask-fake-tool");
    std::fs::write(&script, "#!/bin/sh\necho fake tool here\n").unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    let mut shell = Shell::new(std::env::temp_dir());
    assert_eq!(shell.first_output_line(&["xtask-fake-tool"]), None);
    shell.append_path_dir(dir.clone());
    shell.append_path_dir(dir.clone());
    assert_eq!(
        shell.first_output_line(&["xtask-fake-tool"]).as_deref(),
        Some("fake tool here")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn command_lines_quote_arguments_with_spaces() {
    assert_eq!(
        render_command_line(&["python3", "-c", "import grpc, grpc_tools"]),
        "python3 -c 'import grpc, grpc_tools'"
    );
    assert_eq!(
        render_command_line(&["cargo", "fmt", "--all"]),
        "cargo fmt --all"
    );
    assert_eq!(render_command_line(&["echo", "it's"]), r"echo 'it'\''s'");
}

#[test]
fn elapsed_times_read_as_seconds_or_minutes() {
    assert_eq!(format_elapsed(Duration::from_millis(4_260)), "4.2s");
    assert_eq!(format_elapsed(Duration::from_millis(187_500)), "3m 07.5s");
    assert_eq!(format_elapsed(Duration::ZERO), "0.0s");
}

#[test]
fn timed_returns_the_outcome_and_a_duration() {
    let (outcome, elapsed) = timed(|| {
        std::thread::sleep(Duration::from_millis(20));
        Ok(7)
    });
    assert_eq!(outcome.unwrap(), 7);
    assert!(elapsed >= Duration::from_millis(20));
}
