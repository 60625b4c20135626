//! `newsdex serve`: a small HTTP server over one index, for a browser (one page, embedded) and
//! for scripts (a JSON route per view, answering what the command line's `--format json`
//! prints for the same arguments).
//!
//! A fixed pool of worker threads takes requests from one listening socket (tiny_http, which
//! is synchronous: a search is a few milliseconds of CPU, so threads serve it as well as an
//! async runtime would, at a fraction of the build). The workers share one [`LiveIndex`], which
//! opens the index again when an indexing run commits.

mod assets;
mod live;
mod params;
mod reply;
mod routes;

use std::net::SocketAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub use self::live::LiveIndex;
pub use self::params::MAX_QUERY_BYTES;

use self::reply::{Refusal, Reply};

/// The longest URL read, in bytes; a longer one is answered 414.
pub const MAX_URL_BYTES: usize = 8192;

/// The policy sent with every answer: scripts and styles from the server only (no inline
/// script, no inline handler), nothing from elsewhere, no framing.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// A bound server, ready to [`Server::run`].
pub struct Server {
    http: Arc<tiny_http::Server>,
    index: Arc<LiveIndex>,
    workers: usize,
    stop: Arc<AtomicBool>,
}

/// Stops a running server from another thread (a Ctrl-C handler): requests being answered are
/// finished, then [`Server::run`] returns.
#[derive(Clone)]
pub struct Stopper {
    http: Arc<tiny_http::Server>,
    workers: usize,
    stop: Arc<AtomicBool>,
}

impl Stopper {
    /// Asks the server to stop.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        for _ in 0..self.workers {
            self.http.unblock();
        }
    }
}

impl Server {
    /// Binds `address` (port 0 picks a free port) to serve `index` with `workers` threads.
    pub fn bind(index: LiveIndex, address: SocketAddr, workers: usize) -> std::io::Result<Server> {
        let http = tiny_http::Server::http(address).map_err(std::io::Error::other)?;
        Ok(Server {
            http: Arc::new(http),
            index: Arc::new(index),
            workers: workers.max(1),
            stop: Arc::new(AtomicBool::new(false)),
        })
    }

    /// The address bound.
    pub fn address(&self) -> Option<SocketAddr> {
        self.http.server_addr().to_ip()
    }

    /// A handle that stops the server.
    pub fn stopper(&self) -> Stopper {
        Stopper {
            http: Arc::clone(&self.http),
            workers: self.workers,
            stop: Arc::clone(&self.stop),
        }
    }

    /// Answers requests until stopped.
    pub fn run(self) {
        let workers: Vec<_> = (0..self.workers)
            .map(|_| {
                let http = Arc::clone(&self.http);
                let index = Arc::clone(&self.index);
                let stop = Arc::clone(&self.stop);
                let loopback = self.address().is_some_and(|a| a.ip().is_loopback());
                std::thread::spawn(move || work(&http, &index, &stop, loopback))
            })
            .collect();
        for worker in workers {
            let _ = worker.join();
        }
    }
}

fn work(http: &tiny_http::Server, index: &LiveIndex, stop: &AtomicBool, loopback: bool) {
    while !stop.load(Ordering::SeqCst) {
        let Ok(request) = http.recv() else {
            continue;
        };
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str());
        let reply = catch_unwind(AssertUnwindSafe(|| {
            if loopback && !host.is_none_or(is_loopback_host) {
                return Refusal::Forbidden(format!(
                    "this server answers requests for localhost only, not for {}",
                    host.unwrap_or_default()
                ))
                .reply();
            }
            handle(index, request.method(), request.url())
        }))
        .unwrap_or_else(|_| {
            Refusal::Internal("the request failed inside the server".into()).reply()
        });
        let head = *request.method() == tiny_http::Method::Head;
        // A client that went away is no failure of the server.
        let _ = request.respond(response(reply, head));
    }
}

/// Whether a `Host` header names this machine's loopback interface (`localhost`, `127.0.0.1`,
/// `[::1]`, with any port). A server bound to loopback answers only those, so that a web page
/// elsewhere cannot read it through a name it points at 127.0.0.1 (DNS rebinding).
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The answer to one request.
fn handle(index: &LiveIndex, method: &tiny_http::Method, url: &str) -> Reply {
    use tiny_http::Method;
    if url.len() > MAX_URL_BYTES {
        return Refusal::UriTooLong.reply();
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if !routes::exists(path) {
        return Refusal::NotFound(format!("no route {path}")).reply();
    }
    if !matches!(method, Method::Get | Method::Head) {
        return Refusal::Method.reply();
    }
    let index = index.get();
    let context = routes::Context { index: &index };
    routes::answer(&context, path, query).unwrap_or_else(|refusal| refusal.reply())
}

fn response(reply: Reply, head: bool) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
    };
    let status = reply.status;
    let body = if head { Vec::new() } else { reply.body };
    let mut response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", reply.content_type))
        .with_header(header("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"))
        .with_header(header("Cache-Control", "no-store"));
    if status == 405 {
        response = response.with_header(header("Allow", "GET, HEAD"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_loopback_host;

    #[test]
    fn only_names_of_this_machine_pass_for_a_loopback_server() {
        for host in [
            "localhost",
            "LOCALHOST:7676",
            "127.0.0.1:7676",
            "127.0.0.2",
            "[::1]:80",
            "[::1]",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:7676",
            "10.0.0.1:7676",
            "localhost.evil.example",
            "",
            "[::2]:1",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
