//! What a client command's failure means to the shell: the exit codes scripts rely on, the
//! error type of the client commands, and the one place that prints an error for the user.

use std::io::{ErrorKind, Write};

use tonic::{Code, Status};
use tonic_types::StatusExt;

use super::rejection::write_rejection_details;

/// The exit codes of the client commands (clap itself exits 2 on a bad command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientExit {
    Success,
    /// Anything without a more precise code (an internal error on the coordinator, a bad answer).
    Failure,
    /// The coordinator refused the request as invalid, like clap does a bad command line.
    InvalidArgument,
    /// The coordinator refused the job (no eligible node) or the request in the cluster's state.
    Rejected,
    /// The job failed or was cancelled, or the job or node named does not exist.
    FailedOrNotFound,
    /// The coordinator could not be reached or went away, or the URL is not its gRPC port.
    Unreachable,
    /// The user pressed Ctrl-C (128 + SIGINT, as shells report it); a streamed job is cancelled.
    Interrupted,
    /// SIGTERM (128 + 15); a streamed job is cancelled, as on Ctrl-C.
    Terminated,
}

impl ClientExit {
    /// Every exit code, in order; README's list of exit codes is checked against it.
    pub const ALL: [Self; 8] = [
        Self::Success,
        Self::Failure,
        Self::InvalidArgument,
        Self::Rejected,
        Self::FailedOrNotFound,
        Self::Unreachable,
        Self::Interrupted,
        Self::Terminated,
    ];

    pub fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Failure => 1,
            Self::InvalidArgument => 2,
            Self::Rejected => 3,
            Self::FailedOrNotFound => 4,
            Self::Unreachable => 5,
            Self::Interrupted => 130,
            Self::Terminated => 143,
        }
    }
}

impl From<ClientExit> for std::process::ExitCode {
    fn from(exit: ClientExit) -> Self {
        Self::from(exit.code())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error(
        "`{url}` is not a coordinator URL: {problem}; pass one like {example} with --coordinator \
         or RUNNER_COORDINATOR",
        example = super::args::DEFAULT_COORDINATOR_URL
    )]
    InvalidUrl { url: String, problem: String },
    #[error("cannot reach the coordinator at {url}: {cause}; is runner serve running?")]
    Unreachable { url: String, cause: String },
    #[error(
        "{url} answered as a plain HTTP server ({status}): this looks like the HTTP port \
         (http_addr); the gRPC port is grpc_addr (default 7070)"
    )]
    HttpPort { url: String, status: String },
    /// A prompt or message file (or stdin) that could not be read: bad input, exit 2.
    #[error("{0}")]
    Input(String),
    #[error("{}", .0.message())]
    Status(Status),
    #[error(
        "the coordinator sent an unexpected answer: {0}; check that runner and the coordinator are the same version"
    )]
    BadAnswer(String),
    #[error("writing the output failed: {0}")]
    Output(#[from] std::io::Error),
}

impl From<client::ConnectError> for ClientError {
    fn from(error: client::ConnectError) -> Self {
        match error {
            client::ConnectError::InvalidUrl { url, problem } => Self::InvalidUrl { url, problem },
            client::ConnectError::Unreachable { url, cause } => Self::Unreachable { url, cause },
        }
    }
}

/// The exit code for a status the coordinator answered with.
pub fn exit_for_status(status: &Status) -> ClientExit {
    match status.code() {
        // ALREADY_EXISTS: an idempotency key given again with a different request.
        Code::InvalidArgument | Code::OutOfRange | Code::AlreadyExists => {
            ClientExit::InvalidArgument
        }
        Code::FailedPrecondition => ClientExit::Rejected,
        // UNAVAILABLE with a precondition failure is a rejection because every candidate node
        // is unhealthy; without one it is the coordinator (or the way to it) that is down.
        Code::Unavailable if status.get_details_precondition_failure().is_some() => {
            ClientExit::Rejected
        }
        Code::Unavailable => ClientExit::Unreachable,
        Code::NotFound => ClientExit::FailedOrNotFound,
        _ => ClientExit::Failure,
    }
}

pub fn exit_for_error(error: &ClientError) -> ClientExit {
    match error {
        ClientError::InvalidUrl { .. } | ClientError::Input(_) => ClientExit::InvalidArgument,
        ClientError::Unreachable { .. } | ClientError::HttpPort { .. } => ClientExit::Unreachable,
        ClientError::Status(status) => exit_for_status(status),
        ClientError::BadAnswer(_) | ClientError::Output(_) => ClientExit::Failure,
    }
}

/// Prints `error` on `err` (a status with each precondition violation on its own line) and
/// returns the exit code. A closed stdout (`runner jobs | head`) is the reader's choice, not a
/// failure, so it ends the command quietly and successfully, as ripgrep does.
pub fn report_error(error: &ClientError, err: &mut (dyn Write + Send)) -> ClientExit {
    if let ClientError::Output(io_error) = error
        && io_error.kind() == ErrorKind::BrokenPipe
    {
        return ClientExit::Success;
    }
    // Nothing more can be done when stderr itself is gone; the exit code still tells.
    let _ = write_error(error, err);
    exit_for_error(error)
}

fn write_error(error: &ClientError, err: &mut (dyn Write + Send)) -> std::io::Result<()> {
    writeln!(err, "error: {error}")?;
    if let ClientError::Status(status) = error {
        write_rejection_details(status, err)?;
    }
    err.flush()
}

#[cfg(test)]
mod tests;
