"""What every workstream shares: the unit tree, people, users and roles, the audit trail, the calendar overrides,
editable settings and the background jobs (imports, renderings, scheduled work)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from . import config, crypto, ids


class OrganizationKind(models.TextChoices):
    DISTRICT_GOVERNMENT = "district_government", "区（县）人民政府"
    PARTY_COMMITTEE = "party_committee", "区（县）委"
    PARTY_OFFICE = "party_office", "党委工作机关及办事机构"
    DEPARTMENT = "department", "政府工作部门"
    TOWNSHIP = "township", "乡镇"
    SUBDISTRICT = "subdistrict", "街道"
    POLITICAL_LEGAL = "political_legal", "政法单位"
    PUBLIC_SECURITY = "public_security", "公安机关"
    ENFORCEMENT_BODY = "enforcement_body", "行政执法机构"
    OTHER = "other", "其他单位"


# 公安机关 are 政法单位 for the figures that count people outside them, and administrative organs for everything a
# government department does (a reconsideration respondent, a clue's handling unit).
POLITICAL_LEGAL_KINDS = (OrganizationKind.POLITICAL_LEGAL, OrganizationKind.PUBLIC_SECURITY)


class Organization(models.Model):
    """A unit of the district: government, party organs, departments, townships, political-legal units,
    enforcement bodies. `path` holds the codes from the root down, so a subtree is one prefix query."""

    code = models.CharField("单位代码", max_length=40, unique=True, help_text="平台内唯一的简码，如 QS-SFJ")
    name = models.CharField("单位名称", max_length=120)
    short_name = models.CharField("简称", max_length=40, blank=True)
    kind = models.CharField("单位类型", max_length=32, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    path = models.CharField("层级路径", max_length=1000, editable=False, db_index=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("在用", default=True)

    scope_field = ""  # the record itself is the unit

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~models.Q(credit_code=""), name="org_credit_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_political_legal(self) -> bool:
        return self.kind in POLITICAL_LEGAL_KINDS

    @property
    def root_code(self) -> str:
        return self.path.strip("/").split("/")[0] if self.path else self.code

    def clean(self) -> None:
        if self.credit_code:
            try:
                self.credit_code = ids.validate_credit_code(self.credit_code)
            except ValidationError as exc:
                raise ValidationError({"credit_code": exc.messages}) from exc
        if self.code and "/" in self.code:
            raise ValidationError({"code": "单位代码不能包含“/”。"})
        if self.parent_id and self.pk:
            node = self.parent
            while node is not None:
                if node.pk == self.pk:
                    raise ValidationError({"parent": "上级单位不能是本单位或其下级单位。"})
                node = node.parent


ID_NUMBER_TAKEN = "该居民身份证号无法在本单位登记，请核对号码；如确属本单位人员，请联系司法局管理员办理。"


class PersonQuerySet(models.QuerySet):
    """The one way to find people by ID number: through the blind index (the number itself is encrypted)."""

    def with_id_number(self, number: str) -> models.QuerySet:
        return (
            self.filter(id_number_hash=crypto.blind_index(number)) if ids.normalize(number) else self.none()
        )

    def with_id_numbers(self, numbers) -> models.QuerySet:
        return self.filter(id_number_hash__in=crypto.blind_indexes(numbers))


class Person(models.Model):
    """A person working in a unit: leaders, officers, reviewers. The ID number is encrypted at rest, found through
    its blind index (`Person.objects.with_id_number`) and never shown unmasked in lists."""

    name = models.CharField("姓名", max_length=60)
    id_number = crypto.EncryptedCharField("居民身份证号", max_length=18)
    id_number_hash = crypto.BlindIndexField(
        "身份证号检索索引",
        source="id_number",
        unique=True,
        # Says neither that nor where the number is registered (it may be in a unit the user may not see).
        error_messages={"unique": ID_NUMBER_TAKEN},
    )
    organization = models.ForeignKey(
        Organization, verbose_name="所在单位", on_delete=models.PROTECT, related_name="people"
    )
    position = models.CharField("职务", max_length=80, blank=True)
    is_principal_leader = models.BooleanField("主要负责人", default=False)
    has_legal_qualification = models.BooleanField("具有法律职业资格", default=False)
    legal_qualification_year = models.PositiveSmallIntegerField(
        "取得法律职业资格年份", null=True, blank=True, help_text="不清楚可留空"
    )
    is_active = models.BooleanField("在职", default=True)

    scope_field = "organization"
    masked_fields = ("id_number",)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["organization__path", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_id_number(self) -> str:
        return ids.mask_id_number(self.id_number)

    def clean(self) -> None:
        errors = {}
        try:
            self.id_number = ids.validate_id_number(self.id_number)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
        self.id_number_hash = crypto.blind_index(self.id_number)
        if self.legal_qualification_year and not self.has_legal_qualification:
            errors["legal_qualification_year"] = "未勾选“具有法律职业资格”时不应填写取得年份。"
        if errors:
            raise ValidationError(errors)

    def validate_unique(self, exclude=None) -> None:
        """Uniqueness of the ID number is that of its blind index, checked whenever the number is (forms leave the
        index out: it is not editable), and reported on the number."""
        exclude = set(exclude or ())
        if "id_number" not in exclude:
            exclude.discard("id_number_hash")
            self.id_number_hash = crypto.blind_index(self.id_number)
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict({})
            if "id_number_hash" in errors:
                errors["id_number"] = errors.pop("id_number_hash")
            raise ValidationError(errors) from exc


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    JUSTICE_ADMIN = "justice_admin", "司法局管理员"
    UNIT_CLERK = "unit_clerk", "单位填报员"
    LEGAL_ADVISOR = "legal_advisor", "法律顾问"
    RECONSIDERATION_STAFF = "reconsideration_staff", "复议工作人员"
    ENFORCEMENT_SUPERVISOR = "enforcement_supervisor", "执法监督员"
    LEADER = "leader", "领导"


class User(AbstractUser):
    """A login, linked to a Person (and through them to a unit) and holding one role."""

    person = models.OneToOneField(
        Person, verbose_name="人员", null=True, blank=True, on_delete=models.PROTECT, related_name="user"
    )
    role = models.CharField("角色", max_length=32, choices=Role.choices, default=Role.UNIT_CLERK)

    scope_field = "person__organization"
    audit_exclude = ("password", "last_login")

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    @property
    def organization(self) -> Organization | None:
        return self.person.organization if self.person_id else None

    def __str__(self) -> str:
        if self.person_id:
            return f"{self.person.name}（{self.username}）"
        return self.username


class AuditEvent(models.Model):
    """One append-only entry of the audit trail, chained by HMAC under a key outside the database (core.audit).
    Never updated or deleted: triggers refuse it."""

    class Action(models.TextChoices):
        CREATE = "create", "新建"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"
        TRANSITION = "transition", "流程流转"
        IMPORT = "import", "导入"
        EXPORT = "export", "导出"
        KEY = "key", "审计密钥轮换"
        API_CALL = "api_call", "接口调用"
        UNMASK = "unmask", "查看完整个人信息"
        DATA_KEY = "data_key", "数据密钥轮换"

    seq = models.PositiveBigIntegerField("序号", unique=True)
    occurred_at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name="操作人",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    source_ip = models.GenericIPAddressField("来源地址", null=True, blank=True)
    action = models.CharField("操作", max_length=16, choices=Action.choices)
    model_label = models.CharField("记录类型", max_length=100)
    object_id = models.CharField("记录编号", max_length=64)
    object_repr = models.CharField("记录", max_length=300)
    organization = models.ForeignKey(
        Organization,
        verbose_name="所属单位",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    transition = models.CharField("流转", max_length=64, blank=True)
    changes = models.JSONField("字段变更", default=dict)
    note = models.TextField("说明", blank=True)
    prev_hash = models.CharField("前一条哈希", max_length=64)
    hash = models.CharField("签名哈希", max_length=64)
    key_id = models.CharField(
        "密钥编号", max_length=32, blank=True, default="", help_text="空：启用密钥前的记录"
    )

    scope_field = "organization"

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-seq"]
        indexes = [models.Index(fields=["model_label", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_action_display()} {self.object_repr}"


class AuditChainHead(models.Model):
    """The one row that holds the chain's last sequence number and hash; appending locks it."""

    scope_shared = True  # installation-wide: readable by every user (core.access)

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    last_key_id = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"

    def __str__(self) -> str:
        return f"审计链头 #{self.last_seq}"


class CalendarDay(models.Model):
    """An administrator's entry in the statutory calendar: a rest day or a make-up working day (调休),
    nationally (region blank) or for one region (e.g. 宁夏 开斋节)."""

    scope_shared = True  # installation-wide: readable by every user (core.access)

    class Kind(models.TextChoices):
        REST = "rest", "休息日（法定节假日）"
        WORK = "work", "工作日（调休上班）"

    date = models.DateField("日期")
    region = models.CharField("地区", max_length=40, blank=True, help_text="留空表示全国")
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    name = models.CharField("名称", max_length=60, help_text="如 春节、国庆节、开斋节")
    source = models.CharField(
        "依据", max_length=200, blank=True, help_text="如 国务院办公厅关于2027年部分节假日安排的通知"
    )

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["date", "region"], name="calendar_day_unique")]

    def __str__(self) -> str:
        return f"{self.date} {self.name}（{self.get_kind_display()}）"


class CalendarYear(models.Model):
    """Marks a year's schedule as complete (the State Council notice entered), for a year the package lacks."""

    scope_shared = True  # installation-wide: readable by every user (core.access)

    year = models.PositiveSmallIntegerField("年份")
    region = models.CharField("地区", max_length=40, blank=True, help_text="留空表示全国")
    source = models.CharField("依据", max_length=200)
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "节假日年度安排"
        verbose_name_plural = "节假日年度安排"
        constraints = [models.UniqueConstraint(fields=["year", "region"], name="calendar_year_unique")]

    def __str__(self) -> str:
        return f"{self.year}年{self.region or '全国'}节假日安排"


class Setting(models.Model):
    """A local rule an administrator edits (filing period, number formats, thresholds); defaults live in code."""

    scope_shared = True  # installation-wide: readable by every user (core.access)

    key = models.CharField("配置项", max_length=100, unique=True)
    value = models.JSONField("值")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "配置"
        verbose_name_plural = "配置"

    def __str__(self) -> str:
        return self.key

    def clean(self) -> None:
        try:
            config.validate(self.key, self.value)
        except ValidationError as exc:
            raise ValidationError({"value": exc.messages}) from exc


class Job(models.Model):
    """Long work run by `fazhi worker` on django-tasks (a ledger import, a report rendering, scheduled work), with
    its status and progress so a page or the CLI can show them. One model for every kind of job."""

    class Kind(models.TextChoices):
        LEDGER_IMPORT = "ledger_import", "台账导入"
        REPORT_RENDER = "report_render", "报告生成"
        SCHEDULED = "scheduled", "定时任务"

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    kind = models.CharField("种类", max_length=20, choices=Kind.choices)
    name = models.CharField("任务", max_length=100, help_text="台账代码、报告格式或定时任务名称")
    params = models.JSONField("参数", default=dict, blank=True)
    user = models.ForeignKey(
        User, verbose_name="提交人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    message = models.TextField("说明", blank=True)
    filename = models.CharField("文件名", max_length=255, blank=True)
    content = models.BinaryField("提交的文件", null=True, blank=True)
    output = models.BinaryField("生成的文件", null=True, blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    task_path = models.CharField("任务函数", max_length=200, blank=True)
    task_id = models.CharField("任务队列编号", max_length=64, blank=True)
    run_key = models.CharField(
        "运行标识", max_length=120, null=True, blank=True, unique=True, help_text="定时任务每天一次的标识"
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "user"], name="core_job_kind_user")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename or self.name}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, int(self.done * 100 / self.total)) if self.total else 0

    @property
    def status_label(self) -> str:
        """The status in words; an import that failed imported nothing, and says so."""
        if self.kind == self.Kind.LEDGER_IMPORT and self.status == self.Status.FAILED:
            return "未导入"
        return self.get_status_display()

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    # What each kind keeps in `params`, read by name in pages and templates.
    @property
    def ledger(self) -> str:
        return self.params.get("ledger", "")

    @property
    def dry_run(self) -> bool:
        return bool(self.params.get("dry_run", False))

    @property
    def year(self) -> int | None:
        return self.params.get("year")

    @property
    def format(self) -> str:
        return self.params.get("format", "")


class ApiToken(models.Model):
    """接口令牌: lets a machine client (the 12345 hotline platform, a city's data exchange) call the API as one login,
    whose unit and role decide what it may read and change, exactly as for a person. Only the token's SHA-256 is kept;
    the token itself is shown once, when it is issued. A revoked token is kept, with who revoked it and when."""

    name = models.CharField("用途", max_length=100, help_text="如“12345热线平台对接”")
    user = models.ForeignKey(
        User, verbose_name="代表的账号", on_delete=models.PROTECT, related_name="api_tokens"
    )
    key_hash = models.CharField("令牌摘要", max_length=64, unique=True, editable=False)
    prefix = models.CharField("令牌前缀", max_length=8, editable=False, help_text="令牌的前8位，便于辨认")
    created_at = models.DateTimeField("签发时间", auto_now_add=True)
    created_by = models.ForeignKey(
        User, verbose_name="签发人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, verbose_name="吊销人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField("最近使用时间", null=True, blank=True)

    scope_field = "user__person__organization"
    audit_exclude = ("key_hash", "last_used_at")

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"
