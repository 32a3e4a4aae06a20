"""The legality-review pages through the Django test client: a unit sends a draft, the three levels give their
opinions each by whoever may, refusals shown in Chinese that change nothing, 退回修改 and the second version, who
sees what, the opinion letter, the draft pre-check of pasted text and of uploaded files, and the drafting unit's
correction page."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import AuditEvent
from fazhi.review import services
from fazhi.review.models import DraftVersion, LegalityReview, LevelOpinion

S = LegalityReview.Status
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PENALTY = "违反本办法规定的，由市场监督管理部门处以5000元以上2万元以下罚款。"
DRAFT = f"关于规范农贸市场经营秩序的若干规定\n第一条 为规范农贸市场经营秩序，制定本规定。\n第二条 {PENALTY}"


def html(response) -> str:
    return response.content.decode()


def detail_url(review) -> str:
    return f"/review/{review.pk}/"


def as_user(client, user):
    client.force_login(user)
    return client


def opinion(client, review, level, outcome, given_on, reasons="", version=None):
    review.refresh_from_db()
    return client.post(
        f"{detail_url(review)}opinion/",
        {
            "level": level,
            "version": version or review.current_version,
            "outcome": outcome,
            "reasons": reasons,
            "given_on": given_on,
        },
    )


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def snapshot(review) -> tuple:
    review.refresh_from_db()
    return (
        review.status,
        review.current_version,
        review.level_due_on,
        LevelOpinion.objects.filter(review=review).count(),
        DraftVersion.objects.filter(review=review).count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def review(users, district):
    """The education bureau's draft, sent on Monday 6 May 2024, with the district's advisor assigned."""
    return services.submit_review(
        actor=users.jyj_clerk,
        title="关于规范校外培训机构管理的规定",
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=dt.date(2024, 5, 6),
        text="第一条 为规范校外培训机构管理，制定本规定。\n第二条 培训机构应当依法经营。",
        advisor_user=users.advisor,
    )


# Login and scope ---------------------------------------------------------------------------------------------


def test_review_pages_need_a_login(client, review):
    for url in ("/review/", detail_url(review), f"{detail_url(review)}letter/", "/review/precheck/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_another_units_clerk_neither_sees_nor_reviews_the_draft(client, users, review):
    # given the market bureau's clerk
    as_user(client, users.scj_clerk)
    before = snapshot(review)

    # then the education bureau's review is not in their list and its pages are not found
    assert "关于规范校外培训机构管理的规定" not in html(client.get("/review/"))
    assert client.get(detail_url(review)).status_code == 404
    assert client.get(f"{detail_url(review)}letter/").status_code == 404
    assert client.get(f"{detail_url(review)}versions/1/file/").status_code == 404
    assert opinion(client, review, "initial", "lawful", "2024-05-07").status_code == 404
    assert snapshot(review) == before


def test_an_advisor_sees_only_the_reviews_assigned_to_them(client, users, district, review):
    services.submit_review(
        actor=users.jyj_clerk,
        title="不指定法律顾问的合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=dt.date(2024, 5, 6),
        text="合同文本",
    )
    page = html(as_user(client, users.advisor).get("/review/"))
    assert "关于规范校外培训机构管理的规定" in page
    assert "不指定法律顾问的合同" not in page
    assert "送审</button>" not in page  # an advisor sends no drafts


# Sending a draft ---------------------------------------------------------------------------------------------


def test_unit_clerk_sends_a_draft_for_review(client, users, district):
    # given the education bureau's clerk on the list, offered their unit and the district's advisors
    as_user(client, users.jyj_clerk)
    page = html(client.get("/review/"))
    assert "送审" in page and "测试区教育局" in page
    assert users.advisor.person.name in page

    # when they send a draft with its text and the advisor
    response = client.post(
        "/review/",
        {
            "title": "关于规范农贸市场经营秩序的若干规定",
            "subject_kind": "normative_document",
            "organization": district.jyj.pk,
            "submitted_on": "2024-05-06",
            "text": DRAFT,
            "advisor_user": users.advisor.pk,
        },
    )

    # then the review exists at the initial level with version 1, and its page explains the level's deadline
    review = LegalityReview.objects.get(title="关于规范农贸市场经营秩序的若干规定")
    assert response.status_code == 302 and response["Location"] == detail_url(review)
    assert review.status == S.INITIAL_REVIEW and review.advisor_user == users.advisor
    assert review.versions.get().text == DRAFT
    assert review.level_due_on == dt.date(2024, 5, 9)  # three working days
    page = html(client.get(detail_url(review)))
    assert "已送审" in page
    assert "当前环节：起草单位初审" in page
    assert "本级审查期限：<strong>2024年5月9日</strong>" in page
    assert "3个工作日" in page
    assert 'id="opinion-form"' in page and "起草单位初审意见" in page
    for label in ("起草单位初审", "法律顾问复审", "司法局合法性终审"):
        assert label in page
    assert "第1稿" in page and "第一条 为规范农贸市场经营秩序" in page
    # and the list shows it with its unit, level, version and deadline
    page = html(client.get("/review/"))
    assert "关于规范农贸市场经营秩序的若干规定" in page and "行政规范性文件" in page
    assert "2024年5月9日" in page and "第1稿" in page and "待您审查" in page


def test_a_draft_sent_as_a_docx_file_keeps_the_file(client, users, district):
    as_user(client, users.jyj_clerk)
    upload = SimpleUploadedFile(
        "送审稿.docx", docx_bytes("第一条 为规范管理，制定本办法。", PENALTY), content_type=DOCX
    )
    response = client.post(
        "/review/",
        {
            "title": "某某管理办法",
            "subject_kind": "policy_document",
            "organization": district.jyj.pk,
            "submitted_on": "2024-05-06",
            "file": upload,
        },
    )
    assert response.status_code == 302
    review = LegalityReview.objects.get(title="某某管理办法")
    version = review.versions.get()
    assert version.original_name == "送审稿.docx" and version.sha256
    page = html(client.get(detail_url(review)))
    assert "送审稿.docx" in page
    download = client.get(f"{detail_url(review)}versions/1/file/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"
    # and the pre-check of the version reads the file, not the title kept as its text
    page = html(client.get(f"{detail_url(review)}?precheck=1"))
    assert 'class="finding' in page and "第2段" in page and "罚款" in page


def test_sending_without_text_or_file_is_refused_in_chinese_and_creates_nothing(client, users, district):
    as_user(client, users.jyj_clerk)
    events = AuditEvent.objects.count()
    response = client.post(
        "/review/",
        {
            "title": "无正文的送审",
            "subject_kind": "contract",
            "organization": district.jyj.pk,
            "submitted_on": "2024-05-06",
        },
    )
    assert response.status_code == 400
    assert "请粘贴送审稿文本或上传送审稿文件。" in html(response) and "操作未完成" in html(response)
    assert not LegalityReview.objects.filter(title="无正文的送审").exists()
    assert AuditEvent.objects.count() == events


def test_sending_a_file_that_is_not_docx_or_txt_is_refused(client, users, district):
    as_user(client, users.jyj_clerk)
    response = client.post(
        "/review/",
        {
            "title": "扫描件送审",
            "subject_kind": "contract",
            "organization": district.jyj.pk,
            "submitted_on": "2024-05-06",
            "file": SimpleUploadedFile("合同.pdf", b"%PDF-1.4", content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    assert "不支持的文件类型 .pdf：请上传 .docx 或 .txt 文件" in html(response)
    assert not LegalityReview.objects.filter(title="扫描件送审").exists()


def test_sending_for_another_unit_is_refused(client, users, district):
    as_user(client, users.jyj_clerk)
    response = client.post(
        "/review/",
        {
            "title": "替别的单位送审",
            "subject_kind": "contract",
            "organization": district.scj.pk,
            "submitted_on": "2024-05-06",
            "text": "合同文本",
        },
    )
    assert response.status_code == 400
    assert not LegalityReview.objects.filter(title="替别的单位送审").exists()


# The three levels --------------------------------------------------------------------------------------------


def test_three_levels_each_by_whoever_may_give_them(client, users, review):
    # when the drafting unit's clerk gives the initial opinion
    as_user(client, users.jyj_clerk)
    response = opinion(client, review, "initial", "lawful", "2024-05-07")
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == S.ADVISOR_REVIEW
    page = html(client.get(detail_url(review)))
    assert "已出具起草单位初审意见：合法。" in page
    assert "当前环节：法律顾问复审" in page

    # then the advisor finds it waiting for them and gives the advisor opinion
    as_user(client, users.advisor)
    assert "待您审查" in html(client.get("/review/"))
    page = html(client.get(detail_url(review)))
    assert 'id="opinion-form"' in page and "法律顾问复审意见" in page
    response = opinion(
        client, review, "advisor", "lawful_after_revision", "2024-05-08", reasons="第二条宜写明依据"
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == S.FINAL_REVIEW
    advisor_opinion = review.opinions.get(level="advisor")
    assert advisor_opinion.reviewer == users.advisor and advisor_opinion.on_time

    # and the clerk is not offered the final form, and their forged final opinion is refused, changing nothing
    as_user(client, users.jyj_clerk)
    page = html(client.get(detail_url(review)))
    assert "当前环节：司法局合法性终审" in page
    assert 'id="opinion-form"' not in page
    assert "由区司法局出具司法局合法性终审意见" in page
    before = snapshot(review)
    response = opinion(client, review, "final", "lawful", "2024-05-20")
    assert response.status_code == 403
    assert "您不能出具司法局合法性终审意见。" in html(response)
    assert snapshot(review) == before

    # when the Justice Bureau gives the final opinion
    as_user(client, users.justice)
    page = html(client.get(detail_url(review)))
    assert 'id="opinion-form"' in page and "司法局合法性终审意见" in page
    response = opinion(client, review, "final", "lawful", "2024-05-20")
    assert response.status_code == 302

    # then the review is concluded, each level's opinion is on the page with its version and timeliness
    review.refresh_from_db()
    assert review.status == S.CONCLUDED and review.final_opinion == "lawful" and review.passed
    page = html(client.get(detail_url(review)))
    assert "审查已完成" in page and 'id="opinion-form"' not in page
    assert page.count('<li class="level-opinion ') == 3
    assert "第二条宜写明依据" in page and "按期" in page
    assert "下载审查意见书" in page
    assert "出具终审意见" in page  # the audit history names the transition


def test_an_opinion_from_a_stale_page_is_refused(client, users, review):
    # given the clerk's initial opinion, sent twice (a double click)
    as_user(client, users.jyj_clerk)
    assert opinion(client, review, "initial", "lawful", "2024-05-07").status_code == 302
    before = snapshot(review)

    # then the second is refused instead of becoming the advisor level's opinion
    response = opinion(client, review, "initial", "lawful", "2024-05-07")
    assert response.status_code == 400
    assert "不能出具起草单位初审意见" in html(response)
    assert snapshot(review) == before


def test_an_opinion_other_than_lawful_needs_reasons(client, users, review):
    as_user(client, users.jyj_clerk)
    before = snapshot(review)
    response = opinion(client, review, "initial", "unlawful", "2024-05-07")
    assert response.status_code == 400
    assert "须写明理由" in html(response)
    assert snapshot(review) == before


def test_returned_for_revision_then_resubmitted_shows_version_2(client, users, review):
    # given the initial level sends the draft back
    as_user(client, users.jyj_clerk)
    response = opinion(client, review, "initial", "returned", "2024-05-07", reasons="第二条缺少处罚依据")
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == S.RETURNED
    page = html(client.get(detail_url(review)))
    assert "已退回修改" in page and "第二条缺少处罚依据" in page
    assert "修改后重新送审" in page and "提交第2稿" in page

    # when the unit sends the revised draft
    response = client.post(
        f"{detail_url(review)}resubmit/",
        {"submitted_on": "2024-05-09", "text": "第一条 修改后的文本。", "note": "删去第二条"},
    )
    assert response.status_code == 302

    # then version 2 is current, back at the initial level, and version 1 with its opinion is kept
    review.refresh_from_db()
    assert review.status == S.INITIAL_REVIEW and review.current_version == 2
    page = html(client.get(detail_url(review)))
    assert "当前稿次</dt><dd>第2稿" in page
    assert 'id="version-2"' in page and "删去第二条" in page and "第一条 修改后的文本。" in page
    assert 'id="version-1"' in page
    assert "对第2稿出具意见" in page
    assert "第1稿 · 2024年5月7日" in page  # the returned opinion names the version it was about


def test_resubmitting_while_under_review_is_refused(client, users, review):
    as_user(client, users.jyj_clerk)
    before = snapshot(review)
    response = client.post(f"{detail_url(review)}resubmit/", {"submitted_on": "2024-05-09", "text": "新稿"})
    assert response.status_code == 400
    assert "只有退回修改的审查才能重新送审。" in html(response)
    assert snapshot(review) == before


def test_a_level_past_its_deadline_is_highlighted(client, users, review):
    # given a review whose initial level was due on 9 May 2024, seen long after
    as_user(client, users.jyj_clerk)
    page = html(client.get("/review/"))
    assert "is-overdue" in page and "已超期" in page
    page = html(client.get(detail_url(review)))
    assert 'data-state="overdue"' in page


# The opinion letter ------------------------------------------------------------------------------------------


def concluded(users, review) -> LegalityReview:
    services.give_opinion(
        actor=users.jyj_clerk, review=review, outcome="lawful", given_on=dt.date(2024, 5, 7)
    )
    services.give_opinion(actor=users.advisor, review=review, outcome="lawful", given_on=dt.date(2024, 5, 8))
    services.give_opinion(
        actor=users.justice,
        review=review,
        outcome="lawful_after_revision",
        reasons="第二条应写明法律依据",
        given_on=dt.date(2024, 5, 20),
    )
    review.refresh_from_db()
    return review


def test_the_opinion_letter_of_a_concluded_review_downloads_as_docx(client, users, review):
    concluded(users, review)
    as_user(client, users.jyj_clerk)
    response = client.get(f"{detail_url(review)}letter/")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert "attachment" in response["Content-Disposition"] and ".docx" in response["Content-Disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "关于规范校外培训机构管理的规定" in text


def test_no_letter_before_the_review_is_concluded(client, users, review):
    as_user(client, users.jyj_clerk)
    assert "下载审查意见书" not in html(client.get(detail_url(review)))
    response = client.get(f"{detail_url(review)}letter/")
    assert response.status_code == 400
    assert "操作未完成" in html(response)


# Pre-check ---------------------------------------------------------------------------------------------------


def test_precheck_finds_a_penalty_in_pasted_text(client, users):
    as_user(client, users.jyj_clerk)
    assert "草案预审" in html(client.get("/review/precheck/"))
    response = client.post("/review/precheck/", {"text": DRAFT})
    assert response.status_code == 200
    page = html(response)
    assert 'id="findings"' in page and 'class="finding' in page
    assert "第3段" in page
    assert "<mark>" in page and "罚款" in page
    assert "37号" in page  # the rule's legal basis


def test_precheck_of_clean_text_shows_the_empty_state(client, users):
    as_user(client, users.jyj_clerk)
    response = client.post("/review/precheck/", {"text": "第一条 为规范本单位内部管理，制定本办法。"})
    assert response.status_code == 200
    assert "未发现明显问题；预审不能代替合法性审查" in html(response)


def test_precheck_reads_an_uploaded_docx(client, users):
    as_user(client, users.jyj_clerk)
    upload = SimpleUploadedFile(
        "草案.docx", docx_bytes("第一条 为规范管理，制定本办法。", PENALTY), content_type=DOCX
    )
    response = client.post("/review/precheck/", {"file": upload})
    assert response.status_code == 200
    page = html(response)
    assert 'class="finding' in page and "第2段" in page and "罚款" in page


def test_precheck_of_a_bad_file_says_why_in_chinese(client, users):
    as_user(client, users.jyj_clerk)
    response = client.post(
        "/review/precheck/", {"file": SimpleUploadedFile("草案.docx", b"not a word file", content_type=DOCX)}
    )
    assert response.status_code == 400
    page = html(response)
    assert "操作未完成" in page and 'id="findings"' not in page
    response = client.post("/review/precheck/", {})
    assert response.status_code == 400 and "请粘贴草案文本或上传草案文件。" in html(response)


def test_a_leader_gets_no_precheck_form_nor_button_and_is_refused(client, users, review):
    refused = "草案预审供起草、审查草案的单位使用；领导账号只查看，不能预审草案。"
    as_user(client, users.leader)
    # the list and the review's page read, without the pre-check link or button
    listing = html(client.get("/review/"))
    assert "合法性审查" in listing and 'href="/review/precheck/"' not in listing
    page = html(client.get(detail_url(review)))
    assert 'id="run-precheck"' not in page
    # the pre-check page, a pre-check sent and a version's pre-check are refused in Chinese, with no form
    for response in (
        client.get("/review/precheck/"),
        client.post("/review/precheck/", {"text": DRAFT}),
        client.get(f"{detail_url(review)}?precheck=1"),
    ):
        assert response.status_code == 403
        assert (
            refused in html(response)
            and 'name="text"' not in html(response)
            and 'id="findings"' not in html(response)
        )
    # a clerk still has the link and the button
    as_user(client, users.jyj_clerk)
    assert 'href="/review/precheck/"' in html(client.get("/review/"))
    assert 'id="run-precheck"' in html(client.get(detail_url(review)))


def test_precheck_button_checks_the_current_version(client, users, district):
    as_user(client, users.jyj_clerk)
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="农贸市场管理规定",
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=dt.date(2024, 5, 6),
        text=DRAFT,
    )
    page = html(client.get(detail_url(review)))
    assert "预审第1稿" in page and 'id="findings"' not in page
    page = html(client.get(f"{detail_url(review)}?precheck=1"))
    assert "第1稿预审结果" in page and 'class="finding' in page and "<mark>" in page


# Correcting what was sent (更正送审事项): the drafting unit's clerk, on a page; fixed fields per state ------------

TITLE = "关于规范校外培训机构管理的规定"


def edit_url(review) -> str:
    return f"/review/{review.pk}/edit/"


def updates(review) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=AuditEvent.Action.UPDATE, model_label="review.legalityreview", object_id=str(review.pk)
        )
    )


def initial_review_passed(review, clerk) -> None:
    services.give_opinion(actor=clerk, review=review, outcome="lawful", given_on=review.submitted_on)
    review.refresh_from_db()


def test_the_drafting_units_clerk_corrects_the_title(client, users, review):
    as_user(client, users.jyj_clerk)
    assert f'href="{edit_url(review)}"' in html(client.get(detail_url(review)))
    page = html(client.get(edit_url(review)))
    assert f'value="{TITLE}"' in page and 'name="advisor_user"' in page

    response = client.post(
        edit_url(review),
        {
            "title": f"{TITLE}（送审稿）",
            "advisor_user": users.advisor.pk,
            "advisor_name": review.advisor_name,
        },
    )

    assert response.status_code == 302 and response["Location"] == detail_url(review)
    review.refresh_from_db()
    assert review.title == f"{TITLE}（送审稿）"
    (event,) = updates(review)
    assert event.changes == {"title": [TITLE, f"{TITLE}（送审稿）"]} and event.actor == users.jyj_clerk


def test_at_the_advisors_level_only_the_title_is_open(client, users, review):
    initial_review_passed(review, users.jyj_clerk)
    assert review.status == LegalityReview.Status.ADVISOR_REVIEW
    as_user(client, users.jyj_clerk)
    page = html(client.get(edit_url(review)))
    assert 'name="title"' in page and 'name="advisor_user"' not in page
    # an advisor sent anyway is not read: only the title is corrected
    response = client.post(edit_url(review), {"title": "新名称", "advisor_user": ""})
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.title, review.advisor_user) == ("新名称", users.advisor)


def test_another_units_clerk_does_not_reach_it(client, users, review):
    as_user(client, users.scj_clerk)
    assert client.get(edit_url(review)).status_code == 404
    assert client.post(edit_url(review), {"title": "改名"}).status_code == 404
    review.refresh_from_db()
    assert review.title == TITLE and not updates(review)


def test_a_leader_and_the_advisor_see_no_link_and_are_refused(client, users, review):
    for user, status in ((users.leader, 403), (users.advisor, 403)):
        as_user(client, user)
        assert edit_url(review) not in html(client.get(detail_url(review)))
        assert client.get(edit_url(review)).status_code == status
        assert client.post(edit_url(review), {"title": "改名"}).status_code == status
    response = client.post(edit_url(review), {"title": "改名"})
    assert "只有送审单位可以修改送审事项。" in html(response)
    review.refresh_from_db()
    assert review.title == TITLE and not updates(review)


def test_removing_the_advisors_account_is_refused_as_by_the_service(client, users, review):
    as_user(client, users.jyj_clerk)
    response = client.post(edit_url(review), {"title": TITLE, "advisor_user": "", "advisor_name": ""})
    assert response.status_code == 400 and "已指定复审法律顾问账号的，只能更换为其他法律顾问账号" in html(
        response
    )
    review.refresh_from_db()
    assert review.advisor_user == users.advisor and not updates(review)


def test_a_concluded_review_is_not_corrected(client, users, review):
    initial_review_passed(review, users.jyj_clerk)
    services.give_opinion(actor=users.advisor, review=review, outcome="lawful", given_on=dt.date(2024, 5, 8))
    services.conclude_review(
        actor=users.justice, review=review, opinion="lawful", reasons="", concluded_on=dt.date(2024, 5, 24)
    )
    review.refresh_from_db()
    before = updates(review)
    message = "审查处于“已出具审查意见”，送审事项、复审法律顾问（账号）、复审法律顾问不能修改。"
    as_user(client, users.jyj_clerk)
    assert edit_url(review) not in html(client.get(detail_url(review)))
    assert message in html(client.get(edit_url(review)))
    response = client.post(edit_url(review), {"title": "改名"})
    assert response.status_code == 400 and message in html(response)
    review.refresh_from_db()
    assert review.title == TITLE and updates(review) == before
