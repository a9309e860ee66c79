//! CPU time a process has used so far (user + system, all its threads, living or ended), read
//! from `/proc/<pid>/stat`, so a run can say how much CPU each process spent per job.

use std::time::Duration;

use anyhow::Context;

/// Linux reports `utime` and `stime` in clock ticks of `USER_HZ`, which is 100 on every
/// architecture this runs on (it is part of the kernel's user-space ABI, not the kernel's HZ).
const TICKS_PER_SECOND: u64 = 100;

/// The CPU time process `pid` has used since it started.
pub fn process_cpu_time(pid: u32) -> anyhow::Result<Duration> {
    let path = format!("/proc/{pid}/stat");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    cpu_time_from_stat(&text).with_context(|| format!("{path} is not a stat line: {text:?}"))
}

/// Parses a `/proc/<pid>/stat` line: fields 14 and 15 (`utime`, `stime`), counted after the
/// command name, which is in parentheses and may itself hold spaces and parentheses.
fn cpu_time_from_stat(line: &str) -> Option<Duration> {
    let after_name = &line[line.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis(
        (user + system) * 1000 / TICKS_PER_SECOND,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_and_system_ticks_are_added() {
        let line =
            "4242 (runner agent) S 1 4242 4242 0 -1 4194560 1000 0 0 0 150 25 0 0 20 0 9 0 100 0 0";
        assert_eq!(cpu_time_from_stat(line), Some(Duration::from_millis(1750)));
    }

    #[test]
    fn a_name_with_parentheses_does_not_shift_the_fields() {
        let line = "7 (a) b (c)) R 1 7 7 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 5 0 0";
        assert_eq!(cpu_time_from_stat(line), Some(Duration::from_millis(70)));
    }

    #[test]
    fn this_process_has_a_readable_cpu_time() {
        assert!(process_cpu_time(std::process::id()).is_ok());
        assert!(cpu_time_from_stat("garbage").is_none());
    }
}
