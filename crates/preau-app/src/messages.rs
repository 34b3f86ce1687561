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

pub fn password_changed(instance: &str, url: &str) -> Email {
    Email {
        subject: format!(
            "{instance} : votre mot de passe a été changé / your password was changed"
        ),
        body: format!(
            "Bonjour,\n\n\
             Le mot de passe de votre compte {instance} vient d'être changé, et vos autres sessions ont été \
             fermées. Si ce n'est pas vous, demandez tout de suite un nouveau mot de passe sur \
             {url}/mot-de-passe-oublie et prévenez l'administrateur.\n\n\
             --\n\n\
             Hello,\n\n\
             The password of your {instance} account has just been changed and your other sessions were \
             closed. If this was not you, ask for a new password at once at {url}/mot-de-passe-oublie and tell \
             the administrator.\n"
        ),
    }
}
