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
closing-password-hint = Pour confirmer que c’est bien vous.
closing-submit = Fermer mon compte et l’effacer dans 30 jours
closing-done-title = Votre compte est fermé
closing-done = Il sera effacé le { $date }, avec tout ce qui vous concerne. Pour annuler d’ici là, reconnectez-vous. Un courriel vous le confirme.
closing-cancelled = La suppression de votre compte est annulée : bon retour.
closing-email-subject = { $instance } : votre compte sera effacé dans 30 jours
closing-email-body = Bonjour { $name },

    Vous avez demandé la suppression de votre compte. Il est fermé, et sera effacé le { $date } avec tout ce qui vous concerne.

    Pour annuler, il suffit de vous reconnecter avant cette date : { $url }
