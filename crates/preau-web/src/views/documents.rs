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
    /// « 1,2 Mo sur 2 Go », or the usage alone without a quota.
    pub usage: String,
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
