//! The raw Argon2id rate on this core, with the product's default parameters
//! (`preau_app::config::HashingConfig::default()`), measured two ways; prints one JSON line.
//!
//! - `hasher_*`: Préau's own `Hasher::verify` on one stored hash, back to back. In such a tight
//!   loop every hash faults its 19 MiB of memory in again (the blocking thread's allocator
//!   gives the block back between hashes), which a server with a round trip between logins
//!   mostly does not pay: expect this to be slower than a server's steady state.
//! - `compute_*`: the same algorithm, version and parameters into one reused, already touched
//!   block of memory: the CPU cost of a hash and nothing else — the ceiling of logins per
//!   second on one core.
//!
//! Usage: bench-argon2 [SECONDS]   (each measure; default 5; run it under `taskset -c 0`)

use argon2::{Algorithm, Argon2, Block, Params, Version};
use preau_app::config::HashingConfig;
use preau_app::passwords::Hasher;
use preau_domain::password::{PasswordAttempt, check_new_password};
use std::time::{Duration, Instant};

const SECRET: &str = "bench-argon2 aplomb grenier 7341";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let seconds: f64 = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(5.0);
    let config = HashingConfig {
        max_concurrent: 1,
        ..HashingConfig::default()
    };
    let (hashes, hasher_seconds) = through_hasher(&config, seconds).await?;
    let (computed, compute_seconds) =
        tokio::task::spawn_blocking(move || compute_only(&config, seconds)).await??;
    let config = HashingConfig::default();
    let out = serde_json::json!({
        "memory_kib": config.memory_kib,
        "iterations": config.iterations,
        "parallelism": config.parallelism,
        "hasher_verifications": hashes,
        "hasher_per_second": hashes as f64 / hasher_seconds,
        "hasher_ms_each": hasher_seconds * 1000.0 / hashes.max(1) as f64,
        "compute_hashes": computed,
        "per_second": computed as f64 / compute_seconds,
        "ms_each": compute_seconds * 1000.0 / computed.max(1) as f64,
    });
    println!("{out}");
    Ok(())
}

async fn through_hasher(config: &HashingConfig, seconds: f64) -> anyhow::Result<(u64, f64)> {
    let hasher = Hasher::new(config).await?;
    let password = check_new_password(SECRET, &[]).map_err(|e| anyhow::anyhow!("{e}"))?;
    let stored = hasher.hash(&password).await?;
    let started = Instant::now();
    let mut verified = 0u64;
    while started.elapsed() < Duration::from_secs_f64(seconds) {
        let attempt = PasswordAttempt::new(SECRET.to_owned());
        if !hasher.verify(&attempt, Some(&stored)).await?.ok {
            anyhow::bail!("the stored hash did not verify");
        }
        verified += 1;
    }
    Ok((verified, started.elapsed().as_secs_f64()))
}

fn compute_only(config: &HashingConfig, seconds: f64) -> anyhow::Result<(u64, f64)> {
    let params = Params::new(
        config.memory_kib,
        config.iterations,
        config.parallelism,
        None,
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut memory = vec![Block::default(); params.block_count()];
    let salt = [7u8; 16];
    let mut out = [0u8; 32];
    // One hash to touch the memory before timing.
    argon2
        .hash_password_into_with_memory(SECRET.as_bytes(), &salt, &mut out, &mut memory)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let started = Instant::now();
    let mut computed = 0u64;
    while started.elapsed() < Duration::from_secs_f64(seconds) {
        argon2
            .hash_password_into_with_memory(SECRET.as_bytes(), &salt, &mut out, &mut memory)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        computed += 1;
    }
    Ok((computed, started.elapsed().as_secs_f64()))
}
