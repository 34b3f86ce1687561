//! Configuration: production refuses to start without the legal keys, and says which and
//! where to set them; development shows the demonstration banner.

use crate::helpers::*;
use preau_app::config::Mode;
use std::process::Command;

fn preau() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_preau"));
    // Only what the test sets: no stray PREAU_* from the environment.
    for (k, _) in std::env::vars() {
        if k.starts_with("PREAU_") {
            c.env_remove(k);
        }
    }
    c
}

#[tokio::test]
async fn production_mode_refuses_to_start_without_the_legal_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.mode = Mode::Production;
    let err = match preau::Application::build(config).await {
        Ok(_) => panic!("production without legal keys must not start"),
        Err(e) => format!("{e:#}"),
    };
    for key in [
        "public_url",
        "controller_name",
        "controller_address",
        "dpo_contact",
        "mail.smtp_url",
    ] {
        assert!(
            err.contains(&format!("`{key}`")),
            "{key} not named in: {err}"
        );
    }
}

#[test]
fn config_check_names_the_missing_keys_and_their_variables() {
    let dir = tempfile::tempdir().unwrap();
    let out = preau()
        .current_dir(dir.path())
        .args(["config", "check"])
        .env("PREAU_MODE", "production")
        .env("PREAU_CONTROLLER_NAME", "DSDEN de la Somme")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "`dpo_contact`",
        "PREAU_DPO_CONTACT",
        "`controller_address`",
        "`public_url`",
        "preau.toml",
    ] {
        assert!(stderr.contains(needle), "{needle} not in: {stderr}");
    }
    assert!(
        !stderr.contains("`controller_name`"),
        "set by the environment: {stderr}"
    );
}

#[test]
fn config_check_reports_a_wrong_value_with_its_source_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("preau.toml"),
        "max_in_flight = \"beaucoup\"\n[session]\nidle_minutes = 90\n",
    )
    .unwrap();
    let out = preau()
        .current_dir(dir.path())
        .args(["config", "check"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("max_in_flight") && stderr.contains("preau.toml"),
        "{stderr}"
    );

    std::fs::write(
        dir.path().join("preau.toml"),
        "[session]\nidle_minutes = 90\n",
    )
    .unwrap();
    let out = preau()
        .current_dir(dir.path())
        .args(["config", "check"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`session.idle_minutes`") && stderr.contains("PREAU_SESSION__IDLE_MINUTES"),
        "{stderr}"
    );

    let out = preau()
        .current_dir(dir.path())
        .args(["--config", "absent.toml", "config", "check"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("absent.toml"));
}

#[test]
fn config_check_accepts_the_defaults_and_help_explains_each_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = preau()
        .current_dir(dir.path())
        .args(["config", "check"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("development"));
    let help = preau().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for command in ["serve", "migrate", "admin", "config", "openapi"] {
        assert!(help.contains(command), "{command} in --help");
    }
}

#[test]
fn the_setup_link_command_prints_a_working_link() {
    let dir = tempfile::tempdir().unwrap();
    let out = preau()
        .current_dir(dir.path())
        .args(["admin", "setup-link"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("http://127.0.0.1:8080/installation/"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("/installation/"),
        "the link is never logged"
    );
    assert!(
        dir.path().join("data/preau.sqlite3").exists() && dir.path().join("data/outbox").is_dir()
    );
}

#[tokio::test]
async fn production_with_the_legal_keys_starts_without_the_demo_banner() {
    let t = TestApp::spawn_with(|c| {
        c.mode = Mode::Production;
        c.public_url = Some("https://ent.circo-amiens3.fr".into());
        c.controller_name = Some("DASEN de la Somme".into());
        c.controller_address = Some("20 boulevard d'Alsace-Lorraine, 80000 Amiens".into());
        c.dpo_contact = Some("dpd@ac-amiens.fr".into());
        c.mail.smtp_url = Some(preau_app::config::Secret::new(
            "smtp://127.0.0.1:2525".to_owned(),
        ));
    })
    .await;
    let (status, body) = t.browser().get_text("/donnees-personnelles").await;
    assert_eq!(status, 200);
    assert!(!body.contains("demo-banner"));
    assert!(body.contains("DASEN de la Somme") && body.contains("dpd@ac-amiens.fr"));
    let (_, dev) = TestApp::spawn()
        .await
        .browser()
        .get_text("/connexion")
        .await;
    assert!(dev.contains("demo-banner") && dev.contains("Instance de démonstration"));
}
