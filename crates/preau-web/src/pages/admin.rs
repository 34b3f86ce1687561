//! Administration: counts, the roster import (upload → preview → confirm) and the printable
//! letters of an import. Every rule is checked in the use case; these handlers only render.

use crate::error::{PageError, parse_id, status_of};
use crate::extract::Path;
use crate::extract::SignedIn;
use crate::i18n::FluentValue;
use crate::i18n::Lang;
use crate::state::WebState;
use crate::views::{
    ActLine, AdminPage, Base, DailyLine, Errors, ImportPage, ImportSummary, LetterView,
    LettersPage, RejectedRow, ReportRow, StructureLine,
};
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use preau_app::AppError;
use preau_app::roster::{ReportLine, RosterReport};
use preau_domain::Timestamp;
use preau_domain::aggregate::Count;
use preau_domain::policy::Action;
use preau_domain::roster::SourceEncoding;

pub async fn overview(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<AdminPage, PageError> {
    let lang = signed.visitor.lang;
    let o = state
        .app
        .admin_overview(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let rights_overdue = state
        .app
        .overdue_rights_requests(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(AdminPage {
        base: Base::new(&state, &signed.visitor),
        rights_overdue,
        rights_overdue_text: lang.t_with("rights-overdue", &[("count", rights_overdue.into())]),
        pending_invitations: o.pending_invitations,
        active_accounts: o.active_accounts,
        restricted_accounts: o.restricted_accounts,
        departing_accounts: o.departing_accounts,
        structures: o
            .structures
            .into_iter()
            .map(|s| StructureLine {
                name: s.name,
                uai: s.uai.unwrap_or_default(),
                active: count_text(lang, s.active_accounts),
            })
            .collect(),
        acts: o
            .acts
            .into_iter()
            .map(|a| ActLine {
                at: Timestamp::from_unix(a.at).to_rfc3339(),
                text: act_text(lang, &a.action, &a.detail),
            })
            .collect(),
        daily: o
            .daily
            .into_iter()
            .map(|d| DailyLine {
                day: d.day.date(),
                kind: lang.t(&format!("audit-{}", d.action)),
                count: count_text(lang, d.count),
            })
            .collect(),
        daily_lead: lang.t_with(
            "admin-daily-lead",
            &[("days", (preau_app::admin::DAILY_COUNT_DAYS as i64).into())],
        ),
        unit_name: String::new(),
        unit_commune: String::new(),
        unit_errors: Errors::default(),
    })
}

/// A count about people as shown: "fewer than 10" below the threshold (guarantee 4).
fn count_text(lang: Lang, count: Count) -> String {
    match count {
        Count::FewerThanMin => lang.t("count-fewer-than-min"),
        Count::Exactly(n) => n.to_string(),
    }
}

/// An administrative act in words: its Fluent message (`audit-<action>`) with the entry's
/// `key=value` counts as arguments.
fn act_text(lang: Lang, action: &str, detail: &str) -> String {
    let args = detail
        .split_whitespace()
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| {
            let value: FluentValue<'static> = match v.parse::<i64>() {
                Ok(n) => n.into(),
                Err(_) => v.to_owned().into(),
            };
            (k.to_owned(), value)
        })
        .collect();
    lang.t_with_named(&format!("audit-{action}"), args)
}

fn rows(lines: Vec<ReportLine>) -> Vec<ReportRow> {
    lines
        .into_iter()
        .map(|l| ReportRow {
            line: l.line.to_string(),
            name: l.name,
            email: l.email,
            structure: l.structure,
        })
        .collect()
}

fn summary(r: RosterReport, lang: Lang) -> ImportSummary {
    ImportSummary {
        encoding: match r.encoding {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf8Bom => "UTF-8 (BOM)",
            SourceEncoding::Windows1252 => "Windows-1252",
        },
        rejected: r
            .rejected
            .into_iter()
            .map(|x| RejectedRow {
                line: x.line,
                reason: lang.t(x.code),
                detail: x.detail,
            })
            .collect(),
        unchanged: r.unchanged,
        new_structures: r.new_structures,
        added: rows(r.added),
        updated: rows(r.updated),
        departed_shown: count_text(
            lang,
            Count::of(i64::try_from(r.departed).unwrap_or(i64::MAX)),
        ),
        probably_incomplete: r.probably_incomplete,
    }
}

fn page(state: &WebState, signed: &SignedIn) -> ImportPage {
    ImportPage {
        base: Base::new(state, &signed.visitor),
        errors: Errors::default(),
        upload: None,
        batch: None,
        summary: None,
    }
}

pub async fn import_form(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<ImportPage, PageError> {
    let lang = signed.visitor.lang;
    state
        .app
        .may(&signed.actor, Action::ImportRoster)
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(page(&state, &signed))
}

/// Reads the uploaded file and shows what it would change.
pub async fn import_preview(
    State(state): State<WebState>,
    signed: SignedIn,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let lang = signed.visitor.lang;
    // Who may ask comes before what was sent.
    if let Err(e) = state.app.may(&signed.actor, Action::ImportRoster) {
        return PageError::from_app(e, lang).into_response();
    }
    let mut multipart = match multipart {
        Ok(m) => m,
        Err(e) => return PageError::new(e.status(), "malformed-form", lang).into_response(),
    };
    let mut content = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => match field.bytes().await {
                Ok(bytes) => content = Some(bytes.to_vec()),
                Err(e) => {
                    return PageError::new(e.status(), "malformed-form", lang).into_response();
                }
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => return PageError::new(e.status(), "malformed-form", lang).into_response(),
        }
    }
    let content = content.filter(|c| !c.is_empty()).unwrap_or_default();
    match state.app.preview_roster(&signed.actor, content).await {
        Ok((upload, report)) => ImportPage {
            upload: Some(upload.to_string()),
            summary: Some(summary(report, lang)),
            ..page(&state, &signed)
        }
        .into_response(),
        Err(e @ AppError::Invalid(_)) => {
            let AppError::Invalid(fields) = &e else {
                return PageError::from_app(e, lang).into_response();
            };
            let p = ImportPage {
                errors: Errors::translate(fields, lang),
                ..page(&state, &signed)
            };
            (status_of(&e), p).into_response()
        }
        Err(e) => PageError::from_app(e, lang).into_response(),
    }
}

#[derive(serde::Deserialize)]
pub struct ConfirmFields {
    /// The number of departures, typed when the file is probably incomplete.
    #[serde(default)]
    confirm_departures: String,
}

pub async fn import_apply(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(upload): Path<String>,
    crate::extract::WebForm(f): crate::extract::WebForm<ConfirmFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let upload = parse_id(&upload, lang)?;
    // A number that does not read as one confirms nothing.
    let typed = f.confirm_departures.trim();
    let confirmed = (!typed.is_empty()).then(|| typed.parse::<usize>().unwrap_or(usize::MAX));
    match state
        .app
        .apply_roster_upload(&signed.actor, upload, confirmed)
        .await
    {
        Ok(applied) => Ok(ImportPage {
            batch: Some(applied.batch.to_string()),
            summary: Some(summary(applied.report, lang)),
            ..page(&state, &signed)
        }
        .into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let AppError::Invalid(fields) = &e else {
                return Err(PageError::from_app(e, lang));
            };
            // The same confirmation form again, with the reason.
            let report = state
                .app
                .roster_upload_report(&signed.actor, upload)
                .await
                .map_err(|e| PageError::from_app(e, lang))?;
            let p = ImportPage {
                errors: Errors::translate(fields, lang),
                upload: Some(upload.to_string()),
                summary: Some(summary(report, lang)),
                ..page(&state, &signed)
            };
            Ok((status_of(&e), p).into_response())
        }
        Err(e) => Err(PageError::from_app(e, lang)),
    }
}

/// New codes for the import's invitations, printed at once: this page is the only place
/// they appear.
pub async fn letters(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(batch): Path<String>,
    crate::extract::Query(q): crate::extract::Query<LettersQuery>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let batch = parse_id(&batch, lang)?;
    let issued = match state
        .app
        .issue_letters(&signed.actor, batch, q.confirmer.as_deref() == Some("oui"))
        .await
    {
        Ok(issued) => issued,
        // Another administrator's batch, or a reprint: say what it does before doing it.
        Err(preau_app::AppError::ReprintNeedsConfirmation) => {
            let page = crate::views::ConfirmLinkPage {
                base: Base::new(&state, &signed.visitor),
                title: lang.t("letters-confirm-title"),
                text: lang.t("letters-confirm-text"),
                action: format!("/admin/lettres/{batch}?confirmer=oui"),
                button: lang.t("letters-confirm-button"),
                other: None,
            };
            return Ok((axum::http::StatusCode::CONFLICT, page).into_response());
        }
        Err(e) => return Err(PageError::from_app(e, lang)),
    };
    let over_limit = if issued.over_limit > 0 {
        lang.t_with(
            "letters-over-limit",
            &[("count", (issued.over_limit as i64).into())],
        )
    } else {
        String::new()
    };
    let letters = issued.letters;
    Ok(LettersPage {
        base: Base::new(&state, &signed.visitor),
        url: state.app.config().public_url(),
        instance_name: state.app.config().instance_name.clone(),
        letters: letters
            .into_iter()
            .map(|l| LetterView {
                name: l.name,
                structure: l.structure,
                code: l.code,
                expires: Timestamp::from_unix(l.expires_at).date(),
            })
            .collect(),
        over_limit,
    }
    .into_response())
}

#[derive(serde::Deserialize, Default)]
pub struct LettersQuery {
    #[serde(default)]
    confirmer: Option<String>,
}

/// Sends each invitation of the import by email (new codes; earlier letters stop working).
pub async fn emails(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(batch): Path<String>,
) -> Result<crate::views::NoticePage, PageError> {
    let lang = signed.visitor.lang;
    let batch = parse_id(&batch, lang)?;
    let sent = state
        .app
        .send_invitation_emails(&signed.actor, batch)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let mut text = lang.t_with("emails-queued", &[("count", (sent.queued as i64).into())]);
    if sent.already_sent > 0 {
        text.push(' ');
        text.push_str(&lang.t_with(
            "emails-already-sent",
            &[("count", (sent.already_sent as i64).into())],
        ));
    }
    if sent.over_limit > 0 {
        text.push(' ');
        text.push_str(&lang.t_with(
            "letters-over-limit",
            &[("count", (sent.over_limit as i64).into())],
        ));
    }
    Ok(crate::views::NoticePage {
        base: Base::new(&state, &signed.visitor),
        title: lang.t("emails-title"),
        text,
        back_href: "/admin",
        back_label: lang.t("admin-title"),
    })
}

#[derive(serde::Deserialize)]
pub struct UnitFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    commune: String,
}

/// Adds a unit (the district team, a RASED…); schools come from the roster.
pub async fn create_unit(
    State(state): State<WebState>,
    signed: SignedIn,
    crate::extract::WebForm(f): crate::extract::WebForm<UnitFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    match state
        .app
        .create_unit(Some(&signed.actor), &f.name, &f.commune)
        .await
    {
        Ok(_) => Ok(axum::response::Redirect::to("/admin").into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let AppError::Invalid(fields) = &e else {
                return Err(PageError::from_app(e, lang));
            };
            let mut page = overview(State(state.clone()), signed).await?;
            page.unit_errors = Errors::translate(fields, lang);
            page.unit_name = f.name;
            page.unit_commune = f.commune;
            Ok((status_of(&e), page).into_response())
        }
        Err(e) => Err(PageError::from_app(e, lang)),
    }
}

pub async fn why_form(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<crate::views::WhyPage, PageError> {
    let lang = signed.visitor.lang;
    state
        .app
        .may(&signed.actor, Action::ExplainVisibility)
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(crate::views::WhyPage {
        base: Base::new(&state, &signed.visitor),
        viewer: String::new(),
        person: String::new(),
        answer: None,
    })
}

#[derive(serde::Deserialize)]
pub struct WhyFields {
    #[serde(default)]
    viewer: String,
    #[serde(default)]
    person: String,
}

/// Which rule lets one person see another, for an administrator answering a question; the
/// answer reveals no one's private choice.
pub async fn why(
    State(state): State<WebState>,
    signed: SignedIn,
    crate::extract::WebForm(f): crate::extract::WebForm<WhyFields>,
) -> Result<crate::views::WhyPage, PageError> {
    let lang = signed.visitor.lang;
    let answer = state
        .app
        .explain_visibility(&signed.actor, &f.viewer, &f.person)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(crate::views::WhyPage {
        base: Base::new(&state, &signed.visitor),
        viewer: f.viewer,
        person: f.person,
        answer: Some(lang.t(answer.code())),
    })
}
