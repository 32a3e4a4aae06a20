"""Backups: one archive holding a consistent snapshot of the database and every uploaded file, with a manifest.

`fazhi backup FILE` writes a tar archive:
- `manifest.json`: format, time, database engine, the latest migration of each app, the row count of every table,
  and the SHA-256 and size of every other member;
- `database/fazhi.sqlite3` (SQLite's online backup API: a consistent copy while the platform runs) or
  `database/fazhi.pgdump` (pg_dump's custom format: one snapshot transaction);
- `media/…`: every file under MEDIA_ROOT (the uploaded attachments; import files and generated reports are in the
  database itself).
`fazhi restore FILE` checks every checksum before it touches anything, refuses a database that already holds records
(unless told to replace it), restores the database (SQLite backup API; pg_restore) and the files, then compares the
row counts with the manifest. Both engines keep values exactly (timestamps with their microseconds), so the audit
chain verifies after a restore.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
SQLITE_MEMBER = "database/fazhi.sqlite3"
PG_MEMBER = "database/fazhi.pgdump"
# A database "holds records" when any of these has a row; a restore then needs replace=True.
RECORD_TABLES = ("core_user", "core_auditevent", "core_organization")

# progress(stage, done, total): stage is a Chinese label; the command draws it as a bar.
Progress = Callable[[str, int, int], None]


class BackupError(Exception):
    """A backup or restore that cannot be done, with a Chinese message for the operator."""


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files() -> Iterator[Path]:
    root = Path(settings.MEDIA_ROOT)
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def table_rows() -> dict[str, int]:
    """The number of rows in every table of the database (the manifest's record of what the backup holds)."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        counts = {}
        for name in sorted(names):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608 (introspected)
            counts[name] = cursor.fetchone()[0]
    return counts


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _pg_args(tool: str) -> tuple[list[str], dict[str, str]]:
    found = shutil.which(tool)
    if not found:
        raise BackupError(
            f"未找到 {tool}：PostgreSQL 数据库的备份与恢复需要 PostgreSQL 客户端工具（与服务器同一主版本），"
            "请安装后重试（Debian：apt-get install postgresql-client）。"
        )
    s = connection.settings_dict
    args = [found]
    if s.get("HOST"):
        args += ["-h", str(s["HOST"])]
    if s.get("PORT"):
        args += ["-p", str(s["PORT"])]
    if s.get("USER"):
        args += ["-U", str(s["USER"])]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return args, env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True)  # noqa: S603 (fixed tool, our arguments)
    if result.returncode != 0:
        raise BackupError(f"{what}失败：{result.stderr.strip() or result.stdout.strip()}")


def _dump_database(workdir: Path, progress: Progress) -> tuple[str, Path]:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = workdir / "fazhi.sqlite3"
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(
                dest,
                pages=256,
                progress=lambda status, remaining, total: progress("备份数据库", total - remaining, total),
            )
        finally:
            dest.close()
        return SQLITE_MEMBER, target
    if connection.vendor == "postgresql":
        target = workdir / "fazhi.pgdump"
        args, env = _pg_args("pg_dump")
        progress("备份数据库", 0, 1)
        _run(
            [*args, "--format=custom", "--file", str(target), connection.settings_dict["NAME"]],
            env,
            "pg_dump",
        )
        progress("备份数据库", 1, 1)
        return PG_MEMBER, target
    raise BackupError(f"不支持备份该数据库类型：{connection.vendor}。")


def create(path: Path, progress: Progress = _no_progress) -> dict[str, Any]:
    """Write the archive at `path` (through a temporary file, renamed once complete); return its manifest."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fazhi-backup-") as tmp:
        workdir = Path(tmp)
        rows = table_rows()
        member, db_file = _dump_database(workdir, progress)
        media_root = Path(settings.MEDIA_ROOT)
        files = list(_media_files())
        members = [(member, db_file)] + [("media/" + p.relative_to(media_root).as_posix(), p) for p in files]
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created": dt.datetime.now(dt.UTC).isoformat(),
            "engine": connection.vendor,
            "migrations": _migrations(),
            "rows": rows,
            "database": member,
            "files": [],
        }
        partial = path.with_name(path.name + ".partial")
        total = sum(p.stat().st_size for _, p in members)
        done = 0
        with tarfile.open(partial, "w") as tar:
            for name, source in members:
                manifest["files"].append(
                    {"name": name, "sha256": _sha256(source), "size": source.stat().st_size}
                )
                tar.add(source, arcname=name, recursive=False)
                done += source.stat().st_size
                progress("写入备份文件", done, total)
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
            tar.addfile(info, io.BytesIO(data))
        partial.replace(path)
    return manifest


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError, TypeError) as exc:
        raise BackupError("备份文件缺少有效的清单（manifest.json），不是本平台的备份。") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份文件格式版本 {manifest.get('format')} 不受支持（本版本为 {FORMAT}）。")
    return manifest


def _safe_name(name: str) -> PurePosixPath:
    rel = PurePosixPath(name)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise BackupError(f"备份文件中的路径不安全：{name}")
    return rel


def _extract(tar: tarfile.TarFile, manifest: dict[str, Any], workdir: Path, progress: Progress) -> None:
    """Extract every member listed in the manifest into workdir, checking its size and checksum."""
    total = sum(f["size"] for f in manifest["files"]) or 1
    done = 0
    for entry in manifest["files"]:
        rel = _safe_name(entry["name"])
        try:
            member = tar.getmember(entry["name"])
        except KeyError as exc:
            raise BackupError(f"备份文件不完整：缺少 {entry['name']}。") from exc
        if not member.isfile():
            raise BackupError(f"备份文件中 {entry['name']} 不是普通文件。")
        target = workdir.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with tar.extractfile(member) as src, target.open("wb") as out:
            for chunk in iter(lambda src=src: src.read(CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
                done += len(chunk)
                progress("校验备份文件", done, total)
        if digest.hexdigest() != entry["sha256"] or target.stat().st_size != entry["size"]:
            raise BackupError(f"备份文件已损坏：{entry['name']} 的校验值不符。未作任何恢复。")


def holds_records() -> bool:
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        for table in RECORD_TABLES:
            if table in existing:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
                if cursor.fetchone():
                    return True
    return False


def _restore_database(manifest: dict[str, Any], workdir: Path, progress: Progress) -> None:
    source = workdir / manifest["database"]
    if connection.vendor == "sqlite":
        src = sqlite3.connect(source)
        try:
            connection.ensure_connection()
            src.backup(
                connection.connection,
                pages=256,
                progress=lambda status, remaining, total: progress("恢复数据库", total - remaining, total),
            )
        finally:
            src.close()
        return
    args, env = _pg_args("pg_restore")
    name = connection.settings_dict["NAME"]
    connection.close()  # pg_restore drops and recreates the tables: no session of ours may hold them
    progress("恢复数据库", 0, 1)
    _run(
        [
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "-d",
            name,
            str(source),
        ],
        env,
        "pg_restore",
    )
    progress("恢复数据库", 1, 1)


def restore(path: Path, replace: bool = False, progress: Progress = _no_progress) -> dict[str, Any]:
    """Restore the archive at `path` into the configured database and MEDIA_ROOT; return its manifest.
    Nothing is touched until every member's checksum has been checked."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"备份文件不存在：{path}")
    connection.ensure_connection()
    try:
        tar = tarfile.open(path, "r")
    except tarfile.TarError as exc:
        raise BackupError("无法读取备份文件：不是有效的备份归档。") from exc
    with tar, tempfile.TemporaryDirectory(prefix="fazhi-restore-") as tmp:
        manifest = read_manifest(tar)
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"该备份来自 {manifest['engine']} 数据库，当前数据库是 {connection.vendor}：须恢复到同类数据库。"
            )
        if not replace and holds_records():
            raise BackupError(
                "当前数据库已有数据。恢复须在空数据库上进行；确需覆盖现有数据，请加 --replace。"
            )
        workdir = Path(tmp)
        _extract(tar, manifest, workdir, progress)
        _restore_database(manifest, workdir, progress)
        media_root = Path(settings.MEDIA_ROOT)
        for entry in manifest["files"]:
            if entry["name"].startswith("media/"):
                rel = _safe_name(entry["name"]).relative_to("media")
                target = media_root.joinpath(*rel.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(workdir / entry["name"], target)
        connection.close()
        counts = table_rows()
        different = {t: (n, counts.get(t)) for t, n in manifest["rows"].items() if counts.get(t) != n}
        if different:
            detail = "；".join(f"{t}：备份{n}行，恢复后{m}行" for t, (n, m) in different.items())
            raise BackupError(f"恢复后的行数与备份清单不符：{detail}")
    return manifest
