//! The page routes, declared once: the router is built from this table, and the table is
//! public so that the authorization and CSRF tests walk every route there is — a new route is
//! tested the moment it exists (issue 9 §6).

use crate::pages;
use crate::state::WebState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};
use preau_app::Config;

/// The largest upload request: one file at the size limit, and its multipart framing.
pub fn upload_limit(config: &Config) -> usize {
    usize::try_from(config.storage.max_file_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(1 << 20)
}

/// One method on one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    /// The path template, `{name}` for a parameter.
    pub path: &'static str,
}

struct Table {
    router: Router<WebState>,
    routes: Vec<Route>,
}

impl Table {
    fn at(mut self, path: &'static str, methods: &[Method], route: MethodRouter<WebState>) -> Self {
        self.routes.extend(methods.iter().map(|m| Route {
            method: m.clone(),
            path,
        }));
        self.router = self.router.route(path, route);
        self
    }

    fn get<H: Handler<T, WebState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.at(path, &[Method::GET], get(h))
    }

    fn post<H: Handler<T, WebState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.at(path, &[Method::POST], post(h))
    }

    fn form<G, TG, P, TP>(self, path: &'static str, show: G, submit: P) -> Self
    where
        G: Handler<TG, WebState>,
        TG: 'static,
        P: Handler<TP, WebState>,
        TP: 'static,
    {
        self.at(path, &[Method::GET, Method::POST], get(show).post(submit))
    }
}

/// Every page route with its method.
pub fn page_routes() -> Vec<Route> {
    pages(&Config::default()).1
}

pub(crate) fn pages(config: &Config) -> (Router<WebState>, Vec<Route>) {
    use pages::*;
    let t = Table {
        router: Router::new(),
        routes: Vec::new(),
    }
    .get("/", home::show)
    // Session and the first administrator
    .form("/connexion", auth::show, auth::submit)
    .post("/deconnexion", auth::logout)
    .form("/installation/{token}", setup::show, setup::submit)
    .form("/mot-de-passe-oublie", recovery::form, recovery::request)
    .form(
        "/mot-de-passe-oublie/{token}",
        recovery::reset_form,
        recovery::reset,
    )
    // The person's own account
    .get("/compte", account::show)
    .get("/compte/donnees", my_data::show)
    .get("/compte/donnees/archive", my_data::archive)
    .post("/compte/donnees/limitation", my_data::restrict)
    .form("/compte/supprimer", my_data::close_form, my_data::close)
    .form(
        "/compte/donnees/demandes",
        rights::mine,
        rights::ask_correction,
    )
    .form(
        "/compte/mot-de-passe",
        account::password_form,
        account::change_password,
    )
    .post("/compte/deconnexion-partout", account::logout_everywhere)
    .get("/compte/sessions", account::sessions)
    .post("/compte/sessions/autres", account::end_other_sessions)
    .post("/compte/sessions/{id}/fermer", account::end_session)
    .form("/compte/jetons", account::tokens, account::create_token)
    .post("/compte/jetons/{id}/revoquer", account::revoke_token)
    .form(
        "/compte/visibilite",
        account::visibility,
        account::save_visibility,
    )
    .form(
        "/compte/adresse-de-secours",
        account::recovery_email,
        account::save_recovery_email,
    )
    .post(
        "/compte/adresse-de-secours/supprimer",
        account::remove_recovery_email,
    )
    .post("/compte/confirmer", home::confirm)
    .post("/compte/notice-lue", home::acknowledge_notice)
    // Invitations, from the person's side
    .form(
        "/invitation",
        invitation::code_form,
        invitation::code_submit,
    )
    .get("/invitation/{code}", invitation::show)
    .form(
        "/invitation/{code}/activer",
        invitation::activation_form,
        invitation::activate,
    )
    .post("/invitation/{code}/refus", invitation::decline)
    // Links mailed to the person about their own account
    .form(
        "/activation/{token}",
        links::activation,
        links::confirm_activation,
    )
    .post("/activation/{token}/refus", links::refuse_activation)
    .form("/ce-netait-pas-moi/{token}", links::not_me, links::report)
    .form(
        "/administration/{token}",
        links::admin_grant,
        links::confirm_admin_grant,
    )
    .form(
        "/adresse-de-secours/{token}",
        links::recovery,
        links::confirm_recovery,
    )
    // Directory
    .get("/annuaire", directory::search)
    .get("/annuaire/{id}", directory::person)
    // Working groups
    .form("/groupes", groups::list, groups::create)
    .post("/groupes/invitations/{id}", groups::answer)
    .get("/groupes/{id}", groups::show)
    .post("/groupes/{id}/rejoindre", groups::join)
    .post("/groupes/{id}/demander", groups::request)
    .post("/groupes/{id}/quitter", groups::leave)
    .post("/groupes/{id}/archiver", groups::archive)
    .post("/groupes/{id}/inviter", groups::invite)
    .post("/groupes/{id}/demandes/{person}", groups::decide)
    .post("/groupes/{id}/membres/{person}/role", groups::change_role)
    .form(
        "/groupes/{id}/supprimer",
        groups::delete_form,
        groups::delete,
    )
    // Notifications
    .get("/notifications", notifications::list)
    .post("/notifications/lues", notifications::mark_all_read)
    .post("/notifications/{id}/lue", notifications::mark_read)
    .form(
        "/notifications/preferences",
        notifications::preferences,
        notifications::save_preferences,
    )
    // No login: the link of every notification email (and RFC 8058 one-click POST).
    .form(
        "/notifications/desabonnement/{token}",
        notifications::unsubscribe_page,
        notifications::unsubscribe,
    )
    // Documents
    .get("/documents", documents::mine)
    .get("/groupes/{id}/documents", documents::of_group)
    .get("/documents/{id}", documents::show)
    .post("/documents/{id}/dossiers", documents::create_folder)
    .at(
        "/documents/{id}/fichiers",
        &[Method::POST],
        post(documents::upload).layer(DefaultBodyLimit::max(upload_limit(config))),
    )
    .get("/documents/{id}/telecharger", documents::download)
    .post("/documents/{id}/renommer", documents::rename)
    .at(
        "/documents/{id}/corbeille",
        &[Method::GET, Method::POST],
        get(documents::trash_page).post(documents::trash),
    )
    .post("/documents/{id}/restaurer", documents::restore)
    .get("/documents/partages", documents::shared_with_me)
    .get("/documents/recherche", documents::search)
    .form(
        "/documents/{id}/partage",
        documents::access,
        documents::share,
    )
    .post(
        "/documents/{id}/partage/{share}/retirer",
        documents::unshare,
    )
    .get("/documents/{id}/versions", documents::versions)
    .get("/documents/{id}/archive", documents::download_folder)
    .get(
        "/documents/{id}/versions/{version}/telecharger",
        documents::download_version,
    )
    .post(
        "/documents/{id}/versions/{version}/restaurer",
        documents::restore_version,
    )
    .form(
        "/documents/{id}/deplacer",
        documents::move_form,
        documents::move_or_copy,
    )
    // Administration
    .get("/admin", admin::overview)
    .post("/admin/services", admin::create_unit)
    .form("/admin/visibilite", admin::why_form, admin::why)
    .form("/admin/demandes", rights::queue, rights::enter)
    .get("/admin/demandes/{id}", rights::show)
    .post("/admin/demandes/{id}/prolongation", rights::extend)
    .post("/admin/demandes/{id}/cloture", rights::close)
    .at(
        "/admin/import",
        &[Method::GET, Method::POST],
        get(admin::import_form)
            .post(admin::import_preview)
            .layer(DefaultBodyLimit::max(config.max_roster_mib * 1024 * 1024)),
    )
    .post("/admin/import/{upload}", admin::import_apply)
    .post("/admin/lettres/{batch}", admin::letters)
    .post("/admin/courriels/{batch}", admin::emails)
    // Everyone: a request about one's data without an account (RGT-08), confirmed from the
    // address it gives.
    .form(
        "/demande-donnees",
        rights::public_form,
        rights::public_submit,
    )
    .form(
        "/demande-donnees/{token}",
        rights::confirm_page,
        rights::confirm,
    )
    .post("/langue", lang::switch)
    .get("/donnees-personnelles", legal::privacy)
    .get("/cadre-juridique", legal::frame)
    .get("/accessibilite", legal::accessibility);
    (t.router, t.routes)
}
