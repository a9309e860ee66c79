//! Durations, ages, byte sizes and timestamps as people read them in a terminal.

/// Milliseconds since the Unix epoch, as the coordinator stamps jobs and nodes.
pub fn now_unix_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

/// `85 ms`, `1.23 s`, `2m 05s`, `1h 02m`: precise where it matters, short where it does not.
pub fn format_millis(millis: u64) -> String {
    match millis {
        0..1_000 => format!("{millis} ms"),
        1_000..60_000 => format!("{:.2} s", millis as f64 / 1_000.0),
        60_000..3_600_000 => format!("{}m {:02}s", millis / 60_000, millis % 60_000 / 1_000),
        _ => format!(
            "{}h {:02}m",
            millis / 3_600_000,
            millis % 3_600_000 / 60_000
        ),
    }
}

/// Ollama reports durations in nanoseconds; a nonzero one under a millisecond still shows.
pub fn format_nanos(nanos: u64) -> String {
    if nanos > 0 && nanos < 1_000_000 {
        "<1 ms".to_owned()
    } else {
        format_millis(nanos / 1_000_000)
    }
}

/// How long ago `then_ms` was, in the coarsest unit that fits: `4s`, `3m`, `2h`, `5d`.
/// Zero means the coordinator never saw it; a time in the future (clock skew) counts as now.
pub fn format_age(now_ms: i64, then_ms: i64) -> String {
    if then_ms <= 0 {
        return "never".to_owned();
    }
    let seconds = now_ms.saturating_sub(then_ms).max(0) / 1_000;
    match seconds {
        0..60 => format!("{seconds}s"),
        60..3_600 => format!("{}m", seconds / 60),
        3_600..86_400 => format!("{}h", seconds / 3_600),
        _ => format!("{}d", seconds / 86_400),
    }
}

/// `512 MiB`, `7.5 GiB`, `31 GiB`: binary units, one decimal only below ten.
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value >= 10.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// `2026-11-26 10:00:00 UTC`; zero (never set) is `-`.
pub fn format_timestamp(unix_ms: i64) -> String {
    if unix_ms <= 0 {
        return "-".to_owned();
    }
    match chrono::DateTime::from_timestamp_millis(unix_ms) {
        Some(at) => at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        None => format!("{unix_ms} ms after the Unix epoch"),
    }
}

#[cfg(test)]
mod tests;
