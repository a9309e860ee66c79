//! The core's long-running tasks under one watch: the first one to end before shutdown was
//! asked for is a failure that stops the coordinator (mini-redis's habit: a server that stops
//! early is noticed at once, not at shutdown).

use std::fmt::Display;

use tokio::task::{JoinError, JoinHandle, JoinSet};

/// A task that ended, and why when it failed.
#[derive(Debug)]
pub struct TaskEnd {
    pub name: String,
    /// `Err` holds the task's own error, its panic, or that it was cancelled.
    pub outcome: Result<(), String>,
}

impl TaskEnd {
    /// Why this task's end stops the coordinator, when it ended before shutdown was asked for.
    pub fn reason_when_early(&self) -> String {
        match &self.outcome {
            Ok(()) => "ended before shutdown was asked for".to_owned(),
            Err(reason) => format!("failed: {reason}"),
        }
    }
}

/// Named tasks, each watched by a small task of its own that reports how it ended.
#[derive(Default)]
pub struct SupervisedTasks {
    running: JoinSet<TaskEnd>,
}

impl SupervisedTasks {
    /// Watches a task that returns a result; its error is the reason it failed.
    pub fn watch<Error: Display + Send + 'static>(
        &mut self,
        name: impl Into<String>,
        task: JoinHandle<Result<(), Error>>,
    ) {
        let name = name.into();
        self.running.spawn(async move {
            let outcome = match task.await {
                Ok(Ok(())) => Ok(()),
                Ok(Err(error)) => Err(error.to_string()),
                Err(join_error) => Err(join_failure(&join_error)),
            };
            TaskEnd { name, outcome }
        });
    }

    /// Watches a task that returns nothing (it can still panic or end early).
    pub fn watch_unit(&mut self, name: impl Into<String>, task: JoinHandle<()>) {
        let name = name.into();
        self.running.spawn(async move {
            let outcome = task.await.map_err(|join_error| join_failure(&join_error));
            TaskEnd { name, outcome }
        });
    }

    /// The next task to end; `None` when none is left (pending forever would hide that).
    pub async fn next_end(&mut self) -> Option<TaskEnd> {
        loop {
            match self.running.join_next().await? {
                Ok(end) => return Some(end),
                // A watcher cannot panic; one that was aborted has nothing to report.
                Err(_) => continue,
            }
        }
    }

    /// Waits for every task still running, and returns those that failed.
    pub async fn wait_all(&mut self) -> Vec<TaskEnd> {
        let mut failed = Vec::new();
        while let Some(end) = self.next_end().await {
            if end.outcome.is_err() {
                failed.push(end);
            }
        }
        failed
    }
}

fn join_failure(join_error: &JoinError) -> String {
    if join_error.is_panic() {
        format!("panicked ({join_error})")
    } else {
        "was cancelled".to_owned()
    }
}

#[cfg(test)]
mod tests;
