"""The demo district's enforcement records: bodies and officers, then their history (exams, reviews, training, clues
of past years), then case-file evaluation — the steps register in this order."""

from . import bodies, history, evaluation  # noqa: F401, I001  (the order of the steps)
