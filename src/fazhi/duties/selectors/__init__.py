"""Every read of the duties app, by area, scoped through core.access."""

from .activities import activities_for, activity_rows, distinct_people, filtered, namesakes, years_of  # noqa: F401
from .demonstration import projects_for  # noqa: F401
