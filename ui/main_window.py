"""The main window: navigation on the left (工作台, 经营主体台账, 检查, 整改, 同步, 设置), pages on the right."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.records import Actor, OperatorFilter
from app.services.registry import RegistryService
from app.services.sync import SyncService
from ui.inspection_dashboard import InspectionDashboard
from ui.inspection_models import InspectionServices
from ui.inspections_view import InspectionsView
from ui.ledger_services import LedgerServices
from ui.rectification_view import RectificationView
from ui.registry_view import RegistryView
from ui.sync_view import SyncView

translate = QCoreApplication.translate


def _page(title: str, body: str) -> QWidget:
    """A simple page with a heading and a paragraph (used for the sections not built yet, honestly labelled)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    heading = QLabel(title)
    heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
    text = QLabel(body)
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    layout.addWidget(heading)
    layout.addWidget(text)
    layout.addStretch(1)
    return page


class DashboardPage(QWidget):
    """工作台: the station, the current officer and the register's size at a glance, and what to do next."""

    def __init__(
        self,
        registry: RegistryService,
        station_name: str,
        actor: Actor,
        inspections: InspectionServices | None = None,
    ) -> None:
        super().__init__()
        self._registry = registry
        layout = QVBoxLayout(self)
        heading = QLabel(station_name)
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout.addWidget(heading)
        form = QFormLayout()
        self.officer_label = QLabel(actor.name)
        self.operators_label = QLabel()
        self.flagged_label = QLabel()
        form.addRow(translate("MainWindow", "Current officer:"), self.officer_label)
        form.addRow(translate("MainWindow", "Operators in the register:"), self.operators_label)
        form.addRow(translate("MainWindow", "Listed as abnormal:"), self.flagged_label)
        layout.addLayout(form)
        self.inspections = InspectionDashboard(inspections) if inspections is not None else None
        if self.inspections is not None:
            layout.addWidget(self.inspections)
        hint = QLabel(
            translate(
                "MainWindow",
                "Open the operator register on the left to search, add or edit operators, Inspections to start or "
                "continue an inspection record and to draw random inspection tasks, Rectification to follow "
                "orders to rectify, and Synchronisation to exchange data with the provincial platform.",
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Recount (cheap: indexed counts)."""
        self.operators_label.setText(str(self._registry.count()))
        self.flagged_label.setText(str(self._registry.count(OperatorFilter(abnormal_only=True))))
        if self.inspections is not None:
            self.inspections.refresh()


class MainWindow(QMainWindow):
    """The application window; receives its services through the constructor."""

    def __init__(
        self,
        registry: RegistryService,
        station_name: str,
        actor: Actor,
        data_dir_text: str,
        *,
        ledger: LedgerServices | None = None,
        inspections: InspectionServices | None = None,
        sync: SyncService | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(translate("MainWindow", "StationDesk") + " — " + station_name)
        self.resize(1280, 800)
        self.navigation = QListWidget()
        self.navigation.setFixedWidth(150)
        self.navigation.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px 6px; }")
        self.pages = QStackedWidget()
        self.dashboard = DashboardPage(registry, station_name, actor, inspections)
        self.registry_view = RegistryView(registry, lambda: actor, ledger=ledger)
        not_yet = translate(
            "MainWindow", "This section is not available yet. It will come with a later version of StationDesk."
        )
        self.inspections_view: InspectionsView | None = None
        self.rectification_view: RectificationView | None = None
        inspections_page: QWidget = _page(translate("MainWindow", "Inspections"), not_yet)
        rectification_page: QWidget = _page(translate("MainWindow", "Rectification"), not_yet)
        if inspections is not None:
            self.inspections_view = InspectionsView(inspections, lambda: actor)
            self.rectification_view = RectificationView(inspections, lambda: actor)
            self.rectification_view.open_inspection.connect(self.open_inspection)
            assert self.dashboard.inspections is not None
            self.dashboard.inspections.go_to.connect(self._go_to)
            inspections_page, rectification_page = self.inspections_view, self.rectification_view
        self.sync_view: SyncView | None = None
        sync_page: QWidget = _page(translate("MainWindow", "Synchronisation"), not_yet)
        if sync is not None:
            self.sync_view = SyncView(sync, actor=lambda: actor)
            self.sync_view.synced.connect(self._after_sync)
            sync_page = self.sync_view
        sections: list[tuple[str, QWidget]] = [
            (translate("MainWindow", "Dashboard"), self.dashboard),
            (translate("MainWindow", "Operator register"), self.registry_view),
            (translate("MainWindow", "Inspections"), inspections_page),
            (translate("MainWindow", "Rectification"), rectification_page),
            (translate("MainWindow", "Synchronisation"), sync_page),
            (
                translate("MainWindow", "Settings"),
                _page(
                    translate("MainWindow", "Settings"),
                    translate(
                        "MainWindow",
                        "Data folder: {path}\nThe database is encrypted; its key is kept as chosen at first start.",
                    ).format(path=data_dir_text),
                ),
            ),
        ]
        for title, page in sections:
            self.navigation.addItem(title)
            self.pages.addWidget(page)
        self.navigation.currentRowChanged.connect(self._show_page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(translate("MainWindow", "Current officer: {name}").format(name=actor.name))
        self.navigation.setCurrentRow(1)
        for row in range(len(sections)):
            QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self, lambda row=row: self.navigation.setCurrentRow(row))

    def _show_page(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        page = self.pages.currentWidget()
        if page is self.dashboard:
            self.dashboard.refresh()
        elif page is self.inspections_view and self.inspections_view is not None:
            self.inspections_view.refresh()
        elif page is self.rectification_view and self.rectification_view is not None:
            self.rectification_view.reload()

    def _after_sync(self) -> None:
        """Pulled changes are in the database: show them."""
        self.registry_view.reload()
        self.dashboard.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.inspections_view is not None:
            self.inspections_view.flush()  # the last keystrokes of an open inspection record
        super().closeEvent(event)

    def open_inspection(self, inspection_id: str) -> None:
        """Show an inspection record in the editor of the 检查 page."""
        if self.inspections_view is None:
            return
        self.navigation.setCurrentRow(self.pages.indexOf(self.inspections_view))
        self.inspections_view.open_record(inspection_id)

    def _go_to(self, target: str) -> None:
        """A figure of the dashboard was clicked: show the list behind it."""
        if target == "rectifications" and self.rectification_view is not None:
            self.navigation.setCurrentRow(self.pages.indexOf(self.rectification_view))
        elif self.inspections_view is not None:
            self.navigation.setCurrentRow(self.pages.indexOf(self.inspections_view))
            self.inspections_view.show_list()
            self.inspections_view.tabs.setCurrentWidget(self.inspections_view.records)
            state = "draft" if target == "drafts" else ""
            combo = self.inspections_view.records.state_filter
            combo.setCurrentIndex(max(combo.findData(state), 0))
