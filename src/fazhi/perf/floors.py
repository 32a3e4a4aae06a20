"""Hand-written single-statement SQL floors for the heaviest indicator families: one grouped statement per table
computing every sibling figure of the family for both years (the period and the year before) at once, with the
scope as a path prefix. An indicator's floor is the time of its family's statement: what its figure would cost if it
were computed with its siblings, as the issue's "How" asks. Every indicator has one (150 of 150): the families of
small tables (catalogs, people, decisions, duties, bodies, hearings, inspections, reviews) read each of their tables
once in one statement (`SELECT * FROM (counts of t1) t0, (counts of t2) t1, …`).

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
    also: tuple[str, ...] = ()  # further code prefixes the statement computes

    def covers(self, code: str) -> bool:
        return any(code == prefix or code.startswith(prefix + ".") for prefix in (self.family, *self.also))


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
               COUNT(*) FILTER (WHERE d.registered_on BETWEEN {start} AND {end}) AS registered_{n},
               COUNT(*) FILTER (WHERE d.published_on BETWEEN {start} AND {end} AND d.requires_filing
                                AND d.status <> 'registered') AS required_{n},
               COUNT(*) FILTER (WHERE d.published_on BETWEEN {start} AND {end} AND d.requires_filing
                                AND d.status <> 'registered'
                                AND EXISTS (SELECT 1 FROM review_filing f
                                            WHERE f.document_id = d.id AND f.body = 'government')) AS filed_{n}"""
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


def _tables(*parts: str) -> str:
    """One statement reading several tables once each: `SELECT * FROM (counts of t1) a, (counts of t2) b, …`."""
    return "SELECT * FROM " + ", ".join(f"({part}) t{i}" for i, part in enumerate(parts))  # noqa: S608


def _counts(columns: str, rest: str) -> str:
    return "SELECT " + _both(columns) + " " + rest  # noqa: S608  (constant SQL: values are bound as parameters)


IN_FORCE = "{a}.added_on <= {end} AND ({a}.removed_on IS NULL OR {a}.removed_on > {end})"
# The certificates valid at each year's end, by person (the officers' floor, as a table to join).
VALID_BY_PERSON = (
    """SELECT c.person_id, """  # noqa: S608  (constant SQL: values are bound as parameters)
    + _both(
        """MAX(CASE WHEN c.issued_on <= {end} AND c.valid_until >= {end}
                     AND (c.status = 'valid' OR c.cancelled_on > {end})
                     AND COALESCE((SELECT r.passed FROM enforcement_certificatereview r
                                   WHERE r.certificate_id = c.id AND r.reviewed_on <= {end}
                                   ORDER BY r.reviewed_on DESC, r.id DESC LIMIT 1), TRUE)
                THEN 1 ELSE 0 END) AS valid_{n}"""
    )
    + """ FROM enforcement_certificate c JOIN enforcement_enforcementbody b ON b.id = c.body_id
          JOIN core_organization o ON o.id = b.organization_id
          WHERE c.kind = 'enforcement' AND c.issued_on <= %(end1)s AND c.valid_until >= %(end0)s {scope}
          GROUP BY c.person_id"""
)

# A decision's applicable procedures all complete (decisions.indicators._complete): each procedure record completed
# or lawfully not applicable with its reason, the legality review concluded lawful, the collective decision approved.
PROCEDURES_COMPLETE = " AND ".join(
    f"({t}.completed_on IS NOT NULL OR (NOT {t}.applicable AND {t}.not_applicable_reason <> ''))"
    for t in ("pp", "ea", "ra")
) + (
    " AND lr.status = 'concluded' AND lr.final_opinion IN ('lawful', 'lawful_after_revision')"
    " AND cd.result IN ('approved', 'approved_in_principle')"
)

# Families of small tables (units, catalogs, activities, hearings…): one statement each all the same, so every
# indicator has a floor (issue 19: "each with its hand-written single-statement SQL floor").
FLOORS += [
    Floor(
        "catalogs",
        _tables(
            _counts(
                f"""COUNT(*) FILTER (WHERE {IN_FORCE.format(a="li", end="{end}")} AND li.catalog = 'certification')
                       AS certification_{{n}},
                   COUNT(*) FILTER (WHERE {IN_FORCE.format(a="li", end="{end}")} AND li.catalog = 'commitment')
                       AS commitment_{{n}}""",
                "FROM catalogs_listitem li JOIN core_organization o ON o.id = li.organization_id "
                "WHERE li.added_on <= %(end1)s {scope}",
            ),
            _counts(
                f"""COUNT(*) FILTER (WHERE {IN_FORCE.format(a="si", end="{end}")}) AS services_{{n}},
                   COUNT(*) FILTER (WHERE {IN_FORCE.format(a="si", end="{end}")} AND si.mode <> 'other')
                       AS fast_{{n}}""",
                "FROM catalogs_serviceitem si JOIN core_organization o ON o.id = si.organization_id "
                "WHERE si.added_on <= %(end1)s {scope}",
            ),
        ),
        {},
    ),
    Floor(
        "core.people",
        _counts(
            """COUNT(*) FILTER (WHERE COALESCE(p.legal_qualification_year, 0) <= %(year{n})s) AS qualified_{n},
               COUNT(*) FILTER (WHERE COALESCE(p.legal_qualification_year, 0) <= %(year{n})s
                                AND o.kind NOT IN ('political_legal', 'public_security')) AS outside_{n}""",
            "FROM core_person p JOIN core_organization o ON o.id = p.organization_id "
            "WHERE p.is_active AND p.has_legal_qualification {scope}",
        ),
        {
            "core.people.legal_qualified": "qualified_1",
            "core.people.legal_qualified_outside_political_legal": "outside_1",
        },
    ),
    Floor(
        "decisions",
        _tables(
            _counts(
                """COUNT(*) FILTER (WHERE dc.year = %(year{n})s) AS catalogs_{n},
                   COUNT(*) FILTER (WHERE dc.year = %(year{n})s AND dc.published_on IS NOT NULL) AS published_{n}""",
                "FROM decisions_decisioncatalog dc JOIN core_organization o ON o.id = dc.organization_id "
                "WHERE dc.year IN (%(year0)s, %(year1)s) {scope}",
            ),
            _counts(
                "COUNT(*) FILTER (WHERE dc.year = %(year{n})s) AS items_{n}",
                "FROM decisions_catalogitem ci JOIN decisions_decisioncatalog dc ON dc.id = ci.catalog_id "
                "JOIN core_organization o ON o.id = dc.organization_id "
                "WHERE dc.year IN (%(year0)s, %(year1)s) {scope}",
            ),
            # the decisions taken (collectively decided, then published, in force or archived) and those with every
            # applicable procedure complete: the completion rate's denominator and numerator (session 10: the floor
            # counted the collective discussions completed in the year, of any decision status, and not the
            # numerator at all)
            _counts(
                f"""COUNT(*) FILTER (WHERE cd.completed_on BETWEEN {{start}} AND {{end}}) AS decided_{{n}},
                   COUNT(*) FILTER (WHERE cd.completed_on BETWEEN {{start}} AND {{end}} AND {PROCEDURES_COMPLETE})
                       AS complete_{{n}}""",
                "FROM decisions_decision d JOIN decisions_collectivediscussion cd ON cd.decision_id = d.id "
                "LEFT JOIN decisions_publicparticipation pp ON pp.decision_id = d.id "
                "LEFT JOIN decisions_expertargumentation ea ON ea.decision_id = d.id "
                "LEFT JOIN decisions_riskassessment ra ON ra.decision_id = d.id "
                "LEFT JOIN review_legalityreview lr ON lr.id = d.legality_review_id "
                "JOIN core_organization o ON o.id = d.organization_id "
                "WHERE cd.completed_on BETWEEN %(start0)s AND %(end1)s "
                "AND d.status IN ('publication', 'implementation', 'archived') {scope}",
            ),
            _counts(
                """COUNT(*) FILTER (WHERE pc.received_on BETWEEN {start} AND {end}) AS comments_{n},
                   COUNT(*) FILTER (WHERE pc.received_on BETWEEN {start} AND {end} AND pc.answered_on IS NOT NULL)
                       AS answered_{n}""",
                "FROM decisions_publiccomment pc JOIN decisions_publicparticipation pp ON pp.id = pc.participation_id "
                "JOIN decisions_decision d ON d.id = pp.decision_id JOIN core_organization o ON o.id = d.organization_id "
                "WHERE pc.received_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                "COUNT(*) FILTER (WHERE aa.held_on BETWEEN {start} AND {end}) AS attendances_{n}",
                "FROM decisions_advisorattendance aa JOIN core_organization o ON o.id = aa.organization_id "
                "WHERE aa.held_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                "COUNT(*) FILTER (WHERE ar.completed_on BETWEEN {start} AND {end}) AS reviews_{n}",
                "FROM decisions_advisorreview ar JOIN core_organization o ON o.id = ar.organization_id "
                "WHERE ar.completed_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
        ),
        {},
    ),
    Floor(
        "duties",
        _tables(
            _counts(
                "COUNT(*) FILTER (WHERE a.held_on BETWEEN {start} AND {end}) AS activities_{n}, "
                "COUNT(DISTINCT a.kind) FILTER (WHERE a.held_on BETWEEN {start} AND {end}) AS kinds_{n}",
                "FROM duties_activity a JOIN core_organization o ON o.id = a.organization_id "
                "WHERE a.held_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                "COUNT(*) FILTER (WHERE a.held_on BETWEEN {start} AND {end}) AS participants_{n}",
                "FROM duties_activityparticipant ap JOIN duties_activity a ON a.id = ap.activity_id "
                "JOIN core_organization o ON o.id = a.organization_id "
                "WHERE a.held_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                """COUNT(*) FILTER (WHERE dp.named_on BETWEEN {start} AND {end}) AS named_{n},
                   COUNT(*) FILTER (WHERE dp.shortlisted_on BETWEEN {start} AND {end}) AS shortlisted_{n}""",
                "FROM duties_demonstrationproject dp JOIN core_organization o ON o.id = dp.organization_id "
                "WHERE (dp.named_on BETWEEN %(start0)s AND %(end1)s "
                "OR dp.shortlisted_on BETWEEN %(start0)s AND %(end1)s) {scope}",
            ),
        ),
        {},
    ),
    Floor(
        "enforcement.bodies",
        _tables(
            """SELECT COUNT(*) FILTER (WHERE b.status = 'active') AS bodies,
                      COUNT(*) FILTER (WHERE b.status = 'active' AND b.supervision_organ_id IS NOT NULL)
                          AS supervised
               FROM enforcement_enforcementbody b JOIN core_organization o ON o.id = b.organization_id
               WHERE TRUE {scope}""",
            _counts(
                "COUNT(*) FILTER (WHERE cp.established_on <= {end} "
                "AND (cp.closed_on IS NULL OR cp.closed_on > {end})) AS contact_points_{n}",
                "FROM enforcement_contactpoint cp JOIN core_organization o ON o.id = cp.organization_id "
                "WHERE cp.established_on <= %(end1)s {scope}",
            ),
            _counts(
                """COUNT(*) FILTER (WHERE e.exam_on BETWEEN {start} AND {end}) AS candidates_{n},
                   COUNT(*) FILTER (WHERE e.exam_on BETWEEN {start} AND {end} AND e.passed) AS passed_{n}""",
                "FROM enforcement_certificateexam e JOIN enforcement_enforcementbody b ON b.id = e.body_id "
                "JOIN core_organization o ON o.id = b.organization_id "
                "WHERE e.exam_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                "COUNT(*) FILTER (WHERE c.issued_on <= {end} AND c.valid_until >= {end} "
                "AND (c.status = 'valid' OR c.cancelled_on > {end})) AS supervision_{n}",
                "FROM enforcement_certificate c JOIN enforcement_enforcementbody b ON b.id = c.body_id "
                "JOIN core_organization o ON o.id = b.organization_id "
                "WHERE c.kind = 'supervision' AND c.issued_on <= %(end1)s {scope}",
            ),
            _counts(
                "COUNT(DISTINCT sa.body_id) FILTER (WHERE sa.year = %(year{n})s) AS assessed_{n}",
                "FROM enforcement_selfassessment sa JOIN enforcement_enforcementbody b ON b.id = sa.body_id "
                "JOIN core_organization o ON o.id = b.organization_id "
                "WHERE sa.year IN (%(year0)s, %(year1)s) {scope}",
            ),
        ),
        {},
        also=(
            "enforcement.bodies_with_supervisor",
            "enforcement.contact_points",
            "enforcement.exam",
            "enforcement.supervision_certificates",
            "enforcement.three_systems",
        ),
    ),
    Floor(
        "enforcement.training",
        # The officers valid at each year's end (as the officers' floor) who attended training that year, and
        # their hours; each certificate's validity once per year.
        _counts(
            """COUNT(DISTINCT a.person_id) FILTER (WHERE s.held_on BETWEEN {start} AND {end} AND v.valid_{n} = 1)
                   AS trained_{n},
               SUM(s.hours) FILTER (WHERE s.held_on BETWEEN {start} AND {end} AND v.valid_{n} = 1) AS hours_{n}""",
            "FROM enforcement_trainingattendance a JOIN enforcement_trainingsession s ON s.id = a.session_id "
            f"JOIN ({VALID_BY_PERSON}) v ON v.person_id = a.person_id "
            "WHERE s.held_on BETWEEN %(start0)s AND %(end1)s",
        ),
        {},
    ),
    Floor(
        "litigation.hearings",
        _tables(
            _counts(
                """COUNT(DISTINCT h.lawsuit_id) FILTER (WHERE h.held_on BETWEEN {start} AND {end}) AS heard_{n},
                   COUNT(DISTINCT h.lawsuit_id) FILTER (WHERE h.held_on BETWEEN {start} AND {end} AND h.head_appeared)
                       AS appeared_{n}""",
                "FROM litigation_hearing h JOIN litigation_lawsuit s ON s.id = h.lawsuit_id "
                "JOIN core_organization o ON o.id = s.responsible_department_id "
                "WHERE h.held_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                """COUNT(*) FILTER (WHERE s.effective_on BETWEEN {start} AND {end}) AS to_perform_{n},
                   COUNT(*) FILTER (WHERE s.effective_on BETWEEN {start} AND {end} AND s.performed_on IS NOT NULL)
                       AS performed_{n}""",
                "FROM litigation_lawsuit s JOIN core_organization o ON o.id = s.responsible_department_id "
                "WHERE s.must_perform AND s.effective_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                "COUNT(*) FILTER (WHERE m.held_on BETWEEN {start} AND {end}) AS liaison_{n}",
                "FROM litigation_liaisonmeeting m JOIN core_organization o ON o.id = m.organization_id "
                "WHERE m.held_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
        ),
        {},
        also=("litigation.judgments", "litigation.liaison"),
    ),
    Floor(
        "oversight.inspections",
        _tables(
            _counts(
                """COUNT(*) FILTER (WHERE i.held_on BETWEEN {start} AND {end}) AS held_{n}""",
                "FROM oversight_inspection i JOIN core_organization o ON o.id = i.organization_id "
                "WHERE i.held_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                "COUNT(*) FILTER (WHERE i.held_on BETWEEN {start} AND {end}) AS findings_{n}",
                "FROM oversight_inspectionfinding f JOIN oversight_inspection i ON i.id = f.inspection_id "
                "JOIN core_organization o ON o.id = f.organization_id "
                "WHERE i.held_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                "COUNT(DISTINCT u.organization_id) FILTER (WHERE i.held_on BETWEEN {start} AND {end}) AS units_{n}",
                "FROM oversight_inspectedunit u JOIN oversight_inspection i ON i.id = u.inspection_id "
                "JOIN core_organization o ON o.id = i.organization_id "
                "WHERE i.held_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                """COUNT(*) FILTER (WHERE t.deadline BETWEEN {start} AND {end}) AS due_{n},
                   COUNT(*) FILTER (WHERE t.deadline BETWEEN {start} AND {end} AND t.completed_on <= t.deadline)
                       AS on_time_{n}""",
                "FROM oversight_task t JOIN core_organization o ON o.id = t.lead_unit_id "
                "WHERE t.deadline BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
        ),
        {},
        also=("oversight.tasks",),
    ),
    Floor(
        "review.reviews",
        _tables(
            _counts(
                "COUNT(*) FILTER (WHERE r.concluded_on BETWEEN {start} AND {end}) AS final_{n}, "
                "COUNT(DISTINCT r.subject_kind) FILTER (WHERE r.concluded_on BETWEEN {start} AND {end}) AS kinds_{n}",
                "FROM review_legalityreview r JOIN core_organization o ON o.id = r.organization_id "
                "WHERE r.status = 'concluded' AND r.concluded_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                "COUNT(*) FILTER (WHERE m.issued_on BETWEEN {start} AND {end}) AS matters_{n}",
                "FROM review_matter m JOIN core_organization o ON o.id = m.organization_id "
                "WHERE m.issued_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
            _counts(
                "COUNT(*) FILTER (WHERE rc.adopted_on <= {end}) AS adopted_{n}",
                "FROM review_reviewcatalog rc JOIN core_organization o ON o.id = rc.organization_id "
                "WHERE rc.adopted_on <= %(end1)s {scope}",
            ),
            _counts(
                """COUNT(*) FILTER (WHERE ci.decided_on BETWEEN {start} AND {end}) AS cleaned_{n},
                   COUNT(*) FILTER (WHERE ci.decided_on BETWEEN {start} AND {end} AND ci.enterprise_related)
                       AS enterprise_{n}""",
                "FROM review_cleanupitem ci JOIN core_organization o ON o.id = ci.issuing_unit_id "
                "WHERE ci.outcome <> '' AND ci.decided_on BETWEEN %(start0)s AND %(end1)s {scope}",
            ),
        ),
        {},
        also=("review.catalog", "review.cleanup"),
    ),
]


def family_of(code: str) -> Floor | None:
    for floor in FLOORS:
        if floor.covers(code):
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
