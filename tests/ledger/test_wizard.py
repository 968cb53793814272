"""The import wizard, the export dialog and the registry view's ledger buttons, with real widgets (pytest-qt,
offscreen) on a real encrypted station database. Translations are not installed here: the widgets show the
English source text, so the tests look at behaviour, not wording."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

from app.ledger.export_service import LedgerExports
from app.ledger.service import LedgerExportService, LedgerImportService
from app.records import Actor, OperatorFilter
from app.services.registry import RegistryService
from localdb.database import Database
from tests.ledger.conftest import audit_count, close_message_boxes, officer, state
from tests.ledger.files import HEADER, OTHER_USCC, rows_basic, write_xlsx
from tests.ledger.wizard_steps import choose_file, open_wizard, to_confirm
from ui.ledger_export_dialog import LedgerExportDialog, write_template_to
from ui.ledger_import_wizard import LedgerImportWizard
from ui.ledger_preview_model import PreviewModel
from ui.ledger_services import LedgerServices
from ui.registry_view import RegistryView


@pytest.fixture
def actor(demo_db: Database) -> Actor:
    return officer(demo_db)


@pytest.fixture
def wizard(qtbot: Any, demo_db: Database, actor: Actor) -> LedgerImportWizard:
    return open_wizard(qtbot, demo_db, actor)


def test_the_whole_import_and_undo(qtbot: Any, wizard: LedgerImportWizard, demo_db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ledger.xlsx", rows_basic())
    before = state(demo_db)
    choose_file(wizard, path)
    assert wizard.currentId() == wizard.MAPPING, "one sheet: the sheet page is skipped"
    assert [c.currentData() for c in wizard.mapping_page.combos[:3]] == ["", "name", "identifier.uscc"]
    wizard.next()
    assert wizard.currentId() == wizard.PREVIEW
    assert wizard.preview is not None and wizard.preview.counts().new == 3
    assert wizard.preview_page.model.rowCount() == 3
    assert "3" in wizard.preview_page.summary.text()
    assert state(demo_db) == before, "nothing is written before the confirm page"
    wizard.next()
    assert wizard.currentId() == wizard.CONFIRM
    wizard.next()
    assert wizard.currentId() == wizard.RESULT
    assert wizard.result_ is not None and wizard.result_.new == 3
    registry = RegistryService(demo_db)
    assert len(registry.search_ids("翠湖电子商务", OperatorFilter())) == 1
    wizard.result_page.undo_button.click()
    assert state(demo_db) == before
    assert not wizard.result_page.undo_button.isEnabled()


def test_a_bad_file_keeps_the_wizard_on_the_file_page(
    qtbot: Any, wizard: LedgerImportWizard, demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    choose_file(wizard, path)
    assert wizard.currentId() == wizard.FILE
    shown = close_message_boxes()
    assert shown and "photo.xlsx" in shown[0]


def test_several_sheets_ask_which_and_the_mapping_can_be_corrected(
    qtbot: Any, wizard: LedgerImportWizard, demo_db: Database, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", rows_basic()[:1], sheet="一月")
    workbook = load_workbook(path)
    second = workbook.create_sheet("二月")
    second.append(["名称", "代码", "联系电话"])
    second.append(["二月新增有限公司", OTHER_USCC, "13800000000"])
    hidden = workbook.create_sheet("旧")
    hidden.append(HEADER)
    hidden.sheet_state = "hidden"
    workbook.save(path)
    choose_file(wizard, path)
    assert wizard.currentId() == wizard.SHEET
    items = [wizard.sheet_page.sheets.item(i) for i in range(wizard.sheet_page.sheets.count())]
    assert [i.text().split(" ")[0] for i in items][:2] == ["一月", "二月"]
    assert not items[2].flags(), "a hidden sheet cannot be chosen"
    wizard.sheet_page.sheets.setCurrentRow(1)
    wizard.next()
    assert wizard.currentId() == wizard.MAPPING
    combos = wizard.mapping_page.combos
    assert combos[1].currentData() == "", "代码 alone is not recognised"
    combos[1].setCurrentIndex(combos[1].findData("identifier.uscc"))
    wizard.next()
    assert wizard.preview is not None
    (item,) = wizard.preview.items
    assert item.status == "new" and item.identifier == OTHER_USCC


def test_mapping_without_a_name_column_is_refused(qtbot: Any, wizard: LedgerImportWizard, tmp_path: Path) -> None:
    choose_file(wizard, write_xlsx(tmp_path / "x.xlsx", rows_basic()))
    name_combo = wizard.mapping_page.combos[1]
    name_combo.setCurrentIndex(name_combo.findData(""))
    wizard.next()
    assert wizard.currentId() == wizard.MAPPING
    assert close_message_boxes()


def test_preview_model_is_a_well_behaved_model(qtmodeltester: Any, demo_db: Database, tmp_path: Path) -> None:
    preview = LedgerImportService(demo_db).dry_run(write_xlsx(tmp_path / "x.xlsx", rows_basic()))
    model = PreviewModel()
    model.set_items(preview.items)
    qtmodeltester.check(model)
    model.set_filter("warnings")
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_export_dialog_with_personal_data_is_audited(
    qtbot: Any, demo_db: Database, actor: Actor, tmp_path: Path
) -> None:
    dialog = LedgerExportDialog(LedgerExports(demo_db), lambda: actor)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen_kind() == "registry" and dialog.kind.count() == 6
    target = tmp_path / "register.xlsx"
    dialog.path_edit.setText(str(target))
    dialog.personal.setChecked(True)
    audit = audit_count(demo_db)
    dialog.export_button.click()
    assert target.exists() and dialog.result_ is not None and not dialog.result_.masked
    assert audit_count(demo_db) == audit + 1
    close_message_boxes()


def test_template_download(qtbot: Any, demo_db: Database, tmp_path: Path) -> None:
    path = write_template_to(LedgerExportService(demo_db), None, tmp_path / "template.xlsx")
    assert path is not None and path.exists()
    close_message_boxes()


def test_registry_view_buttons(qtbot: Any, demo_db: Database, actor: Actor, tmp_path: Path) -> None:
    registry = RegistryService(demo_db)
    plain = RegistryView(registry, lambda: actor)
    qtbot.addWidget(plain)
    assert plain.import_button.isHidden() and plain.export_button.isHidden() and plain.template_button.isHidden()

    view = RegistryView(registry, lambda: actor, ledger=LedgerServices.for_database(demo_db))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.import_button.isVisible() and view.export_button.isVisible() and view.template_button.isVisible()

    view.undo_last_import()
    assert close_message_boxes(), "nothing to undo is said, not silently ignored"

    view.import_button.click()
    assert isinstance(view.dialog, LedgerImportWizard)
    wizard = view.dialog
    to_confirm(wizard, write_xlsx(tmp_path / "x.xlsx", rows_basic()))
    wizard.next()
    assert wizard.result_ is not None
    count = view.model.rowCount()
    wizard.accept()
    assert view.model.rowCount() == count + 3, "the list is reloaded after an import"

    view.undo_last_import()
    box = view.dialog
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    assert view.model.rowCount() == count
    close_message_boxes()

    view.export_button.click()
    assert isinstance(view.dialog, LedgerExportDialog)
    view.dialog.reject()
