## Layout
skip-to-content = Skip to content
demo-banner = Demonstration instance: the legal information is not configured yet. Do not enter real data.
nav-label = Main navigation
nav-home = Home
nav-account = My account
nav-logout = Log out
nav-login = Log in
footer-privacy = Personal data
footer-legal = Legal framework
footer-accessibility = Accessibility: not compliant
lang-switch-label = Interface language
back-home = Back to the home page
actions = Actions
cancel = Cancel
error-summary-title = There is a problem with the form

## Error pages
error-bad-request-title = Incorrect request
error-unauthorized-title = Login required
error-forbidden-title = Access denied
error-not-found-title = Page not found
error-gone-title = Link no longer valid
error-too-many-title = Too many attempts
error-internal-title = Something went wrong
error-unavailable-title = Service temporarily unavailable

## Error codes (also returned by the API)
invalid-input = Some information needs correcting.
bad-credentials = Email address or password not recognised.
too-many-attempts = Too many attempts. Please wait before trying again.
too-many-attempts-wait = Too many attempts. Try again in { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
  }.
unauthenticated = You need to log in.
invalid-token = This access token is not recognised or has been revoked.
forbidden = You do not have access to this page.
not-found = Not found.
page-not-found = This page does not exist. Check the address or go back to the home page.
method-not-allowed = This action is not possible at this address.
limit-reached = You have reached the maximum number of access tokens (20). Revoke one before creating another.
internal-error = Something went wrong on our side. Please try again in a moment.
unavailable = The service is temporarily unavailable. Nothing you sent before is lost: please try again in a few seconds.
malformed-form = The form could not be read. Reload the page and try again.
malformed-query = The address of this page could not be read. Go back to the previous page and try again.
unknown-language = Unknown language.
invalid-json = The request body is not valid JSON.
expected-json = The request must be sent as JSON (Content-Type: application/json).
invalid-query = The parameters in the address cannot be read: one is missing, repeated or of the wrong type.
invalid-request = The request cannot be read.
request-timeout = The request took too long. Try again in a moment.

## Fields
email-missing = Enter your email address.
email-invalid = Enter a valid email address, such as firstname.lastname@ac-amiens.fr.
email-invisible-characters = This address holds invisible characters or characters that change the reading direction; type it again.
email-lookalike-characters = This address holds fullwidth characters or variants that imitate ordinary letters; type it again.
email-mixed-scripts = This address mixes Latin letters with Greek or Cyrillic letters that look like them; type it again.
email-taken = An account already exists with this address.
given-name-missing = Enter your first name.
family-name-missing = Enter your last name.
name-too-long = This name is longer than 100 characters.
name-invalid = This name contains characters that are not allowed.
password-missing = Enter your password.
password-too-short = The password must be at least 12 characters long.
password-too-long = The password cannot be longer than 128 characters.
password-common = This password is one of the most common ones: it would be guessed in a few tries. Choose another.
password-personal = This password is built on your name, your address or the service's name: it would be too easy to guess.
password-repetitive = This password is made of repetitions or sequences (aaaa, 1234, qwerty): it would be too easy to guess.
password-too-weak = This password is too predictable. Make it longer: a sentence of several words works very well.
password-mismatch = The two passwords are not the same.
current-password-wrong = The current password is not correct.
token-name-missing = Give this token a name (for example: "export script").
token-name-invalid = The name must be at most 60 characters, without control characters.
field-email = Email address
field-professional-email = Professional email address
field-password = Password
field-current-password = Current password
field-new-password = New password
field-password-confirmation = Confirm the password
field-given-name = First name
field-family-name = Last name
field-name = Name
field-token-name = Token name
password-hint = At least 12 characters. No composition rules: a sentence of several words is ideal. Avoid your name and common passwords.
token-name-hint = To remind you what it is for. 60 characters at most.

## Login
login-title = Log in
login-submit = Log in
login-no-account = No account yet? Your account is opened from the invitation letter the circonscription gives you: nobody opens it for you.
logged-out = You are logged out.
logged-out-everywhere = All your sessions have been closed, on all your devices.

## Setup
setup-title = Create the administrator account
setup-lead = This single-use link, shown on the server console, creates the first administrator account. Choose your own password: there is no default account and no default password.
setup-submit = Create the account and log me in
setup-problem-title = Setup link cannot be used
setup-link-valid = This link is valid.
setup-link-expired = This setup link has expired: it is valid for one hour only.
setup-link-used = This setup link has already been used: it works only once.
setup-link-replaced = A newer link has been created since: only the last link shown works.
setup-link-unknown = This setup link is not recognised. Check that it was copied in full.
setup-new-link = To get a new link, run this command on the server:
setup-already-admin = Already created your account?

## Home
home-title = Home
home-welcome = Hello
home-empty = Your space is ready. The services (directory, mail, groups, documents, announcements) will appear here as they open.
home-admin-title = Administration
home-admin-text = You administer this instance. You cannot read people's private content, and every access you make to their data is shown to them.
home-rights-title = Your data belongs to you
home-rights-text = You decide what others can see of you. No individual statistics, no "last seen", no read receipts.

## My account
account-title = My account
account-identity = Identity
account-security = Security
account-sessions = Open sessions:
logout-everywhere = Log me out everywhere
password-title = Change password
password-lead = Your other sessions will be closed: only this device stays logged in.
password-submit = Change password
password-changed = Your password has been changed. Your other sessions have been closed.
tokens-title = API access tokens
tokens-lead = A token lets a program use Préau's API on your behalf. It has the same rights as you: do not share it.
tokens-manage = Manage my access tokens
tokens-created-title = Token created
tokens-created-once = Copy it now: it will never be shown again. Only its fingerprint is kept.
tokens-list-title = My tokens
tokens-none = You have no access tokens.
tokens-created-at = Created on
tokens-revoke = Revoke
tokens-new-title = New token
tokens-create = Create token
token-revoked = The token has been revoked: it no longer works.

## My sessions
sessions-title = My sessions
sessions-lead = Each browser where you are signed in has its session, which ends by itself after a while without activity. If you do not recognise one, end it, then change your password.
sessions-manage = See and end my sessions
sessions-device = Device
sessions-started = Opened
sessions-last-active = Last active
sessions-current = this session
sessions-end = End
sessions-end-current = Log me out
sessions-end-others = End all other sessions
sessions-none = No open session.
sessions-device-unknown = unknown
session-ended = The session was ended: that browser is logged out.
other-sessions-ended = The other sessions were ended; this one stays open.

## Legal pages
privacy-title = Personal data
legal-title = Legal framework

# The register of processing (compliance/register.toml), rendered on the legal pages.
register-caption = Préau’s processing, from the register of processing
register-purpose = Purpose
register-data = Data
register-people = People concerned
register-recipients = Recipients
register-legal-basis = Legal basis
register-retention = Retention
accessibility-title = Accessibility statement

## Working groups
nav-groups = Groups
groups-title = Working groups
groups-lead = You join a group by your own choice only: accepting an invitation, joining an open group, or through a request a manager accepts. Nobody can enrol you, and you leave whenever you want, without anyone being told.
groups-invitations = Invitations received
groups-invited-by = Invited by
groups-former-member = a former member
groups-invitation-expires = It expires on
groups-accept = Accept
groups-decline = Decline
groups-block = Decline and never be invited to this group again
groups-mine = My groups
groups-mine-none = You are not a member of any group.
groups-directory = Open groups and groups on request
groups-directory-none = No other group is offered yet.
groups-new = Create a group
groups-create = Create the group
field-group-name = Group name
field-group-description = Description (optional)
field-group-kind = Who may come in?
field-group-sensitive = Sensitive group (union, health, mutual aid): its member list is never shown outside the group. This choice is final.
group-kind-open = open group
group-kind-closed = group on request
group-kind-private = private group
group-kind-open-explained = Open: visible to everyone, one click to join.
group-kind-closed-explained = On request: visible to everyone, one joins when a manager accepts the request.
group-kind-private-explained = Private: invisible, by invitation only.
group-role-owner = owner
group-role-manager = manager
group-role-member = member
group-role-of = Role of
group-sensitive = sensitive group
group-archived = archived (read-only)
group-your-role = your role:
group-join = Join
group-request = Ask to join
group-leave = Leave the group
group-archive = Archive the group
group-members = Members
group-requests = Pending requests
group-requests-none = No pending request.
group-request-approve = Accept
group-request-refuse = Refuse
group-invite = Invite someone
group-invite-lead = You can invite someone you see in the directory. They choose whether to accept; if they decline, you are not told.
field-invitee-email = Professional email address
field-invitation-message = Message (optional)
group-invite-send = Send the invitation
group-created = The group is created: you are its owner.
group-joined = You joined the group.
group-requested = Your request was sent to the group's managers.
group-left = You left the group. Nobody is told.
group-invited = The invitation is sent, if this person can receive it.
group-archived-done = The group is archived: it stays readable, nothing changes in it any more.
group-role-changed = The role is changed.
group-request-decided = The request is dealt with.
group-invitation-accepted = You are a member of the group.
group-invitation-declined = The invitation is declined. Whoever invited you is not told.
group-name-missing = Give the group a name.
group-name-invalid = The group's name is at most 80 characters, without control characters.
group-description-invalid = The description is at most 1,000 characters.
group-message-invalid = The message is at most 500 characters.
group-kind-invalid = Choose who may come into the group.
group-last-owner = You are the last owner: give this role to another member, or archive the group, before leaving.
group-role-invalid = Choose a role: member, manager or owner.
group-invitee-unknown = No colleague visible to you has this address.
group-answer-invalid = Answer "accept", "decline" or "decline_and_block".

group-delete = Delete the group
group-delete-title = Delete the group “{ $group }”?
group-delete-consequences = The group disappears for good, with its pending invitations and requests. { $members ->
    [0] No other member belongs to it.
    [one] The other member will get a notification: “the group was deleted”.
   *[other] The { $members } other members will get a notification: “the group was deleted”.
} Once the group's forum, documents and mail exist, they will be deleted with it. To keep it read-only, archive it instead.
group-delete-button = Delete for good
group-deleted-done = The group is deleted; its members were told.
group-spaces = Group spaces
group-space-forum = Forum
group-space-documents = Shared documents
group-space-mail = Group mail
group-space-soon = soon
