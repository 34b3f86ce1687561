//! Background jobs that every instance runs on a timer but that must happen once per period
//! across the cluster: each run takes a lease in the database first. An instance that dies
//! mid-run leaves its lease to expire; the next instance whose timer fires takes over.

use crate::{App, AppError, Purged};
use preau_store::jobs;
use std::time::Duration;

pub const RETENTION_PURGE: &str = "retention-purge";
/// The orphan-blob sweep lists the whole file store: it rides on the retention purge, but
/// runs at most once per `ORPHAN_SWEEP_EVERY` across the cluster, under its own lease.
pub const ORPHAN_SWEEP: &str = "orphan-blobs";
const ORPHAN_SWEEP_EVERY: Duration = Duration::from_secs(6 * 3600);
/// Listing a large bucket and looking up each old blob takes a while.
const ORPHAN_SWEEP_LEASE: Duration = Duration::from_secs(60 * 60);
/// Longer than any purge takes; a holder that has not finished by then is presumed dead.
const PURGE_LEASE: Duration = Duration::from_secs(10 * 60);
/// After a failed run, the next attempt.
const RETRY_AFTER: Duration = Duration::from_secs(60);

pub use preau_store::jobs::JobState;

impl App {
    /// Runs the retention purge if it is due and no other instance is running it.
    pub async fn run_retention_purge_if_due(&self) -> Result<Option<Purged>, AppError> {
        let now = self.now();
        let db = self.db();
        let me = self.instance_id();
        if !jobs::take(db, RETENTION_PURGE, me, now, now.plus(PURGE_LEASE)).await? {
            return Ok(None);
        }
        // The reminders of pending rights requests (RGT-08) ride on the same lease: once per
        // period across the cluster, and each marked sent in its own transaction.
        let run = async {
            let mut purged = self.purge_expired().await?;
            self.remind_rights_requests().await?;
            // Blobs deleted from the store either way, under the inventory's one job name. A
            // store that fails the sweep does not undo the purge: the sweep retries alone.
            match self.sweep_orphan_blobs_if_due().await {
                Ok(deleted) => purged.record("blobs", deleted),
                Err(e) => tracing::warn!("the orphan-blob sweep failed: {e}"),
            }
            Ok::<_, AppError>(purged)
        };
        match run.await {
            Ok(purged) => {
                let every = Duration::from_secs(self.config().purge_every_seconds);
                let done = self.now();
                if !jobs::finish(db, RETENTION_PURGE, me, now.plus(every), done).await? {
                    tracing::warn!("the retention purge outlived its lease");
                }
                Ok(Some(purged))
            }
            Err(e) => {
                jobs::release(db, RETENTION_PURGE, me, now.plus(RETRY_AFTER)).await?;
                Err(e)
            }
        }
    }

    /// The orphan-blob sweep (`App::sweep_orphan_blobs`), when it is due and no other
    /// instance runs it; the number of blobs deleted.
    async fn sweep_orphan_blobs_if_due(&self) -> Result<u64, AppError> {
        let now = self.now();
        let (db, me) = (self.db(), self.instance_id());
        if !jobs::take(db, ORPHAN_SWEEP, me, now, now.plus(ORPHAN_SWEEP_LEASE)).await? {
            return Ok(0);
        }
        match self.sweep_orphan_blobs().await {
            Ok(deleted) => {
                jobs::finish(
                    db,
                    ORPHAN_SWEEP,
                    me,
                    now.plus(ORPHAN_SWEEP_EVERY),
                    self.now(),
                )
                .await?;
                Ok(deleted)
            }
            Err(e) => {
                jobs::release(db, ORPHAN_SWEEP, me, now.plus(RETRY_AFTER)).await?;
                Err(e)
            }
        }
    }

    /// Every job's lease and how often it ran.
    pub async fn job_states(&self) -> Result<Vec<JobState>, AppError> {
        Ok(jobs::state(self.db()).await?)
    }
}
