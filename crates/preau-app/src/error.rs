//! The errors a use case can answer. Each has a stable code, which is also the Fluent message
//! id the web layer translates, so the HTML page and the JSON API say the same thing.

use preau_store::StoreError;

/// A field and what is wrong with it, as codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(&'static str, &'static str)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, code: &'static str) {
        self.0.push((field, code));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, c)| *c)
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("email or password not recognised")]
    BadCredentials,
    #[error("too many attempts, retry in {retry_after_seconds} s")]
    Throttled { retry_after_seconds: i64 },
    #[error("authentication required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("setup link {0:?}")]
    SetupLink(crate::setup::SetupLinkState),
    #[error("limit reached")]
    LimitReached,
    /// An invitation code that is unknown, used or expired: one answer for all three.
    #[error("invitation code not valid")]
    InvitationInvalid,
    /// The activation did not carry the current notice version (ACC-02).
    #[error("information notice outdated")]
    NoticeOutdated,
    /// A password-reset link that is unknown, used or expired.
    #[error("reset link not valid")]
    ResetInvalid,
    /// A mailed link (activation, « ce n'était pas moi », address confirmation) that is
    /// unknown, used or expired.
    #[error("link not valid")]
    LinkInvalid,
    /// The person reported « ce n'était pas moi »: only a reset from their mailbox reopens it.
    #[error("account suspended")]
    AccountSuspended,
    /// Printing letters again, or another administrator's batch: the codes already handed
    /// out would stop working, so the administrator confirms first.
    #[error("reprint needs confirmation")]
    ReprintNeedsConfirmation,
    /// The last owner of a group hands over or archives before leaving or stepping down.
    #[error("last owner of the group")]
    LastGroupOwner,
    /// A rights request's state or the clock forbids the act, however well it is written: a
    /// request already closed or extended, an extension after the first month, a letter
    /// received in the future (RGT-08). The code says which.
    #[error("rights request: {0}")]
    RightsConflict(&'static str),
    /// The database does not answer (PostgreSQL restarting, unreachable): 503, try again.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "invalid-input",
            Self::BadCredentials => "bad-credentials",
            Self::Throttled { .. } => "too-many-attempts",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not-found",
            Self::SetupLink(state) => state.code(),
            Self::LimitReached => "limit-reached",
            Self::InvitationInvalid => "invitation-invalid",
            Self::NoticeOutdated => "notice-outdated",
            Self::ResetInvalid => "reset-invalid",
            Self::LinkInvalid => "link-invalid",
            Self::AccountSuspended => "account-suspended",
            Self::ReprintNeedsConfirmation => "letters-confirm-needed",
            Self::LastGroupOwner => "group-last-owner",
            Self::RightsConflict(code) => code,
            Self::Unavailable(_) => "unavailable",
            Self::Internal(_) => "internal-error",
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            StoreError::Unavailable(e) => Self::Unavailable(e.to_string()),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<crate::passwords::HashError> for AppError {
    fn from(e: crate::passwords::HashError) -> Self {
        Self::Internal(e.to_string())
    }
}

impl From<preau_domain::token::RandomUnavailable> for AppError {
    fn from(e: preau_domain::token::RandomUnavailable) -> Self {
        Self::Internal(e.to_string())
    }
}
