//! Préau's pure rules: value types that cannot hold a wrong value, the clock, secret tokens
//! and the permission vocabulary. No I/O and no async: every other crate builds on these.

pub mod aggregate;
pub mod clock;
pub mod documents;
pub mod email;
pub mod groups;
pub mod ids;
pub mod jpeg;
pub mod messages;
pub mod name;
pub mod network;
pub mod notifications;
pub mod password;
pub mod permission;
pub mod policy;
pub mod rights;
pub mod roster;
pub mod structure;
pub mod text;
pub mod token;
pub mod uai;

pub use clock::{Clock, ManualClock, SystemClock, Timestamp};
pub use email::Email;
pub use ids::UserId;
pub use name::PersonName;
pub use permission::Permission;
pub use token::{SecretToken, TokenHash};
