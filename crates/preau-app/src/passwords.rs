//! Argon2id hashing on a bounded pool of blocking threads: a burst of logins queues here
//! instead of taking every core from the page views.

use crate::config::HashingConfig;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};
use preau_domain::password::{NewPassword, PasswordAttempt};
use std::sync::Arc;
use tokio::sync::Semaphore;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("invalid Argon2 parameters: {0}")]
    Params(String),
    #[error("hashing failed: {0}")]
    Hash(String),
    #[error("the hashing pool is closed")]
    Closed,
}

#[derive(Clone)]
pub struct Hasher {
    params: Params,
    /// The PHC prefix that hashes made with the current parameters start with; a stored hash
    /// without it is rehashed at the next successful login.
    current_prefix: Arc<str>,
    permits: Arc<Semaphore>,
    /// A hash of a random secret, verified when the account does not exist so that the answer
    /// takes as long as for a real account (SEC-06).
    absent_account_hash: Arc<str>,
}

pub struct Verified {
    pub ok: bool,
    pub needs_rehash: bool,
}

impl Hasher {
    pub async fn new(cfg: &HashingConfig) -> Result<Self, HashError> {
        let params = Params::new(cfg.memory_kib, cfg.iterations, cfg.parallelism, None)
            .map_err(|e| HashError::Params(e.to_string()))?;
        let workers = if cfg.max_concurrent > 0 {
            cfg.max_concurrent
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1))
        };
        let current_prefix = format!(
            "$argon2id$v=19$m={},t={},p={}$",
            cfg.memory_kib, cfg.iterations, cfg.parallelism
        );
        let mut hasher = Self {
            params,
            current_prefix: current_prefix.into(),
            permits: Arc::new(Semaphore::new(workers)),
            absent_account_hash: Arc::from(""),
        };
        let random =
            preau_domain::SecretToken::generate("").map_err(|e| HashError::Hash(e.to_string()))?;
        hasher.absent_account_hash = hasher.hash_str(random.expose().to_owned()).await?.into();
        Ok(hasher)
    }

    fn argon2(params: Params) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    async fn hash_str(&self, password: String) -> Result<String, HashError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| HashError::Closed)?;
        let params = self.params.clone();
        tokio::task::spawn_blocking(move || {
            Self::argon2(params)
                .hash_password(password.as_bytes())
                .map(|h| h.to_string())
                .map_err(|e| HashError::Hash(e.to_string()))
        })
        .await
        .map_err(|e| HashError::Hash(e.to_string()))?
    }

    pub async fn hash(&self, password: &NewPassword) -> Result<String, HashError> {
        self.hash_str(password.expose().to_owned()).await
    }

    /// Hashes a password that was just verified, to upgrade its stored parameters.
    pub async fn hash_verified(&self, attempt: &PasswordAttempt) -> Result<String, HashError> {
        self.hash_str(attempt.expose().to_owned()).await
    }

    /// Checks an attempt against a stored PHC string, or against the absent-account hash when
    /// `stored` is None (the result is then always false).
    pub async fn verify(
        &self,
        attempt: &PasswordAttempt,
        stored: Option<&str>,
    ) -> Result<Verified, HashError> {
        let exists = stored.is_some();
        let phc = stored.unwrap_or(&self.absent_account_hash).to_owned();
        let needs_rehash = exists && !phc.starts_with(&*self.current_prefix);
        let attempt = attempt.expose().to_owned();
        let params = self.params.clone();
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| HashError::Closed)?;
        let ok = tokio::task::spawn_blocking(move || {
            Self::argon2(params)
                .verify_password(attempt.as_bytes(), phc.as_str())
                .is_ok()
        })
        .await
        .map_err(|e| HashError::Hash(e.to_string()))?;
        Ok(Verified {
            ok: ok && exists,
            needs_rehash,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference implementation's known answer (phc-winner-argon2 `src/test.c`: Argon2id
    /// v1.3, m=256 KiB, t=2, p=1, password "password", salt "somesalt"): stored hashes must
    /// be standard Argon2id, readable by any other implementation, not merely by this code.
    const REFERENCE: &str =
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

    #[tokio::test]
    async fn the_reference_vector_verifies_and_asks_for_a_rehash() {
        let hasher = Hasher::new(&HashingConfig::default()).await.unwrap();
        let right = PasswordAttempt::new("password".to_owned());
        let verified = hasher.verify(&right, Some(REFERENCE)).await.unwrap();
        assert!(verified.ok, "the reference hash of \"password\"");
        assert!(
            verified.needs_rehash,
            "weaker than the configured parameters"
        );
        let wrong = PasswordAttempt::new("passwore".to_owned());
        assert!(!hasher.verify(&wrong, Some(REFERENCE)).await.unwrap().ok);
        assert!(!hasher.verify(&right, None).await.unwrap().ok, "no account");
    }
}
