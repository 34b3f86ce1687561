## Notification centre (issue 10)

notifications-title = Notifications
notifications-bell = Notifications
notifications-bell-unread = { $count ->
    [one] Notifications, 1 unread
   *[other] Notifications, { $count } unread
}
notifications-intro = News that concerns you. Nobody knows whether you read it: “read” is only a marker for you.
notifications-empty = No notifications yet.
notifications-unread = unread
notifications-mark-read = Mark as read
notifications-mark-all-read = Mark all as read
notifications-open = Open
notifications-preferences-link = Choose what you receive by email, and when
notifications-kept = Notifications delete themselves six months after they arrive.
notifications-marked = Done.

notification-someone = Someone
notification-unknown = News
notification-group-invitation = { $actor } invites you to the group “{ $group }”
notification-group-join-request = { $actor } asks to join the group “{ $group }”
notification-group-request-approved = Your request to join “{ $group }” was accepted
notification-group-request-refused = Your request to join “{ $group }” was not accepted
notification-group-role-changed = { $actor } gave you the role “{ $role }” in “{ $group }”
notification-rights-request-answered = The administrators answered your request about your data
notification-group-deleted = { $actor } deleted the group “{ $group }”

notification-kind-group-invitation = Invitations to a group
notification-kind-group-join-request = Requests to join a group you run
notification-kind-group-request-answered = Answers to your requests
notification-kind-group-role-changed = Changes to your role in a group
notification-kind-group-deleted = Deleted groups
notification-kind-rights-request-answered = Answers to your requests about your data

notification-delivery-immediate = At once
notification-delivery-daily = Daily digest
notification-delivery-weekly = Weekly digest
notification-delivery-never = Never by email

notification-preferences-title = Notifications: your choices
notification-preferences-intro = Everything appears in Préau. You choose what also reaches you by email, and when. Emails carry the whole news: no need to log in to read it.
notification-preferences-kinds = By email
notification-quiet-title = Quiet hours
notification-quiet-intro = During your quiet hours no email leaves: news waits for the end of the span, and digests leave then. The circonscription's school holidays are always quiet.
notification-quiet-from = From (HH:MM)
notification-quiet-to = To (HH:MM)
notification-quiet-weekends = Quiet on Saturdays and Sundays too
notification-preferences-save = Save my choices
notification-preferences-saved = Your choices are saved.
notification-delivery-invalid = This choice does not exist.
notification-time-invalid = Give a time as HH:MM, for example 19:00.

notification-email-subject-one = { $instance }: { $text }
notification-email-subject-many = { $instance }: { $count } pieces of news for you
notification-email-hello = Hello { $name },
notification-email-why = You receive this email because you chose to. Your choices: { $url }
notification-email-stop-kind = Stop receiving “{ $kind }” by email: { $url }
notification-email-stop-all = Stop receiving any notification by email: { $url }

unsubscribe-title = Stop these emails
unsubscribe-one = You will no longer receive by email: “{ $kind }”. This news stays visible in Préau.
unsubscribe-all = You will no longer receive any notification by email. News stays visible in Préau.
unsubscribe-confirm-one = Stop receiving “{ $kind }” by email
unsubscribe-confirm-all = Stop receiving any notification by email
unsubscribe-explain = No login needed. You can change your mind in your notification preferences.
unsubscribe-done = Done.
notification-document-shared = { $actor } shared “{ $group }” with you
notification-kind-document-shared = Documents shared with you
