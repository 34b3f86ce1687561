//! What every handler receives: the use cases and the few web settings derived from the
//! configuration once at start-up.

use preau_app::App;
use preau_domain::network::IpNetwork;
use std::sync::Arc;

#[derive(Clone)]
pub struct WebState {
    pub app: App,
    pub web: Arc<WebSettings>,
}

pub struct WebSettings {
    /// `__Host-preau_session` over https (the prefix requires `Secure`), `preau_session` on
    /// plain http in development.
    pub session_cookie: &'static str,
    pub secure_cookies: bool,
    pub demo: bool,
    pub instance_name: String,
    /// The reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpNetwork>,
}

impl WebState {
    pub fn new(app: App) -> Self {
        let secure = app.config().public_url().starts_with("https://");
        let web = WebSettings {
            session_cookie: if secure {
                "__Host-preau_session"
            } else {
                "preau_session"
            },
            secure_cookies: secure,
            demo: !app.config().is_production(),
            instance_name: app.config().instance_name.clone(),
            trusted_proxies: app.config().trusted_proxy_networks(),
        };
        Self {
            app,
            web: Arc::new(web),
        }
    }
}
