"""The enforcement workstream's figures, one module per area; importing this package registers them."""

from . import certificates, clues, evaluation, training  # noqa: F401
