//! The optional virus scan of uploads (issue 12, SEC-52): when `storage.clamd` names a
//! ClamAV daemon, each uploaded file is streamed to it (clamd's `INSTREAM` command) after it
//! is stored and before anyone can see it. A file clamd flags is refused and deleted, never
//! quarantined where it could be fetched; a scan that cannot be done refuses the upload too
//! (fail closed), since an administrator who configured a scanner relies on it.

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What clamd said of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The signature's name, as clamd reports it.
    Infected(String),
}

/// clamd's answer must come within this time of the last byte.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(120);
/// The largest piece sent at once (clamd reads a length-prefixed chunk at a time).
const CHUNK: usize = 64 * 1024;

/// Streams `body` to clamd at `address` (`host:port`) and reads its verdict. An error says
/// why no verdict came (unreachable, over clamd's `StreamMaxLength`, a broken read).
pub async fn scan<S, E>(address: &str, body: S) -> Result<Verdict, String>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: std::fmt::Display,
{
    let connect = tokio::net::TcpStream::connect(address);
    let mut socket = tokio::time::timeout(Duration::from_secs(10), connect)
        .await
        .map_err(|_| format!("clamd at {address}: no connection within 10 s"))?
        .map_err(|e| format!("clamd at {address}: {e}"))?;
    socket
        .write_all(b"zINSTREAM\0")
        .await
        .map_err(|e| format!("clamd: {e}"))?;
    let mut body = std::pin::pin!(body);
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| format!("reading the file: {e}"))?;
        for piece in chunk.chunks(CHUNK) {
            let len = u32::try_from(piece.len()).map_err(|_| "chunk too large".to_owned())?;
            // clamd closes the connection when the stream passes its StreamMaxLength: the
            // write fails, and its answer (read below) says why.
            if socket.write_all(&len.to_be_bytes()).await.is_err()
                || socket.write_all(piece).await.is_err()
            {
                return Err(answer(&mut socket).await.unwrap_or_else(|e| e));
            }
        }
    }
    socket
        .write_all(&0u32.to_be_bytes())
        .await
        .map_err(|e| format!("clamd: {e}"))?;
    let reply = answer(&mut socket).await?;
    parse(&reply)
}

async fn answer(socket: &mut tokio::net::TcpStream) -> Result<String, String> {
    let mut reply = Vec::new();
    tokio::time::timeout(ANSWER_TIMEOUT, socket.read_to_end(&mut reply))
        .await
        .map_err(|_| "clamd gave no answer in time".to_owned())?
        .map_err(|e| format!("clamd: {e}"))?;
    Ok(String::from_utf8_lossy(&reply)
        .trim_end_matches(['\0', '\n'])
        .to_owned())
}

/// `stream: OK`, `stream: <signature> FOUND`, or an error line.
fn parse(reply: &str) -> Result<Verdict, String> {
    let body = reply.strip_prefix("stream: ").unwrap_or(reply);
    if body == "OK" {
        Ok(Verdict::Clean)
    } else if let Some(name) = body.strip_suffix(" FOUND") {
        Ok(Verdict::Infected(name.to_owned()))
    } else {
        Err(format!("clamd: {reply}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamd_answers_are_read() {
        assert_eq!(parse("stream: OK"), Ok(Verdict::Clean));
        assert_eq!(
            parse("stream: Eicar-Signature FOUND"),
            Ok(Verdict::Infected("Eicar-Signature".into()))
        );
        assert!(parse("INSTREAM size limit exceeded. ERROR").is_err());
        assert!(parse("").is_err());
    }
}
