"""The admin of the enforcement workstream, one module per group of areas; importing this package registers them."""

from . import certificates, evaluation  # noqa: F401
