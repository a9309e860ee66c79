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
pub fn signalled() -> impl std::future::Future<Output = Interrupt> + Send {
    use tokio::signal::unix::{SignalKind, signal};
    // Installed now, before any request is made, so no SIGTERM between here and the first
    // poll takes its default effect.
    let mut interrupt = signal(SignalKind::interrupt()).ok();
    let mut terminate = signal(SignalKind::terminate()).ok();
    async move {
        tokio::select! {
            Some(()) = recv(interrupt.as_mut()) => Interrupt::CtrlC,
            Some(()) = recv(terminate.as_mut()) => Interrupt::Terminate,
        }
    }
}

async fn recv(signal: Option<&mut tokio::signal::unix::Signal>) -> Option<()> {
    match signal {
        Some(signal) => signal.recv().await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests;
