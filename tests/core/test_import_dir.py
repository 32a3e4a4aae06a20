"""fazhi import_dir: every ledger file of a folder in name order; the first file with errors stops the run."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.models import Organization, Person, Role, User

pytestmark = pytest.mark.django_db

UNITS = "单位代码,单位名称,单位类型,上级单位代码\nX,甲区人民政府,区（县）人民政府,\nX-SFJ,甲区司法局,政府工作部门,X\n"
PEOPLE = "姓名,身份证号,单位代码\n张三,990101198803031036,X-SFJ\n"
WRONG_PEOPLE = "姓名,身份证号,单位代码\n张三,990101198803031037,X-SFJ\n李四,990101198303041043,NOPE\n"


@pytest.fixture
def admin(db):
    return User.objects.create_superuser("root", "root@example.org", "x", role=Role.SYSTEM_ADMIN)


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_dir", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_files_come_in_in_name_order_and_other_files_are_left_alone(admin, tmp_path):
    (tmp_path / "02_people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "01_organizations.csv").write_text(UNITS, encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")

    out, _ = run(str(tmp_path))

    assert "01_organizations.csv（单位）：共2行：已新增2条" in out
    assert "02_people.csv（人员）：共1行：已新增1条" in out
    assert out.index("01_organizations") < out.index("02_people")
    assert Person.objects.get().organization.code == "X-SFJ"
    again, _ = run(str(tmp_path))
    assert "共2行：已新增0条，已更新0条，2条无变化。" in again


def test_the_first_file_with_errors_stops_the_run_and_every_error_is_printed(admin, tmp_path):
    (tmp_path / "01_organizations.csv").write_text(UNITS, encoding="utf-8")
    (tmp_path / "02_people.csv").write_text(WRONG_PEOPLE, encoding="utf-8")
    (tmp_path / "03_users.csv").write_text("用户名,角色\nzhang,单位填报员\n", encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match="02_people.csv：共2行，发现2处错误"):
        call_command("import_dir", str(tmp_path), stdout=io.StringIO(), stderr=err)

    assert "02_people.csv 第2行“身份证号”列：身份证号校验码错误" in err.getvalue()
    assert "02_people.csv 第3行“单位代码”列" in err.getvalue()
    assert Organization.objects.count() == 2  # the earlier file stays imported, all of it
    assert not Person.objects.exists() and not User.objects.filter(username="zhang").exists()


def test_a_dry_run_checks_every_file_against_the_earlier_ones_and_writes_nothing(admin, tmp_path):
    (tmp_path / "01_organizations.csv").write_text(UNITS, encoding="utf-8")
    (tmp_path / "02_people.csv").write_text(PEOPLE, encoding="utf-8")

    out, _ = run(str(tmp_path), "--dry-run")

    assert "02_people.csv（人员）：共1行：已新增1条" in out
    assert "试导入完成：2个文件均无错误（已回滚，未写入）" in out
    assert not Organization.objects.exists() and not Person.objects.exists()


def test_from_and_before_pick_the_steps_and_a_wrongly_named_file_is_refused(admin, tmp_path):
    (tmp_path / "01_organizations.csv").write_text(UNITS, encoding="utf-8")
    (tmp_path / "02_people.csv").write_text(PEOPLE, encoding="utf-8")

    out, _ = run(str(tmp_path), "--before", "02")
    assert "02_people" not in out and Organization.objects.count() == 2 and not Person.objects.exists()
    out, _ = run(str(tmp_path), "--from", "02")
    assert "01_organizations" not in out and Person.objects.count() == 1

    (tmp_path / "03_nope.csv").write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="没有名为“nope”的台账"):
        run(str(tmp_path))
