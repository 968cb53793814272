"""The confirmation of an operator's soft delete is the shared reason dialog (ui/reason_dialog.py) with its own
wording: it names the operator and asks for a one-line reason, Enter alone never deletes, and it reads in Chinese.
That an empty reason is refused with the shared message is tested with every reason dialog in test_reason_dialogs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton

from tests.ui.test_inspections_ui import type_text
from tests.ui.test_reason_dialogs import chinese, label_texts, shown  # noqa: F401  (the fixture)
from ui.delete_operator_dialog import DeleteOperatorDialog
from ui.reason_dialog import ReasonDialog

NAME = "五华区测试种植专业合作社"
QUESTION = "确定从台账中删除\u201c{name}\u201d吗？删除后记录仍保留在变更记录中，勾选\u201c显示已删除\u201d仍可查看。"


def dialog(qtbot: Any) -> DeleteOperatorDialog:
    made = DeleteOperatorDialog(NAME)
    shown(qtbot, made)
    return made


def test_it_is_the_shared_reason_dialog_with_a_one_line_reason(qtbot: Any) -> None:
    asked = dialog(qtbot)
    assert isinstance(asked, ReasonDialog) and asked.delete_button is asked.ok_button
    assert isinstance(asked.reason_edit, QLineEdit)
    assert not asked.delete_button.isEnabled()
    type_text(qtbot, asked.reason_edit, "重复录入")
    asked.delete_button.click()
    assert asked.result() == QDialog.DialogCode.Accepted and asked.reason() == "重复录入"


def test_enter_alone_does_not_delete(qtbot: Any) -> None:
    asked = dialog(qtbot)
    type_text(qtbot, asked.reason_edit, "重复录入")
    qtbot.keyClick(asked.reason_edit, Qt.Key.Key_Return)  # the default button is Cancel
    assert asked.result() == QDialog.DialogCode.Rejected and not asked.isVisible()


def test_it_keeps_its_wording_in_chinese(qtbot: Any, chinese: None) -> None:  # noqa: F811
    asked = dialog(qtbot)
    assert asked.windowTitle() == "删除经营主体"
    texts = label_texts(asked)
    assert QUESTION.format(name=NAME) in texts and "删除原因（必填）：" in texts
    assert asked.reason_edit.placeholderText() == "例如：已歇业、重复录入"
    assert {b.text() for b in asked.findChildren(QPushButton)} == {"删除", "取消"}
