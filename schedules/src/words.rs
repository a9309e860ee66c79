//! The one word for each firing outcome, as logs, metrics, the CLI and the web say it.

use proto::v1::FiringOutcome;

pub fn outcome(value: i32) -> &'static str {
    match FiringOutcome::try_from(value) {
        Ok(FiringOutcome::Pending) => "pending",
        Ok(FiringOutcome::Started) => "started",
        Ok(FiringOutcome::Rejected) => "rejected",
        Ok(FiringOutcome::Skipped) => "skipped",
        Ok(FiringOutcome::Missed) => "missed",
        Ok(FiringOutcome::Failed) => "failed",
        Ok(FiringOutcome::Unspecified) | Err(_) => "unknown",
    }
}

#[cfg(test)]
mod tests;
