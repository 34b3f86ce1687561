//! « Mes données » (issue 11, first part): what is kept, and the archive.

use crate::error::PageError;
use crate::extract::SignedIn;
use crate::state::WebState;
use crate::views::{Base, KeptLine, MyDataPage};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

pub async fn show(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<MyDataPage, PageError> {
    let lang = signed.visitor.lang;
    let kept = state
        .app
        .data_kept(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(MyDataPage {
        base: Base::new(&state, &signed.visitor),
        lines: kept
            .into_iter()
            .map(|k| KeptLine {
                name: k.name,
                purpose: k.purpose,
                retention: k.retention,
                rows: k.rows,
            })
            .collect(),
    })
}

/// The archive, as a download.
pub async fn archive(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let archive = state
        .app
        .export_my_data(&signed.actor, lang)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(zip_response(archive))
}

/// A ZIP download that no cache keeps.
pub fn zip_response(archive: preau_app::export::ExportArchive) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", archive.filename),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        archive.bytes,
    )
        .into_response()
}
