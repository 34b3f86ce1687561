//! Outgoing mail. Use cases queue messages in their own transaction (`queue`); a worker
//! delivers them (`deliver_due`) through SMTP, or into `.eml` files when no server is
//! configured, and retries with growing delays. Bodies are never logged.

use crate::config::Config;
use crate::{App, AppError};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use preau_domain::Timestamp;
use preau_store::{Tx, outbox};
use std::path::PathBuf;
use std::time::Duration;

/// A claimed message is someone else's to retry if not sent within this.
const LEASE: Duration = Duration::from_secs(5 * 60);
const BATCH: i64 = 20;

pub enum Transport {
    /// `<data_dir>/outbox/<id>.eml`: the embedded default, nothing to install.
    Files(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Self, AppError> {
        let from = config
            .mail
            .from
            .parse::<Mailbox>()
            .map_err(|e| AppError::Internal(format!("mail.from: {e}")))?;
        let transport = match &config.mail.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(|e| AppError::Internal(format!("mail.smtp_url: {e}")))?
                    .build(),
            ),
            None => Transport::Files(config.data_dir.join("outbox")),
        };
        Ok(Self { from, transport })
    }

    async fn send(
        &self,
        id: uuid::Uuid,
        to: &str,
        subject: &str,
        body: &str,
    ) -> Result<(), String> {
        let to = to
            .parse::<Mailbox>()
            .map_err(|e| format!("recipient: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
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
    Ok(outbox::enqueue(tx, to, subject, body, now).await?)
}

impl App {
    /// Sends what is due; returns how many left. Failures are retried later.
    pub async fn deliver_due_mail(&self) -> Result<usize, AppError> {
        let now = self.now();
        let claimed = outbox::claim(self.db(), now, now.plus(LEASE), BATCH).await?;
        let mut sent = 0;
        for m in claimed {
            match self
                .mailer()
                .send(m.id, &m.to_address, &m.subject, &m.body)
                .await
            {
                Ok(()) => {
                    outbox::sent(self.db(), m.id).await?;
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(
                        attempt = m.attempts,
                        "mail delivery failed, will retry: {error}"
                    );
                    outbox::retry_at(self.db(), m.id, now.plus(backoff(m.attempts)), &error)
                        .await?;
                }
            }
        }
        Ok(sent)
    }

    pub async fn pending_mail(&self) -> Result<i64, AppError> {
        Ok(outbox::pending(self.db()).await?)
    }
}
