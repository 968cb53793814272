"""The main window: navigation on the left (工作台, 经营主体台账, 检查, 整改, 同步, 设置), pages on the right."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
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
from ui.registry_view import RegistryView

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

    def __init__(self, registry: RegistryService, station_name: str, actor: Actor) -> None:
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
        hint = QLabel(
            translate(
                "MainWindow",
                "Open the operator register on the left to search, add or edit operators. Inspections, "
                "rectification and synchronisation with the provincial platform come in the next versions.",
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Recount (cheap: two indexed counts)."""
        self.operators_label.setText(str(self._registry.count()))
        self.flagged_label.setText(str(self._registry.count(OperatorFilter(abnormal_only=True))))


class MainWindow(QMainWindow):
    """The application window; receives its services through the constructor."""

    def __init__(self, registry: RegistryService, station_name: str, actor: Actor, data_dir_text: str) -> None:
        super().__init__()
        self.setWindowTitle(translate("MainWindow", "StationDesk") + " — " + station_name)
        self.resize(1280, 800)
        self.navigation = QListWidget()
        self.navigation.setFixedWidth(150)
        self.navigation.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px 6px; }")
        self.pages = QStackedWidget()
        self.dashboard = DashboardPage(registry, station_name, actor)
        self.registry_view = RegistryView(registry, lambda: actor)
        not_yet = translate(
            "MainWindow", "This section is not available yet. It will come with a later version of StationDesk."
        )
        sections: list[tuple[str, QWidget]] = [
            (translate("MainWindow", "Dashboard"), self.dashboard),
            (translate("MainWindow", "Operator register"), self.registry_view),
            (translate("MainWindow", "Inspections"), _page(translate("MainWindow", "Inspections"), not_yet)),
            (translate("MainWindow", "Rectification"), _page(translate("MainWindow", "Rectification"), not_yet)),
            (translate("MainWindow", "Synchronisation"), _page(translate("MainWindow", "Synchronisation"), not_yet)),
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
        if self.pages.currentWidget() is self.dashboard:
            self.dashboard.refresh()
