//! Rights requests (issue 11, RGT-08): the administrators' queue (`/admin/demandes`), the
//! person's own requests and correction form (`/compte/donnees/demandes`), and the public
//! form for people without an account (`/demande-donnees`).

use crate::error::{PageError, form_failure, parse_id};
use crate::extract::{Path, Query, SignedIn, Visitor, WebForm};
use crate::i18n::Lang;
use crate::state::WebState;
use crate::views::{
    Base, Choice, ConfirmLinkPage, Errors, MyRequestsPage, NoticePage, PublicRightsPage,
    RequestLine, RightsQueuePage, RightsRequestPage, RosterField,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use preau_app::AppError;
use preau_app::rights::{Closing, PostalRequest, ROSTER_FIELDS, RightsRequest};
use preau_domain::rights::{RefusalGround, RequestKind};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    ok: Option<String>,
}

/// The notices a redirect may ask for.
const NOTICES: &[&str] = &[
    "rights-entered",
    "rights-extended",
    "rights-closed",
    "rights-correction-sent",
];

fn notice(q: &NoticeQuery, lang: Lang) -> Option<String> {
    q.ok.as_deref()
        .filter(|k| NOTICES.contains(k))
        .map(|k| lang.t(k))
}

pub(crate) fn line(r: &RightsRequest, lang: Lang) -> RequestLine {
    RequestLine {
        id: r.id.to_string(),
        received: r.received_at.date(),
        due: r.due_at.date(),
        kind: lang.t(&format!("rights-kind-{}", r.kind.as_str())),
        requester: r.requester_name.clone(),
        email: r.requester_email.clone(),
        channel: lang.t(&format!("rights-channel-{}", r.channel.as_str())),
        status: lang.t(&format!("rights-status-{}", r.status.as_str())),
        overdue: r.overdue,
        fields: r
            .fields
            .iter()
            .map(|f| lang.t(&format!("access-field-{f}")))
            .collect::<Vec<_>>()
            .join(", "),
        body: r.body.clone(),
        extension_reason: r.extension_reason.clone(),
        answer: r.answer.clone(),
        ground: r
            .refusal_ground
            .map(|g| lang.t(&format!("rights-ground-{}", g.as_str()))),
        closed: r.closed_at.map(|t| t.date()),
        extendable: r.extendable,
        pending: r.status.is_pending(),
    }
}

fn kinds(lang: Lang) -> Vec<Choice> {
    RequestKind::ALL
        .into_iter()
        .map(|k| Choice {
            code: k.as_str(),
            label: lang.t(&format!("rights-kind-{}", k.as_str())),
        })
        .collect()
}

fn grounds(lang: Lang) -> Vec<Choice> {
    RefusalGround::ALL
        .into_iter()
        .map(|g| Choice {
            code: g.as_str(),
            label: lang.t(&format!("rights-ground-{}", g.as_str())),
        })
        .collect()
}

// ---- The administrators' queue ----

#[derive(Deserialize, Default)]
pub struct PostalFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    received_on: String,
    #[serde(default)]
    body: String,
}

async fn queue_page(
    state: &WebState,
    signed: &SignedIn,
    notice: Option<String>,
    form: PostalFields,
    errors: Errors,
) -> Result<RightsQueuePage, PageError> {
    let lang = signed.visitor.lang;
    let q = state
        .app
        .rights_queue(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let received_on = if form.received_on.is_empty() {
        state.app.now().date()
    } else {
        form.received_on
    };
    Ok(RightsQueuePage {
        base: Base::new(state, &signed.visitor),
        notice,
        overdue_text: lang.t_with("rights-overdue", &[("count", (q.overdue as i64).into())]),
        overdue: q.overdue,
        pending: q.pending.iter().map(|r| line(r, lang)).collect(),
        closed: q.closed.iter().map(|r| line(r, lang)).collect(),
        kinds: kinds(lang),
        errors,
        person_name: form.name,
        email: form.email,
        kind: form.kind,
        received_on,
        body: form.body,
    })
}

pub async fn queue(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<RightsQueuePage, PageError> {
    let n = notice(&q, signed.visitor.lang);
    queue_page(
        &state,
        &signed,
        n,
        PostalFields::default(),
        Errors::default(),
    )
    .await
}

/// A letter received by post, typed in.
pub async fn enter(
    State(state): State<WebState>,
    signed: SignedIn,
    WebForm(f): WebForm<PostalFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let entered = state
        .app
        .enter_postal_request(
            &signed.actor,
            &PostalRequest {
                name: &f.name,
                email: &f.email,
                kind: &f.kind,
                body: &f.body,
                received_on: &f.received_on,
            },
        )
        .await;
    match entered {
        Ok(_) => Ok(Redirect::to("/admin/demandes?ok=rights-entered").into_response()),
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            let page = queue_page(&state, &signed, None, f, errors).await?;
            Ok(reply.with(page))
        }
    }
}

#[derive(Deserialize, Default)]
pub struct HandlingFields {
    #[serde(default)]
    months: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    ground: String,
    #[serde(default)]
    message: String,
}

async fn request_page(
    state: &WebState,
    signed: &SignedIn,
    id: uuid::Uuid,
    notice: Option<String>,
    f: HandlingFields,
    extend_errors: Errors,
    close_errors: Errors,
) -> Result<RightsRequestPage, PageError> {
    let lang = signed.visitor.lang;
    let r = state
        .app
        .rights_request(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(RightsRequestPage {
        base: Base::new(state, &signed.visitor),
        notice,
        r: line(&r, lang),
        grounds: grounds(lang),
        extend_errors,
        months: f.months,
        reason: f.reason,
        close_errors,
        outcome: f.outcome,
        ground: f.ground,
        message: f.message,
    })
}

pub async fn show(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<RightsRequestPage, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    // The policy first: a non-administrator gets 403 whatever the id.
    state
        .app
        .may(
            &signed.actor,
            preau_domain::policy::Action::HandleRightsRequests,
        )
        .map_err(|e| PageError::from_app(e, lang))?;
    request_page(
        &state,
        &signed,
        id,
        notice(&q, lang),
        HandlingFields::default(),
        Errors::default(),
        Errors::default(),
    )
    .await
}

pub async fn extend(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    WebForm(f): WebForm<HandlingFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    state
        .app
        .may(
            &signed.actor,
            preau_domain::policy::Action::HandleRightsRequests,
        )
        .map_err(|e| PageError::from_app(e, lang))?;
    let id = parse_id(&id, lang)?;
    match state
        .app
        .extend_rights_request(&signed.actor, id, &f.months, &f.reason)
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/admin/demandes/{id}?ok=rights-extended")).into_response())
        }
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            let page =
                request_page(&state, &signed, id, None, f, errors, Errors::default()).await?;
            Ok(reply.with(page))
        }
    }
}

pub async fn close(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    WebForm(f): WebForm<HandlingFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    state
        .app
        .may(
            &signed.actor,
            preau_domain::policy::Action::HandleRightsRequests,
        )
        .map_err(|e| PageError::from_app(e, lang))?;
    let id = parse_id(&id, lang)?;
    let closing = Closing {
        outcome: &f.outcome,
        ground: &f.ground,
        message: &f.message,
    };
    match state
        .app
        .close_rights_request(&signed.actor, id, &closing)
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/admin/demandes/{id}?ok=rights-closed")).into_response())
        }
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            let page =
                request_page(&state, &signed, id, None, f, Errors::default(), errors).await?;
            Ok(reply.with(page))
        }
    }
}

// ---- The person's own requests ----

#[derive(Deserialize, Default)]
pub struct CorrectionFields {
    #[serde(default)]
    field_name: Option<String>,
    #[serde(default)]
    field_structure: Option<String>,
    #[serde(default)]
    field_corps: Option<String>,
    #[serde(default)]
    field_functions: Option<String>,
    #[serde(default)]
    body: String,
}

impl CorrectionFields {
    fn chosen(&self) -> Vec<String> {
        [
            ("name", &self.field_name),
            ("structure", &self.field_structure),
            ("corps", &self.field_corps),
            ("functions", &self.field_functions),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(f, _)| f.to_owned())
        .collect()
    }
}

async fn mine_page(
    state: &WebState,
    signed: &SignedIn,
    notice: Option<String>,
    f: CorrectionFields,
    errors: Errors,
) -> Result<MyRequestsPage, PageError> {
    let lang = signed.visitor.lang;
    let fail = |e| PageError::from_app(e, lang);
    let p = state.app.own_profile(&signed.actor).await.map_err(fail)?;
    let requests = state
        .app
        .my_rights_requests(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let chosen = f.chosen();
    let values = [
        format!("{} {}", p.given_name, p.family_name),
        p.structure.clone().unwrap_or_default(),
        p.corps.clone(),
        p.functions
            .iter()
            .map(|x| lang.t(&format!("function-{}", x.as_str())))
            .collect::<Vec<_>>()
            .join(", "),
    ];
    Ok(MyRequestsPage {
        base: Base::new(state, &signed.visitor),
        notice,
        fields: ROSTER_FIELDS
            .into_iter()
            .zip(values)
            .map(|(code, value)| RosterField {
                code,
                label: lang.t(&format!("rights-roster-{code}")),
                value,
                checked: chosen.iter().any(|c| c == code),
            })
            .collect(),
        body: f.body,
        errors,
        requests: requests.iter().map(|r| line(r, lang)).collect(),
    })
}

pub async fn mine(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<MyRequestsPage, PageError> {
    let n = notice(&q, signed.visitor.lang);
    mine_page(
        &state,
        &signed,
        n,
        CorrectionFields::default(),
        Errors::default(),
    )
    .await
}

pub async fn ask_correction(
    State(state): State<WebState>,
    signed: SignedIn,
    WebForm(f): WebForm<CorrectionFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    match state
        .app
        .request_correction(&signed.actor, &f.chosen(), &f.body)
        .await
    {
        Ok(_) => {
            Ok(Redirect::to("/compte/donnees/demandes?ok=rights-correction-sent").into_response())
        }
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            let page = mine_page(&state, &signed, None, f, errors).await?;
            Ok(reply.with(page))
        }
    }
}

// ---- The public form ----

#[derive(Deserialize, Default)]
pub struct PublicFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    body: String,
}

fn public_page(state: &WebState, visitor: &Visitor, f: PublicFields, errors: Errors) -> Response {
    PublicRightsPage {
        base: Base::new(state, visitor),
        kinds: kinds(visitor.lang),
        errors,
        person_name: f.name,
        email: f.email,
        kind: if f.kind.is_empty() {
            RequestKind::Other.as_str().to_owned()
        } else {
            f.kind
        },
        body: f.body,
    }
    .into_response()
}

pub async fn public_form(State(state): State<WebState>, visitor: Visitor) -> Response {
    public_page(&state, &visitor, PublicFields::default(), Errors::default())
}

/// The same answer for any address: the request waits for its link to be followed.
pub async fn public_submit(
    State(state): State<WebState>,
    visitor: Visitor,
    WebForm(f): WebForm<PublicFields>,
) -> Response {
    let lang = visitor.lang;
    match state
        .app
        .submit_public_rights_request(&f.name, &f.email, &f.kind, &f.body, &visitor.client)
        .await
    {
        Ok(()) => NoticePage {
            base: Base::new(&state, &visitor),
            title: lang.t("rights-public-title"),
            text: lang.t("rights-public-sent"),
            back_href: "/donnees-personnelles",
            back_label: lang.t("privacy-title"),
        }
        .into_response(),
        Err(e) => match form_failure(e, lang) {
            Ok((errors, reply)) => reply.with(public_page(&state, &visitor, f, errors)),
            Err(page) => page.into_response(),
        },
    }
}

/// The mailed link: what confirming does, and the button (a POST: a mail scanner fetching
/// the link changes nothing).
pub async fn confirm_page(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> ConfirmLinkPage {
    let lang = visitor.lang;
    ConfirmLinkPage {
        base: Base::new(&state, &visitor),
        title: lang.t("rights-confirm-title"),
        text: lang.t("rights-confirm-text"),
        action: format!("/demande-donnees/{token}"),
        button: lang.t("rights-confirm-button"),
        other: None,
    }
}

pub async fn confirm(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    let lang = visitor.lang;
    let page = |status: StatusCode, text: &str| {
        (
            status,
            NoticePage {
                base: Base::new(&state, &visitor),
                title: lang.t("rights-confirm-title"),
                text: lang.t(text),
                back_href: "/donnees-personnelles",
                back_label: lang.t("privacy-title"),
            },
        )
            .into_response()
    };
    match state
        .app
        .confirm_public_rights_request(&token, &visitor.client)
        .await
    {
        Ok(()) => page(StatusCode::OK, "rights-confirm-done"),
        Err(AppError::LinkInvalid) => page(StatusCode::NOT_FOUND, "link-invalid"),
        Err(e) => PageError::from_app(e, lang).into_response(),
    }
}
