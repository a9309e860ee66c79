//! The stand-in's TCP side: binding (again) on a fixed port, `TCP_NODELAY` on every accepted
//! socket, and connections that can all be cut at once, so "Ollama stopped answering" means
//! refused connections and dropped streams, not a polite shutdown that waits for them.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio_util::sync::{CancellationToken, WaitForCancellationFutureOwned};

/// How many not-yet-accepted connections the kernel queues for us.
const LISTEN_BACKLOG: u32 = 1024;

/// Binds with `SO_REUSEADDR`, so `resume()` can take the same port back while connections the
/// stand-in cut are still in `TIME_WAIT`.
pub(crate) fn bind_reusable(address: SocketAddr) -> io::Result<TcpListener> {
    let socket = if address.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(address)?;
    socket.listen(LISTEN_BACKLOG)
}

/// An axum listener whose connections all fail as soon as `killed` is cancelled.
pub(crate) struct KillableListener {
    listener: TcpListener,
    killed: CancellationToken,
}

impl KillableListener {
    pub fn new(listener: TcpListener, killed: CancellationToken) -> Self {
        Self { listener, killed }
    }
}

impl axum::serve::Listener for KillableListener {
    type Io = KillableStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.listener.accept().await {
                Ok((tcp, peer)) => {
                    // Without it every streamed line can wait ~40 ms on Nagle's algorithm.
                    if let Err(error) = tcp.set_nodelay(true) {
                        tracing::warn!(%peer, %error, "could not set TCP_NODELAY on a stand-in ollama connection");
                    }
                    return (KillableStream::new(tcp, self.killed.clone()), peer);
                }
                Err(error) => {
                    // Usually a peer that gave up before we accepted, or a full fd table; back
                    // off briefly rather than spin.
                    tracing::warn!(%error, "stand-in ollama failed to accept a connection");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.listener.local_addr()
    }
}

/// A TCP stream that errors on every read and write once its listening period is over; hyper
/// then drops the connection, which closes the socket under the client.
pub(crate) struct KillableStream {
    tcp: TcpStream,
    killed: Pin<Box<WaitForCancellationFutureOwned>>,
}

impl KillableStream {
    fn new(tcp: TcpStream, killed: CancellationToken) -> Self {
        Self {
            tcp,
            killed: Box::pin(killed.cancelled_owned()),
        }
    }

    /// Polling the cancellation also registers the waker, so an idle keep-alive connection is
    /// woken up and closed too, not only one that is busy writing.
    fn killed_error(&mut self, context: &mut Context<'_>) -> Option<io::Error> {
        self.killed.as_mut().poll(context).is_ready().then(|| {
            io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "the stand-in ollama stopped answering",
            )
        })
    }
}

impl AsyncRead for KillableStream {
    fn poll_read(
        self: Pin<&mut Self>,
        context: &mut Context<'_>,
        buffer: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if let Some(error) = this.killed_error(context) {
            return Poll::Ready(Err(error));
        }
        Pin::new(&mut this.tcp).poll_read(context, buffer)
    }
}

impl AsyncWrite for KillableStream {
    fn poll_write(
        self: Pin<&mut Self>,
        context: &mut Context<'_>,
        bytes: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if let Some(error) = this.killed_error(context) {
            return Poll::Ready(Err(error));
        }
        Pin::new(&mut this.tcp).poll_write(context, bytes)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        context: &mut Context<'_>,
        buffers: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if let Some(error) = this.killed_error(context) {
            return Poll::Ready(Err(error));
        }
        Pin::new(&mut this.tcp).poll_write_vectored(context, buffers)
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if let Some(error) = this.killed_error(context) {
            return Poll::Ready(Err(error));
        }
        Pin::new(&mut this.tcp).poll_flush(context)
    }

    fn poll_shutdown(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_shutdown(context)
    }
}
