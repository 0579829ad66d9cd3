//! The preview's own small web server: it answers this computer only, and no client, however
//! slow, stalled or hostile, can make it hold more than a bounded request or keep anyone else
//! waiting.
//!
//! Why not a library's: tiny_http read a request line or header to its end whatever its length
//! (four 64 MiB addresses took the preview from 60 MiB to 1.6 GiB) and answered on four shared
//! threads without time-outs (six clients that asked for a photo and never read it kept every
//! other request waiting). Here each connection has its own thread, a bounded number of them in
//! all and per client; the request's head is read into at most [`MAX_LINE`] +
//! [`MAX_HEADERS`] bytes within [`HEAD_TIME`], and an answer that the client stops reading is
//! dropped after [`WRITE_STALL`]. Every answer closes its connection: the preview's pages poll
//! on a fresh one, which costs nothing on this computer.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// The longest request line (method, address, version): browsers send far shorter ones.
pub const MAX_LINE: usize = 8 * 1024;
/// The most header bytes after the request line.
pub const MAX_HEADERS: usize = 64 * 1024;
/// Connections open at once, in all: a browser opens a handful.
pub const MAX_CONNECTIONS: usize = 64;
/// Connections open at once from one address, so that one client cannot take them all.
pub const MAX_PER_CLIENT: usize = 32;
/// How long a client has to send its request's head, from the moment it connects.
pub const HEAD_TIME: Duration = Duration::from_secs(10);
/// How long an answer may wait for the client to take more of it.
pub const WRITE_STALL: Duration = Duration::from_secs(10);
/// How long one answer may take in all, however steadily the client reads.
pub const REPLY_TIME: Duration = Duration::from_secs(300);
/// After an answer, how long and how much of what the client still sends is read and dropped,
/// so that closing does not reset the connection before the client has read the answer.
const LINGER_TIME: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Post,
    Other,
}

/// What to send back: the status, headers besides the length, and the body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Box<dyn Read + Send>,
    pub len: u64,
}

/// A socket on 127.0.0.1, not yet answering.
pub struct Server {
    listener: TcpListener,
}

impl Server {
    /// Listens on 127.0.0.1 only: the preview is for this computer. Port 0 takes a free one.
    pub fn bind(port: u16) -> io::Result<Server> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
        Ok(Server { listener })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answers every request with `answer(method, target)`, until the process ends.
    pub fn serve<F>(self, answer: F)
    where
        F: Fn(Method, &str) -> Answer + Send + Sync + 'static,
    {
        let answer = Arc::new(answer);
        let open = Arc::new(Mutex::new(Open::default()));
        for stream in self.listener.incoming() {
            // A connection that failed before it was taken is the client's affair.
            let Ok(stream) = stream else { continue };
            let ip = stream
                .peer_addr()
                .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |a| a.ip());
            let Some(slot) = Slot::take(&open, ip) else {
                // Over the limits: said at once, on a socket nothing has been written to yet.
                let mut stream = stream;
                let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
                let _ = stream.write_all(&refusal(503));
                continue;
            };
            let answer = Arc::clone(&answer);
            // No thread to be had: this one connection goes unanswered, its slot freed.
            let _ = thread::Builder::new()
                .name("chiso-serve-connection".into())
                .spawn(move || {
                    let _slot = slot;
                    connection(stream, &*answer);
                });
        }
    }
}

/// How many connections are open, in all and per client.
#[derive(Default)]
struct Open {
    all: usize,
    by_client: HashMap<IpAddr, usize>,
}

/// One open connection, counted until dropped.
struct Slot {
    open: Arc<Mutex<Open>>,
    ip: IpAddr,
}

impl Slot {
    fn take(open: &Arc<Mutex<Open>>, ip: IpAddr) -> Option<Slot> {
        let mut o = open.lock().unwrap_or_else(PoisonError::into_inner);
        let mine = o.by_client.get(&ip).copied().unwrap_or(0);
        if o.all >= MAX_CONNECTIONS || mine >= MAX_PER_CLIENT {
            return None;
        }
        o.all += 1;
        o.by_client.insert(ip, mine + 1);
        Some(Slot {
            open: Arc::clone(open),
            ip,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut o = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        o.all = o.all.saturating_sub(1);
        if let Some(n) = o.by_client.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                o.by_client.remove(&self.ip);
            }
        }
    }
}

fn connection(mut stream: TcpStream, answer: &dyn Fn(Method, &str) -> Answer) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(WRITE_STALL));
    let request = read_head(&mut stream, Instant::now()).and_then(|line| parse_line(&line));
    match request {
        Ok((method, target)) => {
            let started = Instant::now();
            // A client that stops reading or leaves ends its own answer; nobody else's.
            let _ = send(&mut stream, method, answer(method, &target), started);
        }
        Err(Some(status)) => {
            let _ = stream.write_all(&refusal(status));
        }
        Err(None) => return,
    }
    linger(stream);
}

/// Reads the request's head and returns its first line; `Err(Some(status))` to refuse it,
/// `Err(None)` when the client left.
fn read_head(stream: &mut TcpStream, started: Instant) -> Result<String, Option<u16>> {
    let mut head: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        match head.iter().position(|&b| b == b'\n') {
            None if head.len() > MAX_LINE => return Err(Some(414)),
            None => {}
            Some(end) if end > MAX_LINE => return Err(Some(414)),
            Some(end) => {
                let rest = &head[end + 1..];
                if ends_head(rest) {
                    let line = &head[..end];
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    return String::from_utf8(line.to_vec()).map_err(|_| Some(400));
                }
                if rest.len() > MAX_HEADERS {
                    return Err(Some(431));
                }
            }
        }
        let left = HEAD_TIME
            .checked_sub(started.elapsed())
            .filter(|d| !d.is_zero())
            .ok_or(Some(408))?;
        stream.set_read_timeout(Some(left)).map_err(|_| None)?;
        match stream.read(&mut chunk) {
            Ok(0) => return Err(None),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Some(408))
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(None),
        }
    }
}

/// Whether `rest`, what follows the request line, holds the blank line that ends the head.
fn ends_head(rest: &[u8]) -> bool {
    rest.starts_with(b"\r\n")
        || rest.starts_with(b"\n")
        || rest.windows(4).any(|w| w == b"\r\n\r\n")
        || rest.windows(2).any(|w| w == b"\n\n")
}

/// `GET /a/b?c HTTP/1.1` → (GET, `/a/b?c`).
fn parse_line(line: &str) -> Result<(Method, String), Option<u16>> {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Some(400));
    };
    if !target.starts_with('/') || !version.starts_with("HTTP/1.") {
        return Err(Some(400));
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        "POST" => Method::Post,
        _ => Method::Other,
    };
    Ok((method, target.to_string()))
}

fn send(stream: &mut TcpStream, method: Method, a: Answer, started: Instant) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", a.status, reason(a.status));
    for (name, value) in &a.headers {
        // A value is never allowed to start a header of its own.
        if !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        a.len
    ));
    stream.write_all(head.as_bytes())?;
    if method == Method::Head {
        return stream.flush();
    }
    let mut body = a.body.take(a.len);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        if started.elapsed() > REPLY_TIME {
            return Err(io::ErrorKind::TimedOut.into());
        }
        let n = match body.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        stream.write_all(&chunk[..n])?;
    }
    stream.flush()
}

/// Ends the connection gently: no more to send, and a little of what the client still sends
/// read and dropped, so that the client reads the answer before the connection closes.
fn linger(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + LINGER_TIME;
    let mut chunk = [0u8; 4096];
    let mut dropped = 0;
    while dropped < LINGER_BYTES {
        let Some(left) = until.checked_duration_since(Instant::now()) else {
            break;
        };
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => dropped += n,
        }
    }
}

/// A refusal's whole answer: its status said in the body too.
fn refusal(status: u16) -> Vec<u8> {
    let text = format!("{status} {}\n", reason(status));
    format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        reason(status),
        text.len()
    )
    .into_bytes()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_line_is_read_as_method_and_target() {
        assert_eq!(
            parse_line("GET /a/?b HTTP/1.1"),
            Ok((Method::Get, "/a/?b".to_string()))
        );
        assert_eq!(parse_line("HEAD / HTTP/1.0").map(|r| r.0), Ok(Method::Head));
        assert_eq!(
            parse_line("DELETE / HTTP/1.1").map(|r| r.0),
            Ok(Method::Other)
        );
        assert_eq!(parse_line("GET http://x/ HTTP/1.1"), Err(Some(400)));
        assert_eq!(parse_line("GET /"), Err(Some(400)));
    }

    #[test]
    fn the_head_ends_at_its_blank_line() {
        assert!(ends_head(b"\r\n"));
        assert!(ends_head(b"Host: x\r\n\r\n"));
        assert!(ends_head(b"Host: x\n\n"));
        assert!(!ends_head(b"Host: x\r\n"));
    }

    #[test]
    fn one_client_cannot_take_every_connection() {
        let open = Arc::new(Mutex::new(Open::default()));
        let ip: IpAddr = Ipv4Addr::LOCALHOST.into();
        let mine: Vec<Slot> = (0..MAX_PER_CLIENT)
            .map_while(|_| Slot::take(&open, ip))
            .collect();
        assert_eq!(mine.len(), MAX_PER_CLIENT);
        assert!(Slot::take(&open, ip).is_none());
        let other: IpAddr = Ipv4Addr::new(127, 0, 0, 2).into();
        assert!(Slot::take(&open, other).is_some());
        drop(mine);
        assert!(Slot::take(&open, ip).is_some());
    }
}
