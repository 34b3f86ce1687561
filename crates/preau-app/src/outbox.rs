//! Outgoing mail. Use cases queue messages in their own transaction (`queue`); a worker
//! delivers them (`deliver_due`) through SMTP, or into `.eml` files when no server is
//! configured, and retries with growing delays. Bodies are never logged.

use crate::config::Config;
use crate::{App, AppError};
use lettre::message::Mailbox;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use preau_domain::Timestamp;
use preau_store::Tx;
use preau_store::outbox as rows;
use std::path::PathBuf;
use std::time::Duration;

/// Mail that could not be delivered for this long is dropped by the retention purge.
pub const UNDELIVERABLE_AFTER: Duration = Duration::from_secs(7 * 86_400);

/// Messages one delivery round sends at most, so that a large queue does not hold one
/// instance's round forever.
const ROUND: usize = 200;

pub enum Transport {
    /// `<data_dir>/outbox/<id>.eml`: the embedded default, nothing to install.
    Files(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

pub struct Mailer {
    from: Mailbox,
    transport: Transport,
    /// The right-hand side of `Message-ID`s: the public host name.
    domain: String,
    /// A message is leased for this long while being sent; the transport gives up sooner.
    lease: Duration,
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Self, AppError> {
        let from = config
            .mail
            .from
            .parse::<Mailbox>()
            .map_err(|e| AppError::Internal(format!("mail.from: {e}")))?;
        let lease = Duration::from_secs(config.mail.lease_seconds);
        let transport = match &config.mail.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(|e| AppError::Internal(format!("mail.smtp_url: {e}")))?
                    .timeout(Some(lease / 3))
                    .build(),
            ),
            None => Transport::Files(config.data_dir.join("outbox")),
        };
        let public = config.public_url();
        let domain = public
            .split_once("://")
            .map_or(public.as_str(), |(_, rest)| rest)
            .split(['/', ':'])
            .next()
            .filter(|h| !h.is_empty())
            .unwrap_or("preau.invalid")
            .to_owned();
        Ok(Self {
            from,
            transport,
            domain,
            lease,
        })
    }

    async fn send(
        &self,
        id: uuid::Uuid,
        to: &str,
        subject: &str,
        body: &str,
        unsubscribe: Option<&str>,
    ) -> Result<(), String> {
        let to = to
            .parse::<Mailbox>()
            .map_err(|e| format!("recipient: {e}"))?;
        let mut builder = Message::builder();
        if let Some(url) = unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let message = builder
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            // Stable across attempts: a resend after a crash between the server's acceptance
            // and our bookkeeping carries the same id, so it can be recognised.
            .message_id(Some(format!("<{id}@{}>", self.domain)))
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|e| format!("message: {e}"))?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Transport::Files(dir) => {
                let path = dir.join(format!("{id}.eml"));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(|e| e.to_string())
            }
        }
    }
}

impl App {
    /// Erasure of mail addressed to people who are gone: the queued messages, and with the
    /// file transport the delivered `.eml` files that name the address. Returns how many
    /// queued messages were deleted.
    pub(crate) async fn forget_mail_to<'a>(
        &self,
        addresses: impl Iterator<Item = &'a String>,
    ) -> Result<u64, AppError> {
        let addresses: Vec<&String> = addresses.collect();
        let mut deleted = 0;
        for a in &addresses {
            deleted += rows::delete_to(self.db(), a).await?;
        }
        if let Transport::Files(dir) = &self.mailer().transport
            && !addresses.is_empty()
        {
            forget_files_to(dir, &addresses)
                .await
                .map_err(|e| AppError::Internal(format!("erasing mail files: {e}")))?;
        }
        Ok(deleted)
    }
}

/// Deletes the `.eml` files whose text names one of `addresses`.
async fn forget_files_to(dir: &std::path::Path, addresses: &[&String]) -> std::io::Result<()> {
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let needles: Vec<String> = addresses.iter().map(|a| a.to_lowercase()).collect();
    while let Some(entry) = entries.next_entry().await? {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "eml") {
            continue;
        }
        let text = String::from_utf8_lossy(&tokio::fs::read(&path).await?).to_lowercase();
        if needles.iter().any(|n| text.contains(n.as_str())) {
            tokio::fs::remove_file(&path).await?;
        }
    }
    Ok(())
}

/// Delay before attempt `n + 1`: 30 s, 1 min, 2 min… at most 6 hours.
fn backoff(attempts: i64) -> Duration {
    let secs = 30u64.saturating_mul(1u64 << attempts.clamp(0, 10));
    Duration::from_secs(secs.min(6 * 3600))
}

/// Queues a message in the caller's transaction: it leaves only if the change commits.
pub(crate) async fn queue(
    tx: &mut Tx,
    to: &str,
    subject: &str,
    body: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    Ok(rows::enqueue(tx, to, subject, body, None, now).await?)
}

/// Queues a notification email with its one-click unsubscribe address (RFC 8058).
pub(crate) async fn queue_with_unsubscribe(
    tx: &mut Tx,
    to: &str,
    subject: &str,
    body: &str,
    unsubscribe: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    Ok(rows::enqueue(tx, to, subject, body, Some(unsubscribe), now).await?)
}

impl App {
    /// Prepares the notification emails that are due, then sends what is due; returns how
    /// many left. Each message is leased on its own just
    /// before it is sent, so that another instance never takes a message this one is still
    /// going to send; one whose sender died is sent by another instance once its lease ends.
    /// Failures are retried later with growing delays.
    pub async fn deliver_due_mail(&self) -> Result<usize, AppError> {
        // Notification emails whose time has come join the queue first.
        self.queue_due_notifications().await?;
        let mut sent = 0;
        for _ in 0..ROUND {
            let now = self.now();
            let lease = self.mailer().lease;
            let Some(m) = rows::claim(self.db(), now, now.plus(lease), 1)
                .await?
                .into_iter()
                .next()
            else {
                break;
            };
            match self
                .mailer()
                .send(
                    m.id,
                    &m.to_address,
                    &m.subject,
                    &m.body,
                    m.list_unsubscribe.as_deref(),
                )
                .await
            {
                Ok(()) => {
                    rows::sent(self.db(), m.id).await?;
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(
                        attempt = m.attempts,
                        "mail delivery failed, will retry: {error}"
                    );
                    rows::retry_at(self.db(), m.id, now.plus(backoff(m.attempts)), &error).await?;
                }
            }
        }
        Ok(sent)
    }

    pub async fn pending_mail(&self) -> Result<i64, AppError> {
        Ok(rows::pending(self.db()).await?)
    }
}
