//! The signals that stop a client command: Ctrl-C (SIGINT) and SIGTERM both cancel a streamed
//! submit's job, and each exits with the code shells report for it (128 + the signal number).

use super::exit_code::ClientExit;

/// Which signal stopped the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interrupt {
    /// SIGINT: the user pressed Ctrl-C.
    CtrlC,
    /// SIGTERM: `kill`, `timeout` or a service manager asked the command to stop.
    Terminate,
}

impl Interrupt {
    pub fn exit(self) -> ClientExit {
        match self {
            Self::CtrlC => ClientExit::Interrupted,
            Self::Terminate => ClientExit::Terminated,
        }
    }
}

/// Resolves on the first SIGINT or SIGTERM. A handler that cannot be installed leaves that
/// signal its default effect (ending the process), so waiting forever for it loses nothing.
pub async fn signalled() -> Interrupt {
    use tokio::signal::unix::{SignalKind, signal};
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let sigterm = async {
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => Interrupt::CtrlC,
        () = sigterm => Interrupt::Terminate,
    }
}

#[cfg(test)]
mod tests;
