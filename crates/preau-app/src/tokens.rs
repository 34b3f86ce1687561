//! Personal access tokens for the JSON API: created, listed and revoked by their owner only.

use crate::{Actor, App, AppError, FieldErrors};
use preau_domain::{SecretToken, ids::new_row_id};
use preau_store::api_tokens::{self, ApiTokenRow};
use uuid::Uuid;

/// Enough for a few scripts and devices; a bound keeps the table honest.
pub const MAX_TOKENS_PER_PERSON: usize = 20;
const MAX_NAME_CHARS: usize = 60;
pub const TOKEN_PREFIX: &str = "preau_";

impl App {
    /// Returns the new token's id and its clear value, which is shown once and never again.
    pub async fn create_api_token(
        &self,
        actor: &Actor,
        name: &str,
    ) -> Result<(Uuid, SecretToken), AppError> {
        self.authorize_own(actor)?;
        // The length is the one sent, before trimming, as the OpenAPI document declares it.
        let too_long = name.chars().count() > MAX_NAME_CHARS;
        let name = name.trim();
        let mut errors = FieldErrors::default();
        if name.is_empty() {
            errors.add("name", "token-name-missing");
        } else if too_long || name.chars().any(char::is_control) {
            errors.add("name", "token-name-invalid");
        }
        errors.into_result()?;
        if api_tokens::list(self.db(), actor.id()).await?.len() >= MAX_TOKENS_PER_PERSON {
            return Err(AppError::LimitReached);
        }
        let id = new_row_id();
        let token = SecretToken::generate(TOKEN_PREFIX)?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        api_tokens::insert_tx(&mut tx, id, actor.id(), name, &token.hash(), now).await?;
        self.queue_notice(
            &mut tx,
            actor.id(),
            &actor.account.email,
            crate::emails::Notice::ApiTokenCreated(name),
            now,
        )
        .await?;
        tx.commit().await?;
        tracing::info!(target: "security", user = %actor.id(), "API token created");
        Ok((id, token))
    }

    pub async fn list_api_tokens(&self, actor: &Actor) -> Result<Vec<ApiTokenRow>, AppError> {
        Ok(api_tokens::list(self.db(), actor.id()).await?)
    }

    pub async fn revoke_api_token(&self, actor: &Actor, id: Uuid) -> Result<(), AppError> {
        api_tokens::delete(self.db(), actor.id(), id).await?;
        tracing::info!(target: "security", user = %actor.id(), "API token revoked");
        Ok(())
    }

    /// The account behind a bearer token. Tokens without our prefix are not looked up.
    pub async fn resolve_api_token(&self, bearer: &str) -> Result<Option<Actor>, AppError> {
        if !bearer.starts_with(TOKEN_PREFIX) {
            return Ok(None);
        }
        let hash = SecretToken::from_client(bearer).hash();
        Ok(api_tokens::user_by_token(self.db(), &hash)
            .await?
            .map(|user| Actor {
                account: crate::account::Account::from_row(user),
                session: None,
                unread_notifications: 0,
            }))
    }
}
