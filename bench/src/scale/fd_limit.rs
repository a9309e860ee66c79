//! The benchmark holds one connection per simulated agent, so it raises its own soft limit on
//! open files to the hard limit first (the coordinator does the same at start-up).

use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};

/// Raises the soft `RLIMIT_NOFILE` to the hard limit and returns the soft limit now in force
/// (`None`: unlimited).
pub fn raise_open_files_limit() -> anyhow::Result<Option<u64>> {
    let limit = getrlimit(Resource::Nofile);
    if limit.current == limit.maximum {
        return Ok(limit.current);
    }
    setrlimit(
        Resource::Nofile,
        Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        },
    )?;
    Ok(limit.maximum)
}

#[cfg(test)]
mod tests;
