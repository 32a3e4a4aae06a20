"""Rules of the decision file's documents (决策档案): what must be attached before archiving, and that an attached
document is kept as uploaded."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core.models import User
from fazhi.core.workflow import rule

__all__ = ["documents_attached", "may_change_document", "may_delete_document", "validate_document_procedure"]

PROCEDURES = (
    "public_participation",
    "expert_argumentation",
    "risk_assessment",
    "legality_review",
    "collective_discussion",
    "publication",
    "post_evaluation",
)


@rule("归档前须上传集体讨论的会议纪要和合法性审查意见书（第三十三条：决策全过程记录归档）。")
def documents_attached(decision) -> bool:
    """归档的条件：会议纪要和合法性审查意见书已上传。

    《重大行政决策程序暂行条例》第三十三条：“决策机关应当建立重大行政决策过程记录和材料归档制度，由有关单位将履行决策程序
    形成的记录、材料及时完整归档。”"""
    kinds = {document.procedure for document in decision.documents.all()}  # a list prefetches them
    return {"collective_discussion", "legality_review"} <= kinds


def validate_document_procedure(procedure: str) -> None:
    """决策文件须归入一个程序。

    《重大行政决策程序暂行条例》第三十三条（同上）：履行决策程序形成的记录、材料归档。"""
    if procedure not in PROCEDURES:
        raise ValidationError({"procedure": "请选择文件所属的程序。"})


def may_change_document(user: User, document) -> bool:
    """决策档案中的文件按上传时原样保存，不能修改（其SHA-256证明未被改动）。

    《重大行政决策程序暂行条例》第三十三条（同上）。"""
    return False


def may_delete_document(user: User, document) -> bool:
    """决策档案中的文件不能删除。

    《重大行政决策程序暂行条例》第三十三条（同上）：记录、材料及时完整归档。"""
    return False
