//! The notification centre (issue 10): the caller's news, marking it read, and their email
//! choices. The same use cases as the pages.

use crate::api::error::{ApiError, ErrorBody};
use crate::api::extract::{ApiActor, ApiJson, ApiPath};
use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use preau_app::notifications::format_minute;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct NotificationItem {
    pub id: Uuid,
    /// `group-invitation`, `group-join-request`, `group-request-answered`,
    /// `group-role-changed`, `group-deleted`, `rights-request-answered` or
    /// `document-shared`.
    pub kind: Option<String>,
    /// The news, in the caller's language.
    pub text: String,
    /// A message its sender wrote (an invitation's).
    pub message: Option<String>,
    /// The group it is about, while it exists.
    pub group: Option<Uuid>,
    /// Unix seconds.
    pub created_at: i64,
    /// A marker for the caller only: nobody else knows.
    pub read: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Notifications {
    pub unread: i64,
    /// Newest first, at most 100.
    pub items: Vec<NotificationItem>,
}

/// The caller's latest news.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, description = "Newest first", body = Notifications),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn notifications(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<Notifications>, ApiError> {
    let (list, unread) = state
        .app
        .notifications(&who.actor)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(Notifications {
        unread,
        items: list
            .into_iter()
            .map(|n| NotificationItem {
                id: n.id,
                kind: n.kind.map(|k| k.as_str().to_owned()),
                text: n.text(who.lang),
                message: n.message().map(str::to_owned),
                group: n.group_id,
                created_at: n.created_at,
                read: n.read,
            })
            .collect(),
    }))
}

/// Marks one of the caller's notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The notification")),
    responses((status = 204, description = "Read"),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 404, description = "`not-found`: not one of the caller's", body = ErrorBody)))]
pub async fn mark_notification_read(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .mark_notification_read(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Marks all the caller's notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications", security(("bearer" = [])),
    responses((status = 204, description = "All read"),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn mark_all_notifications_read(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .mark_all_notifications_read(&who.actor)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// How news of one kind reaches the person by email.
#[derive(Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryChoice {
    Immediate,
    Daily,
    Weekly,
    Never,
}

impl DeliveryChoice {
    fn code(self) -> &'static str {
        match self {
            Self::Immediate => "immediate",
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Never => "never",
        }
    }

    fn of(code: &str) -> Option<Self> {
        [Self::Immediate, Self::Daily, Self::Weekly, Self::Never]
            .into_iter()
            .find(|d| d.code() == code)
    }
}

/// One choice per kind of news. Read from a JSON object only (serde would take an array
/// for a struct too, which the document does not allow).
#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(try_from = "std::collections::BTreeMap<String, Option<DeliveryChoice>>")]
// For the document (additionalProperties: false); `try_from` is what refuses unknown kinds.
#[serde(deny_unknown_fields)]
pub struct Deliveries {
    #[serde(
        rename = "group-invitation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub group_invitation: Option<DeliveryChoice>,
    #[serde(
        rename = "group-join-request",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub group_join_request: Option<DeliveryChoice>,
    #[serde(
        rename = "group-request-answered",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub group_request_answered: Option<DeliveryChoice>,
    #[serde(
        rename = "group-role-changed",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub group_role_changed: Option<DeliveryChoice>,
    #[serde(
        rename = "group-deleted",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub group_deleted: Option<DeliveryChoice>,
    #[serde(
        rename = "rights-request-answered",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub rights_request_answered: Option<DeliveryChoice>,
    #[serde(
        rename = "document-shared",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub document_shared: Option<DeliveryChoice>,
}

/// `null` for a kind keeps its choice, as leaving it out does.
impl TryFrom<std::collections::BTreeMap<String, Option<DeliveryChoice>>> for Deliveries {
    type Error = String;

    fn try_from(
        map: std::collections::BTreeMap<String, Option<DeliveryChoice>>,
    ) -> Result<Self, String> {
        let mut out = Self::default();
        for (kind, delivery) in map {
            if !out.set(&kind, delivery) {
                return Err(format!("unknown kind of news `{kind}`"));
            }
        }
        Ok(out)
    }
}

impl Deliveries {
    /// Sets the choice for `kind`; `false` when there is no such kind.
    fn set(&mut self, kind: &str, delivery: Option<DeliveryChoice>) -> bool {
        for (name, slot) in self.slots() {
            if name == kind {
                *slot = delivery;
                return true;
            }
        }
        false
    }

    fn slots(&mut self) -> [(&'static str, &mut Option<DeliveryChoice>); 7] {
        [
            ("group-invitation", &mut self.group_invitation),
            ("group-join-request", &mut self.group_join_request),
            ("group-request-answered", &mut self.group_request_answered),
            ("group-role-changed", &mut self.group_role_changed),
            ("group-deleted", &mut self.group_deleted),
            ("rights-request-answered", &mut self.rights_request_answered),
            ("document-shared", &mut self.document_shared),
        ]
    }

    fn from_pairs<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let mut out = Self::default();
        for (kind, delivery) in pairs {
            out.set(kind, DeliveryChoice::of(delivery));
        }
        out
    }

    fn into_pairs(mut self) -> Vec<(String, String)> {
        self.slots()
            .into_iter()
            .filter_map(|(kind, d)| d.map(|d| (kind.to_owned(), d.code().to_owned())))
            .collect()
    }
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationPreferences {
    /// By kind (see `NotificationItem.kind`). Kinds left out keep their choice.
    pub deliveries: Deliveries,
    /// Start of the quiet hours, `HH:MM` local time (default 19:00).
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    pub quiet_from: String,
    /// End of the quiet hours, `HH:MM` (default 07:00); digests leave then.
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    pub quiet_to: String,
    /// Saturdays and Sundays are quiet too.
    pub quiet_weekends: bool,
}

/// The caller's email choices.
#[utoipa::path(get, path = "/api/v1/notifications/preferences", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, description = "Every kind with its delivery", body = NotificationPreferences),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn notification_preferences(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<NotificationPreferences>, ApiError> {
    let p = state
        .app
        .notification_preferences(&who.actor)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(NotificationPreferences {
        deliveries: Deliveries::from_pairs(p.kinds.iter().map(|(k, d)| (k.as_str(), d.as_str()))),
        quiet_from: format_minute(p.quiet.from),
        quiet_to: format_minute(p.quiet.to),
        quiet_weekends: p.quiet.weekends,
    }))
}

/// Records the caller's email choices; news already waiting follows them.
#[utoipa::path(put, path = "/api/v1/notifications/preferences", tag = "notifications", security(("bearer" = [])),
    request_body = NotificationPreferences,
    responses((status = 204, description = "Saved"),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `notification-delivery-invalid`, `notification-time-invalid`", body = ErrorBody)))]
pub async fn set_notification_preferences(
    State(state): State<WebState>,
    who: ApiActor,
    ApiJson(body): ApiJson<NotificationPreferences>,
) -> Result<StatusCode, ApiError> {
    let deliveries = body.deliveries.into_pairs();
    state
        .app
        .set_notification_preferences(
            &who.actor,
            &deliveries,
            &body.quiet_from,
            &body.quiet_to,
            body.quiet_weekends,
        )
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}
