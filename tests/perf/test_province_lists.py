"""The list pages that did not answer at province scale (issue 19), read without loading every row: the evaluation
campaigns count their files and reviewers per campaign, the register of normative documents sorts on its next
deadline in the database, and so does the filings list on its correction deadline; the officers page names the first
people without a certificate and counts them all; the matter form searches reviews. Over a generated district, each
value equal to the records counted one by one."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import clock
from fazhi.enforcement.models import CaseFile
from fazhi.enforcement.selectors import campaigns_for, case_files_for, officers_without_valid_certificate
from fazhi.enforcement.selectors.evaluation import sees_every_body
from fazhi.enforcement.web.views import certificates as certificate_views
from fazhi.enforcement.web.views.certificates import _certificates, certificate_spec
from fazhi.enforcement.web.views.evaluation import campaign_spec
from fazhi.perf import bench
from fazhi.review.models import Filing, NormativeDocument, SubjectKind
from fazhi.review.selectors import documents_for, filings_for, register_for, reviews_for
from fazhi.review.selectors.documents import NO_DEADLINE, validity_label
from fazhi.review.web.forms.documents import matter_review_label
from fazhi.review.web.lists import document_spec, next_due
from fazhi.review.web.views.filings import filing_spec

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("synth_district")]


def test_campaigns_count_their_files_and_reviewers_without_joining_them():
    users = dict(bench.bench_users())
    for role in ("justice_bureau", "unit"):
        user = users[role]
        rows = campaigns_for(user)
        sql = str(rows.query)
        # one row per campaign: the counts are subqueries, not a join of files × reviewers
        assert "COUNT(DISTINCT" not in sql and 'JOIN "enforcement_casefile"' not in sql.split("FROM", 1)[0]
        assert rows.count() > 0
        seen = CaseFile.objects.filter(pk__in=case_files_for(user).values("pk"))
        for campaign in rows:
            assert campaign.file_count == seen.filter(campaign=campaign).count(), (role, campaign.pk)
            assert campaign.reviewer_count == campaign.reviewers.count(), (role, campaign.pk)


def test_the_register_sorts_on_the_next_deadline_computed_in_the_database():
    user = dict(bench.bench_users())["justice_bureau"]
    today = clock.today()
    documents = list(register_for(user))
    assert len(documents) == documents_for(user).count() > 10
    with_deadline = 0
    for d in documents:
        expected = next_due(d, today)[0]
        assert d.due_key == (expected or NO_DEADLINE), d.pk
        with_deadline += expected is not None
    assert with_deadline > 0
    # sorted by it in the database: the first page is the soonest deadlines, no row loaded to sort
    first = [d.due_key for d in register_for(user).order_by("due_key", "pk")[:10]]
    assert first == sorted(d.due_key for d in documents)[:10]


def test_a_user_who_sees_every_body_counts_files_by_campaign_and_the_counts_agree():
    users = dict(bench.bench_users())
    # the Justice Bureau at the top sees every body (files counted on the campaign's index), the unit does not
    # (files counted through its scope): the first test above checks both counts against the files one by one
    assert sees_every_body(users["justice_bureau"]) is True
    assert sees_every_body(users["unit"]) is False


def test_the_slow_lists_sort_every_sortable_column_in_the_database():
    """Sorting in memory loads every row (issue 19: the filings list sorted 26,000 filings in Python by default)."""
    user = dict(bench.bench_users())["justice_bureau"]
    today = clock.today()
    specs = {
        "filings": filing_spec(user, today),
        "register": document_spec(user, today),
        "certificates": certificate_spec(user, _certificates(user), today),
        "campaigns": campaign_spec(campaigns_for(user)),
    }
    for name, spec in specs.items():
        in_memory = [c.key for c in spec.columns if c.sortable and not c.order_by]
        assert in_memory == [], name


def test_the_filings_list_puts_open_corrections_first_sorted_in_the_database(client):
    user = dict(bench.bench_users())["justice_bureau"]
    filings = list(filings_for(user).order_by("pk"))
    assert len(filings) > 10
    corrected = filings[:3]
    for days, f in zip((9, 3, 6), corrected, strict=True):
        Filing.objects.filter(pk=f.pk).update(
            result=Filing.Result.CORRECTION,
            corrected_on=None,
            correction_due_on=clock.today() + dt.timedelta(days),
        )
    client.force_login(user)
    response = client.get("/documents/filings/", HTTP_HOST="localhost")
    shown = [f.pk for f in response.context["filings"]]
    assert shown[:3] == [
        corrected[1].pk,
        corrected[2].pk,
        corrected[0].pk,
    ]  # the soonest correction deadline first
    response = client.get("/documents/filings/?sort=-due", HTTP_HOST="localhost")
    shown = [f.pk for f in response.context["filings"]]
    assert shown[:3] == [
        corrected[0].pk,
        corrected[2].pk,
        corrected[1].pk,
    ]  # latest first, the blanks still last


def test_the_officers_page_names_the_first_people_without_a_certificate_and_counts_them_all(
    client, monkeypatch
):
    user = dict(bench.bench_users())["justice_bureau"]
    today = clock.today()
    without = officers_without_valid_certificate(user, today)
    total = without.count()
    assert total > 3
    monkeypatch.setattr(certificate_views, "SHOWN", 3)
    client.force_login(user)
    response = client.get("/enforcement/officers/", HTTP_HOST="localhost")
    assert [p.pk for p in response.context["without"]] == [p.pk for p in without[:3]]
    assert response.context["without_count"] == total
    assert f"不得从事执法的人员（{total}人）" in response.content.decode()


def test_the_matter_form_searches_reviews_instead_of_listing_them(client):
    user = dict(bench.bench_users())["justice_bureau"]
    review = reviews_for(user).exclude(subject_kind=SubjectKind.NORMATIVE_DOCUMENT).order_by("pk").first()
    client.force_login(user)
    page = client.get("/documents/catalogs/", HTTP_HOST="localhost").content.decode()
    # no option names a review; the field asks the search endpoint
    assert matter_review_label(review) not in page
    assert 'data-autocomplete="/choices/review-matter-reviews/"' in page
    found = client.get("/choices/review-matter-reviews/", {"q": review.title}, HTTP_HOST="localhost").json()
    assert review.pk in [r["id"] for r in found["results"]]


def test_the_register_sorts_on_the_validity_label_computed_in_the_database():
    user = dict(bench.bench_users())["justice_bureau"]
    today = clock.today()
    first = list(documents_for(user).order_by("pk").values_list("pk", flat=True)[:3])
    NormativeDocument.objects.filter(pk=first[0]).update(effective_on=today + dt.timedelta(days=3))
    NormativeDocument.objects.filter(pk=first[1]).update(expires_on=today - dt.timedelta(days=3))
    NormativeDocument.objects.filter(pk=first[2]).update(status=NormativeDocument.Status.REPEALED)
    for descending in (False, True):
        order = validity_label(today).desc() if descending else validity_label(today)
        labels = [d.validity_state(today) for d in register_for(user).order_by(order, "pk")]
        assert len(set(labels)) == 4 and labels == sorted(labels, reverse=descending), descending
