"""Hand-written single-statement SQL floors for the heaviest indicator families: one grouped statement per table
computing every sibling figure of the family for both years (the period and the year before) at once, with the
scope as a path prefix. An indicator's floor is the time of its family's statement: what its figure would cost if it
were computed with its siblings, as the issue's "How" asks. Families without a floor are listed in NO_FLOOR.

Each statement returns named columns; COLUMNS maps an indicator code to the column holding its value for the period
(suffix _1) so the benchmark can check that the floor counts the same records as the indicator ("floor_value")."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import connection

from fazhi.indicators.registry import Period


@dataclass(frozen=True)
class Floor:
    family: str  # indicator code prefix
    sql: str  # placeholders: {scope} (an AND condition or ""), %(y0s)s.. dates; see params()
    columns: dict[str, str]  # indicator code -> column of the period's value


def _both(template: str) -> str:
    """`template` with {n} and {between:col} expanded for the year before (0) and the period (1)."""
    out = []
    for n in (0, 1):
        out.append(
            template.replace("{n}", str(n))
            .replace("{start}", f"%(start{n})s")
            .replace("{end}", f"%(end{n})s")
        )
    return ",\n".join(out)


SOURCES = ["hotline", "contact_point", "inspection", "complaint", "reconsideration", "litigation", "other"]
CHANNELS = ["in_person", "mail", "online"]
DECISIONS = ["change", "revoke", "partial_revoke", "confirm_illegal", "order_performance", "confirm_invalid",
             "uphold", "dismiss"]  # fmt: skip


def _in(values: list[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


FLOORS = [
    Floor(
        "enforcement.evaluation",
        """SELECT """  # noqa: S608  (constant SQL: values are bound as parameters)
        + _both(
            """COUNT(*) FILTER (WHERE cp.year = %(year{n})s AND cf.grade <> '') AS evaluated_{n},
               COUNT(*) FILTER (WHERE cp.year = %(year{n})s AND cf.grade <> '' AND cf.vetoed) AS vetoed_{n},
               COUNT(*) FILTER (WHERE cp.year = %(year{n})s AND cf.grade = 'excellent') AS excellent_{n},
               COUNT(*) FILTER (WHERE cp.year = %(year{n})s AND cf.grade = 'qualified') AS qualified_{n},
               COUNT(*) FILTER (WHERE cp.year = %(year{n})s AND cf.grade = 'unqualified') AS unqualified_{n}"""
        )
        + """ FROM enforcement_casefile cf
             JOIN enforcement_evaluationcampaign cp ON cp.id = cf.campaign_id
             JOIN enforcement_enforcementbody b ON b.id = cf.body_id
             JOIN core_organization o ON o.id = b.organization_id
             WHERE cp.year IN (%(year0)s, %(year1)s) {scope}""",
        {
            "enforcement.evaluation.files_evaluated": "evaluated_1",
            "enforcement.evaluation.vetoed": "vetoed_1",
            "enforcement.evaluation.grade.excellent": "excellent_1",
            "enforcement.evaluation.grade.qualified": "qualified_1",
            "enforcement.evaluation.grade.unqualified": "unqualified_1",
        },
    ),
    Floor(
        "enforcement.clues",
        """SELECT """  # noqa: S608  (constant SQL: values are bound as parameters)
        + _both(
            """COUNT(*) FILTER (WHERE c.received_on BETWEEN {start} AND {end}) AS received_{n},
               COUNT(*) FILTER (WHERE c.status = 'closed' AND c.handled_on BETWEEN {start} AND {end}) AS handled_{n},
               COUNT(*) FILTER (WHERE c.status = 'closed' AND c.handled_on BETWEEN {start} AND {end}
                                AND c.enterprise_related) AS enterprise_handled_{n},"""
            + ",".join(
                f"COUNT(*) FILTER (WHERE c.received_on BETWEEN {{start}} AND {{end}} AND c.source = '{s}') "
                f"AS received_{s}_{{n}}"
                for s in SOURCES
            )
        )
        + """ FROM enforcement_supervisionclue c JOIN core_organization o ON o.id = c.organization_id
             WHERE (c.received_on BETWEEN %(start0)s AND %(end1)s OR c.handled_on BETWEEN %(start0)s AND %(end1)s)
             {scope}""",
        {
            "enforcement.clues.received": "received_1",
            "enforcement.clues.handled": "handled_1",
            "enforcement.clues.enterprise_handled": "enterprise_handled_1",
            **{f"enforcement.clues.received.{s}": f"received_{s}_1" for s in SOURCES},
        },
    ),
    Floor(
        "disputes.reconsideration",
        """SELECT """  # noqa: S608  (constant SQL: values are bound as parameters)
        + _both(
            """COUNT(*) FILTER (WHERE r.received_on BETWEEN {start} AND {end}) AS received_{n},
               COUNT(*) FILTER (WHERE r.accepted_on BETWEEN {start} AND {end}) AS accepted_{n},
               COUNT(*) FILTER (WHERE r.received_on BETWEEN {start} AND {end} AND r.concluded_on <= {end}) AS closed_{n},
               COUNT(*) FILTER (WHERE r.concluded_on BETWEEN {start} AND {end} AND r.outcome IN """
            + _in(DECISIONS)
            + """) AS decided_{n},"""
            + ",".join(
                f"COUNT(*) FILTER (WHERE r.received_on BETWEEN {{start}} AND {{end}} AND r.channel = '{ch}') "
                f"AS received_{ch}_{{n}}"
                for ch in CHANNELS
            )
        )
        + """ FROM disputes_reconsiderationcase r JOIN core_organization o ON o.id = r.organization_id
             WHERE (r.received_on BETWEEN %(start0)s AND %(end1)s OR r.accepted_on BETWEEN %(start0)s AND %(end1)s
                    OR r.concluded_on BETWEEN %(start0)s AND %(end1)s) {scope}""",
        {
            "disputes.reconsideration.received": "received_1",
            "disputes.reconsideration.accepted": "accepted_1",
            "disputes.reconsideration.closed": "closed_1",
            "disputes.reconsideration.decided": "decided_1",
            **{f"disputes.reconsideration.received_{ch}": f"received_{ch}_1" for ch in CHANNELS},
        },
    ),
    Floor(
        "oversight.rectification",
        """SELECT """  # noqa: S608  (constant SQL: values are bound as parameters)
        + _both(
            """COUNT(*) FILTER (WHERE i.opened_on BETWEEN {start} AND {end}) AS opened_{n},
               COUNT(*) FILTER (WHERE i.rectified_on BETWEEN {start} AND {end}) AS rectified_{n},
               COUNT(*) FILTER (WHERE i.opened_on <= {end} AND (i.rectified_on IS NULL OR i.rectified_on > {end})
                                AND i.deadline < {end}) AS overdue_{n}"""
        )
        + """ FROM oversight_rectificationitem i JOIN core_organization o ON o.id = i.organization_id
             WHERE i.opened_on <= %(end1)s {scope}""",
        {},
    ),
    Floor(
        "litigation.lawsuits",
        """SELECT """  # noqa: S608  (constant SQL: values are bound as parameters)
        + _both(
            """COUNT(*) FILTER (WHERE s.served_on BETWEEN {start} AND {end}) AS served_{n},
               COUNT(*) FILTER (WHERE s.judged_on BETWEEN {start} AND {end}) AS judged_{n},
               COUNT(*) FILTER (WHERE s.judged_on BETWEEN {start} AND {end} AND s.result = 'lost') AS lost_{n}"""
        )
        + """ FROM litigation_lawsuit s JOIN core_organization o ON o.id = s.responsible_department_id
             WHERE (s.served_on BETWEEN %(start0)s AND %(end1)s OR s.judged_on BETWEEN %(start0)s AND %(end1)s)
             {scope}""",
        {},
    ),
    Floor(
        "review.documents",
        """SELECT """  # noqa: S608  (constant SQL: values are bound as parameters)
        + _both(
            """COUNT(*) FILTER (WHERE d.published_on BETWEEN {start} AND {end}) AS published_{n},
               COUNT(*) FILTER (WHERE d.registered_on BETWEEN {start} AND {end}) AS registered_{n}"""
        )
        + """ FROM review_normativedocument d JOIN core_organization o ON o.id = d.organization_id
             WHERE (d.published_on BETWEEN %(start0)s AND %(end1)s OR d.registered_on BETWEEN %(start0)s AND %(end1)s)
             {scope}""",
        {},
    ),
    Floor(
        "enforcement.certificates",
        """SELECT """  # noqa: S608  (constant SQL: values are bound as parameters)
        + _both(
            """COUNT(*) FILTER (WHERE c.issued_on <= {end} AND c.valid_until >= {end}
                                AND (c.cancelled_on IS NULL OR c.cancelled_on > {end})) AS valid_{n},
               COUNT(*) FILTER (WHERE c.issued_on BETWEEN {start} AND {end}) AS issued_{n},
               COUNT(DISTINCT c.person_id) FILTER (WHERE c.issued_on <= {end} AND c.valid_until >= {end}
                                AND (c.cancelled_on IS NULL OR c.cancelled_on > {end})) AS holders_{n}"""
        )
        + """ FROM enforcement_certificate c JOIN enforcement_enforcementbody b ON b.id = c.body_id
             JOIN core_organization o ON o.id = b.organization_id WHERE c.issued_on <= %(end1)s {scope}""",
        {},
    ),
    Floor(
        "enforcement.officers",
        # The people holding a valid 行政执法证 at each year's end (rules.certificates.valid_on: issued, not expired,
        # not cancelled by then, last annual review by then not failed), counted once each, and those of them with a
        # legal qualification; each certificate's validity computed once per year in the inner select.
        """SELECT """  # noqa: S608  (constant SQL: values are bound as parameters)
        + _both(
            """COUNT(DISTINCT v.person_id) FILTER (WHERE v.valid_{n}) AS active_{n},
               COUNT(DISTINCT v.person_id) FILTER (WHERE v.valid_{n} AND v.qualified) AS qualified_{n}"""
        )
        + """ FROM (SELECT c.person_id, p.has_legal_qualification AS qualified, """
        + _both(
            """(c.issued_on <= {end} AND c.valid_until >= {end} AND (c.status = 'valid' OR c.cancelled_on > {end})
                AND COALESCE((SELECT r.passed FROM enforcement_certificatereview r
                              WHERE r.certificate_id = c.id AND r.reviewed_on <= {end}
                              ORDER BY r.reviewed_on DESC, r.id DESC LIMIT 1), TRUE)) AS valid_{n}"""
        )
        + """ FROM enforcement_certificate c JOIN core_person p ON p.id = c.person_id
                JOIN enforcement_enforcementbody b ON b.id = c.body_id
                JOIN core_organization o ON o.id = b.organization_id
                WHERE c.kind = 'enforcement' AND c.issued_on <= %(end1)s AND c.valid_until >= %(end0)s {scope}) v""",
        {
            "enforcement.officers.active": "active_1",
            "enforcement.officers.legal_qualified": "qualified_1",
        },
    ),
]

NO_FLOOR = (
    "The other families (core.people, decisions.*, duties.*, catalogs.*, review.reviews/catalog/cleanup, "
    "oversight.inspections/tasks, enforcement.training/exam/bodies/three_systems/contact_points, "
    "litigation.hearings/judgments/liaison) have no hand-written floor: they read small tables (units, catalogs, "
    "activities, hearings)."
)


def family_of(code: str) -> Floor | None:
    for floor in FLOORS:
        if code == floor.family or code.startswith(floor.family + "."):
            return floor
    return None


def params(period: Period) -> dict:
    before = period.previous_year()
    return {
        "start0": before.start,
        "end0": before.end,
        "start1": period.start,
        "end1": period.end,
        "year0": before.start.year,
        "year1": period.start.year,
    }


def run(floor: Floor, period: Period, path_prefix: str | None) -> tuple[float, dict]:
    """Run `floor` for `period` (and the year before) within the units under `path_prefix` (None: everything);
    returns (seconds, the row as a dict)."""
    args = params(period)
    scope = ""
    if path_prefix is not None:
        scope = "AND o.path LIKE %(prefix)s"
        args["prefix"] = path_prefix + "%"
    sql = floor.sql.replace("{scope}", scope)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        names = [c[0] for c in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
    return time.perf_counter() - started, row
