"""Local rules of the annual report, as settings an administrator edits: the publication deadlines."""

from fazhi.core import config

BASIS = (
    "《法治政府建设与责任落实督察工作规定》：年度法治政府建设情况报告于每年第一季度报告，4月1日之前向社会公开"
)

DISTRICT_DEADLINE = config.define(
    "reports.deadline.district",
    name="区（县）政府年度报告公开期限（月-日）",
    default="04-01",
    help="区（县）人民政府向社会公开上一年度法治政府建设情况报告的截止日，格式 MM-DD。",
    basis=BASIS,
)
DEPARTMENT_DEADLINE = config.define(
    "reports.deadline.department",
    name="政府部门年度报告报送期限（月-日）",
    default="03-01",
    help="政府部门向本级党委和政府报告上一年度法治政府建设情况的截止日，格式 MM-DD。",
    basis="部门先于本级政府报告，以便政府汇总（本地做法，可按当地要求调整）",
)
