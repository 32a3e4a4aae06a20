"""Attachments: every uploaded file is kept with its SHA-256 (to show later that it is unchanged), the name it was
uploaded under and who uploaded it, and its upload lands in the audit trail. One implementation for every app.

An app's attachment model subclasses `Attachment` (adding the key to the record it belongs to) and its service calls
`store(actor=..., attachment=..., file=...)` inside the service's own transaction, after its rules have passed."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models

from fazhi.core import audit
from fazhi.core import services as core_services
from fazhi.core.io import limits
from fazhi.core.models import AuditEvent, User

MAX_BYTES = limits.DEFAULT_UPLOAD_MAX_BYTES["attachment"]  # the default; FAZHI_UPLOAD_MAX_BYTES sets it


def digest_of(file: File) -> str:
    """The file's SHA-256 in hex; the file is rewound afterwards."""
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def original_name(file: File) -> str:
    """The name the file was uploaded under, without any folder (Windows or POSIX)."""
    return (file.name or "附件").replace("\\", "/").rsplit("/", 1)[-1]


class Attachment(models.Model):
    """Fields every attachment has; the file itself is stored under MEDIA_ROOT."""

    title = models.CharField("标题", max_length=200, blank=True)
    file = models.FileField("文件", upload_to="attachments/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=255, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        abstract = True


def prepare(*, actor: User | None, attachment: models.Model, file: File) -> models.Model:
    """Fill the hash, the original name, the uploader and the title of an unsaved attachment; validate it."""
    if file is None:
        raise ValidationError({"file": "请选择要上传的文件。"})
    limits.check_upload_size(getattr(file, "size", None), "attachment")
    name = original_name(file)
    attachment.sha256 = digest_of(file)
    if hasattr(attachment, "original_name"):
        attachment.original_name = name
    if hasattr(attachment, "uploaded_by_id") and actor is not None and actor.pk:
        attachment.uploaded_by = actor
    if hasattr(attachment, "title") and not attachment.title:
        attachment.title = name
    attachment.file.name = name  # lets validation see that a file is given
    core_services.validate(attachment, exclude={"file"})
    return attachment


def store(*, actor: User | None, attachment: models.Model, file: File, note: str = "") -> models.Model:
    """Hash, save and audit one attachment. Call inside the service's transaction, after its rules."""
    prepare(actor=actor, attachment=attachment, file=file)
    attachment.file.save(original_name(file), file, save=False)
    attachment.save()
    changes = {"sha256": [None, attachment.sha256], "file": [None, original_name(file)]}
    if getattr(attachment, "title", None):
        changes["title"] = [None, attachment.title]
    audit.record(
        actor=actor, action=AuditEvent.Action.CREATE, instance=attachment, changes=changes, note=note
    )
    return attachment
