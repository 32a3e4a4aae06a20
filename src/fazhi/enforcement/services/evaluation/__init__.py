"""Every change of case-file evaluation (案卷评查), one module per sub-area: campaigns with their standard and
reviewers, the case files drawn with their handling officers and their scoring (total and grade computed from the item
scores, never typed), and the problems found. Keyword-only functions that check the evaluator's role, access and the
rules, save and write the audit trail in one transaction."""

from .campaigns import (  # noqa: F401
    DEFAULT_SCORED_ITEMS,
    DEFAULT_VETO_ITEMS,
    add_default_standard,
    add_item,
    add_reviewer,
    create_campaign,
    remove_item,
    remove_reviewer,
    update_campaign,
    update_item,
)
from .case_files import (  # noqa: F401
    check_handled_files,
    check_officers,
    compute_result,
    draw_case_file,
    score_case_file,
    update_case_file,
)
from .common import require_evaluator  # noqa: F401
from .problems import (  # noqa: F401
    open_rectification,
    record_problem,
    remove_problem,
    update_problem,
)
