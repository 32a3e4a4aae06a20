"""The normative-document pages through the Django test client: registering, sending for review, issuing with the
platform's number, filing and its result; refusals shown in Chinese that change nothing; who sees what; clean-up
campaigns; review catalogs; and the public list of valid documents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import AuditEvent
from fazhi.review import services
from fazhi.review.models import (
    CleanupCampaign,
    CleanupItem,
    DocumentNumberSequence,
    Filing,
    Matter,
    NormativeDocument,
    ReviewCatalog,
)

from ..conftest import PREFIX, issued, materials, pass_review, procedures_done, register

S = NormativeDocument.Status
ALL_MATERIALS = ["has_report", "has_text", "has_drafting_explanation", "has_review_opinion", "has_basis"]


def html(response) -> str:
    return response.content.decode()


def url(document, action: str = "") -> str:
    return f"/documents/{document.pk}/{action}"


def day(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


@pytest.fixture
def clerk(client, users):
    client.force_login(users.jyj_clerk)
    return client


@pytest.fixture
def justice(client, users):
    client.force_login(users.justice)
    return client


@pytest.fixture
def valid_document(users, district):
    """An education bureau document reviewed, then issued on 2 September 2024 as 测政规发〔2024〕1号."""
    return issued(
        users.jyj_clerk,
        users.justice,
        district.jyj,
        "关于规范校外培训机构收费行为的通知",
        published_on=dt.date(2024, 9, 2),
    )


# Login and who sees what --------------------------------------------------------------------------------------


def test_pages_need_a_login_except_the_public_list(client, reviewed):
    for path in ("/documents/", url(reviewed), "/documents/cleanup/", "/documents/catalogs/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
    assert client.get("/public/normative-documents/").status_code == 200


def test_another_units_clerk_gets_404_and_does_not_see_the_document(client, users, reviewed):
    # given the market regulator's clerk
    client.force_login(users.scj_clerk)
    # then the education bureau's document is neither listed nor reachable, and cannot be issued by a forged post
    assert reviewed.title not in html(client.get("/documents/"))
    assert client.get(url(reviewed)).status_code == 404
    response = client.post(
        url(reviewed, "issue/"),
        {"signed_on": "2024-09-02", "published_on": "2024-09-02", "effective_on": "2024-10-01"},
    )
    assert response.status_code == 404
    reviewed.refresh_from_db()
    assert reviewed.status == S.REGISTERED and reviewed.number == ""


def test_a_leader_sees_the_document_but_issuing_it_is_refused_with_403(client, users, reviewed):
    client.force_login(users.leader)
    page = html(client.get(url(reviewed)))
    assert "本页仅供查看" in page and "统一编号并印发</button>" not in page and "登记文件" not in page
    events = AuditEvent.objects.count()
    response = client.post(
        url(reviewed, "issue/"),
        {"signed_on": "2024-09-02", "published_on": "2024-09-02", "effective_on": "2024-10-01"},
    )
    assert response.status_code == 403
    assert "您无权修改该行政规范性文件" in html(response) and "操作未完成" in html(response)
    reviewed.refresh_from_db()
    assert reviewed.number == "" and AuditEvent.objects.count() == events


# Register → review → issue → file → result --------------------------------------------------------------------


def test_a_document_is_registered_reviewed_issued_with_the_platform_number_filed_and_its_filing_passed(
    client, users, district
):
    # given the education bureau's clerk, offered only their own unit
    client.force_login(users.jyj_clerk)
    page = html(client.get("/documents/"))
    assert "登记文件" in page and "测试区教育局" in page and "测试区市场监督管理局" not in page

    # when they register a document
    response = client.post(
        "/documents/",
        {
            "title": "关于规范校外培训机构收费行为的通知",
            "organization": district.jyj.pk,
            "number_prefix": PREFIX,
            "registered_on": "2024-08-01",
            "requires_filing": "on",
        },
    )

    # then it is registered without a number, and its page offers to send it for review
    document = NormativeDocument.objects.get(title="关于规范校外培训机构收费行为的通知")
    assert response.status_code == 302 and response["Location"] == url(document)
    assert document.status == S.REGISTERED and document.number == ""
    page = html(client.get(url(document)))
    assert "文件已登记" in page and "尚未送合法性审查" in page and "印发时由平台统一编号" in page
    assert "国办发〔2018〕37号" in page  # issuing is not yet possible, and the page says why

    # when it is sent for legality review
    response = client.post(
        url(document, "review/"), {"submitted_on": "2024-08-05", "text": "第一条 为规范校外培训收费……"}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    review = document.legality_review
    assert review is not None and review.versions.get().text.startswith("第一条")
    page = html(client.get(url(document)))
    assert f'href="/review/{review.pk}/"' in page and "起草单位初审" in page

    # and the review passes its three levels (concluded on 19 August 2024), then consultation and deliberation
    pass_review(review, justice=users.justice)
    procedures_done(document, clerk=users.jyj_clerk, on=dt.date(2024, 8, 19))

    # when the clerk issues it
    response = client.post(
        url(document, "issue/"),
        {"signed_on": "2024-09-02", "published_on": "2024-09-02", "effective_on": "2024-10-01"},
    )

    # then the platform numbered it, and the page shows the number, the validity and the filing deadline
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == S.VALID and document.number == "测政规发〔2024〕1号"
    page = html(client.get(url(document)))
    assert "已统一编号并印发，文号：测政规发〔2024〕1号。" in page
    assert "测政规发〔2024〕1号" in page and "有效期至" in page and day(document.expires_on) in page
    assert f"报送备案期限：<strong>{day(document.filing_due_on)}</strong>" in page
    assert document.filing_due_explanation in page

    # when it is filed with all five materials uploaded as files, within the period
    response = client.post(
        url(document, "filing/"),
        {
            "filed_on": "2024-09-20",
            "filed_with": "吴忠市人民政府",
            **{
                name: SimpleUploadedFile(f"{name}.pdf", b"%PDF-1.4 " + name.encode())
                for name in ALL_MATERIALS
            },
        },
    )
    assert response.status_code == 302
    filing = Filing.objects.get(document=document)
    assert filing.materials_complete and filing.in_time and filing.result == Filing.Result.PENDING
    assert sorted(m.original_name for m in filing.materials.all()) == sorted(
        f"{n}.pdf" for n in ALL_MATERIALS
    )
    page = html(client.get(url(document)))
    assert "has_report.pdf" in page
    assert "已报送备案" in page and "按期报送" in page and "吴忠市人民政府" in page
    assert "filing-result-form" not in page  # the result is the Justice Bureau's to enter

    # when the Justice Bureau records that the filing review passed
    client.force_login(users.justice)
    assert "filing-result-form" in html(client.get(url(document)))
    response = client.post(url(document, "filing/result/"), {"result": "passed", "result_on": "2024-10-10"})

    # then the filing is passed, shown on the page and in the register, and every step is in the history
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.result == Filing.Result.PASSED and filing.result_on == dt.date(2024, 10, 10)
    page = html(client.get(url(document)))
    assert "已记录备案审查结果：通过。" in page and "filing-result-form" not in page
    for event in ("统一编号并印发", "报送备案日期", "审查结果：审查中 → 通过"):
        assert event in page, event
    row = html(client.get("/documents/?status=valid"))
    assert "测政规发〔2024〕1号" in row and "filing-passed" in row


def test_attaching_an_existing_review_links_it(clerk, users, district):
    document = register(users.jyj_clerk, district.jyj, "关于加强学生营养餐管理的通知")
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="关于加强学生营养餐管理的通知（送审稿）",
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=dt.date(2024, 8, 2),
        text="送审稿",
    )
    assert "关联已送审的合法性审查" in html(clerk.get(url(document)))
    response = clerk.post(url(document, "review/attach/"), {"legality_review": review.pk})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.legality_review == review


def test_filing_review_ordering_correction_needs_the_correction_and_then_the_correction_is_recorded(
    client, users, valid_document
):
    filing = services.file_document(
        actor=users.jyj_clerk,
        document=valid_document,
        filed_on=dt.date(2024, 9, 20),
        filed_with="吴忠市人民政府",
        materials=materials("has_report", "has_text"),
    )
    client.force_login(users.justice)

    # 纠正 without saying what to correct is refused in Chinese and changes nothing
    response = client.post(
        url(valid_document, "filing/result/"), {"result": "correction", "result_on": "2024-10-10"}
    )
    assert response.status_code == 400
    assert "审查结果为纠正的，须填写纠正意见。" in html(response)
    filing.refresh_from_db()
    assert filing.result == Filing.Result.PENDING

    # with it, the correction and its refiling deadline are shown
    response = client.post(
        url(valid_document, "filing/result/"),
        {"result": "correction", "result_on": "2024-10-10", "correction_required": "第五条收费标准缺乏依据"},
    )
    assert response.status_code == 302
    page = html(client.get(url(valid_document)))
    deadline = services.correction_deadline(Filing.objects.get(pk=filing.pk))
    assert (
        "第五条收费标准缺乏依据" in page
        and f"纠正后重新报送期限：<strong>{day(deadline.due)}</strong>" in page
    )
    assert "材料不全：缺起草说明、合法性审查意见、制定依据" in page

    # and the unit records the correction
    client.force_login(users.jyj_clerk)
    response = client.post(url(valid_document, "filing/correction/"), {"corrected_on": "2024-10-20"})
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.corrected_on == dt.date(2024, 10, 20)


# Refusals ------------------------------------------------------------------------------------------------------


def test_issuing_without_a_passed_review_shows_the_37_reason_and_assigns_no_number(clerk, users, district):
    document = register(users.jyj_clerk, district.jyj, "关于调整课后服务收费的通知")
    events = AuditEvent.objects.count()
    response = clerk.post(
        url(document, "issue/"),
        {"signed_on": "2024-09-02", "published_on": "2024-09-02", "effective_on": "2024-10-01"},
    )
    assert response.status_code == 400
    page = html(response)
    assert "操作未完成" in page
    assert "未经合法性审查或经审查不合法的规范性文件，不得印发（国办发〔2018〕37号）。" in page
    document.refresh_from_db()
    assert document.status == S.REGISTERED and document.number == "" and document.number_seq is None
    assert not DocumentNumberSequence.objects.exists()
    assert AuditEvent.objects.count() == events


def test_bad_input_is_refused_in_chinese_and_changes_nothing(clerk, users, district, reviewed):
    # an empty title and a validity of zero years
    before = NormativeDocument.objects.count()
    response = clerk.post(
        "/documents/",
        {"title": "", "organization": district.jyj.pk, "number_prefix": PREFIX, "registered_on": ""},
    )
    assert response.status_code == 400
    assert "文件名称：该字段是必填项。" in html(response) and "登记日期：该字段是必填项。" in html(response)
    response = clerk.post(
        "/documents/",
        {
            "title": "关于中小学收费的通知",
            "organization": district.jyj.pk,
            "number_prefix": PREFIX,
            "registered_on": "2024-08-01",
            "validity_years": "0",
        },
    )
    assert response.status_code == 400 and "有效期至少为1年" in html(response)
    assert NormativeDocument.objects.count() == before

    # publication before signature
    response = clerk.post(
        url(reviewed, "issue/"),
        {"signed_on": "2024-09-05", "published_on": "2024-09-02", "effective_on": "2024-10-01"},
    )
    assert response.status_code == 400
    assert "公布日期：公布日期不能早于签发日期。" in html(response)
    reviewed.refresh_from_db()
    assert reviewed.number == "" and not DocumentNumberSequence.objects.filter(last_seq__gt=0).exists()

    # filing before the document is issued, then without 备案机关, then before publication
    response = clerk.post(
        url(reviewed, "filing/"), {"filed_on": "2024-09-20", "filed_with": "吴忠市人民政府"}
    )
    assert response.status_code == 400 and "文件尚未统一编号印发，不能报送备案。" in html(response)
    services.issue_document(
        actor=users.jyj_clerk,
        document=reviewed,
        signed_on=dt.date(2024, 9, 2),
        published_on=dt.date(2024, 9, 2),
        effective_on=dt.date(2024, 10, 1),
    )
    response = clerk.post(url(reviewed, "filing/"), {"filed_on": "2024-09-20", "filed_with": ""})
    assert response.status_code == 400 and "备案机关：该字段是必填项。" in html(response)
    response = clerk.post(
        url(reviewed, "filing/"), {"filed_on": "2024-08-20", "filed_with": "吴忠市人民政府"}
    )
    assert response.status_code == 400
    assert "报送备案日期：报送备案日期不能早于文件公布日期。" in html(response)
    assert not Filing.objects.exists()


# The register --------------------------------------------------------------------------------------------------


def test_the_register_highlights_documents_due_and_not_filed_and_filters_by_status_and_year(
    clerk, users, district, valid_document
):
    older = register(
        users.jyj_clerk, district.jyj, "关于2023年学前教育收费的通知", registered_on=dt.date(2023, 5, 4)
    )
    page = html(clerk.get("/documents/"))
    # the published document not filed is listed with its deadline, past by now
    assert 'id="unfiled"' in page
    assert f"应于{day(valid_document.filing_due_on)}前报送备案" in page and "已逾期" in page
    assert "逾期未报送" in page and "is-overdue" in page
    # filters
    page = html(clerk.get("/documents/?status=registered"))
    assert older.title in page and "测政规发〔2024〕1号</td>" not in page
    page = html(clerk.get("/documents/?year=2024"))
    assert valid_document.title in page and older.title not in page
    page = html(clerk.get("/documents/?year=2023"))
    assert older.title in page and "测政规发〔2024〕1号</td>" not in page


# Clean-up ------------------------------------------------------------------------------------------------------


def test_a_clean_up_decision_changes_the_documents_status(justice, users, district, valid_document):
    # given the Justice Bureau opens a campaign
    response = justice.post(
        "/documents/cleanup/",
        {
            "name": "2024年涉及不平等对待企业政策文件清理",
            "scope": "含有地方保护、指定交易等妨碍统一市场和公平竞争内容的文件",
            "organization": district.sfj.pk,
            "started_on": "2024-10-08",
        },
    )
    campaign = CleanupCampaign.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/documents/cleanup/{campaign.pk}/"

    # when it lists the valid document and a policy document
    response = justice.post(
        f"/documents/cleanup/{campaign.pk}/items/", {"kind": "normative", "document": valid_document.title}
    )
    assert response.status_code == 302
    response = justice.post(
        f"/documents/cleanup/{campaign.pk}/items/",
        {
            "kind": "policy",
            "title": "关于扶持本地建材企业的若干措施",
            "document_number": "测政发〔2019〕12号",
            "issuing_unit": district.scj.pk,
            "enterprise_related": "on",
        },
    )
    assert response.status_code == 302
    item = CleanupItem.objects.get(document=valid_document)
    assert item.document_number == "测政规发〔2024〕1号"
    page = html(justice.get(f"/documents/cleanup/{campaign.pk}/"))
    assert "关于扶持本地建材企业的若干措施" in page and "测政规发〔2024〕1号" in page and "待确定2件" in page

    # a repeal without a reason is refused in Chinese and the document stays valid
    path = f"/documents/cleanup/{campaign.pk}/items/{item.pk}/decide/"
    response = justice.post(path, {"outcome": "repeal", "decided_on": "2024-11-01"})
    assert response.status_code == 400 and "理由：修改、废止或宣布失效的，须写明理由。" in html(response)
    valid_document.refresh_from_db()
    assert valid_document.status == S.VALID

    # when it is decided with its reason
    response = justice.post(
        path, {"outcome": "repeal", "reason": "与上位法不一致", "decided_on": "2024-11-01"}
    )

    # then the document is repealed, its page says why, and it leaves the public list
    assert response.status_code == 302
    valid_document.refresh_from_db()
    assert valid_document.status == S.REPEALED
    page = html(justice.get(url(valid_document)))
    assert "废止" in page and "2024年涉及不平等对待企业政策文件清理" in page and "与上位法不一致" in page
    justice.logout()
    assert valid_document.title not in html(justice.get("/public/normative-documents/"))


def test_a_normative_item_must_be_chosen_from_the_register(justice, users, district):
    campaign = services.create_campaign(
        actor=users.justice,
        name="2024年规范性文件清理",
        scope="全部现行有效的规范性文件",
        organization=district.sfj,
        started_on=dt.date(2024, 10, 8),
    )
    response = justice.post(f"/documents/cleanup/{campaign.pk}/items/", {"kind": "normative"})
    assert response.status_code == 400
    assert "规范性文件：规范性文件须从文件登记簿中选择。" in html(response)
    response = justice.post(f"/documents/cleanup/{campaign.pk}/items/", {"kind": "policy", "title": ""})
    assert response.status_code == 400 and "请填写文件名称。" in html(response)
    assert not CleanupItem.objects.exists()


# The public list -----------------------------------------------------------------------------------------------


def test_the_public_page_lists_only_valid_published_documents_and_needs_no_login(client, users, district):
    valid = issued(
        users.jyj_clerk, users.justice, district.jyj, "现行有效的通知", published_on=dt.date(2024, 9, 2)
    )
    unissued = register(users.jyj_clerk, district.jyj, "尚未印发的通知")
    repealed = issued(
        users.jyj_clerk, users.justice, district.jyj, "已经废止的通知", published_on=dt.date(2024, 9, 3)
    )
    campaign = services.create_campaign(
        actor=users.justice,
        name="2024年规范性文件清理",
        scope="全部现行有效的规范性文件",
        organization=district.sfj,
        started_on=dt.date(2024, 10, 8),
    )
    item = services.add_item(actor=users.justice, campaign=campaign, document=repealed)
    services.decide_item(
        actor=users.justice,
        item=item,
        outcome="repeal",
        reason="已被新文件替代",
        decided_on=dt.date(2024, 11, 1),
    )

    response = client.get("/public/normative-documents/")

    assert response.status_code == 200
    page = html(response)
    assert valid.title in page and valid.number in page and "2024年9月2日" in page
    assert day(valid.expires_on) in page and "测试区教育局" in page
    assert unissued.title not in page and repealed.title not in page and repealed.number not in page


# Review catalogs -----------------------------------------------------------------------------------------------


def test_a_unit_adopts_its_review_catalog_and_registers_a_matter(clerk, client, users, district):
    # a catalog without entries is refused in Chinese
    response = clerk.post(
        "/documents/catalogs/adopt/",
        {
            "organization": district.jyj.pk,
            "title": "测试区教育局合法性审查目录清单",
            "adopted_on": "2024-03-01",
        },
    )
    assert response.status_code == 400
    assert "目录清单至少应列明一类须经合法性审查的事项。" in html(response)
    assert not ReviewCatalog.objects.exists()

    # with entries, one a line under their kinds
    response = clerk.post(
        "/documents/catalogs/adopt/",
        {
            "organization": district.jyj.pk,
            "title": "测试区教育局合法性审查目录清单",
            "adopted_on": "2024-03-01",
            "entries_normative_document": "以本单位名义制发的行政规范性文件",
            "entries_contract": "以本单位名义签订的政府投资项目合同\n校舍租赁合同\n",
        },
    )
    assert response.status_code == 302
    catalog = ReviewCatalog.objects.get()
    assert sorted(catalog.entries.values_list("subject_kind", "description")) == [
        ("contract", "以本单位名义签订的政府投资项目合同"),
        ("contract", "校舍租赁合同"),
        ("normative_document", "以本单位名义制发的行政规范性文件"),
    ]
    page = html(clerk.get("/documents/catalogs/"))
    assert "校舍租赁合同" in page and "目录清单已制定。" in page

    # a matter with the review it went through
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍租赁合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=dt.date(2024, 4, 1),
        text="合同文本",
    )
    pass_review(review, justice=users.justice)
    response = clerk.post(
        "/documents/catalogs/matters/",
        {
            "organization": district.jyj.pk,
            "subject_kind": "contract",
            "title": "城东小学校舍租赁合同",
            "issued_on": "2024-05-06",
            "legality_review": "校舍租赁合同",  # typed into the search field: its title names one review
        },
    )
    assert response.status_code == 302
    assert Matter.objects.get().legality_review == review
    page = html(clerk.get("/documents/catalogs/"))
    assert "城东小学校舍租赁合同" in page and f'href="/review/{review.pk}/"' in page

    # another unit's clerk sees neither
    client.force_login(users.scj_clerk)
    page = html(client.get("/documents/catalogs/"))
    assert "校舍租赁合同" not in page and "城东小学校舍租赁合同" not in page


# Correcting a registration (更正登记事项): the drafting organ's clerk, on a page; fixed fields per state ----------


def updates(document) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=AuditEvent.Action.UPDATE,
            model_label="review.normativedocument",
            object_id=str(document.pk),
        )
    )


def registration(document, **changes) -> dict:
    form = {
        "title": document.title,
        "organization": document.organization_id,
        "number_prefix": document.number_prefix,
        "registered_on": document.registered_on.isoformat(),
        "validity_years": "",
        "requires_filing": "on",
    }
    return {**form, **changes}


def test_the_drafting_organs_clerk_corrects_a_registration(clerk, users, district):
    document = register(users.jyj_clerk, district.jyj, "关于规范校外培训机构收费行为的通知")
    assert f'href="{url(document, "edit/")}"' in html(clerk.get(url(document)))
    assert 'name="organization"' in html(clerk.get(url(document, "edit/")))

    response = clerk.post(
        url(document, "edit/"), registration(document, number_prefix="测教规发", validity_years="3")
    )

    assert response.status_code == 302 and response["Location"] == url(document)
    document.refresh_from_db()
    assert (document.number_prefix, document.validity_years) == ("测教规发", 3)
    (event,) = updates(document)
    assert event.changes == {"number_prefix": [PREFIX, "测教规发"], "validity_years": [None, 3]}
    assert event.actor == users.jyj_clerk


def test_another_units_clerk_and_a_leader_do_not_correct_a_registration(client, users, district):
    document = register(users.jyj_clerk, district.jyj, "关于规范校外培训机构收费行为的通知")
    client.force_login(users.scj_clerk)
    assert client.get(url(document, "edit/")).status_code == 404
    assert client.post(url(document, "edit/"), registration(document, title="改名")).status_code == 404
    client.force_login(users.leader)
    assert url(document, "edit/") not in html(client.get(url(document)))
    assert client.get(url(document, "edit/")).status_code == 403
    assert client.post(url(document, "edit/"), registration(document, title="改名")).status_code == 403
    document.refresh_from_db()
    assert document.title == "关于规范校外培训机构收费行为的通知" and not updates(document)


def test_a_bad_correction_gives_the_registers_message_and_changes_nothing(clerk, users, district):
    document = register(users.jyj_clerk, district.jyj, "关于规范校外培训机构收费行为的通知")

    response = clerk.post(url(document, "edit/"), registration(document, validity_years="0"))

    assert response.status_code == 400
    assert "有效期至少为1年；未规定的请留空，按默认有效期计算。" in html(response)
    document.refresh_from_db()
    assert document.validity_years is None and not updates(document)


def test_once_reviewed_the_organ_and_once_issued_all_but_enterprise_related_are_fixed(
    clerk, users, district, reviewed, valid_document
):
    # sent for review: the drafting organ is no longer on the form, and one sent is not read
    assert 'name="organization"' not in html(clerk.get(url(reviewed, "edit/")))
    clerk.post(url(reviewed, "edit/"), registration(reviewed, organization=district.scj.pk))
    reviewed.refresh_from_db()
    assert reviewed.organization == district.jyj
    # issued: 涉企 alone is corrected; a title sent is not read
    page = html(clerk.get(url(valid_document, "edit/")))
    assert 'name="enterprise_related"' in page and 'name="title"' not in page
    response = clerk.post(url(valid_document, "edit/"), {"title": "改名", "enterprise_related": "on"})
    assert response.status_code == 302
    valid_document.refresh_from_db()
    assert (valid_document.title, valid_document.enterprise_related) == (
        "关于规范校外培训机构收费行为的通知",
        True,
    )
    corrected = [e.changes for e in updates(valid_document) if "enterprise_related" in e.changes]
    assert corrected == [{"enterprise_related": [False, True]}]
