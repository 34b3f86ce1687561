//! `/api/v1` endpoints.

mod account;
mod directory;
mod documents;
mod groups;
mod notifications;
mod rights;
mod roster;
mod sessions;
mod structures;
mod system;
mod tokens;

pub use account::*;
pub use directory::*;
pub use documents::*;
pub use groups::*;
pub use notifications::*;
pub use rights::*;
pub use roster::*;
pub use sessions::*;
pub use structures::*;
pub use system::*;
pub use tokens::*;
