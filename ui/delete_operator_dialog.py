"""The confirmation of a soft delete of an operator, with its required reason.

The question names the operator; the rule that a reason is required (and the message refusing an empty one) comes
from :class:`ui.reason_dialog.ReasonDialog`, shared with every other "give a reason" question.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton, QWidget

from ui.reason_dialog import ReasonDialog

translate = QCoreApplication.translate


class DeleteOperatorDialog(ReasonDialog):
    """Confirms a soft delete of the operator called ``name`` and asks for its reason (it goes into the change
    history). Cancel is the default button: Enter alone never deletes."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("DeleteOperatorDialog", "Delete operator"),
            translate(
                "DeleteOperatorDialog",
                "Delete \u201c{name}\u201d from the register? The record is kept in the change history and can "
                "still be shown with \u201cShow deleted\u201d.",
            ).format(name=name),
            translate("DeleteOperatorDialog", "For example: business closed, entered twice"),
            translate("DeleteOperatorDialog", "Delete"),
            parent,
            one_line=True,
            reason_label=translate("DeleteOperatorDialog", "Reason for deletion (required):"),
            cancel_text=translate("DeleteOperatorDialog", "Cancel"),
        )
        self.delete_button = self.ok_button
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton) and button is not self.ok_button:
                button.setDefault(True)  # the only other button: Cancel
