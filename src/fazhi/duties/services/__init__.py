"""Every write of the duties app, by area: activities (述法学法) and demonstration (示范创建)."""

from .activities import (  # noqa: F401
    attach_file,
    delete_activity,
    delete_attachment,
    record_activity,
    split_names,
    update_activity,
)
from .demonstration import TRANSITIONS, advance_project, correct_project, enter_project  # noqa: F401
