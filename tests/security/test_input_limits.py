"""Limits on every input: upload sizes, spreadsheets checked before they are loaded, NUL bytes and over-long cells
refused alike on the dry run and the real run, numeric query parameters answered 400, imports only by writers."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from fazhi.core import tasks
from fazhi.core.io import ledgers
from fazhi.core.models import Job, Person

HEADERS = ["姓名", "居民身份证号", "所在单位代码"]


def xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def huge_dimension_xlsx() -> bytes:
    """A few KB that declare a sheet of 1,048,576 rows x 16,384 columns, with a cell at each far corner."""
    content = xlsx([HEADERS, ["甲", "1", "T-JYJ"]])
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.replace('<dimension ref="A1:C2"/>', '<dimension ref="A1:XFD1048576"/>')
                text = text.replace(
                    "</sheetData>",
                    '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
                )
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


def test_a_small_file_declaring_a_huge_sheet_is_refused_before_it_is_loaded(users):
    content = huge_dimension_xlsx()
    assert len(content) < 10_000
    tracemalloc.start()
    with pytest.raises(ledgers.LedgerFileError, match="表格声明有1048576行"):
        ledgers.read_rows(content, "people.xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def test_a_sheet_whose_dimension_lies_is_still_bounded(settings):
    settings.FAZHI_IMPORT_MAX_ROWS = 3
    content = xlsx([HEADERS] + [[f"人{n}", "1", "T-JYJ"] for n in range(5)])
    content = content.replace(b'<dimension ref="A1:C6"/>', b'<dimension ref="A1:C2"/>')
    with pytest.raises(ledgers.LedgerFileError, match="超过每次导入3行的上限"):
        ledgers.read_rows(content, "people.xlsx")


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("张\x00三", "第2行第1列含有空字符（NUL）"),
        ("长" * 32768, "第2行第1列有32768个字符，超过单元格32767个字符的上限"),
    ],
)
def test_nul_bytes_and_over_long_cells_are_refused_alike_on_dry_and_real_runs(users, value, message, dry_run):
    for name, content in (("p.csv", ("姓名,居民身份证号,所在单位代码\n" + f"{value},1,T-JYJ\n").encode()),):
        with pytest.raises(ledgers.LedgerFileError, match=message):
            ledgers.run_import("people", content=content, filename=name, actor=users.justice, dry_run=dry_run)
    assert not Person.objects.filter(name__startswith="张").exists()


def test_a_csv_cell_beyond_the_csv_module_limit_is_a_chinese_refusal(users):
    content = ("姓名,居民身份证号,所在单位代码\n" + "长" * 140_000 + ",1,T-JYJ\n").encode()
    with pytest.raises(ledgers.LedgerFileError, match="超过单元格32767个字符的上限|单元格过长"):
        ledgers.read_rows(content, "p.csv")


def test_upload_size_limit_per_kind(client, users, settings):
    settings.FAZHI_UPLOAD_MAX_BYTES = {"ledger": 1024}
    client.force_login(users.justice)
    big = SimpleUploadedFile("people.csv", b"a" * 2048)
    response = client.post("/api/ledgers/people/import/", {"file": big})
    assert response.status_code == 400
    assert "文件不能超过1KB" in response.content.decode()
    page = client.post("/ledgers/people/import/", {"file": SimpleUploadedFile("people.csv", b"a" * 2048)})
    assert page.status_code == 400 and "文件不能超过1KB" in page.content.decode()
    assert not Job.objects.exists()
    with pytest.raises(ValidationError):
        tasks.submit_import(
            actor=users.justice, ledger="people", filename="p.csv", content=b"a" * 2048, dry_run=True
        )


def test_read_only_roles_cannot_start_an_import(client, users):
    with pytest.raises(PermissionDenied, match="无权导入"):
        tasks.submit_import(actor=users.leader, ledger="people", filename="p.csv", content=b"x", dry_run=True)
    client.force_login(users.leader)
    response = client.post("/ledgers/people/import/", {"file": SimpleUploadedFile("people.csv", b"x")})
    assert response.status_code == 403
    response = client.post("/api/ledgers/people/import/", {"file": SimpleUploadedFile("people.csv", b"x")})
    assert response.status_code == 403
    assert not Job.objects.exists()


@pytest.mark.parametrize("value", ["0", "-1", "99999", "abc", "２０２５", "2025.5"])
@pytest.mark.parametrize(
    "path", ["/disputes/figures/", "/reports/", "/duties/", "/litigation/", "/disputes/"]
)
def test_bad_year_is_a_400_with_a_chinese_message(client, users, path, value):
    client.force_login(users.justice)
    response = client.get(path, {"year": value})
    assert response.status_code == 400, (path, value, response.status_code)
    assert "年度应为1949至2100之间的整数" in response.content.decode()


def test_a_good_year_still_opens_the_page(client, users):
    client.force_login(users.justice)
    assert client.get("/disputes/figures/", {"year": "2025"}).status_code == 200
    assert client.get("/api/people/", {"page": "0"}).status_code == 400
