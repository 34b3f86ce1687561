## Navigation
nav-directory = Annuaire
nav-admin = Administration
home-admin-open = Ouvrir l’administration
account-visibility-link = Ce que les autres voient de moi

## Invitation
invitation-title = Votre invitation
invitation-hello = Bonjour
invitation-lead = La circonscription vous propose un compte sur cet espace de travail. Rien n’existe à votre nom tant que vous n’avez pas choisi : ni compte, ni mot de passe, ni adresse.
invitation-expires = Invitation valable jusqu’au
invitation-read-first = Avant de choisir, voici ce que deviennent vos données si vous ouvrez un compte.
invitation-choice = Votre choix
invitation-activate = Activer mon compte
invitation-decline = Je ne souhaite pas de compte
invitation-decline-effect = Si vous refusez, l’invitation est effacée tout de suite ; seule une empreinte chiffrée de votre adresse est gardée jusqu’à la prochaine rentrée, pour ne pas vous réinviter d’ici là. Ce choix n’a aucune conséquence.
invitation-invalid-title = Ce code ne fonctionne pas
invitation-invalid = Ce code d’invitation n’est pas reconnu, a déjà servi ou a expiré. Demandez une nouvelle lettre à l’administrateur de l’espace de travail de votre circonscription.
declined-title = C’est noté
declined-text = Votre invitation a été effacée. Aucun compte n’a été créé et personne ne vous réinvitera avant la prochaine rentrée.
field-structure = École ou service
field-functions = Fonctions
function-school_director = direction d’école
function-cpc = conseiller·ère pédagogique
function-erun = ERUN
function-ien = IEN
function-secretary = secrétariat
function-other = autre fonction

## Activation
activation-title = Activer mon compte
activation-lead = choisissez votre mot de passe et ce que les autres verront de vous. Tout cela se modifie ensuite dans « Mon compte ».
charter-title = Charte d’usage
charter-1 = Cet espace sert au travail entre collègues de la circonscription ; ce que vous y écrivez engage votre responsabilité comme ailleurs.
charter-2 = Personne ne vous inscrit dans un groupe ou une liste : vous choisissez ce que vous rejoignez, et vous pouvez partir quand vous voulez.
charter-3 = Aucune statistique individuelle, aucune date de dernière connexion, aucun accusé de lecture n’est produit sur vous.
charter-4 = Vous consultez votre compte et réglez sa visibilité vous-même ; pour obtenir une copie de vos données, les faire corriger ou faire fermer votre compte, écrivez au délégué à la protection des données (voir « Données personnelles »).
activation-accept = J’ai lu et j’accepte la charte d’usage et la notice
activation-submit = Activer mon compte
notice-not-accepted = Cochez la case pour accepter la charte et la notice : le compte ne peut pas s’ouvrir sans cela.
notice-outdated = La notice d’information a changé depuis l’affichage de cette page. Rechargez la page et relisez-la avant de continuer.
scope-invalid = Choisissez qui peut vous trouver dans l’annuaire.
scope-legend = Qui peut me trouver dans l’annuaire ?
scope-my-places = Les collègues de mon école ou service et de mes groupes (recommandé)
scope-district = Toute la circonscription
scope-nobody = Personne
shown-legend = Ce que mes collègues voient de moi, en plus de mon nom
show-structure = Mon école ou mon service
show-functions = Mes fonctions (direction d’école, CPC…)

## Code
code-title = J’ai reçu une lettre d’invitation
code-lead = Saisissez le code imprimé sur votre lettre. Les majuscules, les espaces et les tirets n’ont pas d’importance.
field-code = Code d’invitation
code-hint = 26 caractères, par exemple 7KQ2-M9XD-…
code-submit = Continuer
code-missing = Saisissez le code de votre lettre.

## Annuaire
directory-title = Annuaire
directory-lead = Vous ne trouvez que les collègues qui ont choisi d’être visibles pour vous. Il n’existe aucune liste par fonction.
directory-query = Nom ou prénom
directory-hint = Au moins 3 caractères ; accents et majuscules indifférents. 20 résultats au plus.
directory-submit = Rechercher
directory-results = Résultats
directory-none = Aucun collègue visible pour vous ne correspond.
person-only-chosen = Seules les informations que cette personne a choisi de montrer sont affichées.
search-too-short = Saisissez au moins 3 lettres ou chiffres.
search-too-long = Saisissez au plus 100 caractères.

## Visibilité
visibility-title = Ce que les autres voient de moi
restricted-legend = Limitation
restricted-label = Limiter l’utilisation de mes données : plus personne ne me voit (je garde mon compte et mes données)
save = Enregistrer
visibility-saved = Vos choix sont enregistrés.

## Administration
admin-title = Administration
admin-lead = Vous voyez des nombres, jamais des listes de personnes : les invitations restent invisibles, même pour vous.
admin-counts = En chiffres
admin-pending-invitations = Invitations en attente
admin-active-accounts = Comptes actifs
admin-restricted-accounts = Comptes limités par leur titulaire
admin-departing-accounts = Départs en cours
admin-structures = Écoles et services
admin-no-structures = Aucune école pour l’instant : elles sont créées par l’import de l’annuaire académique.
admin-audit = Journal des opérations
admin-no-audit = Aucune opération pour l’instant.
admin-when = Quand
admin-action = Opération
admin-audit-lead = Les actes d’administration, en mots : qui les a faits et sur qui, le journal ne le montre pas.
admin-daily = Ce que les personnes font elles-mêmes, par jour
admin-daily-lead = Seulement des nombres par jour et par sorte d’événement, sur les { $days } derniers jours : ni nom ni heure. Un nombre inférieur à 10 n’est pas montré exactement.
admin-no-daily = Rien sur cette période.
admin-day = Jour
admin-kind = Événement
admin-count = Nombre
count-fewer-than-min = moins de 10
audit-roster-previewed = Aperçu d’un fichier du personnel — nouvelles invitations : { $added }, mises à jour : { $updated }, départs : { $departed }, lignes refusées : { $rejected }.
audit-roster-imported = Import du fichier du personnel — nouvelles invitations : { $added }, mises à jour : { $updated }, départs : { $departed }, lignes refusées : { $rejected }, nouvelles écoles : { $structures }.
audit-roster-refused = Import refusé, fichier probablement incomplet — départs non confirmés : { $departed }.
audit-unit-created = Service ajouté.
audit-letters-issued = Lettres d’invitation imprimées : { $count }.
audit-letters-reprinted = Nouvelles lettres d’invitation imprimées (les codes déjà remis ne fonctionnent plus) : { $count }.
audit-invitation-emails-queued = Invitations envoyées par courriel : { $count }.
audit-visibility-explained = Question « Qui voit qui ? » posée.
audit-rights-request-entered = Demande d’exercice des droits enregistrée (courrier) : { $kind }.
audit-rights-request-extended = Délai d’une demande d’exercice des droits prolongé de { $months } mois : { $kind }.
audit-rights-request-closed = Demande d’exercice des droits close ({ $outcome }) : { $kind }.
audit-retention-purge = Effacement automatique — invitations expirées : { $invitations }, comptes partis : { $accounts }.
audit-demo-data-generated = Données de démonstration créées — comptes : { $accounts }, invitations : { $invitations }.
audit-account-activated = Comptes ouverts
audit-invitation-declined = Invitations refusées
audit-notice-acknowledged = Notices d’information lues
audit-activation-requested = Activations en attente de confirmation
audit-activation-refused = Activations refusées depuis la messagerie (« ce n’était pas moi »)
audit-takeover-reported = Comptes suspendus après « ce n’était pas moi »
audit-account-reopened = Comptes rouverts par un nouveau mot de passe
import-title = Importer l’annuaire des personnels
import-lead = Le fichier crée des invitations, jamais des comptes. Vous verrez d’abord ce qui changerait (les départs en nombre seulement), avant de confirmer.
import-columns = Colonnes attendues : nom, prénom, courriel professionnel, UAI de l’école ; facultatives : nom de l’école, corps, fonctions. Séparateur « ; » ou « , », encodage UTF-8 ou Windows-1252.
import-file = Fichier CSV
import-file-hint = L’extraction de l’annuaire académique, telle quelle.
import-preview = Voir ce qui changerait
import-preview-lead = Rien n’a encore changé. Vérifiez, puis confirmez.
import-applied = L’import est fait. Les nouvelles invitations attendent leur lettre.
import-added = Nouvelles invitations
import-updated = Mises à jour
import-departed = Départs (comptes absents du fichier)
import-departed-explain = Les personnes qui partent ne sont pas nommées ici : chacune est prévenue par courriel, avec la date d’effacement et la façon de contester.
import-incomplete-title = Fichier probablement incomplet
import-incomplete-text = Ce fichier ferait partir plus de 10 % des comptes (et plus de 20). Un export interrompu, ou limité à une école, en est souvent la cause. Si le fichier est bien complet, tapez le nombre de départs pour confirmer.
import-confirm-departures = Nombre de départs
import-confirm-departures-hint = Le nombre de départs indiqué ci-dessus, pour confirmer qu’ils sont voulus.
roster-probably-incomplete = Fichier probablement incomplet : tapez le nombre exact de départs pour confirmer l’import.
import-rejected = Lignes refusées
import-unchanged = Inchangées
import-new-structures = Nouvelles écoles
import-encoding = Encodage détecté
import-confirm = Confirmer l’import
import-line = Ligne
import-reason = Raison
import-value = Valeur
letters-explain = Imprimer les lettres crée un nouveau code pour chaque invitation de cet import ; un code imprimé auparavant ne fonctionne plus.
letters-print = Imprimer les lettres d’invitation
letters-title = Lettres d’invitation
letters-lead = Une page par personne. Ces codes ne s’affichent qu’ici : imprimez maintenant.
letter-heading = invitation à ouvrir votre compte
letter-p1 = La circonscription vous propose un compte sur son espace numérique de travail. Il n’existe pas encore : c’est vous qui décidez de l’ouvrir, ou non.
letter-p2 = Pour choisir :
letter-step1 = allez à l’adresse
letter-step2 = saisissez ce code :
letter-step3 = lisez la notice, puis activez votre compte ou refusez l’invitation, en un clic.
letter-expires = Sans réponse, l’invitation s’efface d’elle-même le
letter-privacy = Vos données et vos droits :

## Erreurs
error-conflict-title = Conflit
error-too-large-title = Envoi trop volumineux
body-too-large = Ce que vous avez envoyé est trop volumineux.
roster-empty = Le fichier ne contient aucune ligne de personnel.
roster-missing-columns = Il manque des colonnes obligatoires : nom, prénom, courriel professionnel et UAI sont nécessaires.
roster-too-many-lines = Le fichier dépasse le nombre de lignes accepté.
roster-line-columns = Il manque des colonnes sur cette ligne.
roster-line-email = Adresse électronique invalide.
roster-line-email-lookalike = Adresse électronique refusée : caractères invisibles, en pleine chasse ou d’alphabets mélangés.
roster-line-account-exists = Cette adresse a déjà un compte ouvert hors de l’annuaire (celui d’un administrateur, par exemple) : aucune invitation n’est créée.
roster-line-uai = Code UAI invalide (7 chiffres et une lettre).
roster-line-name = Nom ou prénom manquant ou trop long.
roster-line-duplicate = Adresse déjà présente à la ligne indiquée.

## Mot de passe oublié
forgot-link = Mot de passe oublié ?
forgot-title = Mot de passe oublié
forgot-lead = Indiquez votre adresse professionnelle : si un compte y est associé, vous recevrez un lien pour choisir un nouveau mot de passe, valable 30 minutes.
forgot-submit = Recevoir un lien
forgot-sent = Si un compte correspond à cette adresse, un courriel vient de lui être envoyé. Pensez à regarder dans les indésirables.
reset-title = Nouveau mot de passe
reset-lead = Choisissez votre nouveau mot de passe. Toutes vos sessions ouvertes seront fermées.
reset-submit = Enregistrer le mot de passe
reset-done = Votre mot de passe est changé et toutes vos sessions ont été fermées. Vous pouvez vous connecter.
reset-invalid = Ce lien n’est pas reconnu, a déjà servi ou a expiré (il vaut 30 minutes). Demandez-en un nouveau.

## Courriels d’invitation
emails-send = Envoyer les invitations par courriel
emails-title = Invitations envoyées
emails-queued = { $count ->
    [one] Une invitation est partie
   *[other] { $count } invitations sont parties
  } vers les adresses professionnelles. Les codes imprimés auparavant pour ces personnes ne fonctionnent plus.

## Confirmation annuelle
confirm-title = Nouvelle année scolaire : vos informations sont-elles exactes ?
confirm-lead = Voici ce que l’annuaire académique dit de vous. Une fois par an, nous vous demandons de le vérifier.
confirm-ok = C’est exact
confirm-wrong = Une erreur ? Ces informations viennent de l’annuaire académique : signalez-la à votre circonscription, la correction arrivera au prochain import.
field-corps = Corps

## Services
unit-new = Ajouter un service
unit-hint = Par exemple « Équipe de circonscription » ou « RASED ». Les écoles, elles, viennent de l’annuaire académique.
unit-create = Ajouter le service
field-unit-name = Nom du service
field-commune = Commune (facultatif)
structure-name-missing = Indiquez le nom du service.
structure-name-invalid = Ce nom dépasse 120 caractères ou contient des caractères non autorisés.

## Notice
notice-banner-label = Notice d’information
notice-banner = La notice d’information sur vos données a été mise à jour. Prenez-en connaissance :
notice-banner-ok = J’ai lu la notice

## Pourquoi vois-je cette personne ?
why-title = Qui voit qui ?
why-lead = Pour répondre à une question sur l’annuaire : indiquez deux adresses professionnelles. La réponse dit quelle règle s’applique, jamais les choix privés des personnes. Votre consultation est enregistrée dans le journal.
why-viewer = Adresse de la personne qui cherche
why-person = Adresse de la personne cherchée
why-submit = Expliquer
why-themselves = C’est la même personne : chacun se voit lui-même.
why-same-structure = Visible : elles travaillent dans la même école ou le même service, et la personne cherchée est visible de ses collègues.
why-district = Visible : la personne cherchée a choisi d’être visible dans toute la circonscription.
why-not-visible = Non visible : les règles de visibilité ne le permettent pas (ou l’une des adresses n’a pas de compte). Le détail relève des choix de la personne et n’est pas affiché. Les groupes de travail qu’elles partageraient ne sont pas pris en compte : ils ne regardent que leurs membres.

## Adresse de secours
recovery-title = Adresse de secours
recovery-lead = Si vous n’avez plus accès à votre messagerie professionnelle, les liens pour changer de mot de passe peuvent aussi partir vers une adresse personnelle. C’est facultatif, elle ne sert qu’à cela et personne d’autre ne la voit.
recovery-current = Adresse enregistrée
recovery-remove = Supprimer cette adresse
field-recovery-email = Adresse personnelle
recovery-consent = J’accepte que cette adresse personnelle soit conservée pour m’envoyer uniquement des liens de changement de mot de passe. Je peux la supprimer à tout moment.
recovery-consent-missing = Cochez la case pour donner votre accord : sans lui, l’adresse n’est pas enregistrée.
recovery-saved = Votre adresse de secours est enregistrée.
recovery-removed = Votre adresse de secours est supprimée.

## Confirmations from the mailbox and « ce n'était pas moi » (issue 9 §1)
recovery-link-sent = Un lien de confirmation vient de partir vers l’adresse indiquée. Elle ne sera enregistrée qu’une fois ce lien ouvert, depuis cette boîte ; votre adresse professionnelle en sera prévenue.
recovery-how = Pour protéger votre compte, indiquez votre mot de passe actuel. Un lien de confirmation partira vers l’adresse de secours ; elle ne sera enregistrée qu’une fois ce lien ouvert.
recovery-send-link = Envoyer le lien de confirmation
recovery-email-professional = Cette adresse est l’adresse professionnelle d’un compte : choisissez une adresse personnelle.
recovery-confirm-title = Confirmer l’adresse de secours
recovery-confirm-text = L’adresse { $email } recevra aussi les liens pour changer de mot de passe de ce compte. Confirmez-vous ?
recovery-confirm-button = Confirmer cette adresse
recovery-confirmed-title = Adresse de secours confirmée
recovery-confirmed = Cette adresse est désormais l’adresse de secours du compte. Un message en avertit l’adresse professionnelle.
activation-sent-title = Confirmez depuis votre messagerie
activation-sent = Un courriel vient de partir vers { $email }. Votre compte ne sera ouvert que lorsque vous aurez ouvert le lien qu’il contient, depuis cette boîte (valable 48 heures). Rien n’est ouvert d’ici là.
activation-confirm-title = Ouvrir mon compte
activation-confirm-text = Un compte a été demandé au nom de { $name } ({ $email }) avec le code de la lettre d’invitation. Si c’est vous, confirmez : le compte s’ouvre avec le mot de passe et les choix que vous avez faits.
activation-confirm-button = Confirmer et ouvrir mon compte
activation-refuse-text = Si ce n’est pas vous qui avez saisi ce code : rien ne sera ouvert, le code de votre lettre cessera de fonctionner et les administrateurs seront prévenus.
activation-refused-title = Rien n’a été ouvert
activation-refused = Aucun compte n’a été ouvert et le code de votre lettre ne fonctionne plus. Les administrateurs sont prévenus ; demandez-leur une nouvelle lettre si vous souhaitez ouvrir votre compte.
not-me-button = Ce n’était pas moi
not-me-title = Ce n’était pas moi
not-me-text = Si l’action annoncée dans le courriel n’était pas de vous, Préau suspend votre compte, ferme toutes ses sessions et tous ses jetons, et prévient les administrateurs. Vous le retrouverez ensuite avec « Mot de passe oublié ? », par un lien envoyé à votre adresse professionnelle.
not-me-done-title = Compte suspendu
not-me-done = Votre compte est suspendu, ses sessions et ses jetons sont fermés, et les administrateurs sont prévenus. Pour le retrouver, demandez un nouveau mot de passe avec « Mot de passe oublié ? » : le lien partira vers votre adresse professionnelle.
link-invalid-title = Lien non reconnu
link-invalid = Ce lien n’est pas reconnu : il a déjà servi, a expiré, ou est incomplet. Vérifiez qu’il est entier dans le courriel.
account-suspended = Ce compte est suspendu après un signalement « ce n’était pas moi ». Pour le retrouver, demandez un nouveau mot de passe avec « Mot de passe oublié ? ».

## Réimpressions et renvois limités (issue 9 §1)
emails-already-sent = { $count ->
    [one] Une invitation, déjà envoyée il y a moins de 10 minutes, n’est pas repartie.
   *[other] { $count } invitations, déjà envoyées il y a moins de 10 minutes, ne sont pas reparties.
  }
letters-over-limit = { $count ->
    [one] Une personne n’a pas de nouvelle invitation : elle en a déjà reçu 3 ce mois-ci, par lettre ou par courriel.
   *[other] { $count } personnes n’ont pas de nouvelle invitation : elles en ont déjà reçu 3 ce mois-ci, par lettre ou par courriel.
  }
letters-confirm-title = Imprimer de nouvelles lettres ?
letters-confirm-text = Des codes ont déjà été remis pour cet import, ou il a été fait par un autre administrateur. Imprimer de nouvelles lettres donne de nouveaux codes : ceux déjà remis cesseront de fonctionner. Chaque personne peut recevoir au plus 3 invitations par mois.
letters-confirm-button = Imprimer de nouvelles lettres
letters-confirm-needed = Imprimer de nouvelles lettres remplace les codes déjà remis : confirmez d’abord.

## Administrateurs supplémentaires (issue 9 §1)
admin-pending-title = Confirmez depuis votre messagerie
admin-pending = Votre compte est créé. Le droit d’administration prendra effet quand vous aurez ouvert le lien envoyé à { $email } ; les administrateurs existants en seront prévenus.
admin-confirm-title = Confirmer le droit d’administration
admin-confirm-text = Le compte { $email } recevra le droit d’administration, et les administrateurs existants en seront prévenus. Confirmez-vous ?
admin-confirm-button = Confirmer
admin-confirmed-title = Droit d’administration confirmé
admin-confirmed = Le droit d’administration est actif ; les administrateurs existants ont été prévenus.
audit-admin-granted = Droit d’administration accordé.
audit-admin-requested = Compte administrateur supplémentaire créé, en attente de confirmation par courriel.
