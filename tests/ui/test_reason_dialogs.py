"""The one reason dialog (ui/reason_dialog.py) behind every "give a reason" question: amending, discarding a draft,
extending or closing a rectification (:class:`ReasonDialog` itself), saving a code whose check fails
(:class:`OverrideReasonDialog`), discarding a sync conflict (:class:`DiscardDialog`) and deleting an operator
(:class:`DeleteOperatorDialog`). Each keeps its caller's wording; all refuse an empty reason with a message, in
Chinese once the catalogue is installed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton

from app.records import OperatorDraft
from app.services.registry import RegistryService
from app.sync_conflicts import DECLINED, PROPOSAL, REFUSED, STALE, Conflict
from app.validation import Finding
from tests.ui.test_inspections_ui import type_text
from ui.delete_operator_dialog import DeleteOperatorDialog
from ui.i18n import install_translators
from ui.operator_dialog import OverrideReasonDialog
from ui.reason_dialog import ReasonDialog
from ui.sync_conflicts_view import DiscardDialog

FLAGGED = "91110000600037341N"
"""A code whose check character fails (it should end in L): saving it needs a reason."""


def conflict(state: str, entity: str = PROPOSAL, kind: str | None = "update") -> Conflict:
    return Conflict(f"key-{state}", state, entity, "record", "operator", "某某商行", "declined", "", None, (), kind)


def check_findings(registry: RegistryService) -> list[Finding]:
    draft = OperatorDraft(
        name="校验位测试有限公司", subject_type="enterprise", identifier_type="uscc", identifier=FLAGGED
    )
    _clean, findings = registry.check(draft)
    assert [f.code for f in findings] == ["uscc.check_char"]
    return findings


Make = Callable[[RegistryService], ReasonDialog]

DIALOGS: dict[str, Make] = {
    "amend": lambda _r: ReasonDialog("Amend the record", "A new version…", "For example: …", "Start the amendment"),
    "override": lambda r: OverrideReasonDialog(check_findings(r)),
    "discard_declined": lambda _r: DiscardDialog(conflict(DECLINED)),
    "discard_stale": lambda _r: DiscardDialog(conflict(STALE)),
    "discard_refused": lambda _r: DiscardDialog(conflict(REFUSED, entity="operator", kind=None)),
    "delete_operator": lambda _r: DeleteOperatorDialog("某某商行"),
}


@pytest.fixture
def chinese() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    default = QLocale()
    translators = install_translators(app)
    yield
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(default)


def shown(qtbot: Any, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def label_texts(dialog: QDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]


@pytest.mark.parametrize("name", list(DIALOGS))
def test_an_empty_reason_is_refused_with_a_message(qtbot: Any, registry: RegistryService, name: str) -> None:
    dialog = DIALOGS[name](registry)
    shown(qtbot, dialog)
    if dialog.reason():  # the discard dialog proposes a reason: the user removes it and is told why it is needed
        dialog.reason_edit.clear()
        assert dialog.refusal.isVisible()
    else:
        assert not dialog.refusal.isVisible(), "no nagging before the user did anything"
    assert not dialog.ok_button.isEnabled()

    dialog.accept()  # e.g. Enter, or a caller accepting it: refused
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.refusal.isVisible() and dialog.refusal.text() == "Enter a reason: it is kept in the change history."

    type_text(qtbot, dialog.reason_edit, "   ")
    assert not dialog.ok_button.isEnabled(), "blanks are no reason"
    dialog.reason_edit.clear()
    type_text(qtbot, dialog.reason_edit, "已与执照原件核对")
    assert dialog.ok_button.isEnabled() and not dialog.refusal.isVisible()
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.reason() == "已与执照原件核对"


def test_each_caller_keeps_its_wording_in_chinese(qtbot: Any, registry: RegistryService, chinese: None) -> None:
    override = shown(qtbot, OverrideReasonDialog(check_findings(registry)))
    assert isinstance(override, OverrideReasonDialog)
    assert override.windowTitle() == "填写原因后保存"
    assert any(t.startswith("该代码校验位不符") for t in label_texts(override)), "the question about the check"
    assert override.notes.isVisible() and "L" in override.notes.text(), "the finding that prompted it"
    assert "原因：" in label_texts(override)
    assert override.reason_edit.placeholderText() == "例如：已与营业执照原件核对"
    assert {b.text() for b in override.findChildren(QPushButton)} == {"按此原因保存", "返回修改"}
    assert not override.ok_button.isEnabled()

    discard = shown(qtbot, DiscardDialog(conflict(DECLINED)))
    assert isinstance(discard, DiscardDialog)
    assert discard.windowTitle() == "放弃" and discard.discard_button.text() == "放弃"
    assert discard.reason() == "接受省级平台的决定" and discard.discard_button.isEnabled()
    assert "原因：" in label_texts(discard)

    amend = shown(qtbot, ReasonDialog("修改记录", "将为更正生成新版本。", "例如：", "开始修改"))
    assert isinstance(amend, ReasonDialog)
    assert "理由（必填）：" in label_texts(amend)
    assert {b.text() for b in amend.findChildren(QPushButton)} == {"开始修改", "取消"}
    type_text(qtbot, amend.reason_edit, "误")
    amend.reason_edit.clear()
    assert amend.refusal.isVisible() and amend.refusal.text() == "请填写原因，原因将记入变更记录。"
