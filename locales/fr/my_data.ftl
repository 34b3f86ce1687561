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
