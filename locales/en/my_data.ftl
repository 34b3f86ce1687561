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
