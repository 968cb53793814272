"""Table models of the inspection screens (records, tasks, drawn objects, rectifications) and the bundle of
inspection services the screens receive through their constructors.

Each model holds plain records from app/inspections/data.py, never ORM objects. Inspection lists are small next to
the operator register (hundreds to a few thousand records a year), so a model holds its whole list and is refilled
when the list changes; the operator register's lazy paging is not needed here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from app.i18n import QT_TRANSLATE_NOOP
from app.inspections.chain import ChainVerifier
from app.inspections.conflicts import ConflictService
from app.inspections.dashboard import DashboardService
from app.inspections.data import InspectionRow, RectificationRecord, TaskRow, TaskTargetRecord
from app.inspections.evidence import EvidenceService, EvidenceStore
from app.inspections.finalize import FinalizeService
from app.inspections.records import InspectionService
from app.inspections.rectification import RectificationService
from app.inspections.tasks import DrawService, TaskService
from app.inspections.templates import TemplateService
from app.inspections.vocabulary import (
    LABELS,
    RECORD_STATE_LABELS,
    RECTIFICATION_STATUS_LABELS,
    TASK_STATE_LABELS,
)
from app.ledger.export_service import LedgerExports
from app.services.officers import OfficerService
from app.services.registry import RegistryService
from app.sync_status import SyncStatus, SyncStatusService
from localdb.database import Database
from ui.sync_column import sync_color, sync_text, sync_tooltip
from ui.ui_text import label

CONTEXT: Final = "InspectionTables"

RECORD_ROLE: Final = int(Qt.ItemDataRole.UserRole)
"""``data(index, RECORD_ROLE)`` is the row's plain record."""

ERROR_COLOR: Final = QColor(180, 0, 0)
WARNING_COLOR: Final = QColor(168, 84, 0)
MUTED_COLOR: Final = QColor(120, 120, 120)
DONE_COLOR: Final = QColor(0, 110, 40)


@dataclass
class InspectionServices:
    """Everything the inspection screens call, wired once by the composition root (ui/application.py)."""

    registry: RegistryService
    officers: OfficerService
    templates: TemplateService
    tasks: TaskService
    draws: DrawService
    conflicts: ConflictService
    inspections: InspectionService
    evidence: EvidenceService
    finalizer: FinalizeService
    verifier: ChainVerifier
    rectifications: RectificationService
    dashboard: DashboardService
    exports: LedgerExports
    sync: SyncStatusService

    @classmethod
    def wire(cls, db: Database, evidence_db: Database, registry: RegistryService | None = None) -> InspectionServices:
        """The services over the station database and its evidence store (both open)."""
        store = EvidenceStore(evidence_db)
        return cls(
            registry=registry or RegistryService(db),
            officers=OfficerService(db),
            templates=TemplateService(db),
            tasks=TaskService(db),
            draws=DrawService(db),
            conflicts=ConflictService(db),
            inspections=InspectionService(db),
            evidence=EvidenceService(db, store),
            finalizer=FinalizeService(db, store),
            verifier=ChainVerifier(db, store),
            rectifications=RectificationService(db),
            dashboard=DashboardService(db),
            exports=LedgerExports(db, QCoreApplication.translate),
            sync=SyncStatusService(db),
        )


# --- display helpers shared by the inspection screens -------------------------------------------------------------
def inspection_label(code: str) -> str:
    """Translated label of an answer type, record kind or state code (context ``Inspections``)."""
    english = (
        LABELS.get(code)
        or RECORD_STATE_LABELS.get(code)
        or TASK_STATE_LABELS.get(code)
        or RECTIFICATION_STATUS_LABELS.get(code)
    )
    return QCoreApplication.translate("Inspections", english) if english else code


def format_minute(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def format_day(value: date | None) -> str:
    return value.isoformat() if value else ""


def list_text(values: Sequence[str]) -> str:
    """Several values in one cell (names, result categories)."""
    return QCoreApplication.translate("InspectionTables", ", ").join(values)


def record_state_text(row: InspectionRow) -> str:
    """State of a record in the list: draft, finalized, amendment draft, superseded, discarded."""
    if row.discarded:
        return QCoreApplication.translate("InspectionTables", "Discarded")
    if row.state == "draft" and row.amends_id:
        return QCoreApplication.translate("InspectionTables", "Amendment (draft)")
    if row.superseded:
        return QCoreApplication.translate("InspectionTables", "Finalized, superseded by an amendment")
    if row.amends_id:
        return QCoreApplication.translate("InspectionTables", "Finalized amendment")
    return inspection_label(row.state)


# --- the generic list model -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """One column: its English header (context ``InspectionTables``) and how a record is shown in it."""

    header: str
    text: Callable[[Any], str]
    color: Callable[[Any], QColor | None] | None = None
    right: bool = False
    sync: bool = False
    """The sync column: shows the row's :class:`SyncStatus` given to :meth:`RecordTableModel.set_rows`."""


SYNC_COLUMN: Final = Column(QT_TRANSLATE_NOOP("InspectionTables", "Sync"), lambda _r: "", sync=True)


class RecordTableModel(QAbstractTableModel):
    """Rows of plain records with an ``id`` attribute, shown through :class:`Column` definitions."""

    COLUMNS: Sequence[Column] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._sync: Mapping[str, SyncStatus | None] = {}

    # -- filling and access ---------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any], sync: Mapping[str, SyncStatus | None] | None = None) -> None:
        """Show ``rows``; ``sync`` maps a row's id to what its sync column shows (blank where missing)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._sync = sync or {}
        self.endResetModel()

    def sync_of(self, record: Any) -> SyncStatus | None:
        return self._sync.get(record.id)

    def records(self) -> list[Any]:
        return list(self._rows)

    def record_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: str) -> int:
        for n, record in enumerate(self._rows):
            if record.id == record_id:
                return n
        return -1

    # -- QAbstractTableModel --------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CONTEXT, self.COLUMNS[section].header)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() >= len(self.COLUMNS):
            return None
        record = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == RECORD_ROLE:
            return record
        if column.sync:
            return self._sync_data(record, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(record)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.row_color(record) or (column.color(record) if column.color else None)
        if role == Qt.ItemDataRole.FontRole:
            return self.row_font(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        return None

    def _sync_data(self, record: Any, role: int) -> Any:
        status = self.sync_of(record)
        if role == Qt.ItemDataRole.DisplayRole:
            return sync_text(status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return sync_tooltip(status)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.row_color(record) or sync_color(status)
        if role == Qt.ItemDataRole.FontRole:
            return self.row_font(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None

    def row_color(self, record: Any) -> QColor | None:
        del record
        return None

    def row_font(self, record: Any) -> QFont | None:
        del record
        return None


# --- inspection records -------------------------------------------------------------------------------------------
def _record_day(row: InspectionRow) -> str:
    return format_minute(row.started_at or row.ended_at)


class InspectionTableModel(RecordTableModel):
    """The list of inspection records (drafts, finalized, amendments)."""

    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("InspectionTables", "State"), record_state_text),
        SYNC_COLUMN,
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Operator"), lambda r: r.subject_name),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Identifier"), lambda r: r.subject_identifier),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Shop / website"), lambda r: r.carrier_summary),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Kind"), lambda r: inspection_label(r.kind)),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Task"), lambda r: r.task_number),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Started"), _record_day),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Officers"), lambda r: list_text(r.officer_names)),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Results"), lambda r: list_text(r.result_categories)),
    )

    def row_color(self, record: Any) -> QColor | None:
        if record.discarded or record.superseded:
            return MUTED_COLOR
        return None

    def row_font(self, record: Any) -> QFont | None:
        if record.state == "draft" and not record.discarded:
            font = QFont()
            font.setBold(True)
            return font
        return None


# --- tasks and drawn objects --------------------------------------------------------------------------------------
def _sample_progress(row: TaskRow) -> str:
    if not row.targets:
        return ""
    text = QCoreApplication.translate("InspectionTables", "{done} of {total}")
    return text.format(done=row.finalized, total=row.targets)


class TaskTableModel(RecordTableModel):
    """Inspection tasks (双随机 and others)."""

    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Number"), lambda r: r.number),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Task"), lambda r: r.name),
        Column(
            QT_TRANSLATE_NOOP("InspectionTables", "Checklist"),
            lambda r: QCoreApplication.translate("InspectionTables", "{title} (version {version})").format(
                title=r.template_title, version=r.template_version
            ),
        ),
        Column(
            QT_TRANSLATE_NOOP("InspectionTables", "Due"),
            lambda r: format_day(r.due_date),
            lambda r: ERROR_COLOR if r.due_date and r.due_date < date.today() and r.state != "closed" else None,
        ),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "State"), lambda r: inspection_label(r.state)),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Finalized"), _sample_progress, right=True),
        SYNC_COLUMN,
    )


def stratum_text(stratum: str) -> str:
    """The credit class a stratified draw drew the object from (empty for a draw that is not stratified)."""
    if stratum == "*":
        return ""
    if not stratum:
        return QCoreApplication.translate("InspectionTables", "Not classified")
    return label(stratum)


def _target_state(record: TaskTargetRecord) -> str:
    if record.inspection_state is None:
        return QCoreApplication.translate("InspectionTables", "Not started")
    return inspection_label(record.inspection_state)


class TargetTableModel(RecordTableModel):
    """The objects and officers a draw picked."""

    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("InspectionTables", "No."), lambda r: str(r.position), right=True),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Operator"), lambda r: r.operator_name),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Identifier"), lambda r: r.identifier),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Stratum"), lambda r: stratum_text(r.stratum)),
        Column(
            QT_TRANSLATE_NOOP("InspectionTables", "Officers"),
            lambda r: (
                list_text(r.officer_names)
                if len(r.officer_ids) >= 2
                else QCoreApplication.translate(
                    "InspectionTables", "Assign officers in the record (conflict of interest)"
                )
            ),
            lambda r: WARNING_COLOR if len(r.officer_ids) < 2 else None,
        ),
        Column(
            QT_TRANSLATE_NOOP("InspectionTables", "Inspection"),
            _target_state,
            lambda r: DONE_COLOR if r.inspection_state == "finalized" else None,
        ),
        SYNC_COLUMN,
    )


# --- rectification ------------------------------------------------------------------------------------------------
def _days_left(record: RectificationRecord) -> str:
    if record.status == "closed":
        return ""
    if record.days_left < 0:
        return QCoreApplication.translate("InspectionTables", "{days} days overdue").format(days=-record.days_left)
    if record.days_left == 0:
        return QCoreApplication.translate("InspectionTables", "Due today")
    return QCoreApplication.translate("InspectionTables", "{days} days left").format(days=record.days_left)


def _status_color(record: RectificationRecord) -> QColor | None:
    return {"overdue": ERROR_COLOR, "due_soon": WARNING_COLOR, "closed": DONE_COLOR}.get(record.status)


class RectificationTableModel(RecordTableModel):
    """Orders to rectify and where they stand."""

    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Status"), lambda r: inspection_label(r.status), _status_color),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Operator"), lambda r: r.subject_name),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Shop / website"), lambda r: r.carrier_summary),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Items"), lambda r: list_text(r.item_codes)),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Deadline"), lambda r: format_day(r.deadline)),
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Time left"), _days_left, _status_color),
        Column(
            QT_TRANSLATE_NOOP("InspectionTables", "Extended"),
            lambda r: str(r.extensions) if r.extensions else "",
            right=True,
        ),
        SYNC_COLUMN,
        Column(QT_TRANSLATE_NOOP("InspectionTables", "Requirement"), lambda r: r.requirement),
    )
