//! The client commands' environment, read in one place and passed in: `RUNNER_COORDINATOR`
//! (the coordinator when no `--coordinator` names one) and `COLUMNS` (the table width).

/// The environment variable naming the coordinator when no `--coordinator` does.
pub const COORDINATOR_ENV: &str = "RUNNER_COORDINATOR";

/// `RUNNER_COORDINATOR`, when set.
pub fn coordinator_from_env() -> Option<String> {
    variable(COORDINATOR_ENV)
}

/// `COLUMNS`, when set (shells set it; a user may set it to narrow or widen tables).
pub fn columns_from_env() -> Option<String> {
    variable("COLUMNS")
}

fn variable(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

#[cfg(test)]
mod tests;
