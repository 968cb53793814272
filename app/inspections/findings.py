"""Every finding the inspection services report, as English templates (context ``Validation``) the UI translates.

A finding names the field it concerns, so the form can show it next to that field. Field names used here:
``number``, ``name``, ``template``, ``sample``, ``officers``, ``started_at``, ``ended_at``, ``place``,
``methods``, ``result_categories``, ``follow_up``, ``follow_up_note``, ``rectification_deadline``, ``reason``,
``carrier``, ``operator``, ``evidence``, ``deadline``, ``record``, and ``answer:<item code>`` for an item.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP
from app.validation import Finding, Severity


def error(field: str, code: str, template: str, /, **params: object) -> Finding:
    """A finding that blocks the action (saving a value, drawing, finalizing)."""
    return Finding(field, Severity.ERROR, code, template, tuple((k, str(v)) for k, v in params.items()))


def warning(field: str, code: str, template: str, /, **params: object) -> Finding:
    """A finding about a draft that is saved anyway but must be fixed before finalizing."""
    return Finding(field, Severity.WARNING, code, template, tuple((k, str(v)) for k, v in params.items()))


def answer_field(item_code: str) -> str:
    """The field name of an item's answer."""
    return f"answer:{item_code}"


# --- tasks, conflicts and the draw ------------------------------------------------------------------------------
T_TASK_NUMBER = QT_TRANSLATE_NOOP("Validation", "Enter the task number.")
T_TASK_NUMBER_TAKEN = QT_TRANSLATE_NOOP(
    "Validation", "Another task already has the number {number}. Each task needs its own number."
)
T_TASK_NAME = QT_TRANSLATE_NOOP("Validation", "Enter the name of the task.")
T_TASK_TEMPLATE = QT_TRANSLATE_NOOP("Validation", "Choose the checklist this task uses.")
T_SAMPLE_NONE = QT_TRANSLATE_NOOP(
    "Validation",
    "Say how many operators to draw: a number, a percentage, or a percentage for each credit class.",
)
T_SAMPLE_BOTH = QT_TRANSLATE_NOOP("Validation", "Give either a number of operators or percentages, not both.")
T_SAMPLE_COUNT = QT_TRANSLATE_NOOP("Validation", "The number of operators to draw must be at least 1.")
T_SAMPLE_PERCENT = QT_TRANSLATE_NOOP("Validation", "A percentage must be more than 0 and at most 100; {value} is not.")
T_SAMPLE_CLASS = QT_TRANSLATE_NOOP(
    "Validation", "“{value}” is not a credit class. Use A, B, C or D (or leave it empty for unclassified operators)."
)
T_TASK_DRAWN = QT_TRANSLATE_NOOP(
    "Validation",
    "This task was drawn on {date}. A draw cannot be repeated or changed; create a new task instead.",
)
T_TASK_CLOSED = QT_TRANSLATE_NOOP("Validation", "This task is closed.")
T_POOL_EMPTY = QT_TRANSLATE_NOOP(
    "Validation",
    "No operator in the register matches the task's target. Change the target or update the register first.",
)
T_DRAW_OFFICERS = QT_TRANSLATE_NOOP(
    "Validation",
    "A draw needs at least two active officers with an enforcement certificate number (执法证号); there are "
    "{count}. Add officers or enter their certificate numbers in the officer list.",
)
T_DRAW_UNASSIGNED = QT_TRANSLATE_NOOP(
    "Validation",
    "For {count} of the drawn operators fewer than two officers are free of conflicts (回避). Assign officers to "
    "them by hand.",
)
T_CONFLICT_REASON = QT_TRANSLATE_NOOP(
    "Validation", "Enter why this officer must not inspect this operator (for example: a relative works there)."
)
T_CONFLICT_EXISTS = QT_TRANSLATE_NOOP("Validation", "This conflict of interest is already recorded.")

# --- inspection records -----------------------------------------------------------------------------------------
T_FINALIZED = QT_TRANSLATE_NOOP(
    "Validation",
    "This record is finalized and can no longer be changed. To correct it, create an amendment and give the reason.",
)
T_DISCARDED = QT_TRANSLATE_NOOP("Validation", "This draft was discarded and can no longer be changed.")
T_OPERATOR_GONE = QT_TRANSLATE_NOOP(
    "Validation", "This operator is not in the register (it may have been deleted in another window)."
)
T_CARRIER_OTHER = QT_TRANSLATE_NOOP(
    "Validation", "This shop or website belongs to another operator. Choose one of this operator's carriers."
)
T_OFFICER_TWICE = QT_TRANSLATE_NOOP("Validation", "{name} is chosen twice. Choose two different officers.")
T_OFFICER_INACTIVE = QT_TRANSLATE_NOOP("Validation", "{name} is no longer an active officer. Choose another officer.")
T_OFFICER_CONFLICT = QT_TRANSLATE_NOOP(
    "Validation", "{name} must not inspect this operator (回避: {reason}). Choose another officer."
)
T_OFFICER_UNKNOWN = QT_TRANSLATE_NOOP("Validation", "An officer chosen is not in this station's officer list.")
T_OFFICERS_TOO_FEW = QT_TRANSLATE_NOOP(
    "Validation",
    "An inspection needs at least two officers (行政处罚法 第42条); {count} chosen. Add a colleague.",
)
T_OFFICER_NO_CERT = QT_TRANSLATE_NOOP(
    "Validation",
    "{name} has no enforcement certificate number (执法证号). Enter it in the officer list before finalizing.",
)
T_START_MISSING = QT_TRANSLATE_NOOP("Validation", "Enter when the inspection started.")
T_END_MISSING = QT_TRANSLATE_NOOP("Validation", "Enter when the inspection ended.")
T_END_BEFORE_START = QT_TRANSLATE_NOOP(
    "Validation", "The end time {end} is before the start time {start}. Correct one of them."
)
T_PLACE_MISSING = QT_TRANSLATE_NOOP(
    "Validation", "Enter where the inspection took place (for online checks, for example the shop's address)."
)
T_TEXT_TOO_LONG = QT_TRANSLATE_NOOP(
    "Validation", "This text is too long: {actual} characters, at most {limit} are allowed."
)
T_METHOD_UNKNOWN = QT_TRANSLATE_NOOP("Validation", "“{value}” is not one of the inspection methods.")
T_METHODS_MISSING = QT_TRANSLATE_NOOP("Validation", "Choose at least one inspection method.")
T_RESULT_UNKNOWN = QT_TRANSLATE_NOOP("Validation", "“{value}” is not one of the official result categories.")
T_RESULTS_MISSING = QT_TRANSLATE_NOOP("Validation", "Choose at least one result of the inspection.")
T_RESULTS_CONTRADICT = QT_TRANSLATE_NOOP(
    "Validation", "“未发现问题” cannot be chosen together with “{value}”. Remove one of them."
)
T_NO_PROBLEM_BUT_FAILED = QT_TRANSLATE_NOOP(
    "Validation",
    "Item {code} is answered 不符合, but the result says “未发现问题”. Choose the result that describes the problem.",
)
T_FOLLOW_UP_UNKNOWN = QT_TRANSLATE_NOOP("Validation", "“{value}” is not one of the follow-up measures.")
T_FOLLOW_UP_MISSING = QT_TRANSLATE_NOOP("Validation", "Choose the follow-up measure.")
T_FOLLOW_UP_NOTE = QT_TRANSLATE_NOOP("Validation", "Describe the follow-up measure “其他”.")
T_DEADLINE_MISSING = QT_TRANSLATE_NOOP(
    "Validation", "An order to rectify within a time limit (责令限期整改) needs a deadline."
)
T_DEADLINE_BEFORE_END = QT_TRANSLATE_NOOP(
    "Validation", "The rectification deadline {deadline} is before the day of the inspection ({day})."
)
T_ITEM_UNKNOWN = QT_TRANSLATE_NOOP("Validation", "The checklist of this record has no item {code}.")
T_ANSWER_CONFORMITY = QT_TRANSLATE_NOOP("Validation", "Answer item {code} with 符合, 不符合 or 不适用.")
T_ANSWER_NUMBER = QT_TRANSLATE_NOOP(
    "Validation", "“{value}” is not a number. Enter digits only, for example 12 or 3.5."
)
T_ANSWER_DATE = QT_TRANSLATE_NOOP("Validation", "“{value}” is not a date. Enter it like 2026-03-01.")
T_ANSWER_MISSING = QT_TRANSLATE_NOOP("Validation", "Item {code} is not answered yet: {question}")
T_ANSWER_NEEDS_EVIDENCE = QT_TRANSLATE_NOOP(
    "Validation",
    "Item {code} is answered 不符合 and needs evidence. Attach a screenshot, recording or document to this item.",
)
T_AMEND_REASON = QT_TRANSLATE_NOOP("Validation", "Enter the reason for the amendment.")
T_AMEND_DRAFT = QT_TRANSLATE_NOOP(
    "Validation", "Only a finalized record is amended; a draft can be corrected directly."
)
T_AMEND_EXISTS = QT_TRANSLATE_NOOP(
    "Validation",
    "This record already has a newer version (an amendment, finalized or in progress). Open and amend that one.",
)
T_DISCARD_REASON = QT_TRANSLATE_NOOP("Validation", "Enter why this draft is discarded.")

# --- evidence -----------------------------------------------------------------------------------------------------
T_EVIDENCE_EMPTY = QT_TRANSLATE_NOOP("Validation", "The file {name} is empty.")
T_EVIDENCE_TOO_LARGE = QT_TRANSLATE_NOOP(
    "Validation",
    "The file {name} is {size} MB; evidence files may be at most {limit} MB. Shorten the recording, or save the "
    "web page as PDF.",
)
T_EVIDENCE_TYPE = QT_TRANSLATE_NOOP(
    "Validation",
    "The file {name} is not an image, a PDF or a video. Save screenshots as PNG or JPEG, web pages as PDF, and "
    "screen recordings as MP4.",
)
T_EVIDENCE_UNREADABLE = QT_TRANSLATE_NOOP(
    "Validation", "The file {name} cannot be read ({detail}). Check that it still exists and is not open elsewhere."
)
T_EVIDENCE_MISSING = QT_TRANSLATE_NOOP(
    "Validation",
    "The evidence file {name} is missing from the evidence store (evidence.db). Attach the original file again.",
)
T_EVIDENCE_DAMAGED = QT_TRANSLATE_NOOP(
    "Validation",
    "The evidence file {name} is damaged: its content no longer matches its fingerprint. Attach the original file "
    "again.",
)

# --- rectification ---------------------------------------------------------------------------------------------------
T_RECT_CLOSED = QT_TRANSLATE_NOOP("Validation", "This rectification is already closed.")
T_RECT_NEW_DEADLINE = QT_TRANSLATE_NOOP(
    "Validation", "The new deadline must be later than the current one ({deadline})."
)
T_RECT_REASON = QT_TRANSLATE_NOOP("Validation", "Enter why the deadline is extended.")
T_RECT_REINSPECTION_DRAFT = QT_TRANSLATE_NOOP(
    "Validation", "Finalize the re-inspection record before closing the rectification."
)
T_RECT_REINSPECTION_OTHER = QT_TRANSLATE_NOOP(
    "Validation", "This re-inspection record belongs to another rectification."
)
