//! The demo's documents, filed by their people through the same use cases as anyone's: a
//! few dozen colleagues fill « Mes documents » with folders and small files, and the owners
//! of some groups put an agenda in their group's space; each shares « Réunions » with a
//! group of theirs to read, and « Préparations » with the next colleague (when they may see
//! them) to contribute. Bounded at every scale, so that the demo stays quick: the bench
//! makes its own large folder.

use super::DemoError;
use bytes::Bytes;
use preau_app::App;
use preau_app::documents::ShareTarget;
use preau_domain::groups::GroupRole;
use preau_domain::policy::DocumentAccess;
use std::collections::BTreeSet;

/// People who file documents, at most.
const PEOPLE: usize = 40;
/// Group spaces that get a file, at most.
const GROUP_SPACES: usize = 30;

/// What the demo filed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentCounts {
    pub folders: usize,
    pub files: usize,
    pub group_spaces: usize,
    /// Folders shared with a colleague or with a group.
    pub shares: usize,
}

fn body(text: String) -> impl futures_util::Stream<Item = Result<Bytes, std::convert::Infallible>> {
    futures_util::stream::iter([Ok(Bytes::from(text))])
}

/// A small PDF that a viewer opens: one page, one line of text.
fn pdf(line: &str) -> String {
    let stream = format!("BT /F1 14 Tf 72 720 Td ({line}) Tj ET");
    format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
         2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
         3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >> endobj\n\
         4 0 obj << /Length {} >> stream\n{stream}\nendstream endobj\n\
         5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n\
         trailer << /Root 1 0 R >>\n%%EOF\n",
        stream.len()
    )
}

pub async fn generate(app: &App, logins: &[String]) -> Result<DocumentCounts, DemoError> {
    let mut counts = DocumentCounts::default();
    let mut spaces_done = BTreeSet::new();
    let refusal = |e: preau_app::demo::DemoRefusal| match e {
        preau_app::demo::DemoRefusal::App(e) => DemoError::App(e),
        preau_app::demo::DemoRefusal::Production => DemoError::Production,
        preau_app::demo::DemoRefusal::NotEmpty => DemoError::NotEmpty,
    };
    for (i, email) in logins.iter().take(PEOPLE).enumerate() {
        let actor = app.demo_actor(email).await.map_err(refusal)?;
        let root = app.my_documents(&actor).await?;
        let lessons = app.create_folder(&actor, root, "Préparations").await?;
        let meetings = app.create_folder(&actor, root, "Réunions").await?;
        counts.folders += 2;
        app.upload_document(
            &actor,
            lessons,
            "Progression annuelle.txt",
            body(
                "Période 1 : nombres jusqu'à 100, lecture de consignes.\n\
                 Période 2 : addition posée, production d'écrits courts.\n"
                    .to_owned(),
            ),
        )
        .await?;
        app.upload_document(
            &actor,
            meetings,
            "Compte rendu du conseil de cycle.pdf",
            body(pdf(
                "Conseil de cycle : projet lecture et sorties du printemps.",
            )),
        )
        .await?;
        counts.files += 2;
        let groups = app.my_groups(&actor).await?;
        if let Some(g) = groups.iter().find(|g| !g.archived && g.my_role.is_some()) {
            app.share_document(
                &actor,
                meetings,
                ShareTarget::Group(g.id),
                DocumentAccess::Read,
            )
            .await?;
            counts.shares += 1;
        }
        if let Some(next) = logins.get(i + 1) {
            let colleague = app.demo_actor(next).await.map_err(refusal)?;
            let to = ShareTarget::Person(colleague.id().as_uuid());
            match app
                .share_document(&actor, lessons, to, DocumentAccess::Contribute)
                .await
            {
                Ok(_) => counts.shares += 1,
                // Someone they may not see is no one to share with: the rule holds here too.
                Err(preau_app::AppError::Invalid(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        if spaces_done.len() >= GROUP_SPACES {
            continue;
        }
        for g in groups {
            if g.my_role != Some(GroupRole::Owner)
                || g.archived
                || spaces_done.len() >= GROUP_SPACES
                || !spaces_done.insert(g.id)
            {
                continue;
            }
            let space = app.group_documents(&actor, g.id).await?;
            app.upload_document(
                &actor,
                space,
                "Ordre du jour.txt",
                body(format!(
                    "{} — prochaine réunion\n1. Tour de table\n2. Projets en cours\n3. Dates\n",
                    g.name
                )),
            )
            .await?;
            counts.files += 1;
            counts.group_spaces += 1;
        }
    }
    Ok(counts)
}
