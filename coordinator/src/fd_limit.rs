//! Raises the soft limit on open files to the hard limit at start-up, as Go's runtime does:
//! every agent holds one connection, and a stock Linux soft limit of 1024 would refuse the
//! 1,021st agent while the hard limit (often 524288) allows far more.

use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};

/// What happened to the open-files limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FdLimitOutcome {
    /// The soft limit was below the hard limit and now equals it.
    Raised { from: u64, to: u64 },
    /// The soft limit already was the hard limit (or both are unlimited).
    AlreadyAtMaximum { limit: Option<u64> },
    /// The kernel refused the change; the old limit stays.
    Refused { soft: Option<u64>, error: String },
}

/// The soft limit to ask for, when it should change: the hard limit, if it is higher.
/// `None` in an `Rlimit` means unlimited.
pub fn wanted_soft_limit(current: Rlimit) -> Option<Option<u64>> {
    match (current.current, current.maximum) {
        (Some(soft), Some(hard)) if soft < hard => Some(Some(hard)),
        (Some(_), None) => Some(None),
        _ => None,
    }
}

/// Raises this process's soft `RLIMIT_NOFILE` to its hard limit.
pub fn raise_open_files_limit() -> FdLimitOutcome {
    let current = getrlimit(Resource::Nofile);
    let Some(wanted) = wanted_soft_limit(current) else {
        return FdLimitOutcome::AlreadyAtMaximum {
            limit: current.current,
        };
    };
    let raised = Rlimit {
        current: wanted,
        maximum: current.maximum,
    };
    match setrlimit(Resource::Nofile, raised) {
        Ok(()) => FdLimitOutcome::Raised {
            from: current.current.unwrap_or(0),
            to: wanted.unwrap_or(u64::MAX),
        },
        Err(error) => FdLimitOutcome::Refused {
            soft: current.current,
            error: error.to_string(),
        },
    }
}

/// Raises the limit and says so in the log (a refusal is a warning: the coordinator still runs,
/// with fewer agents possible).
pub fn raise_and_log_open_files_limit() {
    match raise_open_files_limit() {
        FdLimitOutcome::Raised { from, to } => {
            tracing::info!(
                from,
                to,
                "raised the open-files limit (one per agent connection)"
            );
        }
        FdLimitOutcome::AlreadyAtMaximum { limit } => {
            tracing::info!(
                limit = %limit_text(limit),
                "open-files limit already at its maximum"
            );
        }
        FdLimitOutcome::Refused { soft, error } => {
            tracing::warn!(soft = %limit_text(soft), %error, "cannot raise the open-files limit; agents beyond it will be refused (raise LimitNOFILE in the unit file)");
        }
    }
}

/// A limit as a log field: the number, or `unlimited` (never Rust's `Some(…)`).
fn limit_text(limit: Option<u64>) -> String {
    limit.map_or_else(|| "unlimited".to_owned(), |limit| limit.to_string())
}

#[cfg(test)]
mod tests;
