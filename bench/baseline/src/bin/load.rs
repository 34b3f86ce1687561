//! What `wrk` cannot do for `bench/run`:
//! - `sessions`: log in many demo accounts and write their session cookies, so the directory
//!   scenario can rotate over people (each person may search 60 times a minute);
//! - `surge`: an **open-loop** load (requests leave on a fixed schedule whatever the server
//!   answers, as a crowd would; wrk waits for each answer, so it can never overload a server),
//!   with the share shed with 503 + Retry-After, the latency of each kind of answer measured
//!   from the moment the request was due (no coordinated omission), and the time the server
//!   takes to come back to its pre-surge latency once the surge stops. It speaks HTTP/1.1 over
//!   its own keep-alive connections: a general client (reqwest) spent more per request than the
//!   server and could not offer three times its capacity from one core.
//!
//! Both print one JSON line on stdout. The password comes from BENCH_PASSWORD, never argv.

use clap::{Parser, Subcommand};
use reqwest::StatusCode;
use reqwest::header::{ORIGIN, SET_COOKIE};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Semaphore, mpsc};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Log in the first COUNT accounts of FILE (one login a line) and write one
    /// `preau_session=…` cookie a line to OUT.
    Sessions {
        #[arg(long)]
        base: String,
        #[arg(long)]
        accounts: std::path::PathBuf,
        #[arg(long)]
        count: usize,
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Measures the pre-surge latency at PROBE_RATE, offers RATE requests/s for SECONDS, then
    /// probes at PROBE_RATE again until the median latency of a window is back within 1.5×
    /// the pre-surge one (or RECOVERY_SECONDS pass).
    Surge {
        #[arg(long)]
        url: String,
        /// The Cookie header to send (e.g. preau_session=…).
        #[arg(long)]
        cookie: Option<String>,
        #[arg(long)]
        rate: f64,
        #[arg(long, default_value_t = 20.0)]
        seconds: f64,
        #[arg(long, default_value_t = 50.0)]
        probe_rate: f64,
        #[arg(long, default_value_t = 5.0)]
        probe_seconds: f64,
        #[arg(long, default_value_t = 30.0)]
        recovery_seconds: f64,
        #[arg(long, default_value_t = 500)]
        window_ms: u64,
        /// Keep-alive connections the generator may open (each carries one request at a time).
        #[arg(long, default_value_t = 1024)]
        max_connections: usize,
    },
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Sessions {
            base,
            accounts,
            count,
            concurrency,
            out,
        } => sessions(&base, &accounts, count, concurrency, &out).await,
        Command::Surge {
            url,
            cookie,
            rate,
            seconds,
            probe_rate,
            probe_seconds,
            recovery_seconds,
            window_ms,
            max_connections,
        } => {
            let target = Arc::new(Target::new(&url, cookie.as_deref())?);
            surge(
                target,
                max_connections,
                rate,
                seconds,
                probe_rate,
                probe_seconds,
                recovery_seconds,
                Duration::from_millis(window_ms),
            )
            .await
        }
    }
}

fn client() -> anyhow::Result<reqwest::Client> {
    // preau-app builds reqwest without a TLS provider of its own (`rustls-no-provider`), and
    // features are shared: without one installed, building any client panics.
    preau_app::storage::install_tls_provider();
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(4096)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(10))
        .build()?)
}

async fn sessions(
    base: &str,
    accounts: &std::path::Path,
    count: usize,
    concurrency: usize,
    out: &std::path::Path,
) -> anyhow::Result<()> {
    let password = std::env::var("BENCH_PASSWORD")
        .map_err(|_| anyhow::anyhow!("BENCH_PASSWORD is not set"))?;
    let logins: Vec<String> = std::fs::read_to_string(accounts)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(count)
        .map(str::to_owned)
        .collect();
    let client = client()?;
    let permits = Arc::new(Semaphore::new(concurrency.max(1)));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for email in logins {
        let permit = permits.clone().acquire_owned().await?;
        let client = client.clone();
        let password = password.clone();
        let base = base.to_owned();
        tasks.push(tokio::spawn(async move {
            let _permit = permit;
            let r = client
                .post(format!("{base}/connexion"))
                .header(ORIGIN, &base)
                .form(&[("email", email.as_str()), ("password", password.as_str())])
                .send()
                .await
                .ok()?;
            if r.status() != StatusCode::SEE_OTHER {
                return None;
            }
            r.headers()
                .get_all(SET_COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find(|v| v.starts_with("preau_session="))
                .and_then(|v| v.split(';').next())
                .map(str::to_owned)
        }));
    }
    let mut cookies = Vec::new();
    let mut failed = 0usize;
    for t in tasks {
        match t.await? {
            Some(c) => cookies.push(c),
            None => failed += 1,
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    std::fs::write(out, cookies.join("\n") + "\n")?;
    println!(
        "{}",
        serde_json::json!({
            "sessions": cookies.len(),
            "failed": failed,
            "seconds": seconds,
            "logins_per_second": cookies.len() as f64 / seconds,
        })
    );
    Ok(())
}

/// Where the surge goes: the address and the request, formatted once.
struct Target {
    addr: std::net::SocketAddr,
    request: Vec<u8>,
}

impl Target {
    fn new(url: &str, cookie: Option<&str>) -> anyhow::Result<Self> {
        let rest = url
            .strip_prefix("http://")
            .ok_or_else(|| anyhow::anyhow!("the surge speaks plain http://"))?;
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let addr = std::net::ToSocketAddrs::to_socket_addrs(host)?
            .next()
            .ok_or_else(|| anyhow::anyhow!("cannot resolve {host}"))?;
        let mut request = format!("GET /{path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/html\r\n");
        if let Some(c) = cookie {
            request.push_str(&format!("Cookie: {c}\r\n"));
        }
        request.push_str("\r\n");
        Ok(Self {
            addr,
            request: request.into_bytes(),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// 2xx or 3xx.
    Ok,
    /// 503 with Retry-After: the waiting room.
    Shed,
    Other(u16),
    /// Connection refused or reset, timeout, unreadable answer.
    Transport,
}

#[derive(Debug, Clone, Copy)]
struct Sample {
    /// When the request was due, from the start of its phase.
    due: Duration,
    /// From due to the last byte of the answer.
    latency: Duration,
    /// From due to the moment it actually left (the generator's own lag).
    lag: Duration,
    outcome: Outcome,
}

/// A status line and headers, once the blank line has arrived.
struct Head {
    status: u16,
    retry_after: bool,
    close: bool,
    body: Body,
    /// Bytes of head, CRLF CRLF included.
    len: usize,
}

enum Body {
    Length(usize),
    Chunked,
}

fn parse_head(buf: &[u8]) -> Option<Result<Head, ()>> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let text = match std::str::from_utf8(&buf[..end]) {
        Ok(t) => t,
        Err(_) => return Some(Err(())),
    };
    let mut lines = text.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok());
    let Some(status) = status else {
        return Some(Err(()));
    };
    let mut head = Head {
        status,
        retry_after: false,
        close: false,
        body: Body::Length(0),
        len: end + 4,
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => head.body = Body::Length(value.parse().unwrap_or(0)),
            "transfer-encoding" if value.eq_ignore_ascii_case("chunked") => {
                head.body = Body::Chunked
            }
            "retry-after" => head.retry_after = true,
            "connection" if value.eq_ignore_ascii_case("close") => head.close = true,
            _ => {}
        }
    }
    Some(Ok(head))
}

/// Where a chunked body ends in `buf` (which starts at the body), if it has all arrived.
fn chunked_end(buf: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        let line_end = at + buf.get(at..)?.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(buf.get(at..line_end)?).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        at = line_end + 2;
        if size == 0 {
            // No trailers from our servers: the final CRLF.
            return (buf.len() >= at + 2).then_some(at + 2);
        }
        at += size + 2;
        if at > buf.len() {
            return None;
        }
    }
}

/// Sends the request on `stream` (opening it if needed) and reads one whole answer.
async fn exchange(
    stream: &mut Option<tokio::net::TcpStream>,
    target: &Target,
    buf: &mut Vec<u8>,
) -> Result<Head, ()> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    if stream.is_none() {
        let s = tokio::net::TcpStream::connect(target.addr)
            .await
            .map_err(|_| ())?;
        s.set_nodelay(true).map_err(|_| ())?;
        *stream = Some(s);
    }
    let s = stream.as_mut().ok_or(())?;
    s.write_all(&target.request).await.map_err(|_| ())?;
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(head) = parse_head(buf) {
            let head = head?;
            let body = &buf[head.len..];
            let complete = match head.body {
                Body::Length(n) => body.len() >= n,
                Body::Chunked => chunked_end(body).is_some(),
            };
            if complete {
                return Ok(head);
            }
        }
        let n = s.read(&mut chunk).await.map_err(|_| ())?;
        if n == 0 {
            return Err(());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// One keep-alive connection: takes due times, answers with samples, then says it is idle.
async fn connection(
    id: usize,
    target: Arc<Target>,
    start: Instant,
    mut work: mpsc::Receiver<Duration>,
    idle: mpsc::UnboundedSender<usize>,
    results: mpsc::UnboundedSender<Sample>,
) {
    let mut stream = None;
    let mut buf = Vec::with_capacity(32 * 1024);
    while let Some(due) = work.recv().await {
        let lag = start.elapsed().saturating_sub(due);
        let answer = tokio::time::timeout(
            Duration::from_secs(10),
            exchange(&mut stream, &target, &mut buf),
        )
        .await;
        let outcome = match answer {
            Ok(Ok(head)) => {
                if head.close {
                    stream = None;
                }
                match head.status {
                    200..=399 => Outcome::Ok,
                    503 if head.retry_after => Outcome::Shed,
                    other => Outcome::Other(other),
                }
            }
            _ => {
                stream = None;
                Outcome::Transport
            }
        };
        let latency = start.elapsed().saturating_sub(due);
        let _ = results.send(Sample {
            due,
            latency,
            lag,
            outcome,
        });
        if idle.send(id).is_err() {
            break;
        }
    }
}

/// Sends `rate` requests a second for `seconds`, each at its due time on an idle keep-alive
/// connection (opening up to `max_connections`), and collects every answer, including those
/// that arrive after the last request left. When every connection is busy the next request
/// waits: that lag counts in its latency (measured from its due time) and is reported.
async fn open_loop(
    target: &Arc<Target>,
    rate: f64,
    seconds: f64,
    max_connections: usize,
) -> (Vec<Sample>, Duration) {
    let (results_tx, mut results_rx) = mpsc::unbounded_channel();
    let (idle_tx, mut idle_rx) = mpsc::unbounded_channel::<usize>();
    let mut workers: Vec<mpsc::Sender<Duration>> = Vec::new();
    let start = Instant::now();
    let total = (rate * seconds).round() as u64;
    let mut sent = 0u64;
    while sent < total {
        let due_now = ((start.elapsed().as_secs_f64() * rate) as u64 + 1).min(total);
        while sent < due_now {
            let due = Duration::from_secs_f64(sent as f64 / rate);
            let id = match idle_rx.try_recv() {
                Ok(id) => id,
                Err(_) if workers.len() < max_connections => {
                    let (tx, rx) = mpsc::channel(1);
                    let id = workers.len();
                    workers.push(tx);
                    tokio::spawn(connection(
                        id,
                        target.clone(),
                        start,
                        rx,
                        idle_tx.clone(),
                        results_tx.clone(),
                    ));
                    id
                }
                Err(_) => match idle_rx.recv().await {
                    Some(id) => id,
                    None => break,
                },
            };
            if let Some(w) = workers.get(id) {
                let _ = w.send(due).await;
            }
            sent += 1;
        }
        tokio::time::sleep(Duration::from_micros(500)).await;
    }
    let sending = start.elapsed();
    drop(workers);
    drop(results_tx);
    drop(idle_tx);
    let mut samples = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    while let Some(s) = results_rx.recv().await {
        samples.push(s);
    }
    (samples, sending)
}

fn percentile_ms(values: &mut [Duration], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let rank = ((p / 100.0) * values.len() as f64).ceil() as usize;
    let i = rank.clamp(1, values.len()) - 1;
    values.get(i).map(|d| d.as_secs_f64() * 1000.0)
}

/// Latencies from the due time (what a person waiting would see) and from the moment the
/// request actually left (without the generator's own lag).
fn latency_summary(samples: &[Sample], outcome: Outcome) -> serde_json::Value {
    let of_kind = samples.iter().filter(|s| s.outcome == outcome);
    let mut v: Vec<Duration> = of_kind.clone().map(|s| s.latency).collect();
    let mut sent: Vec<Duration> = of_kind.map(|s| s.latency.saturating_sub(s.lag)).collect();
    serde_json::json!({
        "count": v.len(),
        "p50_ms": percentile_ms(&mut v, 50.0),
        "p99_ms": percentile_ms(&mut v, 99.0),
        "max_ms": percentile_ms(&mut v, 100.0),
        "p50_from_send_ms": percentile_ms(&mut sent, 50.0),
        "p99_from_send_ms": percentile_ms(&mut sent, 99.0),
    })
}

#[allow(clippy::too_many_arguments)]
async fn surge(
    target: Arc<Target>,
    max_connections: usize,
    rate: f64,
    seconds: f64,
    probe_rate: f64,
    probe_seconds: f64,
    recovery_seconds: f64,
    window: Duration,
) -> anyhow::Result<()> {
    // Before: the latency of a modest, steady load.
    let (before, _) = open_loop(&target, probe_rate, probe_seconds, max_connections).await;
    let mut ok_before: Vec<Duration> = before
        .iter()
        .filter(|s| s.outcome == Outcome::Ok)
        .map(|s| s.latency)
        .collect();
    let baseline_p50 = percentile_ms(&mut ok_before, 50.0)
        .ok_or_else(|| anyhow::anyhow!("no successful answer before the surge"))?;
    let threshold = baseline_p50 * 1.5;

    // The surge; the probe starts as soon as the last surge request has left, while the
    // surge's answers are still arriving.
    let surge_target = target.clone();
    let surge_task =
        tokio::spawn(async move { open_loop(&surge_target, rate, seconds, max_connections).await });
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    let probe_target = target.clone();
    let probe_task = tokio::spawn(async move {
        open_loop(&probe_target, probe_rate, recovery_seconds, max_connections).await
    });
    let (samples, sending) = surge_task.await?;
    let (after, _) = probe_task.await?;

    let count = |o: Outcome| samples.iter().filter(|s| s.outcome == o).count();
    let mut other: BTreeMap<String, usize> = BTreeMap::new();
    for s in &samples {
        if let Outcome::Other(code) = s.outcome {
            *other.entry(code.to_string()).or_insert(0) += 1;
        }
    }
    let mut lags: Vec<Duration> = samples.iter().map(|s| s.lag).collect();
    let sent = samples.len();

    // Recovery: windows of the probe, from the end of the surge's schedule.
    let mut windows = Vec::new();
    let mut back_at = None;
    let n_windows = (recovery_seconds / window.as_secs_f64()).floor() as u32;
    for w in 0..n_windows {
        let from = window * w;
        let to = window * (w + 1);
        let in_window: Vec<&Sample> = after
            .iter()
            .filter(|s| s.due >= from && s.due < to)
            .collect();
        let errors = in_window
            .iter()
            .filter(|s| s.outcome != Outcome::Ok)
            .count();
        let mut lat: Vec<Duration> = in_window
            .iter()
            .filter(|s| s.outcome == Outcome::Ok)
            .map(|s| s.latency)
            .collect();
        let p50 = percentile_ms(&mut lat, 50.0);
        if back_at.is_none() && errors == 0 && p50.is_some_and(|p| p <= threshold) {
            back_at = Some(to.as_secs_f64());
        }
        windows.push(serde_json::json!([
            to.as_secs_f64(),
            p50,
            in_window.len(),
            errors
        ]));
    }
    let out = serde_json::json!({
        "offered_rate": rate,
        "seconds": seconds,
        "sent": sent,
        "send_seconds": sending.as_secs_f64(),
        "achieved_send_rate": sent as f64 / sending.as_secs_f64(),
        "generator_lag_p99_ms": percentile_ms(&mut lags, 99.0),
        "ok": count(Outcome::Ok),
        "shed_503_retry_after": count(Outcome::Shed),
        "shed_share": count(Outcome::Shed) as f64 / sent.max(1) as f64,
        "other_status": other,
        "transport_errors": count(Outcome::Transport),
        "latency": {
            "ok": latency_summary(&samples, Outcome::Ok),
            "shed": latency_summary(&samples, Outcome::Shed),
        },
        "probe_rate": probe_rate,
        "pre_surge_p50_ms": baseline_p50,
        "normal_threshold_ms": threshold,
        "seconds_back_to_normal": back_at,
        "recovery_windows": windows,
    });
    println!("{out}");
    Ok(())
}
