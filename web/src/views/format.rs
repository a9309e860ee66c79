//! Numbers as people read them: sizes in GiB, durations, "3 s ago", times of day in UTC.

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// `17.2 GiB`; below one GiB in MiB.
pub fn bytes(count: u64) -> String {
    let gib = count as f64 / GIB;
    if gib >= 100.0 {
        format!("{gib:.0} GiB")
    } else if gib >= 1.0 {
        format!("{gib:.1} GiB")
    } else {
        format!("{:.0} MiB", count as f64 / (1024.0 * 1024.0))
    }
}

/// `85 ms`, `1.23 s`, `2 min 5 s`.
pub fn millis(duration_ms: u64) -> String {
    match duration_ms {
        0..1_000 => format!("{duration_ms} ms"),
        1_000..60_000 => format!("{:.2} s", duration_ms as f64 / 1000.0),
        _ => format!(
            "{} min {} s",
            duration_ms / 60_000,
            duration_ms % 60_000 / 1000
        ),
    }
}

/// How long before `now_ms` the moment `then_ms` was: `just now`, `41 s ago`, `5 min ago`.
pub fn ago(then_ms: i64, now_ms: i64) -> String {
    let seconds = (now_ms - then_ms).max(0) / 1000;
    match seconds {
        0 => "just now".to_owned(),
        1..120 => format!("{seconds} s ago"),
        120..7_200 => format!("{} min ago", seconds / 60),
        7_200..172_800 => format!("{} h ago", seconds / 3600),
        _ => format!("{} days ago", seconds / 86_400),
    }
}

/// `10:00:41 UTC` (the date is rarely what matters on a live page).
pub fn time_of_day(unix_ms: i64) -> String {
    let seconds_today = unix_ms.rem_euclid(86_400_000) / 1000;
    format!(
        "{:02}:{:02}:{:02} UTC",
        seconds_today / 3600,
        seconds_today % 3600 / 60,
        seconds_today % 60
    )
}

/// `12.3 tokens/s`.
pub fn rate(tokens_per_second: f64) -> String {
    format!("{tokens_per_second:.1} tokens/s")
}

#[cfg(test)]
mod tests;
