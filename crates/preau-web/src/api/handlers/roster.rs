//! The staff roster import and the invitation emails of a batch (administrators).

use crate::api::error::{ApiError, ErrorBody};
use crate::api::extract::{ApiActor, ApiBody, ApiPath, ApiQuery};
use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use preau_domain::policy::Action;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RosterParams {
    /// `true` to import; otherwise the answer is a preview and nothing is written.
    #[serde(default)]
    pub apply: bool,
    /// With `apply=true`, the number of departures of the preview: required when the
    /// preview says `probably_incomplete`, ignored otherwise.
    #[param(minimum = 0, maximum = 1000000)]
    pub confirm_departures: Option<u32>,
}

/// The roster file (UTF-8 or Windows-1252). The document declares the canonical form: the
/// header `Nom;Prénom;Courriel;UAI` (then `École;Corps;Fonctions` if wanted), then lines.
/// The import also reads common synonyms of the column names and `,` as separator
/// (docs/admin/roster.md); a line it cannot use is reported in `rejected`, not refused.
#[derive(ToSchema)]
#[schema(
    pattern = r#"^\ufeff?Nom;Prénom;Courriel;UAI(;[^\r\n"]*)?\r?\n([^\r\n"]*\r?\n)*[^\r\n"]*[^\s;,"][^\r\n"]*(\r?\n[^\r\n"]*)*$"#
)]
#[allow(dead_code)] // a document type: the handler reads the raw bytes
pub struct RosterCsv(String);

#[derive(Serialize, ToSchema)]
pub struct RosterLineReport {
    /// The line in the file.
    pub line: usize,
    pub name: String,
    pub email: String,
    pub structure: String,
}

#[derive(Serialize, ToSchema)]
pub struct RosterRejection {
    pub line: usize,
    /// Stable: `roster-line-columns`, `roster-line-email`, `roster-line-email-lookalike`, `roster-line-account-exists`, `roster-line-uai`, `roster-line-name`,
    /// `roster-line-duplicate`.
    pub code: String,
    pub detail: String,
}

#[derive(Serialize, ToSchema)]
pub struct RosterReportBody {
    pub applied: bool,
    /// The import's batch, for letters and emails (when applied).
    pub batch: Option<Uuid>,
    pub added: Vec<RosterLineReport>,
    pub updated: Vec<RosterLineReport>,
    /// How many accounts the file marks as departing: a count, never who (each is told by
    /// email and can contest); `null` for fewer than 10, so that a file that differs from the
    /// roster by one person does not tell whether that person opened an account.
    pub departed: Option<usize>,
    /// More than 10 % of the accounts (and more than 20) would leave: the import needs
    /// `confirm_departures` equal to `departed`.
    pub probably_incomplete: bool,
    pub rejected: Vec<RosterRejection>,
    pub unchanged: usize,
    pub new_structures: usize,
}

fn lines(v: Vec<preau_app::roster::ReportLine>) -> Vec<RosterLineReport> {
    v.into_iter()
        .map(|l| RosterLineReport {
            line: l.line,
            name: l.name,
            email: l.email,
            structure: l.structure,
        })
        .collect()
}

/// The staff roster as CSV (administrators): a preview, or the import with `apply=true`. It
/// creates invitations, never accounts. Previews and imports are written to the journal.
#[utoipa::path(post, path = "/api/v1/roster", tag = "structures", security(("bearer" = [])), params(RosterParams),
    request_body(content = RosterCsv, content_type = "text/csv"),
    responses((status = 200, description = "The preview, or what was imported", body = RosterReportBody),
        (status = 400, description = "`invalid-query`: `apply` is not `true` or `false`, or `confirm_departures` is not a number", body = ErrorBody), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody), (status = 403, description = "`forbidden`: administrators only", body = ErrorBody),
        (status = 413, description = "`body-too-large`: over `max_roster_mib`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: the file as a whole is refused (`roster-empty`, \
            `roster-missing-columns`, `roster-too-many-lines`), or the import would be probably incomplete \
            and `confirm_departures` is not the number of departures (field `confirm_departures`, \
            `roster-probably-incomplete`; nothing written)", body = ErrorBody)))]
pub async fn roster(
    State(state): State<WebState>,
    who: ApiActor,
    params: Result<ApiQuery<RosterParams>, ApiError>,
    body: Result<ApiBody, ApiError>,
) -> Result<Json<RosterReportBody>, ApiError> {
    let lang = who.lang;
    state
        .app
        .may(&who.actor, Action::ImportRoster)
        .map_err(|e| ApiError::from_app(e, lang))?;
    let (ApiQuery(p), ApiBody(body)) = (params?, body?);
    let (batch, report) = if p.apply {
        let applied = state
            .app
            .import_roster_as(&who.actor, &body, p.confirm_departures.map(|n| n as usize))
            .await
            .map_err(|e| ApiError::from_app(e, lang))?;
        (Some(applied.batch), applied.report)
    } else {
        (
            None,
            state
                .app
                .preview_roster_report(&who.actor, &body)
                .await
                .map_err(|e| ApiError::from_app(e, lang))?,
        )
    };
    Ok(Json(RosterReportBody {
        applied: p.apply,
        batch,
        rejected: report
            .rejected
            .into_iter()
            .map(|r| RosterRejection {
                line: r.line,
                code: r.code.to_owned(),
                detail: r.detail,
            })
            .collect(),
        unchanged: report.unchanged,
        new_structures: report.new_structures,
        added: lines(report.added),
        updated: lines(report.updated),
        departed: (report.departed >= 10).then_some(report.departed),
        probably_incomplete: report.probably_incomplete,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Queued {
    /// Invitation emails queued (each with a new code; earlier codes stop working).
    pub queued: usize,
    /// Invitations emailed less than 10 minutes ago: not sent twice.
    pub already_sent: usize,
    /// People who had their 3 letters or emails in 30 days: none sent.
    pub over_limit: usize,
}

/// Sends each live invitation of an import by email to its professional address
/// (administrators).
#[utoipa::path(post, path = "/api/v1/roster/batches/{batch}/emails", tag = "structures", security(("bearer" = [])),
    params(("batch" = Uuid, Path, description = "The import's batch, from POST /api/v1/roster?apply=true")),
    responses((status = 200, description = "Queued, possibly none (every invitation activated or expired)", body = Queued),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody), (status = 403, description = "`forbidden`: administrators only", body = ErrorBody), (status = 404, description = "`not-found`: no import with this batch", body = ErrorBody)))]
pub async fn send_invitations(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(batch): ApiPath<Uuid>,
) -> Result<Json<Queued>, ApiError> {
    let sent = state
        .app
        .send_invitation_emails(&who.actor, batch)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(Queued {
        queued: sent.queued,
        already_sent: sent.already_sent,
        over_limit: sent.over_limit,
    }))
}
