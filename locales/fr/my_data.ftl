## Mes données (issue 11)

nav-my-data = Mes données
my-data-title = Mes données
my-data-intro = Tout ce que Préau garde à votre sujet, table par table, et une archive pour l’emporter. Personne d’autre ne voit cette page.
my-data-download = Télécharger mes données (ZIP)
my-data-archive-explain = L’archive contient un fichier donnees.json (toutes vos lignes, décrites par un schéma publié), un fichier CSV par table, lisible dans un tableur, et un fichier LISEZMOI.txt qui dit pourquoi chaque donnée existe, combien de temps elle est gardée et comment exercer vos droits.
my-data-kept-title = Ce que Préau garde à votre sujet
my-data-col-table = Table
my-data-col-purpose = Pourquoi
my-data-col-rows = Lignes
my-data-col-retention = Durée de conservation
my-data-rest = Les empreintes de vos secrets (mot de passe, jetons) ne sont jamais exportées ni lisibles. Pour le reste de vos droits :

export-readme-intro = Vos données dans { $instance } (responsable du traitement : { $controller }). donnees.json contient toutes les lignes qui vous concernent ; le dossier csv/ les mêmes, une table par fichier. Les instants sont en temps universel (UTC).
export-readme-rows = { $count ->
    [one] 1 ligne
   *[other] { $count } lignes
}
export-readme-files = Le dossier documents/ contient les fichiers de « Mes documents », rangés dans leurs dossiers, tels que vous les avez déposés (leur dernière version) ; ceux de la corbeille sont dans documents/Corbeille/. Les fichiers que vous avez déposés dans les espaces des groupes y restent : leurs lignes sont dans document_versions.
export-readme-retention = Conservation : { $retention }
export-readme-rights = Vous pouvez demander la rectification ou l’effacement de vos données, ou vous opposer à un traitement, auprès du délégué à la protection des données : { $dpo }. Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr). Préau : { $url }

closing-title = Supprimer mon compte
closing-lead = Votre compte est fermé tout de suite et effacé 30 jours plus tard, avec tout ce qui vous concerne ; jusque-là, il suffit de vous reconnecter pour annuler.
closing-link = Supprimer mon compte…
closing-explain = Dès que vous confirmez, vos sessions et vos jetons sont fermés et plus personne ne vous trouve. Dans 30 jours, votre compte et toutes les lignes qui vous concernent sont effacés. Pour annuler d’ici là, reconnectez-vous : c’est tout. Pensez à télécharger vos données avant.
closing-groups-legend = Vous êtes seul·e propriétaire de ces groupes. Que deviennent-ils ?
closing-groups-hand-over = Les confier au plus ancien gestionnaire (ou, à défaut, au plus ancien membre) ; un groupe sans autre membre est supprimé
closing-groups-delete = Les supprimer ; leurs membres sont prévenus
closing-groups-invalid = Choisissez ce que deviennent vos groupes.
closing-documents-legend = Les fichiers que vous avez déposés dans les espaces des groupes
closing-documents-keep = Les laisser au groupe, sans votre nom (« ancien·ne membre »)
closing-documents-delete = Les supprimer avec mon compte, contenu compris
closing-documents-invalid = Choisissez ce que deviennent vos fichiers déposés dans les groupes.
closing-password-hint = Pour confirmer que c’est bien vous.
closing-submit = Fermer mon compte et l’effacer dans 30 jours
closing-done-title = Votre compte est fermé
closing-done = Il sera effacé le { $date }, avec tout ce qui vous concerne. Pour annuler d’ici là, reconnectez-vous. Un courriel vous le confirme.
closing-cancelled = La suppression de votre compte est annulée : bon retour.
closing-email-subject = { $instance } : votre compte sera effacé dans 30 jours
closing-email-body = Bonjour { $name },

    Vous avez demandé la suppression de votre compte. Il est fermé, et sera effacé le { $date } avec tout ce qui vous concerne.

    Pour annuler, il suffit de vous reconnecter avant cette date : { $url }

## Journal des accès (issue 11)
access-title = Ce que l’administration a fait de vos données
access-lead = Chaque opération d’un administrateur ou de Préau lui-même sur vos données : quand, quel rôle, et pourquoi. Personne d’autre que vous ne voit ce journal ; le journal des administrateurs dit ce qui a été fait, jamais à qui.
access-none = Aucune opération sur vos données pour l’instant.
access-col-when = Quand
access-col-by = Qui
access-col-what = Quoi
access-by-admin = Un administrateur
access-by-system = Préau (automatiquement)
access-unknown = Opération « { $action } ».
access-roster-updated = L’import de l’annuaire académique a modifié : { $fields }.
access-roster-returned = L’annuaire académique vous compte de nouveau parmi le personnel : votre départ est annulé.
access-roster-departure = L’annuaire académique ne vous compte plus parmi le personnel : un courriel vous a annoncé l’effacement de votre compte, sauf si vous êtes de retour dans un prochain import.
access-invitation-imported = Votre ligne de l’annuaire académique a été importée et une invitation préparée (rien n’était visible de vous avant que vous l’acceptiez).
access-invitation-letter = Un courrier d’invitation à votre nom a été imprimé.
access-invitation-email = Un courriel d’invitation vous a été envoyé.
access-visibility-asked = Un administrateur a demandé « Qui voit qui ? » en vous nommant ; la réponse dit seulement si une personne peut en voir une autre, et pourquoi.
access-field-name = votre nom
access-field-structure = votre école ou service
access-field-corps = votre corps
access-field-functions = vos fonctions

## Limitation (issue 11)
restriction-title = Limiter l’utilisation de mes données
restriction-lead = Tant que la limitation est active, personne ne vous trouve : ni l’annuaire, ni les listes de membres des groupes, ni le choix des destinataires, ni les réponses des administrateurs à votre sujet. Votre compte et vos données sont gardés tels quels, et vous pouvez la lever à tout moment.
restriction-on-state = La limitation est active : personne ne vous voit.
restriction-off-state = La limitation n’est pas active : vos choix de visibilité s’appliquent.
restriction-enable = Activer la limitation
restriction-disable = Lever la limitation
restriction-enabled = La limitation est active : plus personne ne vous trouve.
restriction-disabled = La limitation est levée : vos choix de visibilité s’appliquent de nouveau.
restriction-invalid = Choisissez d’activer ou de lever la limitation.

## Demandes d'exercice des droits (RGT-08), dans le journal des accès
access-request-entered = Un administrateur a enregistré une demande reçue de vous par courrier.
access-request-extended = Un administrateur a prolongé le délai de réponse à votre demande ; le motif vous a été envoyé par courriel.
access-request-answered = Un administrateur a répondu à votre demande et l’a close ; la réponse vous a été envoyée par courriel.
access-request-refused = Un administrateur a refusé votre demande en citant son fondement ; la réponse vous a été envoyée par courriel.
