## Navigation
nav-directory = Directory
nav-admin = Administration
home-admin-open = Open administration
account-visibility-link = What others see of me

## Invitation
invitation-title = Your invitation
invitation-hello = Hello
invitation-lead = The circonscription offers you an account on this workspace. Nothing exists in your name until you choose: no account, no password, no address.
invitation-expires = Invitation valid until
invitation-read-first = Before you choose, here is what happens to your data if you open an account.
invitation-choice = Your choice
invitation-activate = Activate my account
invitation-decline = I do not want an account
invitation-decline-effect = If you decline, the invitation is deleted at once; only an encrypted fingerprint of your address is kept until the next school year, so that you are not invited again meanwhile. This choice has no consequence.
invitation-invalid-title = This code does not work
invitation-invalid = This invitation code is not recognised, has already been used or has expired. Ask the administrator of your circonscription's workspace for a new letter.
declined-title = Noted
declined-text = Your invitation has been deleted. No account was created and nobody will invite you again before the next school year.
field-structure = School or unit
field-functions = Functions
function-school_director = school director
function-cpc = pedagogical adviser
function-erun = digital-education adviser
function-ien = inspector (IEN)
function-secretary = secretary
function-other = other function

## Activation
activation-title = Activate my account
activation-lead = choose your password and what others will see of you. You can change all of it later in "My account".
charter-title = Charter of use
charter-1 = This space is for work between colleagues of the circonscription; what you write engages your responsibility as anywhere else.
charter-2 = Nobody enrols you in a group or a list: you choose what you join, and you can leave whenever you want.
charter-3 = No individual statistics, no "last seen", no read receipts are produced about you.
charter-4 = You see your account and set its visibility yourself; for a copy of your data, a correction or closing your account, write to the data protection officer (see “Personal data”).
activation-accept = I have read and accept the charter of use and the notice
activation-submit = Activate my account
notice-not-accepted = Tick the box to accept the charter and the notice: the account cannot open without it.
notice-outdated = The information notice has changed since this page was shown. Reload the page and read it again before continuing.
scope-invalid = Choose who can find you in the directory.
scope-legend = Who can find me in the directory?
scope-my-places = Colleagues of my school or unit and of my groups (recommended)
scope-district = The whole circonscription
scope-nobody = Nobody
shown-legend = What my colleagues see of me, besides my name
show-structure = My school or unit
show-functions = My functions (school director, adviser…)

## Code
code-title = I received an invitation letter
code-lead = Type the code printed on your letter. Capitals, spaces and dashes do not matter.
field-code = Invitation code
code-hint = 26 characters, for example 7KQ2-M9XD-…
code-submit = Continue
code-missing = Type the code from your letter.

## Directory
directory-title = Directory
directory-lead = You find only the colleagues who chose to be visible to you. There is no list by function.
directory-query = First or last name
directory-hint = At least 3 characters; accents and capitals do not matter. 20 results at most.
directory-submit = Search
directory-results = Results
directory-none = No colleague visible to you matches.
person-only-chosen = Only the information this person chose to show is displayed.
search-too-short = Type at least 3 letters or digits.
search-too-long = Type at most 100 characters.

## Visibility
visibility-title = What others see of me
restricted-legend = Restriction
restricted-label = Restrict the use of my data: nobody sees me (I keep my account and my data)
save = Save
visibility-saved = Your choices are saved.

## Administration
admin-title = Administration
admin-lead = You see numbers, never lists of people: invitations stay invisible, to you too.
admin-counts = In figures
admin-pending-invitations = Pending invitations
admin-active-accounts = Active accounts
admin-restricted-accounts = Accounts restricted by their holder
admin-departing-accounts = Departures in progress
admin-structures = Schools and units
admin-no-structures = No school yet: they are created by the staff roster import.
admin-audit = Operations log
admin-no-audit = No operation yet.
admin-when = When
admin-action = Operation
admin-audit-lead = Administrative acts, in words: the log does not show who did them or about whom.
admin-daily = What people do themselves, per day
admin-daily-lead = Only numbers per day and kind of event, over the last { $days } days: no name, no time. A number below 10 is not shown exactly.
admin-no-daily = Nothing over this period.
admin-day = Day
admin-kind = Event
admin-count = Number
count-fewer-than-min = fewer than 10
audit-roster-previewed = Staff roster previewed — new invitations: { $added }, updates: { $updated }, departures: { $departed }, rejected lines: { $rejected }.
audit-roster-imported = Staff roster imported — new invitations: { $added }, updates: { $updated }, departures: { $departed }, rejected lines: { $rejected }, new schools: { $structures }.
audit-roster-refused = Import refused, file probably incomplete — unconfirmed departures: { $departed }.
audit-unit-created = Unit added.
audit-letters-issued = Invitation letters printed: { $count }.
audit-letters-reprinted = New invitation letters printed (codes already handed out no longer work): { $count }.
audit-invitation-emails-queued = Invitations sent by email: { $count }.
audit-visibility-explained = "Who sees whom?" question asked.
audit-rights-request-entered = Rights request recorded (letter): { $kind }.
audit-rights-request-extended = Rights request deadline extended by { $months } month(s): { $kind }.
audit-rights-request-closed = Rights request closed ({ $outcome }): { $kind }.
audit-retention-purge = Automatic erasure — expired invitations: { $invitations }, departed accounts: { $accounts }.
audit-demo-data-generated = Demonstration data created — accounts: { $accounts }, invitations: { $invitations }.
audit-account-activated = Accounts opened
audit-invitation-declined = Invitations declined
audit-notice-acknowledged = Information notices read
audit-activation-requested = Activations waiting for confirmation
audit-activation-refused = Activations refused from the mailbox ("it was not me")
audit-takeover-reported = Accounts suspended after "it was not me"
audit-account-reopened = Accounts reopened by a new password
import-title = Import the staff roster
import-lead = The file creates invitations, never accounts. You will first see what would change (departures as a number only), before confirming.
import-columns = Expected columns: last name, first name, professional email, school UAI; optional: school name, corps, functions. Separator ";" or ",", UTF-8 or Windows-1252 encoding.
import-file = CSV file
import-file-hint = The académie's roster extract, as it is.
import-preview = See what would change
import-preview-lead = Nothing has changed yet. Check, then confirm.
import-applied = The import is done. The new invitations are waiting for their letters.
import-added = New invitations
import-updated = Updates
import-departed = Departures (accounts missing from the file)
import-departed-explain = People leaving are not named here: each is told by email, with the erasure date and how to contest it.
import-incomplete-title = File probably incomplete
import-incomplete-text = This file would make more than 10 % of the accounts (and more than 20) leave. An interrupted export, or one limited to a school, is the usual cause. If the file is complete, type the number of departures to confirm.
import-confirm-departures = Number of departures
import-confirm-departures-hint = The number of departures shown above, to confirm they are intended.
roster-probably-incomplete = File probably incomplete: type the exact number of departures to confirm the import.
import-rejected = Rejected lines
import-unchanged = Unchanged
import-new-structures = New schools
import-encoding = Detected encoding
import-confirm = Confirm the import
import-line = Line
import-reason = Reason
import-value = Value
letters-explain = Printing the letters creates a new code for each invitation of this import; a code printed before stops working.
letters-print = Print the invitation letters
letters-title = Invitation letters
letters-lead = One page per person. These codes are shown only here: print now.
letter-heading = invitation to open your account
letter-p1 = The circonscription offers you an account on its digital workspace. It does not exist yet: you decide whether to open it.
letter-p2 = To choose:
letter-step1 = go to
letter-step2 = type this code:
letter-step3 = read the notice, then activate your account or decline the invitation, in one click.
letter-expires = Without an answer, the invitation deletes itself on
letter-privacy = Your data and your rights:

## Errors
error-conflict-title = Conflict
error-too-large-title = Too large
body-too-large = What you sent is too large.
roster-empty = The file contains no staff line.
roster-missing-columns = Required columns are missing: last name, first name, professional email and UAI are needed.
roster-too-many-lines = The file has more lines than accepted.
roster-line-columns = Columns are missing on this line.
roster-line-email = Invalid email address.
roster-line-email-lookalike = Email address refused: invisible, fullwidth or mixed-script characters.
roster-line-account-exists = This address already has an account opened outside the roster (an administrator's, say): no invitation is created.
roster-line-uai = Invalid UAI code (7 digits and a letter).
roster-line-name = First or last name missing or too long.
roster-line-duplicate = Address already present at the line given.

## Forgotten password
forgot-link = Forgotten password?
forgot-title = Forgotten password
forgot-lead = Enter your professional address: if an account uses it, you will receive a link to choose a new password, valid for 30 minutes.
forgot-submit = Send me a link
forgot-sent = If an account matches this address, an email has just been sent to it. Check your spam folder too.
reset-title = New password
reset-lead = Choose your new password. All your open sessions will be closed.
reset-submit = Save the password
reset-done = Your password is changed and all your sessions were closed. You can log in.
reset-invalid = This link is not recognised, has already been used or has expired (it lasts 30 minutes). Ask for a new one.

## Invitation emails
emails-send = Send the invitations by email
emails-title = Invitations sent
emails-queued = { $count ->
    [one] One invitation has been sent
   *[other] { $count } invitations have been sent
  } to the professional addresses. Codes printed before for these people no longer work.

## Annual confirmation
confirm-title = New school year: is your information correct?
confirm-lead = This is what the staff roster says about you. Once a year, we ask you to check it.
confirm-ok = It is correct
confirm-wrong = A mistake? This information comes from the staff roster: tell your circonscription, and the next import will correct it.
field-corps = Corps

## Units
unit-new = Add a unit
unit-hint = For example "District team" or "RASED". Schools come from the staff roster.
unit-create = Add the unit
field-unit-name = Unit name
field-commune = Town (optional)
structure-name-missing = Enter the unit's name.
structure-name-invalid = This name is longer than 120 characters or contains characters that are not allowed.

## Notice
notice-banner-label = Information notice
notice-banner = The information notice about your data has been updated. Please read it:
notice-banner-ok = I have read the notice

## Why can I see this person?
why-title = Who sees whom?
why-lead = To answer a question about the directory: enter two professional addresses. The answer says which rule applies, never the people's private choices. Your query is recorded in the log.
why-viewer = Address of the person searching
why-person = Address of the person searched for
why-submit = Explain
why-themselves = It is the same person: everyone sees themselves.
why-same-structure = Visible: they work in the same school or unit, and the person searched for is visible to their colleagues.
why-district = Visible: the person searched for chose to be visible in the whole circonscription.
why-not-visible = Not visible: the visibility rules do not allow it (or one of the addresses has no account). The detail belongs to the person's choices and is not shown. Working groups they might share are not taken into account: they are their members' business.

## Recovery address
recovery-title = Recovery address
recovery-lead = If you lose access to your professional mailbox, password links can also go to a personal address. It is optional, used for that only, and nobody else sees it.
recovery-current = Saved address
recovery-remove = Remove this address
field-recovery-email = Personal address
recovery-consent = I agree that this personal address is kept to send me password links only. I can remove it at any time.
recovery-consent-missing = Tick the box to give your consent: without it, the address is not saved.
recovery-saved = Your recovery address is saved.
recovery-removed = Your recovery address is removed.

## Confirmations from the mailbox and "it was not me" (issue 9 §1)
recovery-link-sent = A confirmation link has just been sent to that address. It is saved only once the link is opened from that mailbox; your professional address will be told.
recovery-how = To protect your account, enter your current password. A confirmation link will go to the recovery address; it is saved only once that link is opened.
recovery-send-link = Send the confirmation link
recovery-email-professional = This is the professional address of an account: choose a personal address.
recovery-confirm-title = Confirm the recovery address
recovery-confirm-text = The address { $email } will also receive the password links of this account. Do you confirm?
recovery-confirm-button = Confirm this address
recovery-confirmed-title = Recovery address confirmed
recovery-confirmed = This address is now the account's recovery address. A message tells the professional address.
activation-sent-title = Confirm from your mailbox
activation-sent = An email has just been sent to { $email }. Your account opens only once you open the link it holds, from that mailbox (valid for 48 hours). Nothing is opened until then.
activation-confirm-title = Open my account
activation-confirm-text = An account was requested in the name of { $name } ({ $email }) with the code of the invitation letter. If this is you, confirm: the account opens with the password and choices you made.
activation-confirm-button = Confirm and open my account
activation-refuse-text = If it was not you who typed this code: nothing will be opened, your letter's code will stop working and the administrators will be told.
activation-refused-title = Nothing was opened
activation-refused = No account was opened and your letter's code no longer works. The administrators are told; ask them for a new letter if you wish to open your account.
not-me-button = It was not me
not-me-title = It was not me
not-me-text = If the act the email announced was not yours, Préau suspends your account, closes all its sessions and tokens, and tells the administrators. You then get it back with "Forgot your password?", through a link sent to your professional address.
not-me-done-title = Account suspended
not-me-done = Your account is suspended, its sessions and tokens are closed, and the administrators are told. To get it back, ask for a new password with "Forgot your password?": the link goes to your professional address.
link-invalid-title = Link not recognised
link-invalid = This link is not recognised: it was already used, has expired, or is incomplete. Check that it is whole in the email.
account-suspended = This account is suspended after an "it was not me" report. To get it back, ask for a new password with "Forgot your password?".

## Limited reprints and resends (issue 9 §1)
emails-already-sent = { $count ->
    [one] One invitation, already sent less than 10 minutes ago, was not sent again.
   *[other] { $count } invitations, already sent less than 10 minutes ago, were not sent again.
  }
letters-over-limit = { $count ->
    [one] One person gets no new invitation: they already had 3 this month, by letter or email.
   *[other] { $count } people get no new invitation: they already had 3 this month, by letter or email.
  }
letters-confirm-title = Print new letters?
letters-confirm-text = Codes were already handed out for this import, or another administrator made it. Printing new letters gives new codes: those already handed out will stop working. Each person can receive at most 3 invitations a month.
letters-confirm-button = Print new letters
letters-confirm-needed = Printing new letters replaces the codes already handed out: confirm first.

## Additional administrators (issue 9 §1)
admin-pending-title = Confirm from your mailbox
admin-pending = Your account is created. The administrator permission takes effect once you open the link sent to { $email }; the existing administrators will be told.
admin-confirm-title = Confirm the administrator permission
admin-confirm-text = The account { $email } will receive the administrator permission, and the existing administrators will be told. Do you confirm?
admin-confirm-button = Confirm
admin-confirmed-title = Administrator permission confirmed
admin-confirmed = The administrator permission is active; the existing administrators were told.
audit-admin-granted = Administrator permission granted.
audit-admin-requested = Additional administrator account created, waiting for confirmation by email.
