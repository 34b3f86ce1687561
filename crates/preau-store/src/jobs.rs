//! Leases on background jobs, so that a job due on several instances runs on one. Taking a
//! lease is one conditional `UPDATE`: on PostgreSQL a second instance's `UPDATE` waits for the
//! first's row lock, then re-reads the row and finds it leased.

use crate::db::on_writer;
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError};
use preau_domain::Timestamp;

crate::statements! {
    ENSURE = "INSERT INTO job_leases (name) VALUES ($1) ON CONFLICT (name) DO NOTHING";
    TAKE = "UPDATE job_leases SET holder = $2, leased_until = $3 \
            WHERE name = $1 AND leased_until <= $4 AND next_run_at <= $4";
    FINISH = "UPDATE job_leases SET leased_until = 0, next_run_at = $3, runs = runs + 1, \
              last_run_by = $2, last_run_at = $4 WHERE name = $1 AND holder = $2";
    RELEASE = "UPDATE job_leases SET leased_until = 0, next_run_at = $3 WHERE name = $1 AND holder = $2";
    STATE = "SELECT name, holder, leased_until, next_run_at, runs, last_run_by, last_run_at \
             FROM job_leases ORDER BY name";
}

pub const FEATURE: Feature = Feature {
    name: "jobs",
    statements: STATEMENTS,
    tables: &[Table {
        name: "job_leases",
        purpose: "Which instance runs a background job, and when it runs next.",
        register: &["security"],
        personal: &[],
        withheld: &[],
        other: &[
            "name",
            "holder",
            "leased_until",
            "next_run_at",
            "runs",
            "last_run_by",
            "last_run_at",
        ],
        owner: None,
        retention: Retention::Kept("names of jobs and instances: about no one"),
        erasure: Erasure::NotPersonal,
        backed_up: true,
    }],
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobState {
    pub name: String,
    pub holder: String,
    pub leased_until: i64,
    pub next_run_at: i64,
    pub runs: i64,
    pub last_run_by: String,
    pub last_run_at: i64,
}

/// Takes the lease on `job` until `until` if the job is due at `now` and nobody holds it.
pub async fn take(
    db: &Db,
    job: &str,
    holder: &str,
    now: Timestamp,
    until: Timestamp,
) -> Result<bool, StoreError> {
    on_writer!(db, c => sqlx::query(ENSURE).bind(job).execute(c).await.map(|r| r.rows_affected()))?;
    let taken = on_writer!(db, c => sqlx::query(TAKE)
        .bind(job)
        .bind(holder)
        .bind(until.unix())
        .bind(now.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(taken == 1)
}

/// Records a completed run and when the next one is due. A holder whose lease was taken over
/// meanwhile changes nothing.
pub async fn finish(
    db: &Db,
    job: &str,
    holder: &str,
    next_run_at: Timestamp,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = on_writer!(db, c => sqlx::query(FINISH)
        .bind(job)
        .bind(holder)
        .bind(next_run_at.unix())
        .bind(now.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Gives the lease back after a failed run, to be retried at `retry_at`.
pub async fn release(
    db: &Db,
    job: &str,
    holder: &str,
    retry_at: Timestamp,
) -> Result<(), StoreError> {
    on_writer!(db, c => sqlx::query(RELEASE)
        .bind(job)
        .bind(holder)
        .bind(retry_at.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Every job's lease and run count, for operators and tests.
pub async fn state(db: &Db) -> Result<Vec<JobState>, StoreError> {
    Ok(crate::db::on_reader!(db, c => sqlx::query_as::<_, JobState>(STATE).fetch_all(c).await)?)
}
