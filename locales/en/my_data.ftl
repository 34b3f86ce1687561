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
closing-password-hint = To confirm it is you.
closing-submit = Close my account and erase it in 30 days
closing-done-title = Your account is closed
closing-done = It will be erased on { $date }, with everything about you. To cancel before then, log in again. An email confirms it.
closing-cancelled = Deleting your account is cancelled: welcome back.
closing-email-subject = { $instance }: your account will be erased in 30 days
closing-email-body = Hello { $name },

    You asked for your account to be deleted. It is closed, and will be erased on { $date } with everything about you.

    To cancel, just log in again before then: { $url }
