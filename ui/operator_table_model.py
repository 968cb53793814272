"""The registry table's model: the full id list up front, rows fetched lazily in pages (as Anki's browser does).

A station may hold 100,000 operators. Holding every row would cost memory and a long first query; instead the
model keeps only the ordered ids (one narrow, index-ordered query) and asks :meth:`RegistryService.rows` for a page
of ~100 rows when the view paints one of them. Pages live in a small LRU cache, so scrolling anywhere in the list
costs one query per screenful and memory stays bounded.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from app.i18n import QT_TRANSLATE_NOOP
from app.records import SORTABLE, OperatorFilter, OperatorRow
from app.services.registry import RegistryService
from ui.sync_column import sync_color, sync_text, sync_tooltip
from ui.ui_text import label

CONTEXT: Final = "OperatorTableModel"

OPERATOR_ID_ROLE: Final = int(Qt.ItemDataRole.UserRole)
"""``data(index, OPERATOR_ID_ROLE)`` is the operator's id (a string)."""
RECORD_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 1
"""``data(index, RECORD_ROLE)`` is the whole :class:`OperatorRow` (or ``None`` when the record has vanished)."""

# Column numbers, in display order.
NAME, SUBJECT, ID_TYPE, IDENTIFIER, LEGAL_REP, PHONE, ADDRESS, CREDIT, FLAGS, CARRIERS, SYNC = range(11)

HEADERS: Final = (
    QT_TRANSLATE_NOOP("OperatorTableModel", "Name"),
    QT_TRANSLATE_NOOP("OperatorTableModel", "Subject type"),
    QT_TRANSLATE_NOOP("OperatorTableModel", "Identifier type"),
    QT_TRANSLATE_NOOP("OperatorTableModel", "Identifier"),
    QT_TRANSLATE_NOOP("OperatorTableModel", "Legal representative / operator"),
    QT_TRANSLATE_NOOP("OperatorTableModel", "Phone"),
    QT_TRANSLATE_NOOP("OperatorTableModel", "Business address"),
    QT_TRANSLATE_NOOP("OperatorTableModel", "Credit class"),
    QT_TRANSLATE_NOOP("OperatorTableModel", "Abnormal / serious violation"),
    QT_TRANSLATE_NOOP("OperatorTableModel", "Carriers"),
    QT_TRANSLATE_NOOP("OperatorTableModel", "Sync"),
)

SORT_KEYS: Final[dict[int, str]] = {
    NAME: "name",
    SUBJECT: "subject_type",
    IDENTIFIER: "identifier",
    LEGAL_REP: "legal_representative",
    PHONE: "phone",
    ADDRESS: "business_address",
    CREDIT: "credit_class",
}
"""Column → key of :data:`app.records.SORTABLE`; columns not listed here cannot be sorted."""
assert set(SORT_KEYS.values()) <= set(SORTABLE), "every sort key must be one the query layer knows"

PAGE_SIZE: Final = 100
MAX_CACHED_PAGES: Final = 40
"""At most 4,000 rows are held at once, however long the list."""

CLIENT_SORT_BATCH: Final = 500

DELETED_COLOR: Final = QColor(140, 140, 140)
SERIOUS_COLOR: Final = QColor(180, 0, 0)
ABNORMAL_COLOR: Final = QColor(166, 82, 0)


class OperatorTableModel(QAbstractTableModel):
    """Operators of the registry as plain :class:`OperatorRow` records, loaded lazily by id.

    Two ways to fill it: :meth:`show_all` lists every operator passing a filter, sorted in the database;
    :meth:`set_ids` shows a ranked search result as given. :meth:`sort` re-queries the ids (list) or re-orders the
    few hundred search hits by the same key.
    """

    def __init__(
        self,
        registry: RegistryService,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        max_cached_pages: int = MAX_CACHED_PAGES,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._page_size = max(1, page_size)
        self._max_pages = max(2, max_cached_pages)
        self._ids: list[str] = []
        self._rows_by_id: dict[str, int] | None = None
        self._pages: OrderedDict[int, list[OperatorRow | None]] = OrderedDict()
        self._filter = OperatorFilter()
        self._searching = False
        self._sort_column: int | None = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._warning_icon: QIcon | None = None
        self.pages_fetched = 0
        """How many pages were fetched from the database since creation (for tests and benchmarks)."""

    # -- filling ---------------------------------------------------------------------------------------------
    def show_all(self, flt: OperatorFilter) -> int:
        """List every operator passing ``flt`` in the current sort order; returns how many there are."""
        self._filter = flt
        self._searching = False
        if self._sort_column is None:
            self._sort_column, self._sort_order = NAME, Qt.SortOrder.AscendingOrder
        self._reset(self._query_ids())
        return len(self._ids)

    def set_ids(self, ids: Sequence[str], flt: OperatorFilter | None = None) -> None:
        """Show exactly these ids in this order (a ranked search result); clears the sort column."""
        if flt is not None:
            self._filter = flt
        self._searching = True
        self._sort_column = None
        self._reset(list(ids))

    def refresh(self) -> None:
        """Re-run the list query (after an add); a search result is only re-read, the caller re-searches."""
        if self._searching:
            self._reset(list(self._ids))
        else:
            self._reset(self._query_ids())

    def reload_row(self, operator_id: str) -> None:
        """Re-read one operator after an edit; it keeps its place (the list does not jump under the user)."""
        row = self.row_of(operator_id)
        if row < 0:
            return
        fresh = self._registry.rows([operator_id])
        page = self._pages.get(row // self._page_size)
        if page is not None:
            page[row % self._page_size] = fresh[0] if fresh else None
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def remove_id(self, operator_id: str) -> None:
        """Drop one operator from the list (after a soft delete, when deleted rows are hidden)."""
        row = self.row_of(operator_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._rows_by_id = None
        self._pages.clear()  # every later page shifts by one row
        self.endRemoveRows()

    # -- access ----------------------------------------------------------------------------------------------
    def ids(self) -> list[str]:
        """The ids in display order (a copy)."""
        return list(self._ids)

    def operator_id(self, row: int) -> str:
        return self._ids[row]

    def record(self, row: int) -> OperatorRow | None:
        """The row's record, fetching its page if needed; ``None`` when the operator no longer exists."""
        if not 0 <= row < len(self._ids):
            return None
        page_no, offset = divmod(row, self._page_size)
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch_page(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[offset]

    def row_of(self, operator_id: str) -> int:
        """The row showing ``operator_id``, or -1."""
        if self._rows_by_id is None:
            self._rows_by_id = {operator_id: n for n, operator_id in enumerate(self._ids)}
        return self._rows_by_id.get(operator_id, -1)

    def cached_pages(self) -> int:
        return len(self._pages)

    def is_searching(self) -> bool:
        return self._searching

    def current_filter(self) -> OperatorFilter:
        return self._filter

    def sort_state(self) -> tuple[int | None, Qt.SortOrder]:
        """The sorted column (``None``: ranked search order) and its order."""
        return self._sort_column, self._sort_order

    @staticmethod
    def is_sortable(column: int) -> bool:
        return column in SORT_KEYS

    # -- QAbstractTableModel ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CONTEXT, HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.is_sortable(section):
                return QCoreApplication.translate(
                    "OperatorTableModel", "Click to sort by this column; click again to reverse the order."
                )
            return QCoreApplication.translate("OperatorTableModel", "This column cannot be sorted.")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids) or index.column() >= len(HEADERS):
            return None
        if role == OPERATOR_ID_ROLE:
            return self._ids[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column == CARRIERS else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        handler = self._ROLE_HANDLERS.get(role)
        if handler is None and role != RECORD_ROLE:
            return None
        row = self.record(index.row())
        if role == RECORD_ROLE:
            return row
        assert handler is not None
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and column == NAME:
                return QCoreApplication.translate("OperatorTableModel", "(this record no longer exists)")
            return None
        return handler(self, row, column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a sortable column: the database re-orders the list; a search result is re-ordered here."""
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self._sort_column, self._sort_order = column, order
        descending = order == Qt.SortOrder.DescendingOrder
        if self._searching:
            ids = self._client_sorted(key, descending)
        else:
            ids = self._registry.list_ids(self._filter, sort=key, descending=descending)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved_ids = [self._ids[i.row()] if 0 <= i.row() < len(self._ids) else None for i in before]
        self._ids = ids
        self._rows_by_id = None
        self._pages.clear()
        after = []
        for old, operator_id in zip(before, moved_ids, strict=True):
            row = self.row_of(operator_id) if operator_id is not None else -1
            after.append(self.index(row, old.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # -- roles -----------------------------------------------------------------------------------------------
    def _display(self, row: OperatorRow, column: int) -> str | None:
        match column:
            case 0:
                return row.name
            case 1:
                return label(row.subject_type)
            case 2:
                return label(row.identifier_type)
            case 3:
                return row.identifier
            case 4:
                return row.legal_representative
            case 5:
                return row.phone
            case 6:
                return row.business_address
            case 7:
                return label(row.credit_class) if row.credit_class else ""
            case 8:
                return self._flags_text(row)
            case 9:
                return str(row.carrier_count)
            case 10:
                return sync_text(row.sync)
        return None

    def _tooltip(self, row: OperatorRow, column: int) -> str | None:
        if column == SYNC:
            return sync_tooltip(row.sync)
        if row.deleted:
            return QCoreApplication.translate(
                "OperatorTableModel", "Deleted. The record is kept for the change history; it can no longer be edited."
            )
        if column == IDENTIFIER and row.flagged:
            return QCoreApplication.translate(
                "OperatorTableModel",
                "The check character of this code does not match, but it was saved on purpose with a reason. "
                "The reason is in the change history.",
            )
        if column == FLAGS:
            parts = []
            if row.abnormal_listed:
                parts.append(QCoreApplication.translate("OperatorTableModel", "On the abnormal-operation list."))
            if row.serious_violation:
                parts.append(QCoreApplication.translate("OperatorTableModel", "On the serious-violation list."))
            return "\n".join(parts) or None
        text = self._display(row, column)
        return text or None

    def _decoration(self, row: OperatorRow, column: int) -> QIcon | None:
        if column == IDENTIFIER and row.flagged:
            if self._warning_icon is None:
                self._warning_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return self._warning_icon
        return None

    def _foreground(self, row: OperatorRow, column: int) -> QColor | None:
        if row.deleted:
            return DELETED_COLOR
        if column == SYNC:
            return sync_color(row.sync)
        if column == FLAGS:
            if row.serious_violation:
                return SERIOUS_COLOR
            if row.abnormal_listed:
                return ABNORMAL_COLOR
        return None

    def _font(self, row: OperatorRow, column: int) -> QFont | None:
        del column
        if row.deleted:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    _ROLE_HANDLERS: Final[dict[int, Callable[[OperatorTableModel, OperatorRow, int], Any]]] = {
        Qt.ItemDataRole.DisplayRole: _display,
        Qt.ItemDataRole.ToolTipRole: _tooltip,
        Qt.ItemDataRole.DecorationRole: _decoration,
        Qt.ItemDataRole.ForegroundRole: _foreground,
        Qt.ItemDataRole.FontRole: _font,
    }

    # -- helpers ---------------------------------------------------------------------------------------------
    @staticmethod
    def _flags_text(row: OperatorRow) -> str:
        parts = []
        if row.abnormal_listed:
            parts.append(QCoreApplication.translate("OperatorTableModel", "Abnormal"))
        if row.serious_violation:
            parts.append(QCoreApplication.translate("OperatorTableModel", "Serious violation"))
        return QCoreApplication.translate("OperatorTableModel", ", ").join(parts)

    def _query_ids(self) -> list[str]:
        key = SORT_KEYS.get(self._sort_column if self._sort_column is not None else NAME, "name")
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return self._registry.list_ids(self._filter, sort=key, descending=descending)

    def _reset(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._rows_by_id = None
        self._pages.clear()
        self.endResetModel()

    def _fetch_page(self, page_no: int) -> list[OperatorRow | None]:
        start = page_no * self._page_size
        page_ids = self._ids[start : start + self._page_size]
        found = {row.id: row for row in self._registry.rows(page_ids)}
        page: list[OperatorRow | None] = [found.get(operator_id) for operator_id in page_ids]
        self._pages[page_no] = page
        self.pages_fetched += 1
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)
        return page

    def _client_sorted(self, key: str, descending: bool) -> list[str]:
        """Order a search result (at most a few hundred ids) by ``key``; vanished records go last."""
        records: dict[str, OperatorRow] = {}
        for start in range(0, len(self._ids), CLIENT_SORT_BATCH):
            for row in self._registry.rows(self._ids[start : start + CLIENT_SORT_BATCH]):
                records[row.id] = row
        present = [i for i in self._ids if i in records]
        missing = [i for i in self._ids if i not in records]
        present.sort(key=lambda i: (str(getattr(records[i], key)), i), reverse=descending)
        return present + missing
