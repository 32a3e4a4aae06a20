"""Oversight test data: an inspection by the Justice Bureau of the education and market bureaus, and a supervision
clue of the market bureau."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.enforcement import services as clues
from fazhi.enforcement.models import SupervisionClue
from fazhi.oversight.models import Inspection
from fazhi.oversight.services import inspections

D = dt.date


def upload(name: str = "整改报告.pdf", content: bytes = b"%PDF-1.4 evidence") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def inspection(users, district):
    return inspections.create_inspection(
        actor=users.justice,
        kind=Inspection.Kind.RULE_OF_LAW,
        title="2024年度法治政府建设督察",
        held_on=D(2024, 5, 6),
        organization=district.sfj,
        co_organizers=[district.root],
        units=[district.jyj, district.scj],
    )


@pytest.fixture
def finding(users, district, inspection):
    return inspections.add_finding(
        actor=users.justice,
        inspection=inspection,
        organization=district.scj,
        text="行政执法案卷未按规定归档",
        measures="开展案卷归档专项整理",
    )


@pytest.fixture
def item(finding):
    from fazhi.oversight.services import item_of

    return item_of(finding)


@pytest.fixture
def clue(users, district):
    return clues.register_clue(
        actor=users.supervisor,
        source=SupervisionClue.Source.HOTLINE,
        external_number="2024061100001",
        received_on=D(2024, 6, 11),
        organization=district.scj,
        content="执法人员检查时未出示执法证件",
    )
