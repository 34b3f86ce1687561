## My data (issue 11)

nav-my-data = My data
my-data-title = My data
my-data-intro = Everything Préau keeps about you, table by table, and an archive to take it away. Nobody else sees this page.
my-data-download = Download my data (ZIP)
my-data-archive-explain = The archive holds donnees.json (all your rows, described by a published schema), one CSV file per table that a spreadsheet opens, and LISEZMOI.txt, which says why each piece of data exists, how long it is kept and how to exercise your rights.
my-data-kept-title = What Préau keeps about you
my-data-col-table = Table
my-data-col-purpose = Why
my-data-col-rows = Rows
my-data-col-retention = Kept for
my-data-rest = The hashes of your secrets (password, tokens) are never exported and cannot be read. For your other rights:

export-readme-intro = Your data in { $instance } (controller: { $controller }). donnees.json holds every row about you; the csv/ folder the same, one table per file. Instants are in universal time (UTC).
export-readme-rows = { $count ->
    [one] 1 row
   *[other] { $count } rows
}
export-readme-files = The documents/ folder holds the files of « Mes documents », in their folders, as you uploaded them (their latest version); those in the trash are in documents/Corbeille/. Files you uploaded to groups' spaces stay there: their rows are in document_versions.
export-readme-retention = Kept: { $retention }
export-readme-rights = You may ask for your data to be corrected or erased, or object to a processing, by writing to the data protection officer: { $dpo }. You may also complain to the CNIL (www.cnil.fr). Préau: { $url }

closing-title = Delete my account
closing-lead = Your account closes at once and is erased 30 days later, with everything about you; until then, logging in again cancels it.
closing-link = Delete my account…
closing-explain = As soon as you confirm, your sessions and tokens end and nobody finds you any more. In 30 days, your account and every row about you are erased. To cancel before then, log in again: that is all. Consider downloading your data first.
closing-groups-legend = You are the only owner of these groups. What becomes of them?
closing-groups-hand-over = Hand them to the longest-standing manager (else member); a group with nobody else in it is deleted
closing-groups-delete = Delete them; their members are told
closing-groups-invalid = Choose what becomes of your groups.
closing-documents-legend = The files you put in groups' spaces
closing-documents-keep = Leave them to the group, without your name (“former member”)
closing-documents-delete = Delete them with my account, contents included
closing-documents-invalid = Choose what becomes of the files you put in groups.
closing-password-hint = To confirm it is you.
closing-submit = Close my account and erase it in 30 days
closing-done-title = Your account is closed
closing-done = It will be erased on { $date }, with everything about you. To cancel before then, log in again. An email confirms it.
closing-cancelled = Deleting your account is cancelled: welcome back.
closing-email-subject = { $instance }: your account will be erased in 30 days
closing-email-body = Hello { $name },

    You asked for your account to be deleted. It is closed, and will be erased on { $date } with everything about you.

    To cancel, just log in again before then: { $url }

## Access log (issue 11)
access-title = What the administration did with your data
access-lead = Every operation an administrator or Préau itself performed on your data: when, which role, and why. Nobody but you sees this log; the administrators’ journal says what was done, never to whom.
access-none = No operation on your data so far.
access-col-when = When
access-col-by = Who
access-col-what = What
access-by-admin = An administrator
access-by-system = Préau (automatically)
access-unknown = Operation “{ $action }”.
access-roster-updated = The import of the staff roster changed: { $fields }.
access-roster-returned = The staff roster lists you again: your departure is cancelled.
access-roster-departure = The staff roster no longer lists you: an email told you when your account will be erased, unless a later import lists you again.
access-invitation-imported = Your line of the staff roster was imported and an invitation prepared (nothing of you was visible before you accepted it).
access-invitation-letter = An invitation letter in your name was printed.
access-invitation-email = An invitation email was sent to you.
access-visibility-asked = An administrator asked “Who sees whom?” naming you; the answer only says whether one person can see another, and why.
access-field-name = your name
access-field-structure = your school or unit
access-field-corps = your corps
access-field-functions = your functions

## Restriction (issue 11)
restriction-title = Restrict the use of my data
restriction-lead = While the restriction is on, nobody finds you: not the directory, not group member lists, not recipient pickers, not administrators’ answers about you. Your account and your data are kept as they are, and you can lift it at any time.
restriction-on-state = The restriction is on: nobody sees you.
restriction-off-state = The restriction is off: your visibility choices apply.
restriction-enable = Turn the restriction on
restriction-disable = Lift the restriction
restriction-enabled = The restriction is on: nobody finds you any more.
restriction-disabled = The restriction is lifted: your visibility choices apply again.
restriction-invalid = Choose to turn the restriction on or to lift it.

## Rights requests (RGT-08), in the access log
access-request-entered = An administrator recorded a request you sent by post.
access-request-extended = An administrator extended the deadline for answering your request; the reason was emailed to you.
access-request-answered = An administrator answered your request and closed it; the answer was emailed to you.
access-request-refused = An administrator refused your request, citing its ground; the answer was emailed to you.
