"""Records of the duties app: the activity ledger (述法学法) and the demonstration projects (示范创建)."""

from .activities import (  # noqa: F401
    Activity,
    ActivityAttachment,
    ActivityKind,
    ActivityParticipant,
    activity_attachment_path,
)
from .demonstration import DemonstrationProject  # noqa: F401
