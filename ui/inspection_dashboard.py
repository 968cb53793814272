"""The inspection figures of the 工作台: today's work, this month's counts and a daily chart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app.inspections.data import DashboardFigures
from ui.inspection_models import InspectionServices
from ui.operator_dialog import ERROR_COLOR, NOTE_COLOR


class DailyChart(QFrame):
    """Inspections and problems found per day of the month, as bars (painted: no chart library needed)."""

    INSPECTIONS: Final = QColor(52, 112, 186)
    PROBLEMS: Final = QColor(200, 80, 40)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(180)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.days: list[tuple[date, int, int]] = []

    def set_days(self, days: Sequence[tuple[date, int, int]]) -> None:
        self.days = list(days)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        left, right, top = 34.0, 10.0, 24.0
        bottom = metrics.height() + 8.0
        width = self.width() - left - right
        height = self.height() - top - bottom
        painter.setPen(QColor(NOTE_COLOR))
        legend_x = left
        for color, text in (
            (self.INSPECTIONS, self.tr("Inspections finalized")),
            (self.PROBLEMS, self.tr("Problems found")),
        ):
            painter.fillRect(QRectF(legend_x, 6, 10, 10), color)
            painter.drawText(QPointF(legend_x + 14, 6 + metrics.ascent() - 2), text)
            legend_x += 24 + metrics.horizontalAdvance(text)
        if not self.days or width <= 0 or height <= 0:
            painter.end()
            return
        peak = max(1, *(d[1] for d in self.days))
        painter.drawLine(QPointF(left, top + height), QPointF(left + width, top + height))
        painter.drawText(QRectF(0, top - 6, left - 6, 12), int(Qt.AlignmentFlag.AlignRight), str(peak))
        slot = width / len(self.days)
        bar = max(2.0, slot * 0.36)
        for n, (day, inspections, problems) in enumerate(self.days):
            x = left + n * slot + (slot - 2 * bar) / 2
            for m, (value, color) in enumerate(((inspections, self.INSPECTIONS), (problems, self.PROBLEMS))):
                h = height * value / peak
                painter.fillRect(QRectF(x + m * bar, top + height - h, bar, h), color)
            if day.day == 1 or day.day % 5 == 0:
                painter.drawText(
                    QRectF(left + n * slot - 10, top + height + 2, slot + 20, bottom),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    str(day.day),
                )
        painter.end()


class ChartsDailyChart(QWidget):
    """The same chart drawn by QtCharts (PySide6.QtCharts), used when that module is installed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QChart, QChartView, QValueAxis

        self.days: list[tuple[date, int, int]] = []
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.chart.setMargins(self.chart.margins() * 0)
        self.chart.setBackgroundRoundness(0)
        self.series = QBarSeries()
        self.chart.addSeries(self.series)
        self.x_axis = QBarCategoryAxis()
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def set_days(self, days: Sequence[tuple[date, int, int]]) -> None:
        from PySide6.QtCharts import QBarSet

        self.days = list(days)
        self.series.clear()
        for caption, color, values in (
            (self.tr("Inspections finalized"), DailyChart.INSPECTIONS, [d[1] for d in self.days]),
            (self.tr("Problems found"), DailyChart.PROBLEMS, [d[2] for d in self.days]),
        ):
            bars = QBarSet(caption)
            bars.setColor(color)
            bars.append([float(v) for v in values])
            self.series.append(bars)
        self.x_axis.clear()
        self.x_axis.append([str(d[0].day) for d in self.days])
        peak = max([1, *(d[1] for d in self.days)])
        self.y_axis.setRange(0, peak)
        self.y_axis.setTickCount(min(peak, 5) + 1)


def charts_available() -> bool:
    try:
        from PySide6 import QtCharts  # noqa: F401
    except ImportError:
        return False
    return True


class InspectionDashboard(QWidget):
    """The inspection figures of the 工作台: today's work and this month's counts, with a daily chart."""

    go_to = Signal(str)
    """``inspections``, ``drafts`` or ``rectifications``: the user clicked a figure to see the list behind it."""

    def __init__(self, services: InspectionServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._svc = services
        self.figures: DashboardFigures | None = None
        self.values: dict[str, QLabel] = {}
        today = QGroupBox(self.tr("Today's work"), self)
        grid = QGridLayout(today)
        tiles = [
            ("drafts", self.tr("Drafts to finish"), "drafts"),
            ("tasks_due", self.tr("Tasks due within a week"), "inspections"),
            ("rectifications_overdue", self.tr("Overdue rectifications"), "rectifications"),
            ("rectifications_due_soon", self.tr("Rectifications due soon"), "rectifications"),
            ("not_uploaded", self.tr("Finalized, not yet uploaded"), "inspections"),
        ]
        for n, (key, caption, target) in enumerate(tiles):
            grid.addWidget(self._tile(key, caption, target), 0, n)
        month = QGroupBox(self.tr("This month"), self)
        row = QGridLayout(month)
        for n, (key, caption) in enumerate(
            [
                ("month_inspections", self.tr("Inspections finalized")),
                ("month_problems", self.tr("Problems found")),
                ("month_operators", self.tr("Operators checked")),
            ]
        ):
            row.addWidget(self._tile(key, caption, "inspections"), 0, n)
        self.chart: DailyChart | ChartsDailyChart = ChartsDailyChart(month) if charts_available() else DailyChart(month)
        row.addWidget(self.chart, 1, 0, 1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(today)
        layout.addWidget(month)

    def _tile(self, key: str, caption: str, target: str) -> QWidget:
        tile = QPushButton(self)
        tile.setFlat(True)
        tile.setCursor(Qt.CursorShape.PointingHandCursor)
        tile.setMinimumHeight(74)
        value = QLabel("0", tile)
        value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        value.setStyleSheet("font-size: 20pt; font-weight: bold;")
        text = QLabel(caption, tile)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        column = QVBoxLayout(tile)
        column.setContentsMargins(4, 4, 4, 4)
        column.setSpacing(0)
        column.addWidget(value)
        column.addWidget(text)
        tile.clicked.connect(lambda: self.go_to.emit(target))
        self.values[key] = value
        return tile

    def refresh(self, today: date | None = None) -> DashboardFigures:
        figures = self._svc.dashboard.figures(today)
        self.figures = figures
        for key, value in self.values.items():
            number = int(getattr(figures, key))
            value.setText(str(number))
            alert = key in ("rectifications_overdue",) and number > 0
            value.setStyleSheet("font-size: 20pt; font-weight: bold;" + (f" color: {ERROR_COLOR};" if alert else ""))
        self.chart.set_days([(d.day, d.inspections, d.problems) for d in figures.daily])
        return figures
