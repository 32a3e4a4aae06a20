"""tools/loadtest.py in miniature (2 users, 3 s against the test server): every kind of request answers without error.
The real run (50 users, 60 s, gunicorn on PostgreSQL with the demo) is recorded in docs/reliability.md."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from django.db import connection

from fazhi.core.models import Person
from tests import factories

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import loadtest  # noqa: E402 (a client script outside the package)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_short_load_test_runs_without_errors(live_server, users):
    if connection.vendor == "sqlite":
        pytest.skip("测试用的内存 SQLite 共享缓存在多线程写入时锁表：本测试在 PostgreSQL 上运行")
    clerks = [(u.username, u.person.organization.code) for u in (users.jyj_clerk, users.scj_clerk)]
    lines, failed = loadtest.run(
        url=live_server.url, users=2, seconds=3, think=0.05, password=factories.PASSWORD, accounts=clerks
    )
    report = "\n".join(lines)
    assert failed == 0 and "错误 0 次" in report, report
    total = int(re.search(r"请求 (\d+) 次", report).group(1))
    assert total >= 2 and re.search(r"p95 \d+ ms", report)  # a loaded machine may answer few in 3 s
    written = len(re.findall(r"写入：(\d+) 次", report)) and int(
        re.search(r"写入：(\d+) 次", report).group(1)
    )
    assert Person.objects.filter(name__startswith="压测").count() == written
