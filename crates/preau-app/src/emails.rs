//! The text of the emails Préau sends: French first, then English, since an invited person
//! has not chosen a language yet. Plain text, no tracking, no images.

pub struct Email {
    pub subject: String,
    pub body: String,
}

pub fn invitation(instance: &str, url: &str, code: &str, name: &str, expires: &str) -> Email {
    Email {
        subject: format!(
            "{instance} : invitation à ouvrir votre compte / invitation to open your account"
        ),
        body: format!(
            "Bonjour {name},\n\n\
             La circonscription vous propose un compte sur son espace numérique de travail, {instance}. \
             Il n'existe pas encore : c'est vous qui décidez de l'ouvrir, ou non.\n\n\
             Pour choisir, ouvrez ce lien :\n{url}/invitation/{code}\n\
             ou allez à {url}/invitation et saisissez le code {code}.\n\n\
             Vous y lirez d'abord ce que deviennent vos données, puis vous pourrez activer votre compte \
             ou refuser l'invitation en un clic. Sans réponse, l'invitation s'efface d'elle-même le {expires}.\n\n\
             --\n\n\
             Hello {name},\n\n\
             The circonscription offers you an account on its digital workspace, {instance}. It does not exist \
             yet: you decide whether to open it. Follow the link above (or type the code at {url}/invitation); \
             you will read what happens to your data, then activate your account or decline in one click. \
             Without an answer, the invitation deletes itself on {expires}.\n"
        ),
    }
}

/// To a person whose account the roster departs: when it is erased, what they can still do,
/// and how to contest (the administrators never saw their name in the report).
pub fn departure(instance: &str, url: &str, name: &str, erased_on: &str, dpo: &str) -> Email {
    Email {
        subject: format!(
            "{instance} : votre compte sera effacé le {erased_on} / your account will be erased"
        ),
        body: format!(
            "Bonjour {name},\n\n\
             L'annuaire académique ne vous compte plus parmi les personnels de la circonscription. \
             Vous n'êtes plus visible dans l'annuaire. Votre compte {instance} reste ouvert jusqu'au \
             {erased_on} : vous pouvez encore vous connecter ({url}) et reprendre ce que vous voulez garder. \
             Pour recevoir une copie de vos données, écrivez au délégué à la protection des données : {dpo}. \
             Ensuite, le compte sera effacé avec tout ce qui vous concerne.\n\n\
             S'il s'agit d'une erreur, contestez-la avant cette date auprès des administrateurs de {instance} \
             (votre circonscription) ou du délégué à la protection des données ({dpo}). Une correction de l'annuaire avant le {erased_on} annule l'effacement.\n\n\
             --\n\n\
             Hello {name},\n\n\
             The staff roster no longer lists you in the circonscription. You are no longer visible in the \
             directory. Your {instance} account stays open until {erased_on}: you can still log in ({url}) and \
             take what you want to keep. For a copy of your data, write to the data protection officer: {dpo}. \
             Then the account is erased with everything about you.\n\n\
             If this is a mistake, contest it before that date with the administrators of {instance} (your \
             circonscription) or the data protection officer ({dpo}). A corrected roster before \
             {erased_on} cancels the erasure.\n"
        ),
    }
}

pub fn password_reset(instance: &str, url: &str, token: &str, minutes: u64) -> Email {
    Email {
        subject: format!("{instance} : choisir un nouveau mot de passe / choose a new password"),
        body: format!(
            "Bonjour,\n\n\
             Quelqu'un (sans doute vous) a demandé à changer le mot de passe de votre compte {instance}. \
             Ce lien, valable {minutes} minutes et une seule fois, permet d'en choisir un nouveau :\n\
             {url}/mot-de-passe-oublie/{token}\n\n\
             Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.\n\n\
             --\n\n\
             Hello,\n\n\
             Someone (probably you) asked to change the password of your {instance} account. The link above, \
             valid for {minutes} minutes and once only, lets you choose a new one. If you did not ask, ignore \
             this message: your password does not change.\n"
        ),
    }
}

/// What a security notice announces (issue 9 §1): each comes with a « ce n'était pas moi »
/// link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice<'a> {
    Activated,
    PasswordChanged,
    RecoveryAddressSet(&'a str),
    RecoveryAddressRemoved,
    ApiTokenCreated(&'a str),
}

impl Notice<'_> {
    fn french(&self) -> String {
        match self {
            Self::Activated => "votre compte vient d'être ouvert".to_owned(),
            Self::PasswordChanged => {
                "votre mot de passe vient d'être changé, et vos autres sessions ont été fermées"
                    .to_owned()
            }
            Self::RecoveryAddressSet(a) => {
                format!(
                    "l'adresse de secours {a} vient d'être confirmée : elle recevra aussi les liens de mot de passe oublié"
                )
            }
            Self::RecoveryAddressRemoved => {
                "votre adresse de secours vient d'être retirée".to_owned()
            }
            Self::ApiTokenCreated(name) => {
                format!("un jeton d'accès à l'API, « {name} », vient d'être créé")
            }
        }
    }

    fn english(&self) -> String {
        match self {
            Self::Activated => "your account has just been opened".to_owned(),
            Self::PasswordChanged => {
                "your password has just been changed and your other sessions were closed".to_owned()
            }
            Self::RecoveryAddressSet(a) => format!(
                "the recovery address {a} has just been confirmed: it will also receive password reset links"
            ),
            Self::RecoveryAddressRemoved => {
                "your recovery address has just been removed".to_owned()
            }
            Self::ApiTokenCreated(name) => {
                format!("an API access token, “{name}”, has just been created")
            }
        }
    }
}

/// A short notice to the professional address, with the one-click « ce n'était pas moi ».
pub fn security_notice(
    instance: &str,
    url: &str,
    notice: Notice<'_>,
    not_me: &str,
    days: u64,
) -> Email {
    let (fr, en) = (notice.french(), notice.english());
    Email {
        subject: format!("{instance} : {fr} / {en}"),
        body: format!(
            "Bonjour,\n\n\
             Sur votre compte {instance}, {fr}.\n\n\
             Si c'est vous, il n'y a rien à faire.\n\
             Si ce n'était pas vous, ouvrez ce lien (valable {days} jours) : votre compte sera suspendu, \
             toutes ses sessions et ses jetons fermés, et les administrateurs prévenus. Vous le retrouverez \
             ensuite avec « Mot de passe oublié ? », par un lien envoyé à cette adresse.\n\
             {url}/ce-netait-pas-moi/{not_me}\n\n\
             --\n\n\
             Hello,\n\n\
             On your {instance} account, {en}.\n\n\
             If this was you, there is nothing to do. If it was not, open the link above (valid for {days} \
             days): your account will be suspended, all its sessions and tokens closed, and the \
             administrators told. You then get it back with “Forgot your password?”, through a link sent to \
             this address.\n"
        ),
    }
}

/// The link that finishes an activation, to the professional address of the invitation.
pub fn activation_confirmation(
    instance: &str,
    url: &str,
    name: &str,
    token: &str,
    hours: u64,
) -> Email {
    Email {
        subject: format!(
            "{instance} : confirmez l'ouverture de votre compte / confirm the opening of your account"
        ),
        body: format!(
            "Bonjour {name},\n\n\
             Quelqu'un (sans doute vous) vient d'activer votre compte {instance} avec le code de votre lettre \
             d'invitation. Le compte ne sera ouvert que lorsque vous l'aurez confirmé depuis cette boîte, en \
             ouvrant ce lien (valable {hours} heures) :\n\
             {url}/activation/{token}\n\n\
             Si ce n'est pas vous, ouvrez le même lien et choisissez « Ce n'était pas moi » : rien ne sera \
             ouvert, le code de votre lettre cessera de fonctionner et les administrateurs seront prévenus. \
             Sans réponse, rien n'est ouvert.\n\n\
             --\n\n\
             Hello {name},\n\n\
             Someone (probably you) has just activated your {instance} account with the code of your \
             invitation letter. The account opens only once you confirm it from this mailbox, with the link \
             above (valid for {hours} hours). If it was not you, open the same link and choose “It was not \
             me”: nothing will be opened, your letter's code will stop working and the administrators will be \
             told. Without an answer, nothing is opened.\n"
        ),
    }
}

/// The link that confirms a new recovery address, sent to that address.
pub fn recovery_confirmation(instance: &str, url: &str, token: &str, hours: u64) -> Email {
    Email {
        subject: format!(
            "{instance} : confirmez votre adresse de secours / confirm your recovery address"
        ),
        body: format!(
            "Bonjour,\n\n\
             Cette adresse vient d'être donnée comme adresse de secours d'un compte {instance} : elle recevrait \
             les liens de mot de passe oublié. Pour le confirmer, ouvrez ce lien (valable {hours} heures) :\n\
             {url}/adresse-de-secours/{token}\n\n\
             Si vous n'avez rien demandé, ignorez ce message : rien ne change.\n\n\
             --\n\n\
             Hello,\n\n\
             This address has just been given as the recovery address of a {instance} account: it would \
             receive password reset links. To confirm, open the link above (valid for {hours} hours). If you \
             did not ask, ignore this message: nothing changes.\n"
        ),
    }
}

/// To the administrators: a person said an act on their account was not theirs.
pub fn takeover_reported(instance: &str, url: &str, who: &str, what: &str) -> Email {
    Email {
        subject: format!("{instance} : « ce n'était pas moi » signalé / a takeover was reported"),
        body: format!(
            "Bonjour,\n\n\
             {who} signale que l'action suivante sur son compte n'était pas de son fait : {what}. \
             Préau a suspendu le compte et fermé ses sessions et ses jetons ; la personne le retrouvera par \
             « Mot de passe oublié ? », depuis sa boîte professionnelle. Vérifiez qui avait accès à ses \
             codes et à sa session ({url}/admin).\n\n\
             --\n\n\
             Hello,\n\n\
             {who} reports that this act on their account was not theirs: {what}. Préau suspended the \
             account and closed its sessions and tokens; the person gets it back through “Forgot your \
             password?” from their professional mailbox. Check who had access to their codes and session.\n"
        ),
    }
}

/// To the administrators: a letter's code was used by someone else than its person.
pub fn letter_misused(instance: &str, url: &str, who: &str) -> Email {
    Email {
        subject: format!(
            "{instance} : un code d'invitation a été utilisé par un tiers / an invitation code was misused"
        ),
        body: format!(
            "Bonjour,\n\n\
             {who} indique qu'une activation faite avec le code de sa lettre d'invitation n'était pas de son \
             fait. Rien n'a été ouvert et ce code ne fonctionne plus ; si la personne le souhaite, donnez-lui \
             une nouvelle lettre, en main propre ({url}/admin/import).\n\n\
             --\n\n\
             Hello,\n\n\
             {who} says that an activation made with the code of their invitation letter was not theirs. \
             Nothing was opened and the code no longer works; if the person wishes, hand them a new letter \
             in person.\n"
        ),
    }
}

/// To an additional administrator: the grant takes effect once the professional address is
/// confirmed.
pub fn admin_grant_confirmation(instance: &str, url: &str, token: &str, hours: u64) -> Email {
    Email {
        subject: format!(
            "{instance} : confirmez votre droit d'administration / confirm your administrator permission"
        ),
        body: format!(
            "Bonjour,\n\n\
             Un compte administrateur de {instance} vient d'être créé à cette adresse. Le droit \
             d'administration ne prendra effet que lorsque vous aurez ouvert ce lien (valable {hours} \
             heures), et les administrateurs existants en seront prévenus :\n\
             {url}/administration/{token}\n\n\
             Si vous n'êtes pas à l'origine de cette demande, n'ouvrez pas ce lien et prévenez \
             l'administrateur de la circonscription.\n\n\
             --\n\n\
             Hello,\n\n\
             An administrator account of {instance} has just been created with this address. The \
             administrator permission takes effect only once you open the link above (valid for {hours} \
             hours), and the existing administrators will be told. If you did not ask for it, do not \
             open the link and tell the circonscription's administrator.\n"
        ),
    }
}

/// To the existing administrators: someone now holds the administrator permission.
pub fn admin_granted(instance: &str, url: &str, who: &str) -> Email {
    Email {
        subject: format!("{instance} : un nouvel administrateur / a new administrator"),
        body: format!(
            "Bonjour,\n\n\
             {who} détient désormais le droit d'administration de {instance} : ce compte a été créé avec \
             un lien de la console (`preau admin setup-link --additional`) et son adresse \
             professionnelle confirmée. Si ce n'était pas prévu, vérifiez qui a accès au serveur \
             ({url}/admin).\n\n\
             --\n\n\
             Hello,\n\n\
             {who} now holds the administrator permission of {instance}: the account was created with \
             a console link (`preau admin setup-link --additional`) and its professional address \
             confirmed. If this was not planned, check who has access to the server.\n"
        ),
    }
}

/// The public rights form (RGT-08): the link that puts the request in the queue. The same
/// email whether or not the address has an account or an invitation.
pub fn rights_confirmation(
    instance: &str,
    url: &str,
    name: &str,
    token: &str,
    hours: u64,
) -> Email {
    Email {
        subject: format!(
            "{instance} : confirmer votre demande sur vos données / confirm your request about your data"
        ),
        body: format!(
            "Bonjour {name},\n\n\
             Une demande sur des données personnelles a été déposée avec cette adresse sur {instance}. \
             Pour qu'elle soit transmise aux administrateurs, ouvrez ce lien (valable {hours} heures, une \
             seule fois) et confirmez :\n\
             {url}/demande-donnees/{token}\n\n\
             Le délai de réponse d'un mois court à partir de la confirmation. Si vous n'avez rien demandé, \
             ignorez ce message : la demande s'effacera d'elle-même.\n\n\
             --\n\n\
             Hello {name},\n\n\
             A request about personal data was made with this address on {instance}. To send it to the \
             administrators, open the link above (valid for {hours} hours, once) and confirm. The one-month \
             deadline runs from the confirmation. If you did not ask, ignore this message: the request \
             deletes itself.\n"
        ),
    }
}

/// Art. 12(3): the deadline is extended, with the reason, told within the first month.
pub fn rights_extended(
    instance: &str,
    name: &str,
    received: &str,
    due: &str,
    months: u8,
    reason: &str,
) -> Email {
    Email {
        subject: format!(
            "{instance} : délai de réponse prolongé / the answer to your request is delayed"
        ),
        body: format!(
            "Bonjour {name},\n\n\
             Votre demande reçue le {received} demande plus de temps : le délai de réponse est prolongé \
             de {months} mois, jusqu'au {due} (article 12.3 du RGPD). Motif :\n\n{reason}\n\n\
             --\n\n\
             Hello {name},\n\n\
             Your request received on {received} needs more time: the deadline is extended by {months} \
             month(s), until {due} (GDPR Art. 12(3)). Reason: see above.\n"
        ),
    }
}

/// The answer that closes a request. A refusal cites its legal ground and the right to
/// complain to the CNIL (Art. 12(4)).
pub fn rights_answered(
    instance: &str,
    name: &str,
    received: &str,
    message: &str,
    refusal: Option<preau_domain::rights::RefusalGround>,
    dpo: &str,
) -> Email {
    let (fr, en) = match refusal {
        None => (
            "Votre demande a été traitée.".to_owned(),
            "Your request has been handled.".to_owned(),
        ),
        Some(g) => (
            format!(
                "Votre demande ne peut pas être satisfaite, pour ce motif : {} ({}).\n\n\
                 Vous pouvez introduire une réclamation auprès de la Commission nationale de \
                 l'informatique et des libertés (CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris \
                 Cedex 07, https://www.cnil.fr/fr/plaintes) et former un recours juridictionnel. Vous \
                 pouvez aussi écrire au délégué à la protection des données : {dpo}.",
                refusal_fr(g),
                g.article()
            ),
            format!(
                "Your request cannot be granted, on this ground: {} ({}). You may lodge a complaint \
                 with the French data protection authority (CNIL, https://www.cnil.fr/fr/plaintes) and \
                 seek a judicial remedy. You may also write to the data protection officer: {dpo}.",
                refusal_en(g),
                g.article()
            ),
        ),
    };
    Email {
        subject: format!("{instance} : réponse à votre demande / answer to your request"),
        body: format!(
            "Bonjour {name},\n\n\
             Voici la réponse à votre demande reçue le {received}.\n\n{fr}\n\n{message}\n\n\
             --\n\n\
             Hello {name},\n\n\
             Here is the answer to your request received on {received} (message above).\n\n{en}\n"
        ),
    }
}

pub fn refusal_fr(g: preau_domain::rights::RefusalGround) -> &'static str {
    use preau_domain::rights::RefusalGround::*;
    match g {
        ManifestlyUnfounded => "demande manifestement infondée ou excessive",
        IdentityNotEstablished => "identité du demandeur non établie",
        PublicTask => "obligation légale ou mission d'intérêt public",
        LegalClaims => "constatation, exercice ou défense de droits en justice",
        DataAccurate => "données exactes selon la source qui fait foi",
        OthersRights => "droits et libertés d'autrui, ou limitation prévue par la loi",
    }
}

pub fn refusal_en(g: preau_domain::rights::RefusalGround) -> &'static str {
    use preau_domain::rights::RefusalGround::*;
    match g {
        ManifestlyUnfounded => "manifestly unfounded or excessive request",
        IdentityNotEstablished => "identity of the requester not established",
        PublicTask => "legal obligation or task in the public interest",
        LegalClaims => "establishment, exercise or defence of legal claims",
        DataAccurate => "the data are accurate according to the authoritative source",
        OthersRights => "rights and freedoms of others, or a restriction set by law",
    }
}

/// To the administrators at D+20 and D+27: a request is still pending. No name: the link
/// leads to it.
pub fn rights_reminder(instance: &str, url: &str, id: uuid::Uuid, day: u64, due: &str) -> Email {
    Email {
        subject: format!(
            "{instance} : une demande de droits attend depuis {day} jours / a rights request is waiting"
        ),
        body: format!(
            "Bonjour,\n\n\
             Une demande d'exercice de droits reçue il y a {day} jours attend toujours sa réponse. \
             Elle est due le {due} :\n{url}/admin/demandes/{id}\n\n\
             --\n\n\
             Hello,\n\n\
             A rights request received {day} days ago is still waiting for its answer. It is due on {due} \
             (link above).\n"
        ),
    }
}
