"""The duties admin, by area; every save through the services."""

from . import activities, demonstration  # noqa: F401
