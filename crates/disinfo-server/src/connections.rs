//! The accept loop both services run, in place of `axum::serve`, which sets no time limit on a
//! connection: a client that sends its request a byte at a time (slowloris) would hold a task,
//! a socket and its buffers for as long as it likes, and enough of them exhaust the process's
//! file descriptors.
//!
//! Here a connection must send its request head within [`Deadlines::head`] (hyper's
//! `header_read_timeout`, also the longest a kept-alive connection waits idle for its next
//! request) and the request's body within [`Deadlines::body`] (the body then ends in an error,
//! which the handlers answer 4xx). At most [`MAX_CONNECTIONS`] are served at once; more wait in
//! the listener's backlog. On shutdown, no connection is accepted any more, idle ones are closed
//! and requests in flight finish.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::ConnectInfo;
use axum::http::Request;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::time::Sleep;
use tower::ServiceExt;

/// Connections served at once.
pub(crate) const MAX_CONNECTIONS: usize = 4096;

/// How long a client has to send each part of a request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadlines {
    /// The request line and headers (and the wait for a kept-alive connection's next request).
    pub head: Duration,
    /// The whole body, from the end of the head.
    pub body: Duration,
}

impl Default for Deadlines {
    /// 10 s for the head, 30 s for the body: a 64 KiB form over a slow mobile link arrives in
    /// time; a client holding a connection open on purpose is cut off.
    fn default() -> Self {
        Deadlines {
            head: Duration::from_secs(10),
            body: Duration::from_secs(30),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then waits for the requests in
/// flight. Every request carries its client's address as [`ConnectInfo<SocketAddr>`].
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    deadlines: Deadlines,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = accept(&listener, &slots) => accepted,
        };
        let Some((stream, client, slot)) = accepted else {
            continue;
        };
        let router = router.clone();
        let service = tower::service_fn(move |request: Request<Incoming>| {
            let (mut parts, body) = request.into_parts();
            parts.extensions.insert(ConnectInfo(client));
            let body = Body::new(WithinDeadline::new(body, deadlines.body));
            router.clone().oneshot(Request::from_parts(parts, body))
        });
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(deadlines.head);
        let connection = graceful
            .watch(http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, %client, "connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// The next connection, once a slot is free. `None` after an error that concerns one connection
/// only, or after a pause when the process is out of descriptors (so the loop does not spin).
async fn accept(
    listener: &TcpListener,
    slots: &Arc<Semaphore>,
) -> Option<(
    tokio::net::TcpStream,
    SocketAddr,
    tokio::sync::OwnedSemaphorePermit,
)> {
    let slot = slots.clone().acquire_owned().await.ok()?;
    match listener.accept().await {
        Ok((stream, client)) => Some((stream, client, slot)),
        Err(e) if is_connection_error(&e) => None,
        Err(e) => {
            tracing::warn!(error = %e, "cannot accept a connection; trying again in a second");
            tokio::time::sleep(Duration::from_secs(1)).await;
            None
        }
    }
}

fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

/// A request body that fails once its deadline has passed.
struct WithinDeadline {
    body: Incoming,
    within: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl WithinDeadline {
    fn new(body: Incoming, within: Duration) -> Self {
        WithinDeadline {
            body,
            within,
            deadline: Box::pin(tokio::time::sleep(within)),
        }
    }
}

/// The error a body past its deadline ends with.
#[derive(Debug, thiserror::Error)]
#[error("the request's body did not arrive within {0:?}")]
pub(crate) struct BodyTooSlow(Duration);

impl HttpBody for WithinDeadline {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if let Poll::Ready(frame) = Pin::new(&mut self.body).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(BodyTooSlow(self.within).into()))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Instant;

    use axum::extract::Request as AnyRequest;
    use axum::routing::{get, post};
    use tokio::sync::oneshot;

    use super::*;
    use crate::body::{self, Unread};

    const SHORT: Deadlines = Deadlines {
        head: Duration::from_millis(400),
        body: Duration::from_millis(800),
    };

    /// A server on a free port in a thread of its own: `/who` answers the client's address,
    /// `/body` how reading the body went.
    struct Server {
        addr: SocketAddr,
        stop: Option<oneshot::Sender<()>>,
        thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    }

    impl Server {
        fn start(deadlines: Deadlines) -> Server {
            let (bound, addr) = std::sync::mpsc::channel();
            let (stop, stopped) = oneshot::channel::<()>();
            let thread = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()?;
                runtime.block_on(async move {
                    let listener = TcpListener::bind("127.0.0.1:0").await?;
                    bound.send(listener.local_addr()?).expect("the test waits");
                    let router = Router::new()
                        .route(
                            "/who",
                            get(|ConnectInfo(client): ConnectInfo<SocketAddr>| async move {
                                client.to_string()
                            }),
                        )
                        .route("/body", post(read_body));
                    serve(listener, router, deadlines, async {
                        let _ = stopped.await;
                    })
                    .await
                })
            });
            Server {
                addr: addr.recv().expect("the server binds"),
                stop: Some(stop),
                thread: Some(thread),
            }
        }

        /// A connection that has sent `raw`.
        fn send(&self, raw: &[u8]) -> TcpStream {
            let mut stream = TcpStream::connect(self.addr).expect("connects");
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .expect("timeout");
            stream.write_all(raw).expect("sends");
            stream
        }

        /// Stops the server; how long it took to finish.
        fn stop(mut self) -> Duration {
            let start = Instant::now();
            let _ = self.stop.take().expect("running").send(());
            let served = self.thread.take().expect("running").join();
            assert!(matches!(served, Ok(Ok(()))), "the server ended badly");
            start.elapsed()
        }
    }

    async fn read_body(request: AnyRequest) -> String {
        match body::read(request.into_body(), 1024, None).await {
            Ok(bytes) => format!("read {}", bytes.len()),
            Err(Unread::TooSlow) => "too slow".to_string(),
            Err(other) => format!("{other:?}"),
        }
    }

    fn within_two_seconds(start: Instant) {
        let took = start.elapsed();
        assert!(took < Duration::from_secs(2), "{took:?}");
    }

    /// Everything the server sends until it closes the connection (or 5 s pass).
    fn rest(stream: &mut TcpStream) -> String {
        let mut got = Vec::new();
        let _ = stream.read_to_end(&mut got);
        String::from_utf8_lossy(&got).into_owned()
    }

    #[test]
    fn a_request_is_answered_with_the_clients_address_known() {
        let server = Server::start(SHORT);
        let mut stream = server.send(b"GET /who HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let answer = rest(&mut stream);
        let me = stream.local_addr().expect("address").to_string();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with(&me), "{answer} does not end with {me}");
        server.stop();
    }

    #[test]
    fn a_head_sent_a_byte_at_a_time_is_cut_off() {
        let server = Server::start(SHORT);
        let start = Instant::now();
        let mut stream = server.send(b"GET /who HTTP/1.1\r\n");
        // A header byte every 50 ms, for up to 5 s: the server must close well before.
        let mut closed = false;
        for _ in 0..100 {
            std::thread::sleep(Duration::from_millis(50));
            if stream.write_all(b"X").is_err() {
                closed = true;
                break;
            }
            stream.set_nonblocking(true).expect("nonblocking");
            let mut byte = [0u8; 1];
            let read = stream.read(&mut byte);
            stream.set_nonblocking(false).expect("blocking");
            if matches!(read, Ok(0))
                || matches!(&read, Err(e) if e.kind() != std::io::ErrorKind::WouldBlock)
            {
                closed = true;
                break;
            }
        }
        assert!(closed, "the connection was held for 5 s");
        within_two_seconds(start);
        server.stop();
    }

    #[test]
    fn an_idle_kept_alive_connection_is_closed_after_the_head_deadline() {
        let server = Server::start(SHORT);
        let mut stream = server.send(b"GET /who HTTP/1.1\r\nHost: x\r\n\r\n");
        let start = Instant::now();
        let answer = rest(&mut stream);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        within_two_seconds(start);
        server.stop();
    }

    #[test]
    fn a_body_trickled_past_its_deadline_ends_too_slow() {
        let server = Server::start(SHORT);
        let mut stream = server.send(
            b"POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nConnection: close\r\n\r\n",
        );
        let writer = stream.try_clone().expect("clone");
        let trickle = std::thread::spawn(move || {
            let mut writer = writer;
            for _ in 0..100 {
                std::thread::sleep(Duration::from_millis(50));
                if writer.write_all(b"a").is_err() {
                    break;
                }
            }
        });
        let answer = rest(&mut stream);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with("too slow"), "{answer}");
        drop(stream);
        let _ = trickle.join();
        server.stop();
    }

    #[test]
    fn a_body_in_time_is_read_whole() {
        let server = Server::start(SHORT);
        let mut stream = server.send(
            b"POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nab",
        );
        std::thread::sleep(Duration::from_millis(200));
        stream.write_all(b"cde").expect("sends");
        let answer = rest(&mut stream);
        assert!(answer.ends_with("read 5"), "{answer}");
        server.stop();
    }

    #[test]
    fn shutdown_does_not_wait_for_an_idle_connection() {
        // Deadlines far longer than the bound below: shutdown must close the idle connection
        // itself, not wait for its head deadline.
        let long = Duration::from_secs(60);
        let server = Server::start(Deadlines {
            head: long,
            body: long,
        });
        let mut stream = server.send(b"GET /who HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut first = [0u8; 12];
        stream.read_exact(&mut first).expect("an answer");
        assert!(server.stop() < Duration::from_secs(5));
        drop(stream);
    }
}
