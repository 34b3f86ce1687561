//! Préau's integration tests: the real application on 127.0.0.1:0 with a fresh data
//! directory, driven over real HTTP. On SQLite always; on PostgreSQL too when
//! PREAU_TEST_POSTGRES_URL is set (each test in its own database, dropped afterwards).
//! One test binary for the whole crate, to keep link time down.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod helpers;

mod admin;
mod api;
mod auth;
mod backup;
mod budget;
mod cluster;
mod config;
mod demo;
mod directory;
mod documents;
mod documents_large;
mod groups;
mod groups_api;
mod groups_matrix;
mod i18n;
mod input;
mod inventory;
mod legal;
mod lifecycle;
mod mail;
mod my_data;
mod notifications;
mod rights_requests;
mod routes;
mod security;
mod sessions;
mod setup;
mod sharing;
mod storage;
mod store;
mod takeover;
mod throttles;
