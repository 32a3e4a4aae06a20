"""The ledger summary's rows written in Python ({% summary_rows %}) are the markup the template loop wrote."""

from __future__ import annotations

from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from fazhi.oversight.templatetags.oversight import summary_rows

LOOP = Template(
    '{% for r in rows %}<tr class="summary-row"><td>{{ r.label }}</td><td>{{ r.total }}</td>'
    "<td>{{ r.rectified }}</td><td>{{ r.signed_off }}</td><td>{{ r.consolidated }}</td><td>{% if r.overdue %}"
    '<strong class="error">{{ r.overdue }}</strong>{% else %}0{% endif %}</td><td>{% if r.rate is not None %}'
    "{{ r.rate }}%{% else %}—{% endif %}</td></tr>{% endfor %}"
)


def row(label, total, rectified, signed_off, consolidated, overdue, rate):
    return dict(
        label=label,
        total=total,
        rectified=rectified,
        signed_off=signed_off,
        consolidated=consolidated,
        overdue=overdue,
        rate=rate,
    )


ROWS = [
    row("测试区市场监督管理局", 3, 2, 1, 1, 1, 66.7),
    row('<b>A&B</b> "局"\'', 12345, 0, 0, 0, 0, 0.0),
    row("测试区教育局", 1, 1, 1, 1, 0, 100.0),
    row("空", 0, 0, 0, 0, 0, None),
    row("测试区甲单位", 7, 3, 2, 0, 4, 42.9),
]


def test_the_rows_are_the_template_loops_markup():
    for language in ("zh-hans", "en"):
        with translation.override(language):
            assert str(summary_rows(ROWS)) == LOOP.render(Context({"rows": ROWS}))
    with override_settings(USE_THOUSAND_SEPARATOR=True):  # the numbers as the template localizes them
        for language in ("zh-hans", "en", "de"):
            with translation.override(language):
                assert str(summary_rows(ROWS)) == LOOP.render(Context({"rows": ROWS}))
        with translation.override("en"):
            assert "<td>12,345</td>" in summary_rows(ROWS)
    assert summary_rows([]) == ""
    assert "&lt;b&gt;A&amp;B&lt;/b&gt;" in summary_rows(ROWS) and "66.7%" in summary_rows(ROWS)
