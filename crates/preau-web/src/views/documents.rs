//! « Mes documents » and groups' spaces: a folder, and a space's trash.

use super::{Base, Errors};
use askama::Template;
use askama_web::WebTemplate;

/// One entry of a folder or of the trash.
pub struct DocumentLine {
    pub id: String,
    pub name: String,
    pub folder: bool,
    /// « 12,4 Ko », empty for a folder.
    pub size: String,
    pub date: String,
    pub may_change: bool,
    pub may_share: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents.html")]
pub struct FolderPage {
    pub base: Base,
    pub notice: Option<String>,
    pub errors: Errors,
    pub id: String,
    /// The folder's name (the space's for its root).
    pub name: String,
    /// From the space's root to the parent: (id, name).
    pub parents: Vec<(String, String)>,
    pub items: Vec<DocumentLine>,
    /// The page shown (from 1), of `pages`; `total` entries in the folder.
    pub page: i64,
    pub pages: i64,
    /// « Page 2 sur 101 (10 050 éléments) ».
    pub pager: String,
    pub may_add: bool,
    /// Whether the asker may share this folder.
    pub may_share: bool,
    /// « 1,2 Mo sur 2 Go », or the usage alone without a quota; none through a share.
    pub usage: Option<String>,
    /// The group whose space it is, for the link back.
    pub group: Option<String>,
    /// What the new-folder field holds after a refusal.
    pub new_folder: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents_trash.html")]
pub struct TrashPage {
    pub base: Base,
    pub notice: Option<String>,
    pub errors: Errors,
    /// The folder the trash was opened from (any folder of the space).
    pub id: String,
    pub space_name: String,
    pub items: Vec<DocumentLine>,
}

/// A share, as the page about a document's access lists it.
pub struct ShareLine {
    pub id: String,
    /// « Léa Fontaine », « groupe « Cycle 3 » », or a person the viewer does not see.
    pub who: String,
    /// « Lecture », « Contribution », « Gestion ».
    pub access: String,
    /// The folder it is inherited from (id, name); none when it is on the document.
    pub from: Option<(String, String)>,
}

/// Who has access to a document or folder, and the forms to share it.
#[derive(Template, WebTemplate)]
#[template(path = "documents_access.html")]
pub struct AccessPage {
    pub base: Base,
    pub notice: Option<String>,
    pub errors: Errors,
    pub id: String,
    pub title: String,
    /// The folder it is in, to go back to.
    pub parent: String,
    /// What the space gives (« Vous, dans votre espace. »).
    pub space_line: String,
    pub shares: Vec<ShareLine>,
    /// The groups one may share with: (id, name).
    pub groups: Vec<(String, String)>,
    /// What the forms hold after a refusal.
    pub email: String,
    pub access: String,
    pub group: String,
}

/// One entry of « Partagés avec moi ».
pub struct SharedLine {
    pub id: String,
    pub name: String,
    pub folder: bool,
    pub size: String,
    pub access: String,
    pub shared_by: String,
    pub space: String,
    pub date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents_shared.html")]
pub struct SharedPage {
    pub base: Base,
    pub items: Vec<SharedLine>,
}

/// One version of a file.
pub struct VersionLine {
    pub id: String,
    pub date: String,
    pub size: String,
    /// The first 16 hexadecimal digits: enough to compare two copies by eye.
    pub sha256: String,
    pub current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents_versions.html")]
pub struct VersionsPage {
    pub base: Base,
    pub notice: Option<String>,
    pub id: String,
    pub title: String,
    pub parent: String,
    pub may_change: bool,
    pub versions: Vec<VersionLine>,
}

/// Where to move or copy a document: the spaces, then one folder and its subfolders.
#[derive(Template, WebTemplate)]
#[template(path = "documents_move.html")]
pub struct MovePage {
    pub base: Base,
    pub errors: Errors,
    pub id: String,
    pub title: String,
    pub parent: String,
    /// (root id, « Mes documents » or the group's name).
    pub spaces: Vec<(String, String)>,
    /// The folder looked at.
    pub here: String,
    pub here_title: String,
    pub here_name: String,
    pub here_parents: Vec<(String, String)>,
    pub subfolders: Vec<(String, String)>,
    pub may_add: bool,
    pub may_move: bool,
}

/// A document found by name.
pub struct FoundLine {
    pub id: String,
    pub name: String,
    pub folder: bool,
    /// The folder it is in (id, name), when the viewer may see it.
    pub parent: Option<(String, String)>,
    pub size: String,
    pub date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents_search.html")]
pub struct SearchPage {
    pub base: Base,
    pub title: String,
    pub query: String,
    /// « 3 résultats ».
    pub count: String,
    pub items: Vec<FoundLine>,
}
