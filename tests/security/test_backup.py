"""`fazhi backup` / `fazhi restore`: an archive restored into an empty database gives back every row of every table,
every uploaded file byte for byte, and an audit chain that verifies (timestamps keep their microseconds)."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from fazhi.core import backup
from fazhi.core.models import AuditEvent, Job

pytestmark = pytest.mark.django_db(transaction=True)


def everything() -> dict[str, list[tuple]]:
    """Every row of every table, as stored."""
    out = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in cursor.fetchall()
            ]
            out[table] = sorted(rows, key=repr)
    return out


def media_files() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def records(users, district):
    Job.objects.create(
        kind=Job.Kind.LEDGER_IMPORT,
        name="people",
        user=users.admin,
        filename="人员.xlsx",
        content=b"PK\x03\x04\x00\xff",
    )
    default_storage.save("duties/2026/讲稿.docx", ContentFile(b"\x00\x01binary\xfe\xff" * 1000))
    default_storage.save("review/drafts/草案.txt", ContentFile("第一条 为了规范……".encode()))
    call_command("audit", "checkpoint")
    return users


def test_backup_then_restore_into_an_empty_database_gives_everything_back(records, tmp_path, capsys):
    before, files = everything(), media_files()
    assert len(files) == 2 and before["core_job"] and len(before["core_auditevent"]) > 10
    assert any(e.occurred_at.microsecond for e in AuditEvent.objects.all())  # the round trip must keep them

    archive = tmp_path / "fazhi.tar"
    call_command("backup", str(archive), "--no-progress")
    assert "已备份到" in capsys.readouterr().out
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = sorted(tar.getnames())
    assert manifest["engine"] == connection.vendor and manifest["rows"]["core_job"] == 1
    assert sorted(f["name"] for f in manifest["files"] if f["name"].startswith("media/")) == [
        "media/duties/2026/讲稿.docx",
        "media/review/drafts/草案.txt",
    ]
    assert names == sorted(
        ["manifest.json", manifest["database"], *(f["name"] for f in manifest["files"][1:])]
    )

    call_command("flush", "--noinput")
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not AuditEvent.objects.exists() and media_files() == {}

    call_command("restore", str(archive), "--no-progress")
    assert "行数与清单一致" in capsys.readouterr().out
    after = everything()
    assert sorted(after) == sorted(before)
    for table in before:
        assert after[table] == before[table], table
    assert media_files() == files
    call_command("audit", "verify")
    assert "审计链完整" in capsys.readouterr().out


def test_restore_refuses_a_database_that_holds_records(records, tmp_path):
    archive = tmp_path / "fazhi.tar"
    call_command("backup", str(archive), "--no-progress")
    with pytest.raises(CommandError, match="当前数据库已有数据"):
        call_command("restore", str(archive), "--no-progress")


def test_a_damaged_archive_is_refused_before_anything_changes(records, tmp_path):
    archive, damaged = tmp_path / "fazhi.tar", tmp_path / "damaged.tar"
    call_command("backup", str(archive), "--no-progress")
    with tarfile.open(archive) as src, tarfile.open(damaged, "w") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.endswith("草案.txt"):
                data = data.replace("第一条".encode(), "第二条".encode())
            out.addfile(member, io.BytesIO(data))
    call_command("flush", "--noinput")
    with pytest.raises(CommandError, match="草案.txt 的校验值不符"):
        call_command("restore", str(damaged), "--no-progress")
    assert not AuditEvent.objects.exists()


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    bogus = tmp_path / "bogus.tar"
    bogus.write_bytes(b"not a tar at all")
    with pytest.raises(backup.BackupError, match="不是有效的备份归档"):
        backup.restore(bogus)
