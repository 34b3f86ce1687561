## Notification centre (issue 10)

notifications-title = Notifications
notifications-bell = Notifications
notifications-bell-unread = { $count ->
    [one] Notifications, 1 non lue
   *[other] Notifications, { $count } non lues
}
notifications-intro = Les nouvelles qui vous concernent. Personne ne sait si vous les avez lues : « lu » n’est qu’un repère pour vous.
notifications-empty = Aucune notification pour l’instant.
notifications-unread = non lue
notifications-mark-read = Marquer comme lue
notifications-mark-all-read = Tout marquer comme lu
notifications-open = Ouvrir
notifications-preferences-link = Choisir ce que vous recevez par courriel, et quand
notifications-kept = Les notifications s’effacent d’elles-mêmes six mois après leur arrivée.
notifications-marked = C’est noté.

notification-someone = Une personne
notification-unknown = Une nouvelle
notification-group-invitation = { $actor } vous invite dans le groupe « { $group } »
notification-group-join-request = { $actor } demande à rejoindre le groupe « { $group } »
notification-group-request-approved = Votre demande pour rejoindre « { $group } » est acceptée
notification-group-request-refused = Votre demande pour rejoindre « { $group } » n’a pas été acceptée
notification-group-role-changed = { $actor } vous a donné le rôle « { $role } » dans « { $group } »
notification-rights-request-answered = Les administrateurs ont répondu à votre demande sur vos données
notification-group-deleted = { $actor } a supprimé le groupe « { $group } »

notification-kind-group-invitation = Invitations dans un groupe
notification-kind-group-join-request = Demandes pour rejoindre un groupe que vous animez
notification-kind-group-request-answered = Réponses à vos demandes
notification-kind-group-role-changed = Changements de votre rôle dans un groupe
notification-kind-group-deleted = Groupes supprimés
notification-kind-rights-request-answered = Réponses à vos demandes sur vos données

notification-delivery-immediate = Tout de suite
notification-delivery-daily = Résumé quotidien
notification-delivery-weekly = Résumé hebdomadaire
notification-delivery-never = Jamais par courriel

notification-preferences-title = Notifications : vos choix
notification-preferences-intro = Tout apparaît dans Préau. Vous choisissez ce qui vous arrive aussi par courriel, et quand. Les courriels contiennent la nouvelle en entier : inutile de vous connecter pour la lire.
notification-preferences-kinds = Par courriel
notification-quiet-title = Heures calmes
notification-quiet-intro = Pendant vos heures calmes, aucun courriel ne part : les nouvelles attendent la fin de la plage, et les résumés partent à ce moment-là. Les vacances scolaires de la circonscription sont toujours calmes.
notification-quiet-from = Début (HH:MM)
notification-quiet-to = Fin (HH:MM)
notification-quiet-weekends = Calme aussi le samedi et le dimanche
notification-preferences-save = Enregistrer mes choix
notification-preferences-saved = Vos choix sont enregistrés.
notification-delivery-invalid = Ce choix n’existe pas.
notification-time-invalid = Indiquez une heure au format HH:MM, par exemple 19:00.

notification-email-subject-one = { $instance } : { $text }
notification-email-subject-many = { $instance } : { $count } nouvelles pour vous
notification-email-hello = Bonjour { $name },
notification-email-why = Vous recevez ce courriel parce que vous l’avez choisi. Vos choix : { $url }
notification-email-stop-kind = Ne plus recevoir « { $kind } » par courriel : { $url }
notification-email-stop-all = Ne plus recevoir aucune notification par courriel : { $url }

unsubscribe-title = Ne plus recevoir ces courriels
unsubscribe-one = Vous ne recevrez plus par courriel : « { $kind } ». Ces nouvelles restent visibles dans Préau.
unsubscribe-all = Vous ne recevrez plus aucune notification par courriel. Les nouvelles restent visibles dans Préau.
unsubscribe-confirm-one = Ne plus recevoir « { $kind } » par courriel
unsubscribe-confirm-all = Ne plus recevoir aucune notification par courriel
unsubscribe-explain = Aucune connexion n’est nécessaire. Vous pourrez changer d’avis dans vos préférences de notification.
unsubscribe-done = C’est fait.
notification-document-shared = { $actor } a partagé « { $group } » avec vous
notification-kind-document-shared = Documents partagés avec vous
