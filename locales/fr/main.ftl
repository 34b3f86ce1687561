## Mise en page
skip-to-content = Aller au contenu
demo-banner = Instance de démonstration : les informations légales ne sont pas encore configurées. N’y mettez pas de données réelles.
nav-label = Navigation principale
nav-home = Accueil
nav-account = Mon compte
nav-logout = Se déconnecter
nav-login = Se connecter
footer-privacy = Données personnelles
footer-legal = Cadre juridique
footer-accessibility = Accessibilité : non conforme
lang-switch-label = Langue de l’interface
back-home = Revenir à l’accueil
actions = Actions
cancel = Annuler
error-summary-title = Le formulaire contient des erreurs

## Pages d’erreur
error-bad-request-title = Demande incorrecte
error-unauthorized-title = Connexion nécessaire
error-forbidden-title = Accès refusé
error-not-found-title = Page introuvable
error-gone-title = Lien plus valable
error-too-many-title = Trop de tentatives
error-internal-title = Une erreur est survenue
error-unavailable-title = Service momentanément indisponible

## Codes d’erreur (aussi renvoyés par l’API)
invalid-input = Certaines informations sont à corriger.
bad-credentials = Adresse électronique ou mot de passe non reconnus.
too-many-attempts = Trop de tentatives. Patientez avant de réessayer.
too-many-attempts-wait = Trop de tentatives. Réessayez dans { $seconds ->
    [one] { $seconds } seconde
   *[other] { $seconds } secondes
  }.
unauthenticated = Vous devez vous connecter.
invalid-token = Ce jeton d’accès n’est pas reconnu ou a été révoqué.
forbidden = Vous n’avez pas accès à cette page.
not-found = Élément introuvable.
page-not-found = Cette page n’existe pas. Vérifiez l’adresse ou revenez à l’accueil.
method-not-allowed = Cette action n’est pas possible à cette adresse.
limit-reached = Vous avez atteint le nombre maximal de jetons d’accès (20). Révoquez-en un avant d’en créer un autre.
internal-error = Une erreur est survenue de notre côté. Réessayez dans un instant.
unavailable = Le service est momentanément indisponible. Rien de ce que vous avez envoyé avant n’est perdu : réessayez dans quelques secondes.
malformed-form = Le formulaire reçu est illisible. Rechargez la page et recommencez.
malformed-query = L’adresse de cette page est illisible. Revenez à la page précédente et recommencez.
unknown-language = Langue inconnue.
invalid-json = Le corps de la requête n’est pas du JSON valide.
expected-json = La requête doit être envoyée en JSON (Content-Type: application/json).
invalid-query = Les paramètres de l’adresse sont illisibles : l’un manque, est répété ou n’a pas le bon type.
invalid-request = La requête est illisible.
request-timeout = La requête a pris trop de temps. Réessayez dans un instant.

## Champs
email-missing = Indiquez votre adresse électronique.
email-invalid = Indiquez une adresse électronique valide, par exemple prenom.nom@ac-amiens.fr.
email-invisible-characters = Cette adresse contient des caractères invisibles ou qui changent le sens de lecture ; retapez-la.
email-lookalike-characters = Cette adresse contient des caractères en pleine chasse ou des variantes qui imitent des lettres ordinaires ; retapez-la.
email-mixed-scripts = Cette adresse mélange des lettres latines avec des lettres grecques ou cyrilliques qui leur ressemblent ; retapez-la.
email-taken = Un compte existe déjà avec cette adresse.
given-name-missing = Indiquez votre prénom.
family-name-missing = Indiquez votre nom.
name-too-long = Ce nom dépasse 100 caractères.
name-invalid = Ce nom contient des caractères non autorisés.
password-missing = Indiquez votre mot de passe.
password-too-short = Le mot de passe doit contenir au moins 12 caractères.
password-too-long = Le mot de passe ne peut pas dépasser 128 caractères.
password-common = Ce mot de passe fait partie des plus courants : il serait deviné en quelques essais. Choisissez-en un autre.
password-personal = Ce mot de passe repose sur votre nom, votre adresse ou le nom du service : il serait trop facile à deviner.
password-repetitive = Ce mot de passe est fait de répétitions ou de suites (aaaa, 1234, azerty) : il serait trop facile à deviner.
password-too-weak = Ce mot de passe est trop prévisible. Allongez-le : une phrase de plusieurs mots convient très bien.
password-mismatch = Les deux mots de passe ne sont pas identiques.
current-password-wrong = Le mot de passe actuel n’est pas le bon.
token-name-missing = Donnez un nom à ce jeton (par exemple : « script d’export »).
token-name-invalid = Le nom doit faire au plus 60 caractères, sans caractères de contrôle.
field-email = Adresse électronique
field-professional-email = Adresse électronique professionnelle
field-password = Mot de passe
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-password-confirmation = Confirmez le mot de passe
field-given-name = Prénom
field-family-name = Nom
field-name = Nom
field-token-name = Nom du jeton
password-hint = Au moins 12 caractères. Pas de règle de composition : une phrase de plusieurs mots est idéale. Évitez votre nom et les mots de passe courants.
token-name-hint = Pour vous rappeler à quoi il sert. 60 caractères au plus.

## Connexion
login-title = Connexion
login-submit = Se connecter
login-no-account = Pas encore de compte ? Votre compte s’ouvre à partir de la lettre d’invitation que vous remettra la circonscription : personne ne l’ouvre à votre place.
logged-out = Vous êtes déconnecté·e.
logged-out-everywhere = Toutes vos sessions ont été fermées, sur tous vos appareils.

## Installation
setup-title = Créer le compte administrateur
setup-lead = Ce lien à usage unique, affiché sur la console du serveur, permet de créer le premier compte administrateur. Choisissez vous-même votre mot de passe : il n’existe aucun compte ni mot de passe par défaut.
setup-submit = Créer le compte et me connecter
setup-problem-title = Lien d’installation inutilisable
setup-link-valid = Ce lien est valable.
setup-link-expired = Ce lien d’installation a expiré : il n’est valable qu’une heure.
setup-link-used = Ce lien d’installation a déjà servi : il ne peut être utilisé qu’une fois.
setup-link-replaced = Un lien plus récent a été créé depuis : seul le dernier lien affiché fonctionne.
setup-link-unknown = Ce lien d’installation n’est pas reconnu. Vérifiez qu’il a été copié en entier.
setup-new-link = Pour obtenir un nouveau lien, lancez cette commande sur le serveur :
setup-already-admin = Vous avez déjà créé votre compte ?

## Accueil
home-title = Accueil
home-welcome = Bonjour
home-empty = Votre espace est prêt. Les services (annuaire, messagerie, groupes, documents, annonces) y apparaîtront au fur et à mesure de leur ouverture.
home-admin-title = Administration
home-admin-text = Vous êtes administrateur de cette instance. Vous ne pouvez pas lire les contenus privés des personnes, et chaque accès que vous faites à leurs données leur est montré.
home-rights-title = Vos données vous appartiennent
home-rights-text = Vous décidez de ce qui est visible de vous. Aucune statistique individuelle, aucune date de dernière connexion, aucun accusé de lecture.

## Mon compte
account-title = Mon compte
account-identity = Identité
account-security = Sécurité
account-sessions = Sessions ouvertes :
logout-everywhere = Me déconnecter partout
password-title = Changer de mot de passe
password-lead = Vos autres sessions seront fermées : seul cet appareil restera connecté.
password-submit = Changer le mot de passe
password-changed = Votre mot de passe a été changé. Vos autres sessions ont été fermées.
tokens-title = Jetons d’accès à l’API
tokens-lead = Un jeton permet à un programme d’utiliser l’API de Préau en votre nom. Il donne les mêmes droits que vous : ne le partagez pas.
tokens-manage = Gérer mes jetons d’accès
tokens-created-title = Jeton créé
tokens-created-once = Copiez-le maintenant : il ne sera plus jamais affiché. Seule son empreinte est conservée.
tokens-list-title = Mes jetons
tokens-none = Vous n’avez aucun jeton d’accès.
tokens-created-at = Créé le
tokens-revoke = Révoquer
tokens-new-title = Nouveau jeton
tokens-create = Créer le jeton
token-revoked = Le jeton a été révoqué : il ne fonctionne plus.

## Mes sessions
sessions-title = Mes sessions
sessions-lead = Chaque navigateur où vous êtes connecté·e a sa session, qui prend fin d’elle-même après un temps d’inactivité. Si vous n’en reconnaissez pas une, fermez-la, puis changez votre mot de passe.
sessions-manage = Voir et fermer mes sessions
sessions-device = Appareil
sessions-started = Ouverte le
sessions-last-active = Dernière activité
sessions-current = cette session
sessions-end = Fermer
sessions-end-current = Me déconnecter
sessions-end-others = Fermer toutes les autres sessions
sessions-none = Aucune session ouverte.
sessions-device-unknown = inconnu
session-ended = La session a été fermée : ce navigateur-là est déconnecté.
other-sessions-ended = Les autres sessions ont été fermées ; celle-ci reste ouverte.

## Pages légales
privacy-title = Données personnelles
legal-title = Cadre juridique

# The register of processing (compliance/register.toml), rendered on the legal pages.
register-caption = Les traitements de Préau, d’après le registre des traitements
register-purpose = Finalité
register-data = Données
register-people = Personnes concernées
register-recipients = Destinataires
register-legal-basis = Base légale
register-retention = Durée de conservation
accessibility-title = Déclaration d’accessibilité

## Groupes de travail
nav-groups = Groupes
groups-title = Groupes de travail
groups-lead = Vous rejoignez un groupe par votre seul choix : en acceptant une invitation, en rejoignant un groupe ouvert, ou par une demande qu’un responsable accepte. Personne ne peut vous y inscrire, et vous en partez quand vous voulez, sans que personne soit prévenu.
groups-invitations = Invitations reçues
groups-invited-by = Invitation de
groups-former-member = un ancien membre
groups-invitation-expires = Elle expire le
groups-accept = Accepter
groups-decline = Refuser
groups-block = Refuser et ne plus être invité·e à ce groupe
groups-mine = Mes groupes
groups-mine-none = Vous n’êtes membre d’aucun groupe.
groups-directory = Groupes ouverts et sur demande
groups-directory-none = Aucun autre groupe n’est proposé pour l’instant.
groups-new = Créer un groupe
groups-create = Créer le groupe
field-group-name = Nom du groupe
field-group-description = Description (facultative)
field-group-kind = Qui peut entrer ?
field-group-sensitive = Groupe sensible (syndicat, santé, entraide) : la liste des membres n’est jamais montrée hors du groupe. Ce choix est définitif.
group-kind-open = groupe ouvert
group-kind-closed = groupe sur demande
group-kind-private = groupe privé
group-kind-open-explained = Ouvert : visible de tous, on y entre d’un clic.
group-kind-closed-explained = Sur demande : visible de tous, on y entre quand un responsable accepte la demande.
group-kind-private-explained = Privé : invisible, on y entre sur invitation seulement.
group-role-owner = propriétaire
group-role-manager = responsable
group-role-member = membre
group-role-of = Rôle de
group-sensitive = groupe sensible
group-archived = archivé (lecture seule)
group-your-role = votre rôle :
group-join = Rejoindre
group-request = Demander à rejoindre
group-leave = Quitter le groupe
group-archive = Archiver le groupe
group-members = Membres
group-requests = Demandes en attente
group-requests-none = Aucune demande en attente.
group-request-approve = Accepter
group-request-refuse = Refuser
group-invite = Inviter une personne
group-invite-lead = Vous pouvez inviter une personne que vous voyez dans l’annuaire. Elle choisira d’accepter ou non ; si elle refuse, vous n’en êtes pas informé·e.
field-invitee-email = Adresse électronique professionnelle
field-invitation-message = Message (facultatif)
group-invite-send = Envoyer l’invitation
group-created = Le groupe est créé : vous en êtes propriétaire.
group-joined = Vous avez rejoint le groupe.
group-requested = Votre demande est envoyée aux responsables du groupe.
group-left = Vous avez quitté le groupe. Personne n’en est prévenu.
group-invited = L’invitation est envoyée, si cette personne peut la recevoir.
group-archived-done = Le groupe est archivé : il reste lisible, plus rien n’y change.
group-role-changed = Le rôle est changé.
group-request-decided = La demande est traitée.
group-invitation-accepted = Vous êtes membre du groupe.
group-invitation-declined = L’invitation est refusée. Celui ou celle qui vous a invité·e n’en est pas informé·e.
group-name-missing = Donnez un nom au groupe.
group-name-invalid = Le nom du groupe fait au plus 80 caractères, sans caractère de contrôle.
group-description-invalid = La description fait au plus 1 000 caractères.
group-message-invalid = Le message fait au plus 500 caractères.
group-kind-invalid = Choisissez qui peut entrer dans le groupe.
group-last-owner = Vous êtes le dernier propriétaire : confiez ce rôle à un autre membre, ou archivez le groupe, avant de partir.
group-role-invalid = Choisissez un rôle : membre, responsable ou propriétaire.
group-invitee-unknown = Aucun collègue visible pour vous n’a cette adresse.
group-answer-invalid = Répondez « accept », « decline » ou « decline_and_block ».

group-delete = Supprimer le groupe
group-delete-title = Supprimer le groupe « { $group } » ?
group-delete-consequences = Le groupe disparaît pour de bon, avec ses invitations et demandes en attente. { $members ->
    [0] Aucun autre membre n’en fait partie.
    [one] L’autre membre recevra une notification : « le groupe a été supprimé ».
   *[other] Les { $members } autres membres recevront une notification : « le groupe a été supprimé ».
} Quand le forum, les documents et la messagerie du groupe existeront, ils seront supprimés avec lui. Pour le garder en lecture seule, archivez-le plutôt.
group-delete-button = Supprimer définitivement
group-deleted-done = Le groupe est supprimé ; ses membres ont été prévenus.
group-spaces = Espaces du groupe
group-space-forum = Forum
group-space-documents = Documents partagés
group-space-mail = Messagerie du groupe
group-space-soon = bientôt
