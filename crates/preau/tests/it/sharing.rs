//! Sharing documents (issue 12): the role × action matrix — the owner, a person with each
//! right, a member of a group it is shared with, an outsider, the IEN and the administrator —
//! then what sharing means in the pages and the API: inherited by what a folder holds, one
//! row for a group whoever its members are, « Partagés avec moi », nothing of the owner's
//! space beyond what is shared, and a person one may not see is no one to share with.

use crate::helpers::*;
use preau_app::documents::{ShareTarget, ShareeView};
use preau_app::{Actor, AppError};
use preau_domain::policy::DocumentAccess;
use uuid::Uuid;

/// How a use case answered, for the matrix.
fn outcome<T>(r: &Result<T, AppError>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(AppError::Forbidden) => "forbidden",
        Err(AppError::NotFound) => "not-found",
        Err(AppError::Invalid(_)) => "invalid",
        Err(_) => "other",
    }
}

fn body(
    text: &str,
) -> impl futures_util::Stream<Item = Result<bytes::Bytes, std::convert::Infallible>> {
    futures_util::stream::iter([Ok(bytes::Bytes::from(text.to_owned()))])
}

/// The people of the matrix, by role; all of them see each other in the directory but
/// `hidden`, who keeps to their school, elsewhere.
const ROLES: [(&str, &str); 9] = [
    ("Olivia", "owner"),
    ("Rémi", "reader"),
    ("Chloé", "contributor"),
    ("Maël", "manager"),
    ("Gaspard", "groupmember"),
    ("Oscar", "outsider"),
    ("Ivan", "ien"),
    ("Hugo", "hidden"),
    ("Nina", "newcomer"),
];

struct Cast {
    people: Vec<(&'static str, Actor)>,
    admin: Actor,
}

impl Cast {
    fn of(&self, role: &str) -> &Actor {
        &self.people.iter().find(|(r, _)| *r == role).unwrap().1
    }
}

fn email(role: &str, given: &str) -> String {
    let given = given
        .to_lowercase()
        .replace(['é', 'ë'], "e")
        .replace('ï', "i");
    format!("{role}.{given}@ac-amiens.fr")
}

async fn cast(t: &TestApp) -> Cast {
    let admin = t.admin().await;
    let emails: Vec<String> = ROLES.iter().map(|(g, r)| email(r, g)).collect();
    let lines: Vec<Person<'_>> = ROLES
        .iter()
        .zip(&emails)
        .map(|((given, role), email)| match *role {
            "ien" => (
                "Lefort",
                *given,
                email.as_str(),
                "0809999C",
                "Circonscription",
                "IEN",
            ),
            "hidden" => ("Martin", *given, email.as_str(), "0805555B", "École B", ""),
            _ => ("Martin", *given, email.as_str(), "0801234A", "École A", ""),
        })
        .collect();
    let (_, batch) = admin.import_roster(roster_csv(&lines).as_bytes()).await;
    let letters = admin.letters(&batch).await;
    for (name, code) in &letters {
        let hidden = name.contains("Hugo");
        t.activate(code, if hidden { "my_places" } else { "district" })
            .await;
    }
    let mut people = Vec::new();
    for ((_, role), email) in ROLES.iter().zip(&emails) {
        people.push((*role, actor(t, email).await));
    }
    Cast {
        people,
        admin: actor(t, ADMIN_EMAIL).await,
    }
}

/// Olivia's « Projet » (a.txt, and « Sous » holding b.txt), shared with Rémi to read, Chloé
/// to contribute, Maël to manage, and the group « Cycle 3 » (Gaspard's, Olivia's) to read.
struct Projet {
    projet: Uuid,
    sous: Uuid,
    a: Uuid,
    b: Uuid,
    group: Uuid,
}

async fn projet(t: &TestApp, c: &Cast) -> Projet {
    let owner = c.of("owner");
    let root = t.app.my_documents(owner).await.unwrap();
    let projet = t.app.create_folder(owner, root, "Projet").await.unwrap();
    let sous = t.app.create_folder(owner, projet, "Sous").await.unwrap();
    let a = t
        .app
        .upload_document(owner, projet, "a.txt", body("a"))
        .await
        .unwrap();
    let b = t
        .app
        .upload_document(owner, sous, "b.txt", body("b"))
        .await
        .unwrap();
    let group = t
        .app
        .create_group(owner, "Cycle 3", "", "open", false)
        .await
        .unwrap();
    t.app.join_group(c.of("groupmember"), group).await.unwrap();
    for (role, access) in [
        ("reader", DocumentAccess::Read),
        ("contributor", DocumentAccess::Contribute),
        ("manager", DocumentAccess::Manage),
    ] {
        let to = ShareTarget::Person(c.of(role).id().as_uuid());
        t.app
            .share_document(owner, projet, to, access)
            .await
            .unwrap();
    }
    t.app
        .share_document(
            owner,
            projet,
            ShareTarget::Group(group),
            DocumentAccess::Read,
        )
        .await
        .unwrap();
    Projet {
        projet,
        sous,
        a,
        b,
        group,
    }
}

#[tokio::test]
async fn who_may_do_what_with_a_shared_folder() {
    let t = TestApp::spawn().await;
    let c = cast(&t).await;
    let p = projet(&t, &c).await;
    let owner = c.of("owner");
    // What each role gets: list the folder, download a.txt (inherited from the folder),
    // download b.txt (two levels down), upload, rename a.txt, move a.txt into « Sous »,
    // trash it, share the folder, see who has access, see the space's trash, restore from it.
    let expected: [(&str, [&str; 11]); 8] = [
        ("owner", ["ok"; 11]),
        (
            "reader",
            [
                "ok",
                "ok",
                "ok",
                "forbidden",
                "forbidden",
                "forbidden",
                "forbidden",
                "forbidden",
                "forbidden",
                "not-found",
                "not-found",
            ],
        ),
        (
            "contributor",
            [
                "ok",
                "ok",
                "ok",
                "ok",
                "forbidden",
                "forbidden",
                "forbidden",
                "forbidden",
                "forbidden",
                "not-found",
                "not-found",
            ],
        ),
        (
            "manager",
            [
                "ok",
                "ok",
                "ok",
                "ok",
                "ok",
                "ok",
                "ok",
                "ok",
                "ok",
                "not-found",
                "not-found",
            ],
        ),
        (
            "groupmember",
            [
                "ok",
                "ok",
                "ok",
                "forbidden",
                "forbidden",
                "forbidden",
                "forbidden",
                "forbidden",
                "forbidden",
                "not-found",
                "not-found",
            ],
        ),
        ("outsider", ["not-found"; 11]),
        ("ien", ["not-found"; 11]),
        ("admin", ["not-found"; 11]),
    ];
    let newcomer = c.of("newcomer").id().as_uuid();
    for (role, want) in expected {
        let who = if role == "admin" {
            &c.admin
        } else {
            c.of(role)
        };
        // A file in the trash for the restore column.
        let thrown = t
            .app
            .upload_document(owner, p.sous, &format!("jeté {role}.txt"), body("x"))
            .await
            .unwrap();
        t.app.trash_document(owner, thrown).await.unwrap();
        let got = [
            outcome(&t.app.folder(who, p.projet, 1).await),
            outcome(&t.app.download_document(who, p.a, None).await),
            outcome(&t.app.download_document(who, p.b, None).await),
            outcome(
                &t.app
                    .upload_document(who, p.projet, &format!("de {role}.txt"), body(role))
                    .await,
            ),
            outcome(&t.app.rename_document(who, p.a, "a.txt").await),
            outcome(&t.app.move_document(who, p.a, p.sous).await),
            outcome(&t.app.trash_document(who, p.a).await),
            outcome(
                &t.app
                    .share_document(
                        who,
                        p.projet,
                        ShareTarget::Person(newcomer),
                        DocumentAccess::Read,
                    )
                    .await,
            ),
            outcome(&t.app.document_access(who, p.projet).await),
            outcome(&t.app.trash_of(who, p.projet).await),
            outcome(&t.app.restore_document(who, thrown).await),
        ];
        assert_eq!(got, want, "{role}");
        // Put a.txt back for the next role, whoever moved or trashed it.
        if got[6] == "ok" {
            t.app.restore_document(owner, p.a).await.unwrap();
        }
        if got[5] == "ok" {
            t.app.move_document(owner, p.a, p.projet).await.unwrap();
        }
    }

    // A manager through a share works in the folder, but does not carry its documents off
    // to their own space.
    let manager = c.of("manager");
    let theirs = t.app.my_documents(manager).await.unwrap();
    assert_eq!(
        outcome(&t.app.move_document(manager, p.a, theirs).await),
        "forbidden"
    );
    assert_eq!(
        outcome(&t.app.copy_document(manager, p.a, theirs).await),
        "ok"
    );

    // A contributor changes what they put there themselves, not the rest.
    let contributor = c.of("contributor");
    let theirs = t
        .app
        .upload_document(contributor, p.sous, "mine.txt", body("c"))
        .await
        .unwrap();
    assert_eq!(
        outcome(
            &t.app
                .rename_document(contributor, theirs, "à moi.txt")
                .await
        ),
        "ok"
    );
    assert_eq!(
        outcome(&t.app.rename_document(contributor, p.b, "b2.txt").await),
        "forbidden"
    );

    // Their uploads count against the owner's space, shown to her only.
    let seen = t.app.folder(c.of("reader"), p.sous, 1).await.unwrap();
    assert!(seen.via_share && seen.usage.is_none());
    let mine = t.app.folder(owner, p.sous, 1).await.unwrap();
    assert!(!mine.via_share && mine.usage.is_some());
    // The breadcrumb of a sharee starts at the shared folder: the owner's root and its
    // name are not theirs.
    let names: Vec<&str> = seen.parents.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["Projet"]);
    assert_eq!(mine.parents.len(), 2);

    // The group's share is one row, whoever the members: someone who joins reads, and
    // stops reading when they leave.
    let newcomer = c.of("outsider");
    assert_eq!(
        outcome(&t.app.download_document(newcomer, p.a, None).await),
        "not-found"
    );
    t.app.join_group(newcomer, p.group).await.unwrap();
    assert_eq!(
        outcome(&t.app.download_document(newcomer, p.a, None).await),
        "ok"
    );
    t.app.leave_group(newcomer, p.group).await.unwrap();
    assert_eq!(
        outcome(&t.app.download_document(newcomer, p.a, None).await),
        "not-found"
    );
    let view = t.app.document_access(owner, p.projet).await.unwrap();
    let groups = view
        .shares
        .iter()
        .filter(|s| matches!(s.to, ShareeView::Group { .. }))
        .count();
    assert_eq!(groups, 1);
    assert_eq!(
        view.shares.len(),
        5,
        "reader, contributor, manager, newcomer (by Maël), the group"
    );

    // An archived group's share gives reading only, like the group.
    t.app
        .share_document(
            owner,
            p.projet,
            ShareTarget::Group(p.group),
            DocumentAccess::Contribute,
        )
        .await
        .unwrap();
    let member = c.of("groupmember");
    assert_eq!(
        outcome(
            &t.app
                .upload_document(member, p.projet, "g.txt", body("g"))
                .await
        ),
        "ok"
    );
    t.app.archive_group(owner, p.group).await.unwrap();
    assert_eq!(
        outcome(
            &t.app
                .upload_document(member, p.projet, "g2.txt", body("g"))
                .await
        ),
        "forbidden"
    );
    assert_eq!(
        outcome(&t.app.download_document(member, p.a, None).await),
        "ok"
    );
}

#[tokio::test]
async fn sharing_names_only_people_one_may_see_and_groups_one_is_in() {
    let t = TestApp::spawn().await;
    let c = cast(&t).await;
    let p = projet(&t, &c).await;
    let owner = c.of("owner");
    let code = |r: Result<Uuid, AppError>| match r {
        Err(AppError::Invalid(f)) => f.0.first().map(|(_, c)| c.to_string()).unwrap(),
        other => panic!("{:?}", other.map(|_| ())),
    };
    // Hugo keeps to his school: to Olivia he is nobody, the same answer as an address no
    // one has — the error says nothing of who exists.
    let hidden = email("hidden", "Hugo");
    let by_email = |e: &str| ShareTarget::Email(e.to_owned());
    assert_eq!(
        code(
            t.app
                .share_document(owner, p.a, by_email(&hidden), DocumentAccess::Read)
                .await
        ),
        "document-share-person-unknown"
    );
    assert_eq!(
        code(
            t.app
                .share_document(
                    owner,
                    p.a,
                    by_email("personne@ac-amiens.fr"),
                    DocumentAccess::Read
                )
                .await
        ),
        "document-share-person-unknown"
    );
    let hugo = c.of("hidden").id().as_uuid();
    assert_eq!(
        code(
            t.app
                .share_document(owner, p.a, ShareTarget::Person(hugo), DocumentAccess::Read)
                .await
        ),
        "document-share-person-unknown"
    );
    // Oneself, or the space's owner: needless.
    let olivia = owner.id().as_uuid();
    assert_eq!(
        code(
            t.app
                .share_document(
                    owner,
                    p.a,
                    ShareTarget::Person(olivia),
                    DocumentAccess::Read
                )
                .await
        ),
        "document-share-needless"
    );
    assert_eq!(
        code(
            t.app
                .share_document(
                    c.of("manager"),
                    p.a,
                    ShareTarget::Person(olivia),
                    DocumentAccess::Read
                )
                .await
        ),
        "document-share-needless"
    );
    // A group one is not in.
    let other = t
        .app
        .create_group(c.of("outsider"), "Autre", "", "open", false)
        .await
        .unwrap();
    assert_eq!(
        code(
            t.app
                .share_document(owner, p.a, ShareTarget::Group(other), DocumentAccess::Read)
                .await
        ),
        "document-share-group-unknown"
    );
    // A space's root is not shared (its folders are).
    let root = t.app.my_documents(owner).await.unwrap();
    assert_eq!(
        outcome(
            &t.app
                .share_document(
                    owner,
                    root,
                    ShareTarget::Group(p.group),
                    DocumentAccess::Read
                )
                .await
        ),
        "forbidden"
    );

    // Nina gets a share, then « limits » herself (hidden from everyone): Olivia, who looks
    // at who has access, sees the share and may remove it, but not whose it is.
    let nina = c.of("newcomer");
    let nina_id = nina.id().as_uuid();
    t.app
        .share_document(
            owner,
            p.a,
            ShareTarget::Person(nina_id),
            DocumentAccess::Read,
        )
        .await
        .unwrap();
    let named = t.app.document_access(owner, p.a).await.unwrap();
    assert!(named.shares.iter().any(|s| s.to
        == ShareeView::Person {
            id: nina_id,
            name: Some("Nina Martin".into())
        }));
    // She heard of it (her notification leads to « Partagés avec moi »); Gaspard, whose
    // group « Projet » is shared with, did not: one share, no flood.
    let shared_kind = Some(preau_domain::notifications::NotificationKind::DocumentShared);
    let (news, _) = t.app.notifications(nina).await.unwrap();
    let told = news.iter().find(|n| n.kind == shared_kind).expect("told");
    assert_eq!(told.link(), "/documents/partages");
    let (news, _) = t.app.notifications(c.of("groupmember")).await.unwrap();
    assert!(news.iter().all(|n| n.kind != shared_kind), "{news:?}");
    t.app.set_restricted(nina, true).await.unwrap();
    let unnamed = t.app.document_access(owner, p.a).await.unwrap();
    let hers = unnamed
        .shares
        .iter()
        .find(|s| {
            s.to == ShareeView::Person {
                id: nina_id,
                name: None,
            }
        })
        .expect("the share is listed without her name");
    assert!(hers.inherited_from.is_none());
    // Her access is hers: limiting herself does not take it away.
    assert_eq!(
        outcome(&t.app.download_document(nina, p.a, None).await),
        "ok"
    );
    t.app.unshare_document(owner, p.a, hers.id).await.unwrap();
    assert_eq!(
        outcome(&t.app.download_document(nina, p.a, None).await),
        "not-found"
    );

    // Hugo may see Olivia (she is visible district-wide), so he may share with her.
    let hugo_actor = c.of("hidden");
    let hugo_root = t.app.my_documents(hugo_actor).await.unwrap();
    let his = t
        .app
        .upload_document(hugo_actor, hugo_root, "de Hugo.txt", body("h"))
        .await
        .unwrap();
    t.app
        .share_document(
            hugo_actor,
            his,
            ShareTarget::Person(olivia),
            DocumentAccess::Read,
        )
        .await
        .unwrap();

    // « Partagés avec moi »: Olivia sees Hugo's file; Rémi sees « Projet » once; when it
    // goes to the trash, it is gone from the list and from reach.
    let shared = t.app.shared_with_me(owner).await.unwrap();
    assert_eq!(
        shared.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["de Hugo.txt"]
    );
    assert_eq!(shared[0].shared_by, "Hugo Martin");
    let reader = c.of("reader");
    let shared = t.app.shared_with_me(reader).await.unwrap();
    assert_eq!(
        shared.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["Projet"]
    );
    t.app.trash_document(owner, p.sous).await.unwrap();
    assert_eq!(
        outcome(&t.app.download_document(reader, p.b, None).await),
        "not-found"
    );
    t.app.trash_document(owner, p.projet).await.unwrap();
    assert!(t.app.shared_with_me(reader).await.unwrap().is_empty());
    assert_eq!(
        outcome(&t.app.folder(reader, p.projet, 1).await),
        "not-found"
    );
}

/// The pages and the API say the same: the share page, « Partagés avec moi », a sharee's
/// folder page without the owner's trash or usage, and a download through a share — on
/// each file store.
#[tokio::test]
async fn the_share_page_and_the_api_share_and_unshare() {
    let t = TestApp::spawn().await;
    let c = cast(&t).await;
    let p = projet(&t, &c).await;
    let login = |role: &'static str, given: &'static str| {
        let t = &t;
        async move {
            let b = t.browser();
            assert_eq!(b.login(&email(role, given), PASSWORD).await.status(), 303);
            b
        }
    };
    let olivia = login("owner", "Olivia").await;
    let nina = login("newcomer", "Nina").await;

    // The share page lists the shares; sharing by address with a bad one keeps what was
    // typed and says what is wrong.
    let (status, page) = olivia
        .get_text(&format!("/documents/{}/partage", p.projet))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Rémi Martin") && page.contains("groupe « Cycle 3 »"),
        "{page}"
    );
    let r = olivia
        .post(
            &format!("/documents/{}/partage", p.projet),
            &[("email", "nobody@ac-amiens.fr"), ("access", "manage")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("value=\"nobody@ac-amiens.fr\""), "{page}");
    assert!(page.contains("Aucune personne de ce nom"), "{page}");
    assert!(page.contains("id=\"person-access-manage\" name=\"access\" value=\"manage\" checked"));
    let r = olivia
        .post(
            &format!("/documents/{}/partage", p.projet),
            &[("email", &email("newcomer", "Nina")), ("access", "read")],
        )
        .await;
    assert_eq!(r.status(), 303);

    // Nina finds it under « Partagés avec moi », opens it: no trash link, no usage, a
    // breadcrumb from « Partagés avec moi ».
    let (_, shared) = nina.get_text("/documents/partages").await;
    assert!(
        shared.contains(&format!("href=\"/documents/{}\"", p.projet)),
        "{shared}"
    );
    assert!(shared.contains("Olivia Martin") && shared.contains("Lecture"));
    let (status, folder) = nina.get_text(&format!("/documents/{}", p.sous)).await;
    assert_eq!(status, 200);
    assert!(folder.contains("href=\"/documents/partages\""), "{folder}");
    assert!(
        !folder.contains("corbeille") && !folder.contains("utilisés"),
        "{folder}"
    );
    assert!(!folder.contains("Mes documents</a>"), "{folder}");
    let r = nina.get(&format!("/documents/{}/telecharger", p.b)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "b");
    // Reading is not sharing.
    let r = nina.get(&format!("/documents/{}/partage", p.projet)).await;
    assert_eq!(r.status(), 403);

    // The API: the same shares; add and remove by id.
    let token = olivia.api_token("shares").await;
    let api = |method: reqwest::Method, path: String| {
        http()
            .request(method, format!("{}{path}", t.url))
            .bearer_auth(&token)
    };
    let shares: serde_json::Value = api(
        reqwest::Method::GET,
        format!("/api/v1/documents/{}/shares", p.sous),
    )
    .send()
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let list = shares["shares"].as_array().unwrap();
    assert_eq!(list.len(), 5, "{shares}");
    assert!(
        list.iter()
            .all(|s| s["inherited_from"] == p.projet.to_string())
    );
    let r = api(
        reqwest::Method::POST,
        format!("/api/v1/documents/{}/shares", p.sous),
    )
    .json(&serde_json::json!({"group": p.group, "email": "x@ac-amiens.fr", "access": "read"}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let r = api(
        reqwest::Method::POST,
        format!("/api/v1/documents/{}/shares", p.sous),
    )
    .json(&serde_json::json!({"person": c.of("outsider").id().as_uuid(), "access": "contribute"}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let share = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let oscar = c.of("outsider");
    assert_eq!(
        outcome(
            &t.app
                .upload_document(oscar, p.sous, "o.txt", body("o"))
                .await
        ),
        "ok"
    );
    // A folder's share is removed at the folder, not below it.
    let inherited = list[0]["id"].as_str().unwrap();
    let r = api(
        reqwest::Method::DELETE,
        format!("/api/v1/documents/{}/shares/{inherited}", p.sous),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 404);
    let r = api(
        reqwest::Method::DELETE,
        format!("/api/v1/documents/{}/shares/{share}", p.sous),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(outcome(&t.app.folder(oscar, p.sous, 1).await), "not-found");
    let mine: serde_json::Value = http()
        .get(format!("{}/api/v1/me/shared", t.url))
        .bearer_auth(nina.api_token("n").await)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine[0]["name"], "Projet", "{mine}");
    assert_eq!(mine[0]["access"], "read");
}

/// Search by name (issue 12): accents, case and punctuation ignored, across what one may
/// read — one's space, one's groups', what is shared — and nothing else, not what sits in
/// a folder in the trash, not a folder's place above what was shared on its own.
#[tokio::test]
async fn search_finds_by_name_only_what_one_may_open() {
    let t = TestApp::spawn().await;
    let c = cast(&t).await;
    let p = projet(&t, &c).await;
    let owner = c.of("owner");
    let reader = c.of("reader");
    let outsider = c.of("outsider");
    let names = |found: &[preau_app::documents::Found]| {
        let mut n: Vec<String> = found.iter().map(|f| f.name.clone()).collect();
        n.sort();
        n
    };
    // Olivia's own file, an accent and a capital away from the query.
    let root = t.app.my_documents(owner).await.unwrap();
    t.app
        .upload_document(owner, root, "Été-Compte rendu.txt", body("x"))
        .await
        .unwrap();
    t.app
        .upload_document(owner, p.sous, "compte_rendu conseil.txt", body("y"))
        .await
        .unwrap();
    // Oscar's own, which nobody else finds.
    let his = t.app.my_documents(outsider).await.unwrap();
    t.app
        .upload_document(outsider, his, "compte rendu d’Oscar.txt", body("z"))
        .await
        .unwrap();

    let found = t
        .app
        .search_documents(owner, "ete compte-RENDU")
        .await
        .unwrap();
    assert_eq!(names(&found), ["Été-Compte rendu.txt"]);
    let found = t.app.search_documents(owner, "COMPTE rendu").await.unwrap();
    assert_eq!(
        names(&found),
        ["compte_rendu conseil.txt", "Été-Compte rendu.txt"]
    );
    // Rémi reads « Projet » through a share: he finds what it holds, not Olivia's own file,
    // not Oscar's.
    let found = t
        .app
        .search_documents(reader, "compte rendu")
        .await
        .unwrap();
    assert_eq!(names(&found), ["compte_rendu conseil.txt"]);
    assert_eq!(
        found[0].parent.as_ref().map(|(_, n)| n.as_str()),
        Some("Sous")
    );
    assert!(found[0].space.is_none(), "found through a share");
    // « Projet » itself, shared on its own: its place (Olivia's root) is not his to see.
    let found = t.app.search_documents(reader, "projet").await.unwrap();
    assert_eq!(names(&found), ["Projet"]);
    assert!(found[0].parent.is_none());
    // The administrator and the IEN find nothing of anyone's; « % » is a character.
    for who in [&c.admin, c.of("ien")] {
        assert!(
            t.app
                .search_documents(who, "compte")
                .await
                .unwrap()
                .is_empty()
        );
    }
    assert!(t.app.search_documents(owner, "%").await.unwrap().is_empty());
    // A folder in the trash hides what it holds from the search too.
    t.app.trash_document(owner, p.sous).await.unwrap();
    let found = t.app.search_documents(owner, "compte rendu").await.unwrap();
    assert_eq!(names(&found), ["Été-Compte rendu.txt"]);

    // The page and the API say the same.
    let olivia = t.browser();
    assert_eq!(
        olivia
            .login(&email("owner", "Olivia"), PASSWORD)
            .await
            .status(),
        303
    );
    let (status, page) = olivia
        .get_text("/documents/recherche?q=%C3%A9t%C3%A9")
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Été-Compte rendu.txt") && page.contains("1 résultat"),
        "{page}"
    );
    let token = olivia.api_token("search").await;
    let r = http()
        .get(format!("{}/api/v1/documents/search?q=compte", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body.as_array().unwrap().len(), 1, "{body}");
    let r = http()
        .get(format!("{}/api/v1/documents/search?q=", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}
