"""The review admin (the platform's administrators only; unit clerks and legal advisors work on the pages): lists
scoped by district, every save through the review services (deadlines computed, the audit trail
written), states, numbers and computed deadlines read-only, pre-check rules changed by system administrators only."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from fazhi.core import clock
from fazhi.core.models import AuditEvent, User
from fazhi.demo import registry as core_demo
from fazhi.review import services
from fazhi.review.models import (
    CleanupItem,
    DocumentNumberSequence,
    DraftVersion,
    Filing,
    LegalityReview,
    Matter,
    NormativeDocument,
    PrecheckRule,
    ReviewCatalog,
)

from ...admin_way_in import admin_closed, administrator
from ..conftest import PREFIX, issued, pass_review, register

D = dt.date
SENT = D(2024, 8, 5)


def login(client, user):
    client.force_login(user)
    return client


def post_data(response, **changes) -> dict:
    """What the browser would send back from an admin change page as it was rendered, with `changes`."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({f"{formset.prefix}-{n}": management[n].value() for n in management.fields})
        for sub in formset.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value not in (None, False, ""):
                    data[sub.add_prefix(name)] = value
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def submit(actor, unit, title, *, kind="contract", on=SENT, advisor=None):
    return services.submit_review(
        actor=actor,
        title=title,
        subject_kind=kind,
        organization=unit,
        submitted_on=on,
        text=f"{title}（送审稿）",
        advisor_user=advisor,
    )


def events(model: str, pk, action: str | None = None):
    qs = AuditEvent.objects.filter(model_label=f"review.{model}", object_id=str(pk))
    return qs.filter(action=action) if action else qs


# Lists ----------------------------------------------------------------------------------------------------------


def test_the_admin_review_and_document_lists_hold_the_administrators_district_only(client, users, district):
    submit(users.jyj_clerk, district.jyj, "教育局校舍维修合同")
    submit(users.scj_clerk, district.scj, "市场局摊位租赁合同")
    register(users.jyj_clerk, district.jyj, "教育局规范性文件")
    register(users.scj_clerk, district.scj, "市场局规范性文件")

    admin = administrator(users.justice)
    reviews = admin.get("/admin/review/legalityreview/").content.decode()
    documents = admin.get("/admin/review/normativedocument/").content.decode()
    assert "教育局校舍维修合同" in reviews and "市场局摊位租赁合同" in reviews
    assert "教育局规范性文件" in documents and "市场局规范性文件" in documents

    other = administrator(users.other_justice)
    reviews = other.get("/admin/review/legalityreview/").content.decode()
    documents = other.get("/admin/review/normativedocument/").content.decode()
    assert "教育局校舍维修合同" not in reviews and "市场局摊位租赁合同" not in reviews
    assert "教育局规范性文件" not in documents and "市场局规范性文件" not in documents

    # and the units' clerks, who work on the review pages, are turned away
    admin_closed(login(client, users.jyj_clerk).get("/admin/review/legalityreview/"))


def test_no_one_opens_or_changes_a_review_outside_their_scope_in_admin(client, users, district):
    other = submit(users.scj_clerk, district.scj, "市场局摊位租赁合同")
    url = f"/admin/review/legalityreview/{other.pk}/change/"
    other_district = administrator(users.other_justice)

    assert other_district.get(url).status_code in (302, 403, 404)
    other_district.post(url, {"title": "越权修改"})
    admin_closed(login(client, users.jyj_clerk).post(url, {"title": "越权修改"}))

    assert LegalityReview.objects.get(pk=other.pk).title == "市场局摊位租赁合同"


def test_a_legal_advisor_sees_the_reviews_assigned_to_them_on_the_pages_and_never_in_admin(
    client, users, district
):
    mine = submit(users.jyj_clerk, district.jyj, "指派给顾问的合同", advisor=users.advisor)
    theirs = submit(users.jyj_clerk, district.jyj, "未指派的合同")
    login(client, users.advisor)

    admin_closed(client.get("/admin/review/legalityreview/"))
    admin_closed(client.post(f"/admin/review/legalityreview/{mine.pk}/change/", {"title": "顾问改名"}))
    assert client.get(f"/review/{mine.pk}/").status_code == 200
    assert client.get(f"/review/{theirs.pk}/").status_code == 404
    assert LegalityReview.objects.get(pk=mine.pk).title == "指派给顾问的合同"


# Legality reviews ---------------------------------------------------------------------------------------------


def test_submitting_a_review_in_admin_goes_through_submit_review(client, users, district):
    response = login(client, users.justice).post(
        "/admin/review/legalityreview/add/",
        {
            "title": "校舍维修工程施工合同",
            "subject_kind": "contract",
            "organization": district.jyj.pk,
            "submitted_on": "2024-08-05",
            "advisor_user": users.advisor.pk,
            "advisor_name": "",
            "draft_text": "第一条 甲方委托乙方维修校舍。",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    review = LegalityReview.objects.get(title="校舍维修工程施工合同")
    # version 1 holds the draft, and the initial level's time limit is computed (3 working days)
    assert DraftVersion.objects.get(review=review).text == "第一条 甲方委托乙方维修校舍。"
    assert (review.status, review.current_version, review.level_due_on) == (
        "initial_review",
        1,
        D(2024, 8, 8),
    )
    assert review.advisor_user == users.advisor
    event = events("legalityreview", review.pk, "create").get()
    assert event.actor_id == users.justice.pk and event.source_ip == "127.0.0.1"


def test_normative_documents_and_decisions_are_not_sent_for_review_from_this_form(client, users, district):
    response = login(client, users.justice).post(
        "/admin/review/legalityreview/add/",
        {
            "title": "绕过登记簿的规范性文件",
            "subject_kind": "normative_document",
            "organization": district.jyj.pk,
            "submitted_on": "2024-08-05",
        },
    )

    assert response.status_code == 400  # refused: the form shows the error
    assert not LegalityReview.objects.filter(title="绕过登记簿的规范性文件").exists()


def test_a_reviews_state_and_level_deadline_are_read_only_in_admin(client, users, district):
    review = submit(users.jyj_clerk, district.jyj, "校舍维修合同", advisor=users.advisor)
    services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 8, 6))
    url = f"/admin/review/legalityreview/{review.pk}/change/"
    login(client, users.justice)
    page = client.get(url)
    assert "起草单位初审" in page.content.decode()  # the opinions are listed under the review

    response = client.post(
        url,
        post_data(
            page,
            title="校舍维修合同（修订）",
            status="concluded",
            final_opinion="lawful",
            level_due_on="2030-01-01",
            current_version="3",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    review.refresh_from_db()
    assert review.title == "校舍维修合同（修订）"
    assert (review.status, review.final_opinion, review.current_version) == ("advisor_review", "", 1)
    assert review.level_due_on == D(2024, 8, 13)  # 5 working days from 6 August
    update = events("legalityreview", review.pk, "update").order_by("-seq").first()
    assert update.changes == {"title": ["校舍维修合同", "校舍维修合同（修订）"]}


# Normative documents ------------------------------------------------------------------------------------------


def test_registering_a_document_in_admin_goes_through_register_document_and_gets_no_number(
    client, users, district
):
    response = login(client, users.justice).post(
        "/admin/review/normativedocument/add/",
        {
            "title": "校外培训机构管理办法",
            "organization": district.jyj.pk,
            "number_prefix": " 测教规发 ",
            "registered_on": "2024-08-01",
            "validity_years": "3",
            "requires_filing": "on",
            "number": "测教规发〔2024〕9号",
            "status": "valid",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    document = NormativeDocument.objects.get(title="校外培训机构管理办法")
    assert (document.number, document.number_seq, document.status) == ("", None, "registered")
    assert (document.number_prefix, document.validity_years) == ("测教规发", 3)
    assert events("normativedocument", document.pk, "create").get().actor_id == users.justice.pk


def test_the_number_and_dates_of_an_issued_document_are_read_only_in_admin(client, users, district):
    document = issued(
        users.jyj_clerk, users.justice, district.jyj, "收费管理办法", published_on=D(2024, 9, 2)
    )
    url = f"/admin/review/normativedocument/{document.pk}/change/"
    login(client, users.justice)
    page = client.get(url)
    assert f"{PREFIX}〔2024〕1号" in page.content.decode()

    response = client.post(
        url,
        post_data(
            page,
            enterprise_related="on",
            title="改名的文件",
            number="测政规发〔2024〕99号",
            number_seq="99",
            published_on="2024-10-01",
            filing_due_on="2030-01-01",
            status="registered",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    document.refresh_from_db()
    assert document.enterprise_related is True  # the one thing an issued document's record may change here
    assert (document.title, document.number, document.number_seq) == (
        "收费管理办法",
        f"{PREFIX}〔2024〕1号",
        1,
    )
    assert (document.published_on, document.status) == (D(2024, 9, 2), "valid")
    assert document.filing_due_on == D(2024, 10, 8)  # 2 October falls in the National Day holiday
    update = events("normativedocument", document.pk, "update").order_by("-seq").first()
    assert update.changes == {"enterprise_related": [False, True]}


def test_an_issued_document_cannot_be_deleted_in_admin(client, users, district):
    document = issued(
        users.jyj_clerk, users.justice, district.jyj, "收费管理办法", published_on=D(2024, 9, 2)
    )

    login(client, users.justice).post(
        f"/admin/review/normativedocument/{document.pk}/delete/", {"post": "yes"}
    )

    assert NormativeDocument.objects.filter(pk=document.pk).exists()


def test_the_number_sequences_are_read_only_in_admin(client, users, district):
    issued(users.jyj_clerk, users.justice, district.jyj, "收费管理办法", published_on=D(2024, 9, 2))
    sequence = DocumentNumberSequence.objects.get(prefix=PREFIX, year=2024)
    login(client, users.admin)

    listing = client.get("/admin/review/documentnumbersequence/").content.decode()
    client.post(f"/admin/review/documentnumbersequence/{sequence.pk}/change/", {"last_seq": "7"})

    assert f"{PREFIX}〔2024〕2号" in listing  # the next number
    assert client.get("/admin/review/documentnumbersequence/add/").status_code == 403
    sequence.refresh_from_db()
    assert sequence.last_seq == 1


def test_export_action_of_the_document_list_gives_the_ledger_of_what_the_user_sees(client, users, district):
    mine = register(users.jyj_clerk, district.jyj, "教育局文件")
    theirs = register(users.scj_clerk, district.scj, "市场局文件")
    elsewhere = register(users.other_justice, district.other_dept, "邻区文件")
    form = {"action": "export_ledger", "_selected_action": [mine.pk, theirs.pk, elsewhere.pk]}

    response = login(client, users.justice).post("/admin/review/normativedocument/", form)

    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:5] == ("记录编号", "文件名称", "制定机关代码", "发文字号前缀", "文号")
    # the other district's, though selected, is not seen
    assert sorted(r[1] for r in rows[1:]) == ["市场局文件", "教育局文件"]


# Filing -----------------------------------------------------------------------------------------------------------


def test_filing_and_its_result_in_admin_go_through_the_services(client, users, district):
    document = issued(
        users.jyj_clerk, users.justice, district.jyj, "收费管理办法", published_on=D(2024, 9, 2)
    )
    login(client, users.justice)

    added = client.post(
        "/admin/review/filing/add/",
        {
            "document": document.pk,
            "filed_on": "2024-09-20",
            "filed_with": "测试市人民政府",
            "has_report": "on",
        },
    )
    assert added.status_code == 302, added.content.decode()[:3000]
    filing = Filing.objects.get(document=document)
    # materials are uploaded files (the document's page), never ticked in admin: none is recorded here
    assert filing.missing_materials == ["备案报告", "正式文本", "起草说明", "合法性审查意见", "制定依据"]
    assert filing.in_time and not filing.materials.exists()

    url = f"/admin/review/filing/{filing.pk}/change/"
    correction = {"result": "correction", "result_on": "2024-10-10", "correction_required": "第三条超越权限"}

    # the unit cannot enter the upper level's result (nor reach admin at all): the Justice Bureau does
    data = post_data(client.get(url), **correction)
    admin_closed(login(client, users.jyj_clerk).post(url, data))
    assert Filing.objects.get(pk=filing.pk).result == "pending"

    # the Justice Bureau enters the correction ordered: the 15-day deadline is computed by record_filing_result
    login(client, users.justice)
    changed = client.post(url, post_data(client.get(url), **correction, correction_due_on="2030-01-01"))

    assert changed.status_code == 302, changed.content.decode()[:3000]
    filing.refresh_from_db()
    assert (filing.result, filing.correction_due_on) == ("correction", D(2024, 10, 25))
    event = events("filing", filing.pk, "update").order_by("-seq").first()
    assert "纠正后重新报送期限" in event.note and event.actor_id == users.justice.pk

    # then the correction is recorded, and after that the result can no longer be changed here
    login(client, users.justice)
    client.post(url, post_data(client.get(url), corrected_on="2024-10-20"))
    login(client, users.justice)
    client.post(url, post_data(client.get(url), result="passed", result_on="2024-10-30"))
    filing.refresh_from_db()
    assert (filing.result, filing.corrected_on) == ("correction", D(2024, 10, 20))


def test_a_document_is_filed_in_admin_only_once_issued(client, users, district):
    registered = register(users.jyj_clerk, district.jyj, "未印发的文件")

    response = login(client, users.justice).post(
        "/admin/review/filing/add/",
        {"document": registered.pk, "filed_on": "2024-09-20", "filed_with": "测试市人民政府"},
    )

    assert response.status_code == 400  # refused: not among the choices
    assert not Filing.objects.exists()


# Catalogs and matters ----------------------------------------------------------------------------------------


def test_a_catalog_is_adopted_in_admin_with_its_entries_through_adopt_catalog(client, users, district):
    response = login(client, users.justice).post(
        "/admin/review/reviewcatalog/add/",
        {
            "organization": district.jyj.pk,
            "title": " 教育局合法性审查目录清单 ",
            "adopted_on": "2024-03-01",
            "entries-TOTAL_FORMS": "3",
            "entries-INITIAL_FORMS": "0",
            "entries-MIN_NUM_FORMS": "1",
            "entries-MAX_NUM_FORMS": "1000",
            "entries-0-subject_kind": "contract",
            "entries-0-description": "以本局名义签订的合同",
            "entries-1-subject_kind": "normative_document",
            "entries-1-description": " 本局制定的行政规范性文件 ",
            "entries-2-subject_kind": "",
            "entries-2-description": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    catalog = ReviewCatalog.objects.get(organization=district.jyj)
    assert catalog.title == "教育局合法性审查目录清单"
    assert sorted(catalog.entries.values_list("subject_kind", "description")) == [
        ("contract", "以本局名义签订的合同"),
        ("normative_document", "本局制定的行政规范性文件"),
    ]
    assert events("reviewcatalog", catalog.pk, "create").get().actor_id == users.justice.pk
    assert AuditEvent.objects.filter(model_label="review.reviewcatalogentry", action="create").count() == 2
    # and its entries are read-only afterwards: a revised list is adopted anew
    page = client.get(f"/admin/review/reviewcatalog/{catalog.pk}/change/")
    assert page.context["inline_admin_formsets"][0].has_add_permission is False


def test_a_catalog_without_entries_is_refused_in_admin(client, users, district):
    response = login(client, users.justice).post(
        "/admin/review/reviewcatalog/add/",
        {
            "organization": district.jyj.pk,
            "title": "空的目录清单",
            "adopted_on": "2024-03-01",
            "entries-TOTAL_FORMS": "1",
            "entries-INITIAL_FORMS": "0",
            "entries-MIN_NUM_FORMS": "1",
            "entries-MAX_NUM_FORMS": "1000",
            "entries-0-subject_kind": "",
            "entries-0-description": "",
        },
    )

    assert response.status_code == 200
    assert not ReviewCatalog.objects.exists()


def test_a_matter_registered_in_admin_goes_through_register_matter(client, users, district):
    review = submit(users.jyj_clerk, district.jyj, "校舍维修合同")
    pass_review(review, justice=users.justice, concluded_on=D(2024, 8, 19))
    login(client, users.justice)
    form = {"organization": district.jyj.pk, "title": "校舍维修合同", "issued_on": "2024-08-26"}

    wrong_kind = client.post(
        "/admin/review/matter/add/", {**form, "subject_kind": "policy_document", "legality_review": review.pk}
    )
    added = client.post(
        "/admin/review/matter/add/", {**form, "subject_kind": "contract", "legality_review": review.pk}
    )

    assert wrong_kind.status_code == 400 and "与事项类别不一致" in wrong_kind.content.decode()
    assert added.status_code == 302, added.content.decode()[:3000]
    matter = Matter.objects.get()
    assert matter.legality_review == review
    assert events("matter", matter.pk, "create").exists()


# Clean-up ------------------------------------------------------------------------------------------------------


@pytest.fixture
def campaign(users, district):
    return services.create_campaign(
        actor=users.justice,
        name="2024年涉企政策文件清理",
        scope="含有地方保护、指定交易等内容的文件",
        organization=district.root,
        started_on=D(2024, 10, 8),
    )


def test_the_district_campaign_is_the_administrators_in_admin_and_the_clerk_is_turned_away(
    client, users, district, campaign
):
    services.add_item(
        actor=users.jyj_clerk,
        campaign=campaign,
        title="教育局政策文件",
        issuing_unit=district.jyj,
        enterprise_related=True,
    )
    services.add_item(
        actor=users.scj_clerk, campaign=campaign, title="市场局政策文件", issuing_unit=district.scj
    )
    # the clerk works on the campaign's page, and is turned away from admin
    admin_closed(login(client, users.jyj_clerk).get("/admin/review/cleanupcampaign/"))
    # the Justice Bureau's administrator sees the district campaign with every unit's items
    admin = administrator(users.justice)
    listing = admin.get("/admin/review/cleanupcampaign/").content.decode()
    page = admin.get(f"/admin/review/cleanupcampaign/{campaign.pk}/change/")
    assert "2024年涉企政策文件清理" in listing
    assert page.status_code == 200
    assert "教育局政策文件" in page.content.decode() and "市场局政策文件" in page.content.decode()
    # and the other district's administrator neither
    listing = administrator(users.other_justice).get("/admin/review/cleanupcampaign/").content.decode()
    assert "2024年涉企政策文件清理" not in listing


def test_deciding_an_outcome_in_admin_goes_through_decide_item_and_repeals_the_document(
    client, users, district, campaign
):
    document = issued(
        users.jyj_clerk, users.justice, district.jyj, "收费管理办法", published_on=D(2024, 9, 2)
    )
    login(client, users.justice)
    added = client.post("/admin/review/cleanupitem/add/", {"campaign": campaign.pk, "document": document.pk})
    assert added.status_code == 302, added.content.decode()[:3000]
    item = CleanupItem.objects.get()
    assert (item.kind, item.title, item.document_number) == ("normative", "收费管理办法", document.number)
    url = f"/admin/review/cleanupitem/{item.pk}/change/"

    response = client.post(
        url,
        post_data(client.get(url), outcome="repeal", reason="设定了无依据的收费", decided_on="2024-10-20"),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    document.refresh_from_db()
    assert (item.outcome, document.status) == ("repeal", "repealed")
    repeal = events("normativedocument", document.pk, "transition").order_by("-seq").first()
    assert repeal.changes["status"] == ["valid", "repealed"] and repeal.actor_id == users.justice.pk
    # a decided outcome is fixed
    client.post(url, post_data(client.get(url), outcome="keep", decided_on="2024-10-21"))
    assert CleanupItem.objects.get(pk=item.pk).outcome == "repeal"


def test_an_outcome_before_the_campaign_started_is_refused_in_admin(client, users, district, campaign):
    item = services.add_item(
        actor=users.jyj_clerk, campaign=campaign, title="教育局政策文件", issuing_unit=district.jyj
    )
    url = f"/admin/review/cleanupitem/{item.pk}/change/"
    login(client, users.justice)

    response = client.post(url, post_data(client.get(url), outcome="keep", decided_on="2024-09-01"))

    assert response.status_code == 400 and "不能早于清理开始日期" in response.content.decode()
    assert CleanupItem.objects.get(pk=item.pk).outcome == ""


# Pre-check rules -------------------------------------------------------------------------------------------------


def rule_form(**fields):
    return {
        "code": "LOCAL-1",
        "name": "不得设定保证金",
        "category": "七个不得",
        "pattern": "缴纳.{0,6}保证金",
        "exclude_pattern": "",
        "basis": "国办发〔2018〕37号",
        "explanation": "",
        "severity": "medium",
        "enabled": "on",
        **fields,
    }


def test_pre_check_rules_are_changed_by_system_administrators_with_the_regex_checked(client, users):
    login(client, users.justice)
    assert client.get("/admin/review/precheckrule/").status_code == 200
    assert client.post("/admin/review/precheckrule/add/", rule_form()).status_code == 403

    login(client, users.admin)
    bad = client.post("/admin/review/precheckrule/add/", rule_form(pattern="缴纳(保证金"))
    good = client.post("/admin/review/precheckrule/add/", rule_form())

    assert bad.status_code == 200 and "正则表达式有误" in bad.content.decode()
    assert good.status_code == 302, good.content.decode()[:3000]
    rule = PrecheckRule.objects.get(code="LOCAL-1")
    assert events("precheckrule", rule.pk, "create").get().actor_id == users.admin.pk


def test_disabling_pre_check_rules_is_an_audited_admin_action(client, users):
    login(client, users.admin).post("/admin/review/precheckrule/add/", rule_form())
    rule = PrecheckRule.objects.get(code="LOCAL-1")

    client.post("/admin/review/precheckrule/", {"action": "disable", "_selected_action": [rule.pk]})

    rule.refresh_from_db()
    assert rule.enabled is False
    assert events("precheckrule", rule.pk, "update").get().changes == {"enabled": [True, False]}


# Every page opens ------------------------------------------------------------------------------------------------

PAGES = [
    "legalityreview",
    "reviewcatalog",
    "matter",
    "normativedocument",
    "filing",
    "cleanupcampaign",
    "cleanupitem",
    "precheckrule",
    "documentnumbersequence",
]


@pytest.fixture
def demo_district(db, monkeypatch):
    """The demo district, created on the demo's reference day (some of its records are dated relative to today)."""
    clock.freeze(D(2026, 11, 26))
    monkeypatch.setattr(
        core_demo,
        "STEPS",
        [s for s in core_demo.STEPS if s.__module__.startswith(("fazhi.demo.review", "fazhi.review"))],
    )
    call_command("demo", stdout=io.StringIO())


def test_every_review_admin_page_opens_for_the_administrators_on_the_demo_district(client, demo_district):
    # the leader (lingdao), the unit's clerk (jyj) and the legal advisor (lvshi) work on the pages: the admin site
    # sends them to its login
    for username in ("lingdao", "jyj", "lvshi"):
        login(client, User.objects.get(username=username))
        admin_closed(client.get("/admin/review/legalityreview/"))
    for username in ("admin", "sfj"):
        login(client, User.objects.get(username=username))
        for page in PAGES:
            listing = client.get(f"/admin/review/{page}/")
            assert listing.status_code == 200, (username, page)
            assert client.get(f"/admin/review/{page}/add/").status_code in (200, 403), (username, page)
            shown = listing.context["cl"].result_list
            if shown:
                url = f"/admin/review/{page}/{shown[0].pk}/change/"
                assert client.get(url).status_code == 200, (username, url)
