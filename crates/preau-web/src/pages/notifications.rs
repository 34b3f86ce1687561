//! The notification centre's pages: the list behind the bell, the email choices, and the
//! unsubscribe page behind the link of every notification email (no login: the link is the
//! proof; RFC 8058 one-click POST from mail clients works on the same address).

use crate::error::{PageError, form_failure, parse_id};
use crate::extract::{Path, Query, SignedIn, Visitor, WebForm};
use crate::i18n::Lang;
use crate::state::WebState;
use crate::views::{
    Base, ConfirmLinkPage, DeliveryChoice, Errors, NoticePage, NotificationLine,
    NotificationPreferencesPage, NotificationsPage,
};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use preau_app::notifications::{Unsubscribed, format_minute};
use preau_domain::Timestamp;
use preau_domain::notifications::{Delivery, NotificationKind};
use std::collections::HashMap;

#[derive(serde::Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    ok: Option<String>,
}

fn notice(q: &NoticeQuery, lang: Lang) -> Option<String> {
    match q.ok.as_deref() {
        Some("lues") => Some(lang.t("notifications-marked")),
        Some("preferences") => Some(lang.t("notification-preferences-saved")),
        _ => None,
    }
}

pub async fn list(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<NotificationsPage, PageError> {
    let lang = signed.visitor.lang;
    let (list, unread) = state
        .app
        .notifications(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let mut base = Base::new(&state, &signed.visitor);
    // The bell reads the count of this very page, not the session's.
    base.unread = unread;
    Ok(NotificationsPage {
        base,
        notice: notice(&q, lang),
        lines: list
            .into_iter()
            .map(|n| NotificationLine {
                id: n.id.to_string(),
                text: n.text(lang),
                message: n.message().map(str::to_owned),
                href: n.link(),
                date: Timestamp::from_unix(n.created_at).date(),
                unread: !n.read,
            })
            .collect(),
        unread,
    })
}

pub async fn mark_read(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    state
        .app
        .mark_notification_read(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(Redirect::to("/notifications?ok=lues").into_response())
}

pub async fn mark_all_read(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    state
        .app
        .mark_all_notifications_read(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(Redirect::to("/notifications?ok=lues").into_response())
}

fn choices(lang: Lang, chosen: &dyn Fn(NotificationKind) -> Delivery) -> Vec<DeliveryChoice> {
    NotificationKind::ALL
        .into_iter()
        .map(|k| DeliveryChoice {
            kind: k.as_str(),
            label: lang.t(&format!("notification-kind-{}", k.as_str())),
            options: Delivery::ALL
                .into_iter()
                .map(|d| {
                    (
                        d.as_str(),
                        lang.t(&format!("notification-delivery-{}", d.as_str())),
                        chosen(k) == d,
                    )
                })
                .collect(),
        })
        .collect()
}

pub async fn preferences(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<NotificationPreferencesPage, PageError> {
    let lang = signed.visitor.lang;
    let p = state
        .app
        .notification_preferences(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let chosen = |k: NotificationKind| {
        p.kinds
            .iter()
            .find(|(kind, _)| *kind == k)
            .map_or(k.default_delivery(), |(_, d)| *d)
    };
    Ok(NotificationPreferencesPage {
        base: Base::new(&state, &signed.visitor),
        notice: notice(&q, lang),
        errors: Errors::default(),
        choices: choices(lang, &chosen),
        quiet_from: format_minute(p.quiet.from),
        quiet_to: format_minute(p.quiet.to),
        quiet_weekends: p.quiet.weekends,
    })
}

pub async fn save_preferences(
    State(state): State<WebState>,
    signed: SignedIn,
    WebForm(f): WebForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let field = |name: &str| f.get(name).cloned().unwrap_or_default();
    let deliveries: Vec<(String, String)> = NotificationKind::ALL
        .into_iter()
        .filter_map(|k| {
            f.get(k.as_str())
                .map(|d| (k.as_str().to_owned(), d.clone()))
        })
        .collect();
    let weekends = f.contains_key("quiet_weekends");
    match state
        .app
        .set_notification_preferences(
            &signed.actor,
            &deliveries,
            &field("quiet_from"),
            &field("quiet_to"),
            weekends,
        )
        .await
    {
        Ok(()) => Ok(Redirect::to("/notifications/preferences?ok=preferences").into_response()),
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            // What was typed stays; a choice that does not exist shows as no choice.
            let chosen = |k: NotificationKind| {
                f.get(k.as_str())
                    .and_then(|d| Delivery::parse(d))
                    .unwrap_or(k.default_delivery())
            };
            Ok(reply.with(NotificationPreferencesPage {
                base: Base::new(&state, &signed.visitor),
                notice: None,
                errors,
                choices: choices(lang, &chosen),
                quiet_from: field("quiet_from"),
                quiet_to: field("quiet_to"),
                quiet_weekends: weekends,
            }))
        }
    }
}

fn unsubscribe_words(lang: Lang, what: Unsubscribed) -> (String, String) {
    match what {
        Unsubscribed::One(k) => {
            let kind = lang.t(&format!("notification-kind-{}", k.as_str()));
            (
                lang.t_with("unsubscribe-confirm-one", &[("kind", kind.clone().into())]),
                lang.t_with("unsubscribe-one", &[("kind", kind.into())]),
            )
        }
        Unsubscribed::All => (lang.t("unsubscribe-confirm-all"), lang.t("unsubscribe-all")),
    }
}

/// The page behind the link: says what the button does; fetching it changes nothing.
pub async fn unsubscribe_page(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    let lang = visitor.lang;
    match state.app.unsubscribe_target(&token, &visitor.client).await {
        Ok((_, what)) => {
            let (button, _) = unsubscribe_words(lang, what);
            ConfirmLinkPage {
                base: Base::new(&state, &visitor),
                title: lang.t("unsubscribe-title"),
                text: lang.t("unsubscribe-explain"),
                action: format!("/notifications/desabonnement/{token}"),
                button,
                other: None,
            }
            .into_response()
        }
        Err(e) => super::links::answer(&state, &visitor, e),
    }
}

/// The button, or a mail client's one-click POST (`List-Unsubscribe=One-Click`).
pub async fn unsubscribe(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    let lang = visitor.lang;
    match state.app.unsubscribe(&token, &visitor.client).await {
        Ok(what) => {
            let (_, text) = unsubscribe_words(lang, what);
            NoticePage {
                base: Base::new(&state, &visitor),
                title: lang.t("unsubscribe-done"),
                text,
                back_href: "/notifications/preferences",
                back_label: lang.t("notification-preferences-title"),
            }
            .into_response()
        }
        Err(e) => super::links::answer(&state, &visitor, e),
    }
}
