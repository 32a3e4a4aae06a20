"""Every write of the enforcement workstream, one module per area (keyword-only, actor first, one transaction, the
rules of rules/, the audit event). Other apps call these names: `from fazhi.enforcement import services`."""

from .bodies import (  # noqa: F401
    add_power,
    register_body,
    update_body,
    update_power,
)
from .certificates import (  # noqa: F401
    cancel_certificate,
    issue_certificate,
    record_exam,
    record_review,
    reissue_certificate,
    update_certificate,
)
from .clues import (  # noqa: F401
    add_step,
    assign_clue,
    close_clue,
    handle_demo_clue,
    register_clue,
    start_handling,
    take_hotline_order,
    update_clue,
)
from .contact_points import (  # noqa: F401
    close_contact_point,
    set_up_contact_point,
    update_contact_point,
)
from .evaluation import (  # noqa: F401
    DEFAULT_SCORED_ITEMS,
    DEFAULT_VETO_ITEMS,
    add_default_standard,
    add_item,
    add_reviewer,
    check_handled_files,
    check_officers,
    compute_result,
    create_campaign,
    draw_case_file,
    open_rectification,
    record_problem,
    remove_item,
    remove_problem,
    remove_reviewer,
    require_evaluator,
    score_case_file,
    update_campaign,
    update_case_file,
    update_item,
    update_problem,
)
from .self_assessment import (  # noqa: F401
    record_self_assessment,
    update_self_assessment,
)
from .training import (  # noqa: F401
    record_attendance,
    record_attendances,
    record_session,
    remove_attendance,
    update_session,
)
