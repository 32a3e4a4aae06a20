"""The enforcement ledgers (spreadsheets in and out), one module per area; importing this package registers them."""

from . import bodies, certificates, clues, contact_points, evaluation, self_assessment, training  # noqa: F401
