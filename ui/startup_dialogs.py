"""Dialogs of the first minutes: where to keep the key, what to start with, and who is working today."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationFailed
from app.records import OfficerRecord
from app.services.officers import OfficerService
from ui.ui_text import translate_finding

DEMO_OPERATORS = 20_000


translate = QCoreApplication.translate


class KeyStorageDialog(QDialog):
    """Asked only when the OS has no credential store: a passphrase, or a key file (with its risk spelt out)."""

    def __init__(self, default_key_file: Path, creating: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Startup", "Where to keep the database key"))
        self.setMinimumWidth(560)
        self._creating = creating
        layout = QVBoxLayout(self)
        explanation = QLabel(
            translate(
                "Startup",
                "This computer has no system credential store, so StationDesk cannot keep the database key there. "
                "Choose how to unlock the encrypted database:",
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        self.passphrase_choice = QRadioButton(translate("Startup", "A passphrase I type at every start (safest)"))
        self.file_choice = QRadioButton(
            translate("Startup", "A key file (anyone who copies this file can read the data)")
        )
        self.passphrase_choice.setChecked(True)
        layout.addWidget(self.passphrase_choice)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(translate("Startup", "Passphrase:"), self.passphrase)
        if creating:
            form.addRow(translate("Startup", "Repeat:"), self.repeat)
        layout.addLayout(form)
        layout.addWidget(self.file_choice)
        self.key_file = QLineEdit(str(default_key_file))
        layout.addWidget(self.key_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if self.passphrase_choice.isChecked():
            if len(self.passphrase.text()) < 8:
                QMessageBox.warning(
                    self, self.windowTitle(), translate("Startup", "The passphrase needs at least 8 characters.")
                )
                return
            if self._creating and self.passphrase.text() != self.repeat.text():
                QMessageBox.warning(
                    self, self.windowTitle(), translate("Startup", "The two passphrases differ. Type them again.")
                )
                return
        elif not self.key_file.text().strip():
            QMessageBox.warning(
                self, self.windowTitle(), translate("Startup", "Enter where the key file should be kept.")
            )
            return
        self.accept()


class FirstRunDialog(QDialog):
    """No database yet: start with the demo station, or with an empty station of one's own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Startup", "Welcome to StationDesk"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(translate("Startup", "There is no station data on this computer yet. How do you want to start?"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.demo_choice = QRadioButton(
            translate("Startup", "Try the demo station (synthetic operators, safe to play with)")
        )
        self.demo_choice.setChecked(True)
        self.demo_size = QSpinBox()
        self.demo_size.setRange(100, 200_000)
        self.demo_size.setSingleStep(1000)
        self.demo_size.setValue(DEMO_OPERATORS)
        self.empty_choice = QRadioButton(translate("Startup", "Set up my own station (empty register)"))
        form = QFormLayout()
        self.station_name = QLineEdit()
        self.station_name.setPlaceholderText(
            translate("Startup", "e.g. Huguo Station of the Wuhua District Market Regulation Bureau, Kunming")
        )
        self.region_code = QLineEdit()
        self.region_code.setPlaceholderText(translate("Startup", "6-digit county code, e.g. 530102"))
        self.officer_name = QLineEdit()
        self.officer_cert = QLineEdit()
        form.addRow(translate("Startup", "Station name:"), self.station_name)
        form.addRow(translate("Startup", "County code:"), self.region_code)
        form.addRow(translate("Startup", "Your name:"), self.officer_name)
        form.addRow(translate("Startup", "Your enforcement certificate no.:"), self.officer_cert)
        layout.addWidget(self.demo_choice)
        demo_row = QFormLayout()
        demo_row.addRow(translate("Startup", "Number of demo operators:"), self.demo_size)
        layout.addLayout(demo_row)
        layout.addWidget(self.empty_choice)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.demo_choice.toggled.connect(self._enable_fields)
        self._enable_fields()

    def _enable_fields(self) -> None:
        """Only the chosen way's fields can be filled in."""
        demo = self.demo_choice.isChecked()
        self.demo_size.setEnabled(demo)
        for edit in (self.station_name, self.region_code, self.officer_name, self.officer_cert):
            edit.setEnabled(not demo)

    def _accept(self) -> None:
        if self.empty_choice.isChecked():
            region = self.region_code.text().strip()
            if not self.station_name.text().strip() or not self.officer_name.text().strip():
                QMessageBox.warning(
                    self, self.windowTitle(), translate("Startup", "Enter the station name and your name.")
                )
                return
            if len(region) != 6 or not region.isdigit():
                QMessageBox.warning(
                    self, self.windowTitle(), translate("Startup", "The county code has 6 digits, e.g. 530102.")
                )
                return
        self.accept()


class OfficerPickerDialog(QDialog):
    """Who is working now: every change made in this session is attributed to the chosen officer."""

    def __init__(self, officers: OfficerService, preselect: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._officers = officers
        self.setWindowTitle(translate("Startup", "Who is working?"))
        layout = QVBoxLayout(self)
        intro = QLabel(translate("Startup", "Choose your name. Every change you make is recorded under it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.combo = QComboBox()
        layout.addWidget(self.combo)
        form = QFormLayout()
        self.new_name = QLineEdit()
        self.new_cert = QLineEdit()
        form.addRow(translate("Startup", "Or add a new officer — name:"), self.new_name)
        form.addRow(translate("Startup", "Enforcement certificate no.:"), self.new_cert)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.chosen: OfficerRecord | None = None
        self._fill(preselect)

    def _fill(self, preselect: str) -> None:
        self.combo.clear()
        for officer in self._officers.active_officers():
            label = f"{officer.name}（{officer.cert_no}）" if officer.cert_no else officer.name
            self.combo.addItem(label, officer)
            if officer.id == preselect:
                self.combo.setCurrentIndex(self.combo.count() - 1)

    def _accept(self) -> None:
        if self.new_name.text().strip():
            try:
                self.chosen = self._officers.add_officer(self.new_name.text(), self.new_cert.text())
            except ValidationFailed as exc:
                QMessageBox.warning(self, self.windowTitle(), "\n".join(translate_finding(f) for f in exc.findings))
                return
        else:
            self.chosen = self.combo.currentData()
        if self.chosen is None:
            QMessageBox.warning(
                self, self.windowTitle(), translate("Startup", "Choose your name or add yourself as a new officer.")
            )
            return
        self.accept()
