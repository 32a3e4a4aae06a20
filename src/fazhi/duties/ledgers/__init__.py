"""The duties ledgers, registered with core.io.ledgers: activities and demonstration projects."""

from . import activities, demonstration  # noqa: F401
