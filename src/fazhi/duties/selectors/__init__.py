"""Every read of the duties app, by area, scoped through core.access."""

from .activities import (  # noqa: F401
    activities_for,
    activity_rows,
    deleted_attachments,
    distinct_people,
    filtered,
    namesakes,
    years_of,
)
from .demonstration import projects_for  # noqa: F401
