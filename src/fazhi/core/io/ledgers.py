"""One framework for every ledger (台账): xlsx templates with Chinese headers and an explanation sheet, import from
xlsx or csv (UTF-8 or GB18030) with a dry run, row-by-row validation in Chinese, all-or-nothing writes in bulk,
and export of any list to xlsx that imports back unchanged.

A workstream defines a `Ledger` (its columns, how a row finds an existing record, how it builds one) and
registers it; the CLI, the pages and the API all call `run_import`, `export_xlsx` and `template_xlsx`.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.core import access, audit, crypto, services
from fazhi.core.io import limits, sheets
from fazhi.core.models import AuditEvent, Organization, User

TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "有"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "无", ""}
MAX_REPORTED_ERRORS = 500


class LedgerFileError(Exception):
    """The file as a whole cannot be read (wrong type, wrong headers); nothing was imported."""


class CellError(Exception):
    """A cell's value is wrong; the message is Chinese and says why, `column` names the cell's header when the
    ledger knows it better than the framework (e.g. an unknown unit code found while building the record)."""

    def __init__(self, message: str, *, column: str = ""):
        super().__init__(message)
        self.column = column


@dataclass
class Column:
    """One column of a ledger: its Chinese header, how it reads and writes a value, and its explanation."""

    key: str
    header: str
    help: str = ""
    required: bool = False
    kind: str = "text"  # text, int, bool, date, choice
    choices: Sequence[tuple[str, str]] = ()  # (value, label)
    example: str = ""
    max_length: int | None = None
    as_text: bool = False  # keep as text in Excel (ID numbers, codes)
    getter: Callable[[Any], Any] | None = None

    def parse(self, raw: Any) -> Any:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.required:
                raise CellError("必填，不能为空。")
            return self.empty()
        if self.kind == "int":
            if isinstance(raw, float) and raw.is_integer():
                return int(raw)
            try:
                return int(str(raw).strip())
            except ValueError as exc:
                raise CellError(f"“{raw}”不是整数。") from exc
        if self.kind == "bool":
            word = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw).strip().lower()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
            raise CellError(f"“{raw}”应填“是”或“否”。")
        if self.kind == "date":
            if isinstance(raw, dt.datetime):
                return raw.date()
            if isinstance(raw, dt.date):
                return raw
            text = str(raw).strip().replace("/", "-").replace(".", "-")
            for fmt in ("%Y-%m-%d", "%Y年%m月%d日"):
                try:
                    return dt.datetime.strptime(text, fmt).date()
                except ValueError:
                    continue
            raise CellError(f"“{raw}”不是有效日期（应为 2024-01-31 或 2024年1月31日）。")
        if self.as_text and isinstance(raw, float) and abs(raw) >= 1e15:
            # Excel keeps 15 significant digits: an 18-digit ID number typed into a number cell is already wrong.
            raise CellError(
                "该单元格被Excel存成了数字，超过15位的部分已丢失；请将该列设为文本格式后重新填写。"
            )
        text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw).strip()
        if self.kind == "choice":
            for value, label in self.choices:
                if text in (label, value):
                    return value
            raise CellError(f"“{text}”不是可选值，应为：{'、'.join(label for _, label in self.choices)}。")
        if self.max_length and len(text) > self.max_length:
            raise CellError(f"超过{self.max_length}个字。")
        return text

    def empty(self) -> Any:
        """The value of an empty cell (used for a wrong cell, so that the rest of its row is still checked)."""
        return {"bool": False, "int": None, "date": None}.get(self.kind, "")

    def format(self, obj: Any) -> Any:
        value = self.getter(obj) if self.getter else getattr(obj, self.key)
        secret = None if self.getter else _encrypted_field(type(obj), self.key)
        if secret is not None:
            return secret.masked(value) if value else ""  # personal data leaves masked (core.crypto)
        if self.kind == "bool":
            return "是" if value else "否"
        if self.kind == "choice":
            return dict(self.choices).get(value, value)
        if value is None:
            return ""
        return value

    def describe(self) -> str:
        if self.kind == "choice":
            return "、".join(label for _, label in self.choices)
        return {"bool": "是、否", "date": "日期，如 2024-01-31", "int": "整数"}.get(self.kind, "")


@dataclass
class RowError:
    row: int  # the row number as Excel shows it
    column: str  # the Chinese header, or "" for the whole row
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class RowWarning:
    """What a row that imports should still be told (a period it overran …): said by the dry run and the import."""

    row: int
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行：{self.message}"


@dataclass
class RowPlan:
    row: int
    action: str  # create, update, unchanged
    instance: models.Model
    before: dict = field(default_factory=dict)


@dataclass
class ImportResult:
    ledger: str
    filename: str
    dry_run: bool
    total: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    imported: bool = False
    preview: list[dict] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)  # the same in the dry run and the import
    notices: list[str] = field(default_factory=list)  # said once after the write (e.g. new accounts' links)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            return f"共{self.total}行，发现{len(self.errors)}处错误，未导入任何数据。"
        verb = "将" if self.dry_run else "已"
        return (
            f"共{self.total}行：{verb}新增{self.created}条，{verb}更新{self.updated}条，{self.unchanged}条无变化。"
            + ("（试导入，未写入）" if self.dry_run else "")
        )

    def as_dict(self) -> dict:
        return {
            "ledger": self.ledger,
            "filename": self.filename,
            "dry_run": self.dry_run,
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "imported": self.imported,
            "summary": self.summary(),
            "errors": [
                {"row": e.row, "column": e.column, "message": e.message, "text": str(e)} for e in self.errors
            ],
            "preview": self.preview,
            "warnings": [{"row": w.row, "message": w.message, "text": str(w)} for w in self.warnings],
            "notices": self.notices,
        }


class Ledger:
    """Base of every ledger. Subclasses set code, name, model and columns, and implement `prepare`, `match` and
    `build`; the framework does reading, validation, access, bulk writes and audit."""

    code: str = ""
    name: str = ""
    model: type[models.Model]
    columns: list[Column] = []
    description: str = ""

    def queryset(self) -> models.QuerySet:
        return self.model._default_manager.all()

    def export_queryset(self, user: User, filters: dict | None = None) -> models.QuerySet:
        return access.scope(user, self.queryset(), access.VIEW).filter(**(filters or {}))

    def prepare(self, rows: list[dict]) -> dict:
        """Load once what every row needs (lookups by code, existing keys): keeps the import to a few queries."""
        return {}

    def match(self, values: dict, ctx: dict) -> models.Model | None:
        """The existing record this row updates, or None for a new one. Raise CellError if the row is wrong."""
        raise NotImplementedError

    def build(self, values: dict, existing: models.Model | None, ctx: dict) -> models.Model:
        """The record as the row says it should be (unsaved). Raise CellError/ValidationError if it is wrong."""
        raise NotImplementedError

    def unchanged(self, values: dict, existing: models.Model) -> dict:
        """Values to leave as they are on an existing record (e.g. a masked ID number exported earlier)."""
        return values

    def field_header(self, field_name: str) -> str:
        for col in self.columns:
            if col.key == field_name or f"{col.key}_id" == field_name:
                return col.header
        return ""

    def save(
        self,
        *,
        creates: list[models.Model],
        updates: list[models.Model],
        fields: list[str],
        actor: User | None = None,
    ) -> None:
        if creates:
            self.model._default_manager.bulk_create(creates, batch_size=1000)
        if updates:
            # bulk_update calls no pre_save: the blind index of a changed ID number is recomputed here.
            crypto.refresh_indexes(updates)
            fields = crypto.with_index_fields(self.model, fields)
            self.model._default_manager.bulk_update(updates, fields, batch_size=1000)

    def update_fields(self) -> list[str]:
        names = {f.attname for f in self.model._meta.concrete_fields if not f.primary_key}
        return [f.name for f in self.model._meta.concrete_fields if f.attname in names and not f.primary_key]

    def organization_of(self, instance: models.Model):
        return access.organization_of(instance)

    def permit(self, action: str, instance: models.Model, before: dict, ctx: dict) -> None:
        """Refuse a row its importer may not write — raise PermissionDenied (or CellError) with the role rule's
        message. `action` is "create", "update" or "unchanged", `before` the record's snapshot before the row
        (empty for a new one), the importer is ctx["actor"]. Checked with the rows, so the dry run refuses what the
        import refuses."""

    def warnings(self, instance: models.Model) -> list[str]:
        """What to tell about a row that imports (e.g. a period a case decided before the platform overran): known
        when the row is checked, so the dry run says it exactly as the import does."""
        return []

    def after_import(self, *, created: list[models.Model], actor: User) -> list[str]:
        """What to tell the importing user once the rows are written (shown once, never stored by the ledger): only
        what exists after the write (e.g. a new account's activation link); warnings go in `warnings`."""
        return []


def rehearse(write: Callable[[], Any]) -> Any:
    """Run a record's services and roll their writes back: a row of finished history (made by driving the live
    services and transitions) is checked by exactly what the import will run, in the dry run too."""
    with transaction.atomic():
        result = write()
        transaction.set_rollback(True)
    return result


def differences(recorded: dict, given: dict, *, what: str, how: str = "修改") -> dict[str, list[str]]:
    """A history given again for a record already on the platform: each field that differs from the record, with
    what the platform holds (such a record changes only through its own pages and actions, never by a file)."""

    def shown(value) -> str:
        if isinstance(value, bool):
            return "是" if value else "否"
        return "" if value is None else str(value)

    return {
        key: [f"该{what}已在平台中（平台中为“{shown(recorded[key])}”），不能{how}。"]
        for key, value in given.items()
        if key in recorded and value != recorded[key]
    }


class HistoryLedger(Ledger):
    """Finished history (a record in a past state with the date of each step): a new row is made by `make`, the
    workstream's history service that drives the live services and transitions — rehearsed and rolled back while
    the file is checked (the dry run included), then run for real in `save` — so it passes exactly the live rules.
    A row whose record is already on the platform imports back unchanged, or is refused naming each changed
    column. Subclasses set history_keys (the service's fields, the columns' keys), unit_keys (columns of unit
    codes, given to the service as units), `what`, and implement make, history_of and (via prepare) ctx["orgs"]."""

    history_keys: list[str] = []
    unit_keys: tuple[str, ...] = ("organization",)
    rehearsed_relations: tuple[str, ...] = ()  # relations made by the service itself, set in save()
    what = "记录"

    def __init__(self):
        self.columns = self.history_columns()

    def history_columns(self) -> list[Column]:
        """The columns; a subclass builds them here with `column()` (each read from the record's history)."""
        return list(type(self).columns)

    def make(self, *, actor: User, **history) -> models.Model:
        raise NotImplementedError

    def history_of(self, record: models.Model) -> dict:
        raise NotImplementedError

    def row_of(self, record: models.Model) -> dict:
        """The record's history in the columns' terms, read once per record (export, comparison)."""
        if not hasattr(record, "_history_row"):
            record._history_row = self.history_of(record)
        return record._history_row

    def column(self, key: str, header: str, help: str = "", **kwargs) -> Column:
        return Column(key, header, help, getter=lambda r: self.row_of(r)[key], **kwargs)

    def unit(self, ctx: dict, code: str, key: str) -> Organization:
        found = ctx["orgs"].get(code)
        if found is None:
            raise CellError(f"单位代码“{code}”不存在。", column=self.field_header(key))
        return found

    def check_units(self, values: dict, ctx: dict) -> None:
        """Unknown unit codes, reported from match() so that a row with another wrong cell still says so."""
        for key in self.unit_keys:
            self.unit(ctx, values[key], key)

    def given(self, values: dict) -> dict:
        """The row's history in the service's terms (units still as codes)."""
        return {key: values[key] for key in self.history_keys}

    def build(self, values, existing, ctx):
        if existing is not None:
            given = {k: v for k, v in self.given(values).items() if k in values["_present"]}
            wrong = differences(self.row_of(existing), given, what=self.what, how="通过导入修改")
            if wrong:
                raise ValidationError(wrong)
            return copy.copy(existing)
        history = self.given(values)
        for key in self.unit_keys:
            history[key] = self.unit(ctx, values[key], key)
        actor = ctx["actor"]
        made = rehearse(lambda: self.make(actor=actor, **history))
        skipped = {"id", *self.unit_keys, *self.rehearsed_relations}
        record = self.model(
            **{
                f.attname: getattr(made, f.attname)
                for f in self.model._meta.concrete_fields
                if not f.primary_key and f.name not in skipped
            },
            **{key: history[key] for key in self.unit_keys},
        )
        record._history = history
        return record

    def save(self, *, creates, updates, fields, actor=None):
        for record in creates:
            made = self.make(actor=actor, **record._history)
            record.pk = made.pk
            for name in self.rehearsed_relations:
                field = self.model._meta.get_field(name)
                setattr(record, field.attname, getattr(made, field.attname))
        super().save(creates=[], updates=updates, fields=fields, actor=actor)


class StepColumns:
    """The columns of a record's later steps on a row that registers it (a reconsideration case decided, a lawsuit
    judged before the platform): a new row's steps are taken by the live services (`take`, inside `rehearse` while
    the file is checked); a row of a record already on the platform is compared with what the record holds, an
    empty cell standing for it. `field_headers` name the column of a service's error on a field without one."""

    def __init__(self, columns: list[Column], *, field_headers: dict[str, str] | None = None):
        self.columns = columns
        self.keys = [c.key for c in columns]
        self.headers = {c.key: c.header for c in columns}
        self.field_headers = {**(field_headers or {}), **self.headers}

    def given(self, values: dict) -> bool:
        """The row records steps after registration."""
        return any(values.get(k) not in (None, "", False, 0) for k in self.keys)

    def kept(self, row: dict, have: dict) -> dict:
        """The row's step values, an empty cell standing for what the record already has (a file of registrations
        only, or one with fewer columns, imported again after the steps were taken on the platform)."""
        return {k: have[k] if row.get(k) in (None, "") else row[k] for k in self.keys}

    def same(self, a: dict, b: dict) -> bool:
        return all(a[k] == b[k] for k in self.keys)

    def first_difference(self, a: dict, b: dict) -> str:
        """The header of the first step column in which a and b differ ("" if none)."""
        return next((self.headers[k] for k in self.keys if a[k] != b[k]), "")

    def cell_error(self, exc: Exception, column: str) -> CellError:
        """A service's refusal under the column of the field it names, else under `column` (the step's)."""
        if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
            name, messages = next(iter(exc.message_dict.items()))
            return CellError(messages[0], column=self.field_headers.get(name, column))
        message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
        return CellError(message, column=column)

    def take(
        self,
        actor: User,
        record: models.Model,
        steps: Iterable[tuple[str, Callable[[User, models.Model], Any]]],
        *,
        before: Callable[[str, models.Model], None] | None = None,
    ) -> None:
        """Take each (column, service call) step on the record in order, read back after each; a step the services
        refuse raises CellError under the step's column (or its field's) with the service's message."""
        for column, step in steps:
            if before is not None:
                before(column, record)
            try:
                step(actor, record)
            except (ValidationError, PermissionDenied) as exc:
                raise self.cell_error(exc, column) from exc
            record.refresh_from_db()


REGISTRY: dict[str, Ledger] = {}


def register(ledger_class: type[Ledger]) -> type[Ledger]:
    REGISTRY[ledger_class.code] = ledger_class()
    return ledger_class


def get(code: str) -> Ledger:
    try:
        return REGISTRY[code]
    except KeyError as exc:
        raise LedgerFileError(f"没有名为“{code}”的台账。可用的台账：{'、'.join(REGISTRY)}。") from exc


def may_import(actor: User, ledger: Ledger) -> bool:
    """Whether `actor` may write the ledger's records, and so start an import of it (a dry run included)."""
    return getattr(actor, "is_authenticated", False) and access.scope_kind(
        actor, ledger.model, access.CHANGE
    ) not in (access.NONE, access.ASSIGNED)


def check_may_import(actor: User, ledger: Ledger) -> None:
    """Only a user who may write the ledger's records starts an import of it (a dry run included)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录。")
    if not may_import(actor, ledger):
        raise PermissionDenied(f"您无权导入“{ledger.name}”台账。")


# Reading files ---------------------------------------------------------------------------------------------


def read_rows(content: bytes, filename: str) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """Headers and (row number, values) of the first sheet of an xlsx, or of a csv in UTF-8 or GB18030.

    The sheet is streamed (openpyxl read-only) with its declared size checked first and every row checked as it
    is read (core.io.limits): a file beyond the limits is refused in Chinese before it is loaded."""
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            numbered = _xlsx_rows(content)
        elif name.endswith(".csv"):
            numbered = _csv_rows(content)
        else:
            raise LedgerFileError("只支持 .xlsx 和 .csv 文件。")
        header = next(numbered, None)
        rows = list(numbered)
    except limits.SheetTooLarge as exc:
        raise LedgerFileError(str(exc)) from exc
    if not header or not header[1]:
        raise LedgerFileError("文件是空的：第一行应为列名。")
    headers = [str(h).strip() if h is not None else "" for h in header[1]]
    rows = [(i, r) for i, r in rows if any(v is not None and str(v).strip() for v in r)]
    return headers, rows


def _xlsx_rows(content: bytes):
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        declared_rows, declared_columns = ws.max_row, ws.max_column
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise LedgerFileError("无法读取该Excel文件，请确认是 .xlsx 格式且未损坏。") from exc
    try:
        limits.check_declared(declared_rows, declared_columns)
        # Bounded even when the declared dimension lies: never more than one row/column past the limits.
        bounded = ws.iter_rows(
            values_only=True, max_row=limits.max_rows() + 2, max_col=limits.max_columns() + 1
        )
        rows = list(limits.checked_rows(bounded))
    finally:
        wb.close()
    return iter(rows)


def _csv_rows(content: bytes):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise LedgerFileError("无法识别CSV文件的编码，请另存为 UTF-8 或 GBK 编码。")
    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(limits.checked_rows([sheets.unescape_csv(v) for v in r] for r in reader))
    except csv.Error as exc:
        raise limits.SheetTooLarge(f"CSV文件第{reader.line_num}行无法读取：单元格过长或格式有误。") from exc
    return iter(rows)


def _map_headers(ledger: Ledger, headers: list[str]) -> dict[str, int]:
    known = {c.header: c for c in ledger.columns}
    unknown = [h for h in headers if h and h not in known]
    missing = [c.header for c in ledger.columns if c.required and c.header not in headers]
    repeated = sorted({h for h in headers if h and headers.count(h) > 1}, key=headers.index)
    problems = []
    if repeated:
        # Which of two 姓名 columns is meant cannot be guessed; reading one would silently drop the other.
        problems.append(f"列名重复：{'、'.join(repeated)}")
    if missing:
        problems.append(f"缺少必填列：{'、'.join(missing)}")
    if unknown:
        problems.append(f"无法识别的列：{'、'.join(unknown)}")
    if problems:
        raise LedgerFileError("；".join(problems) + f"。请使用“{ledger.name}”的导入模板。")
    return {h: i for i, h in enumerate(headers) if h}


def _encrypted_field(model, name: str):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, crypto.EncryptedCharField) else None


def _keep_masked(ledger: Ledger, values: dict, existing: models.Model) -> dict:
    """An encrypted column exported masked and imported back unchanged keeps the stored value."""
    for col in ledger.columns:
        field = None if col.getter else _encrypted_field(ledger.model, col.key)
        current = getattr(existing, col.key, "") if field is not None else ""
        if current and values.get(col.key) == field.masked(current):
            values = {**values, col.key: current}
    return values


def _keep_absent(ledger: Ledger, values: dict, existing: models.Model) -> None:
    """A column left out of the file leaves the existing record's value as it is (instead of blanking it)."""
    for col in ledger.columns:
        if col.key not in values["_present"]:
            try:
                values[col.key] = col.parse(col.format(existing))
            except CellError:
                values[col.key] = col.getter(existing) if col.getter else getattr(existing, col.key)


def _unit_id(ledger: Ledger, instance: models.Model):
    """The id of the unit a record belongs to, read from its foreign key where it can be (no query per row)."""
    scope_field = getattr(type(instance), "scope_field", None)
    if scope_field == "":
        return instance.pk
    if scope_field and "__" not in scope_field:
        return getattr(instance, instance._meta.get_field(scope_field).attname)
    org = ledger.organization_of(instance)
    return org.pk if org is not None else None


def _resolved_relations(instance: models.Model) -> list[str]:
    """Foreign keys the ledger set to a record it loaded in `prepare`: they exist, so full_clean need not run a
    query per row to check them."""
    names = []
    for f in instance._meta.concrete_fields:
        if f.is_relation and f.is_cached(instance):
            target = getattr(instance, f.name)
            if target is not None and target.pk is not None and getattr(instance, f.attname) == target.pk:
                names.append(f.name)
    return names


def _messages(exc: ValidationError, ledger: Ledger) -> list[tuple[str, str]]:
    if hasattr(exc, "error_dict"):
        out = []
        for name, errors in exc.message_dict.items():
            header = ledger.field_header(name)
            for msg in errors:
                out.append((header, msg))
        return out
    return [("", m) for m in exc.messages]


# Import ----------------------------------------------------------------------------------------------------


def run_import(
    ledger: Ledger | str,
    *,
    content: bytes,
    filename: str,
    actor: User,
    dry_run: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Validate every row; if any is wrong import nothing and say where; otherwise (unless a dry run) write all
    rows in one transaction with bulk writes and one audit event per record."""
    ledger = get(ledger) if isinstance(ledger, str) else ledger
    result = ImportResult(ledger=ledger.code, filename=filename, dry_run=dry_run)
    headers, raw_rows = read_rows(content, filename)
    positions = _map_headers(ledger, headers)
    result.total = len(raw_rows)
    report = progress or (lambda done, total: None)
    report(0, result.total)

    # Every error of the file in one pass: every cell of every row is read, and a row with a wrong cell still goes
    # through matching (the wrong cell read as empty), so a record it cannot find is reported too; never written.
    parsed: list[tuple[int, dict]] = []
    failed: dict[int, set[str]] = {}  # row → headers of the cells already reported
    for row_no, raw in raw_rows:
        values = {}
        for col in ledger.columns:
            pos = positions.get(col.header)
            cell = raw[pos] if pos is not None and pos < len(raw) else None
            try:
                values[col.key] = col.parse(cell)
            except CellError as exc:
                result.errors.append(RowError(row_no, col.header, str(exc)))
                failed.setdefault(row_no, set()).add(col.header)
                values[col.key] = col.empty()
        values["_present"] = {c.key for c in ledger.columns if c.header in positions}
        parsed.append((row_no, values))

    def add_error(row_no: int, column: str, message: str) -> None:
        if column not in failed.get(row_no, ()):  # the cell itself was already reported
            result.errors.append(RowError(row_no, column, message))

    try:
        ctx = ledger.prepare([v for _, v in parsed])
    except (
        Exception
    ):  # a ledger's lookups tripped on a wrong row's empty cell: check the wrong rows no further
        if not failed:
            raise
        parsed = [(row_no, values) for row_no, values in parsed if row_no not in failed]
        ctx = ledger.prepare([v for _, v in parsed])
    ctx.setdefault("actor", actor)  # so build() can check role rules row by row, in the dry run too
    key_header = ctx.get("key_header", "")
    matched: list[tuple[int, dict, models.Model | None]] = []
    for row_no, values in parsed:
        try:
            existing = ledger.match(values, ctx)
            if existing is not None:
                _keep_absent(ledger, values, existing)
            matched.append((row_no, values, existing))
        except CellError as exc:
            add_error(row_no, exc.column or key_header, str(exc))
        except Exception:  # a row already wrong may trip a ledger on its empty cell: its error is reported
            if row_no not in failed:
                raise
    existing_pks = [e.pk for _, _, e in matched if e is not None]
    changeable, visible = set(), set()
    for start in range(0, len(existing_pks), 900):
        chunk = ledger.model._default_manager.filter(pk__in=existing_pks[start : start + 900])
        changeable |= set(access.scope(actor, chunk, access.CHANGE).values_list("pk", flat=True))
    refused = [pk for pk in existing_pks if pk not in changeable]
    for start in range(0, len(refused), 900):
        chunk = ledger.model._default_manager.filter(pk__in=refused[start : start + 900])
        visible |= set(access.scope(actor, chunk, access.VIEW).values_list("pk", flat=True))
    plans: list[RowPlan] = []
    seen_keys: dict[Any, int] = {}
    seen_records: dict[Any, int] = {}
    for index, (row_no, values, existing) in enumerate(matched, start=1):
        if row_no in failed:
            # Building a record from a row with an empty wrong cell trips rules that depend on it (a derived error
            # under another column): such a row is reported for its cells and its lookups only.
            continue
        try:
            if existing is not None:
                if existing.pk not in changeable:
                    # Name only what the user may see: a refusal must not reveal another unit's records.
                    raise PermissionDenied(
                        f"您无权修改“{existing}”。"
                        if existing.pk in visible
                        else f"该行对应的{ledger.model._meta.verbose_name}属于其他单位，您无权修改。"
                    )
                if existing.pk in seen_records:
                    raise CellError(
                        f"与第{seen_records[existing.pk]}行是同一条记录。",
                        column=ctx.get("record_header", key_header),
                    )
                seen_records[existing.pk] = row_no
                values = ledger.unchanged(_keep_masked(ledger, values, existing), existing)
            before = audit.snapshot(existing) if existing is not None else {}
            instance = ledger.build(values, existing, ctx)
            if existing is None or _unit_id(ledger, instance) != _unit_id(ledger, existing):
                # A new record, or one moved to another unit: the user must be allowed to create it there.
                access.check_create(actor, ledger.model, ledger.organization_of(instance))
            services.validate(instance, exclude=_resolved_relations(instance), validate_unique=False)
            key = ctx.get("key_of", lambda i: None)(instance)
            if key is not None:
                if key in seen_keys:
                    raise CellError(f"与第{seen_keys[key]}行重复。", column=key_header)
                seen_keys[key] = row_no
            if row_no in failed:
                pass
            elif existing is None:
                ledger.permit("create", instance, before, ctx)
                plans.append(RowPlan(row_no, "create", instance))
            else:
                action = "update" if audit.diff(before, audit.snapshot(instance)) else "unchanged"
                ledger.permit(action, instance, before, ctx)
                plans.append(RowPlan(row_no, action, instance, before))
            if row_no not in failed:
                result.warnings.extend(RowWarning(row_no, w) for w in ledger.warnings(instance))
        except CellError as exc:
            add_error(row_no, exc.column or key_header, str(exc))
        except PermissionDenied as exc:
            add_error(row_no, "", str(exc))
        except ValidationError as exc:
            if (
                row_no not in failed
            ):  # a record's own rules run on a whole row only: an empty wrong cell trips them
                for header, message in _messages(exc, ledger):
                    add_error(row_no, header, message)
        except Exception:  # a row already wrong may trip a ledger on its empty cell: its error is reported
            if row_no not in failed:
                raise
        if index % 500 == 0:
            report(index // 2, result.total)
    result.errors.sort(key=lambda e: e.row)  # stable: within a row, cells before the checks across them
    del result.errors[MAX_REPORTED_ERRORS:]

    result.created = sum(p.action == "create" for p in plans)
    result.updated = sum(p.action == "update" for p in plans)
    result.unchanged = sum(p.action == "unchanged" for p in plans)
    result.preview = [
        {
            "row": p.row,
            "action": {"create": "新增", "update": "更新", "unchanged": "无变化"}[p.action],
            "record": str(p.instance),
        }
        for p in plans
        if p.action != "unchanged"
    ][:200]
    if result.errors or dry_run:
        report(result.total, result.total)
        return result

    try:
        with transaction.atomic():
            _write(ledger, plans, actor=actor, filename=filename)
    except IntegrityError:
        # Someone changed the same records between the check and the write: nothing was written.
        result.errors.append(
            RowError(0, "", "导入期间有他人同时修改了相同的记录，本次未导入任何数据，请重新导入。")
        )
        report(result.total, result.total)
        return result
    except (PermissionDenied, ValidationError) as exc:
        # A ledger's save() that checks authority or a rule across rows refused the file: nothing was written.
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        result.errors.extend(RowError(0, "", m) for m in messages)
        report(result.total, result.total)
        return result
    result.notices = ledger.after_import(
        created=[p.instance for p in plans if p.action == "create"], actor=actor
    )
    result.imported = True
    report(result.total, result.total)
    return result


def _write(ledger: Ledger, plans: list[RowPlan], *, actor: User, filename: str) -> None:
    """The planned rows written in bulk, one audit event per record (inside the caller's transaction)."""
    creates = [p for p in plans if p.action == "create"]
    updates = [p for p in plans if p.action == "update"]
    ledger.save(
        creates=[p.instance for p in creates],
        updates=[p.instance for p in updates],
        fields=ledger.update_fields(),
        actor=actor,
    )
    note = f"台账导入：{ledger.name}（{filename}）"
    entries = [
        audit.Entry(
            AuditEvent.Action.CREATE, p.instance, audit.diff({}, audit.snapshot(p.instance)), note=note
        )
        for p in creates
    ] + [
        audit.Entry(
            AuditEvent.Action.UPDATE, p.instance, audit.diff(p.before, audit.snapshot(p.instance)), note=note
        )
        for p in updates
    ]
    audit.append(actor=actor, entries=entries)


# Export and template ---------------------------------------------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)


def _header_row(ws, ledger: Ledger) -> None:
    ws.append([c.header for c in ledger.columns])
    for i, col in enumerate(ledger.columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(12, min(40, len(col.header) * 2 + 6))
        if col.as_text:
            ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"


def _workbook_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_xlsx(ledger: Ledger | str, *, units: Iterable[Organization] | None = None) -> bytes:
    """An empty sheet with the Chinese headers and drop-down lists on its choice columns, a sheet explaining each
    column, and (given `units`, e.g. the importing user's district) a sheet of the valid unit codes."""
    ledger = get(ledger) if isinstance(ledger, str) else ledger
    wb = Workbook()
    ws = wb.active
    ws.title = ledger.name[:31]
    _header_row(ws, ledger)
    notes = wb.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明", "可选值或格式", "示例"])
    for cell in notes[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
    for col in ledger.columns:
        notes.append([col.header, "必填" if col.required else "选填", col.help, col.describe(), col.example])
    notes.append([])
    notes.append(
        [
            "说明",
            "",
            "第一行为列名，请勿修改；从第二行起每行一条记录。文件中任何一行有错误时整份文件都不会导入，并逐行逐列说明错误原因。",
        ]
    )
    if ledger.description:
        notes.append(["", "", ledger.description])
    for letter, width in zip("ABCDE", (18, 10, 60, 30, 24), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _drop_downs(wb, ws, ledger)
    if units is not None:
        _unit_codes_sheet(wb, units)
    return _workbook_bytes(wb)


TEMPLATE_ROWS = 2000  # rows of the template that carry the drop-down lists


def _drop_downs(wb: Workbook, ws, ledger: Ledger) -> None:
    """A drop-down list (data validation) on every choice and yes/no column, its values on a sheet “可选值”."""
    listed = [col for col in ledger.columns if col.kind in ("choice", "bool")]
    if not listed:
        return
    values = wb.create_sheet("可选值")
    for index, col in enumerate(ledger.columns, start=1):
        if col not in listed:
            continue
        labels = [label for _, label in col.choices] if col.kind == "choice" else ["是", "否"]
        letter = get_column_letter(listed.index(col) + 1)
        values.cell(row=1, column=listed.index(col) + 1, value=col.header).font = BOLD
        for row, label in enumerate(labels, start=2):
            values.cell(row=row, column=listed.index(col) + 1, value=label)
        rule = DataValidation(
            type="list",
            formula1=f"'可选值'!${letter}$2:${letter}${len(labels) + 1}",
            allow_blank=not col.required,
            showErrorMessage=True,
            errorTitle="不是可选值",
            error=f"“{col.header}”应为：{'、'.join(labels)}",
        )
        target = get_column_letter(index)
        rule.add(f"{target}2:{target}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(rule)


def _unit_codes_sheet(wb: Workbook, units: Iterable[Organization]) -> None:
    """The valid unit codes (those in use), in the order of the unit tree: what a 单位代码 column takes."""
    sheet = wb.create_sheet("单位代码")
    sheet.append(["单位代码", "单位名称", "上级单位代码"])
    for cell in sheet[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
    chosen = Organization.objects.filter(pk__in=[u.pk for u in units], is_active=True)
    for unit in chosen.select_related("parent").order_by("path"):
        sheets.append_row(sheet, [unit.code, unit.name, unit.parent.code if unit.parent_id else ""])
    for letter, width in zip("ABC", (20, 36, 20), strict=True):
        sheet.column_dimensions[letter].width = width


def export_xlsx(
    ledger: Ledger | str, objects: Iterable[models.Model], progress: Callable[[int, int], None] | None = None
) -> bytes:
    """The records as a sheet with the template's headers: it imports back unchanged."""
    ledger = get(ledger) if isinstance(ledger, str) else ledger
    objects = list(objects)
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = ledger.name[:31]
    _header_row(ws, ledger)
    for i, obj in enumerate(objects, start=1):
        sheets.append_row(ws, [c.format(obj) for c in ledger.columns])
        if progress and i % 1000 == 0:
            progress(i, len(objects))
    for i, col in enumerate(ledger.columns, start=1):
        if col.as_text:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = "@"
    if progress:
        progress(len(objects), len(objects))
    return _workbook_bytes(wb)


def export_for(*, actor: User, ledger: Ledger | str, filters: dict | None = None) -> bytes:
    """Export what `actor` may see of a ledger (core.access scopes the rows)."""
    ledger = get(ledger) if isinstance(ledger, str) else ledger
    qs = ledger.export_queryset(actor, filters)
    return export_xlsx(ledger, qs)
