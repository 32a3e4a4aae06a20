"""Ledgers of case-file evaluation (案卷评查): the files drawn with their handling officers (by certificate number),
their item scores, and the problems found. Importing scores recomputes each file's total and grade (never read from
the file); an officer without a valid 行政执法证 on the decision date is refused, as on every other path; only the
Justice Bureau or enforcement supervisors may import. One module per ledger; importing this package registers them."""

from . import campaigns, case_files, item_scores, problems  # noqa: F401
