"""Every read of the enforcement workstream, one module per area, scoped through core.access. Other apps call these
names: `from fazhi.enforcement import selectors`."""

from ..models import SupervisionClue  # noqa: F401  (its sources and the model, for access checks elsewhere)
from .bodies import (  # noqa: F401
    bodies_for,
    bodies_of_unit,
    district_bodies,
    district_people,
    powers_for,
    public_bodies,
    public_powers,
)
from .certificates import (  # noqa: F401
    EXPIRY_WARNING_DAYS,
    certificates_expiring,
    certificates_for,
    district_officers,
    exams_for,
    officers_without_valid_certificate,
    public_officers,
    reviews_for,
    valid_on,
)
from .clues import (  # noqa: F401
    clue_for,
    clue_units,
    clues_due,
    clues_for,
    open_clues,
    steps_for,
    with_clue_id,
    years_received,
)
from .contact_points import (  # noqa: F401
    active_on,
    contact_points_for,
)
from .evaluation import (  # noqa: F401
    campaign_files,
    campaigns_for,
    campaigns_of,
    case_files_for,
    items_for,
    problems_by_body,
    problems_by_campaign,
    problems_for,
    problems_listed,
    reviewers_of,
    scores_of,
    standard_of,
    used_item_ids,
)
from .self_assessment import (  # noqa: F401
    SYSTEMS,
    bodies_completing_all,
    completion_by_body,
    completion_filter,
    self_assessments_for,
)
from .training import (  # noqa: F401
    attendances_for,
    sessions_for,
    sessions_listed,
)
