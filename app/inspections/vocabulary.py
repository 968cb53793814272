"""The official wording of inspections, kept verbatim as data (domain.md, "Inspections").

Result categories (检查结果), follow-up measures (后续处置措施), methods (核查方式) and the 符合/不符合/不适用 answers
are the terms printed on the 随机抽查情况记录表 and reported to the 国家企业信用信息公示系统: they are stored exactly
as written here and shown as they are, never translated or paraphrased. Codes of things that are *our* UI words
(answer types, record kinds, states) are short English codes with labels marked for translation.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from app.i18n import QT_TRANSLATE_NOOP

METHODS: Final[tuple[str, ...]] = (
    "实地检查",
    "书面检查",
    "网络监测",
    "行政部门检查结果或专业意见",
    "检验检测",
    "委托专业机构辅助",
)
"""核查方式 (multi-select)."""

RESULT_CATEGORIES: Final[tuple[str, ...]] = (
    "未发现问题",
    "未按规定公示应当公示的信息",
    "公示信息隐瞒真实情况弄虚作假",
    "通过登记的住所（经营场所）无法联系",
    "发现问题经责令已改正",
    "发现问题待后续处理",
    "未发现开展本次抽查涉及的经营活动",
    "已关闭停业或正在组织清算",
    "不配合检查情节严重",
    "违反其他市场监管规定行为",
)
"""检查结果 (multi-select), verbatim."""

STATUS_OUTCOMES: Final[tuple[str, ...]] = ("注销", "被吊销", "被撤销", "迁出")
"""Status outcomes that may be recorded instead of (or beside) a finding: the subject no longer exists here."""

ALL_RESULTS: Final[tuple[str, ...]] = RESULT_CATEGORIES + STATUS_OUTCOMES

NO_PROBLEM: Final = "未发现问题"

PROBLEM_RESULTS: Final[frozenset[str]] = frozenset(
    {
        "未按规定公示应当公示的信息",
        "公示信息隐瞒真实情况弄虚作假",
        "通过登记的住所（经营场所）无法联系",
        "发现问题经责令已改正",
        "发现问题待后续处理",
        "不配合检查情节严重",
        "违反其他市场监管规定行为",
    }
)
"""Results that count as "a problem found" on the dashboard."""

FOLLOW_UPS: Final[tuple[str, ...]] = (
    "无须后续处置",
    "反馈日常监管部门依法处理",
    "责令限期整改",
    "发现案件线索，固定证据后移送办案机构",
    "违反其他部门规定，抄告相关部门",
    "其他",
)
"""后续处置措施 (one per record), verbatim."""

FOLLOW_UP_RECTIFY: Final = "责令限期整改"
"""The follow-up that opens a rectification with a deadline."""
FOLLOW_UP_NONE: Final = "无须后续处置"
FOLLOW_UP_OTHER: Final = "其他"

CONFORMS: Final = "符合"
NONCONFORMS: Final = "不符合"
NOT_APPLICABLE: Final = "不适用"
CONFORMITY_ANSWERS: Final[tuple[str, ...]] = (CONFORMS, NONCONFORMS, NOT_APPLICABLE)

EVIDENCE_METHODS: Final[tuple[str, ...]] = ("截图", "录屏", "网页保存", "拍照", "录音录像", "文件复制", "其他")
"""How a piece of electronic evidence was fixed (电子数据取证暂行规定: 截图、录屏、网页保存…), verbatim."""


class AnswerType(StrEnum):
    """How an item is answered."""

    CONFORMITY = "conformity"
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"


class InspectionKind(StrEnum):
    """Why the inspection takes place."""

    RANDOM = "random"
    TARGETED = "targeted"
    COMPLAINT = "complaint"
    CAMPAIGN = "campaign"
    REINSPECTION = "reinspection"


LABELS: Final[dict[str, str]] = {
    AnswerType.CONFORMITY: QT_TRANSLATE_NOOP("Inspections", "Conforms / does not conform / not applicable"),
    AnswerType.TEXT: QT_TRANSLATE_NOOP("Inspections", "Text"),
    AnswerType.NUMBER: QT_TRANSLATE_NOOP("Inspections", "Number"),
    AnswerType.DATE: QT_TRANSLATE_NOOP("Inspections", "Date"),
    InspectionKind.RANDOM: QT_TRANSLATE_NOOP("Inspections", "Random inspection"),
    InspectionKind.TARGETED: QT_TRANSLATE_NOOP("Inspections", "Targeted inspection"),
    InspectionKind.COMPLAINT: QT_TRANSLATE_NOOP("Inspections", "Complaint-driven inspection"),
    InspectionKind.CAMPAIGN: QT_TRANSLATE_NOOP("Inspections", "Campaign inspection"),
    InspectionKind.REINSPECTION: QT_TRANSLATE_NOOP("Inspections", "Re-inspection"),
}
"""English labels (context ``Inspections``) of answer types and record kinds, for translation at display time."""

RECORD_STATE_LABELS: Final[dict[str, str]] = {
    "draft": QT_TRANSLATE_NOOP("Inspections", "Draft"),
    "finalized": QT_TRANSLATE_NOOP("Inspections", "Finalized"),
}
TASK_STATE_LABELS: Final[dict[str, str]] = {
    "open": QT_TRANSLATE_NOOP("Inspections", "Not drawn yet"),
    "drawn": QT_TRANSLATE_NOOP("Inspections", "Drawn"),
    "closed": QT_TRANSLATE_NOOP("Inspections", "Closed"),
}
RECTIFICATION_STATUS_LABELS: Final[dict[str, str]] = {
    "open": QT_TRANSLATE_NOOP("Inspections", "Being rectified"),
    "due_soon": QT_TRANSLATE_NOOP("Inspections", "Due soon"),
    "overdue": QT_TRANSLATE_NOOP("Inspections", "Overdue"),
    "closed": QT_TRANSLATE_NOOP("Inspections", "Rectified"),
}
