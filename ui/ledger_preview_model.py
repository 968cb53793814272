"""The preview of an import as a table model: one row per operator the ledger names, with its result (new,
changed, unchanged, conflict, rejected), name, identifier and what would change; filterable by result."""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from app.i18n import QT_TRANSLATE_NOOP
from app.ledger.preview import PreviewItem, Status
from ui.ledger_import_texts import CONTEXT, item_details, status_label, translate

STATUS_COLORS: Final = {
    Status.NEW: QColor("#1b7f3b"),
    Status.CHANGED: QColor("#1f5fa8"),
    Status.CONFLICT: QColor("#a85400"),
    Status.REJECTED: QColor("#b00020"),
}


class PreviewModel(QAbstractTableModel):
    """The preview's items as a table (rows, result, name, identifier, details); plain records, lazily rendered."""

    COLUMNS: Final = (
        QT_TRANSLATE_NOOP("LedgerImport", "Rows"),
        QT_TRANSLATE_NOOP("LedgerImport", "Result"),
        QT_TRANSLATE_NOOP("LedgerImport", "Name"),
        QT_TRANSLATE_NOOP("LedgerImport", "Identifier"),
        QT_TRANSLATE_NOOP("LedgerImport", "Details"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[PreviewItem] = []
        self._items: list[PreviewItem] = []

    def set_items(self, items: list[PreviewItem], status: Status | str | None = None) -> None:
        self.beginResetModel()
        self._all = items
        self._items = self._filtered(status)
        self.endResetModel()

    def set_filter(self, status: Status | str | None) -> None:
        self.beginResetModel()
        self._items = self._filtered(status)
        self.endResetModel()

    def _filtered(self, status: Status | str | None) -> list[PreviewItem]:
        if status is None or status == "":
            return self._all
        if status == "warnings":
            return [i for i in self._all if i.has_warnings]
        return [i for i in self._all if i.status == status]

    def item(self, row: int) -> PreviewItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self.COLUMNS):
            return translate(CONTEXT, self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item(index.row())
        if item is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return "、".join(str(r) for r in item.rows)
            if column == 1:
                text = status_label(item.status)
                return text + (translate("LedgerImport", " (warning)") if item.has_warnings else "")
            if column == 2:
                return item.name
            if column == 3:
                return item.identifier
            if column == 4:
                return item_details(item)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return STATUS_COLORS.get(item.status)
        return None
