"""The import wizard's confirm page when the commit fails for real: the register changed after the preview
(PreviewOutdated) or the disk is full. The page says what happened in place and offers only buttons that work —
never a 下一步 that leads nowhere — and nothing is written until an import succeeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from app.identifiers import org_code_check_char, uscc_check_char
from app.ledger import errors as err
from app.records import Actor, OperatorFilter
from app.services.registry import RegistryService
from localdb.database import Database
from tests.ledger.files import write_xlsx
from tests.ledger.wizard_steps import open_wizard, to_confirm
from tests.ui.test_reason_dialogs import chinese  # noqa: F401  (the fixture)
from ui.ledger_import_wizard import LedgerImportWizard

QWizardButton = LedgerImportWizard.WizardButton


def uscc(n: int) -> str:
    """A valid 统一社会信用代码 (both check characters right) numbered ``n``."""
    org = f"{70000000 + n:08d}"
    first17 = "91530102" + org + org_code_check_char(org)
    return first17 + uscc_check_char(first17)


def new_operators(count: int) -> list[list[Any]]:
    return [[n, f"导入失败测试{n}号网络科技有限公司", uscc(n), "", "", None, "", "", ""] for n in range(1, count + 1)]


def live_ids(db: Database) -> list[str]:
    return RegistryService(db).list_ids(OperatorFilter())


@pytest.fixture
def wizard(qtbot: Any, db: Database, actor: Actor) -> LedgerImportWizard:
    return open_wizard(qtbot, db, actor)


def test_a_stale_preview_offers_a_new_preview_not_next(
    qtbot: Any, wizard: LedgerImportWizard, db: Database, actor: Actor, tmp_path: Path
) -> None:
    to_confirm(wizard, write_xlsx(tmp_path / "ledger.xlsx", new_operators(3)))
    next_button = wizard.button(QWizardButton.NextButton)
    assert next_button.text() == "Import" and next_button.isEnabled()
    registry = RegistryService(db)
    registry.delete(live_ids(db)[0], actor, "在另一个窗口删除")  # the register changes behind the preview
    before = live_ids(db)

    wizard.next()  # 导入

    assert wizard.currentId() == wizard.CONFIRM, "nothing imported: the wizard stays on the confirm page"
    assert live_ids(db) == before and wizard.result_ is None
    problem = wizard.confirm_page.problem
    assert problem.isVisible() and "ledger.xlsx" in problem.text() and "Nothing was imported" in problem.text()
    assert next_button.isVisible() and next_button.text() == "Import", "never a 下一步 that leads nowhere"
    assert not next_button.isEnabled(), "importing the stale preview again cannot succeed"
    back = wizard.button(QWizardButton.BackButton)
    assert back.isVisible() and back.isEnabled() and back.text() == "< Make the preview again"
    assert wizard.button(QWizardButton.CancelButton).isVisible()

    stale = wizard.preview
    back.click()  # makes the preview again and shows it
    assert wizard.currentId() == wizard.PREVIEW
    assert wizard.preview is not stale and wizard.preview is not None and wizard.preview.counts().new == 3
    assert wizard.preview_page.model.rowCount() == 3
    assert back.text() != "< Make the preview again"
    assert next_button.text() != "Import"

    wizard.next()
    assert wizard.currentId() == wizard.CONFIRM
    assert not problem.isVisible() and next_button.isEnabled() and next_button.text() == "Import"
    wizard.next()
    assert wizard.currentId() == wizard.RESULT
    assert wizard.result_ is not None and wizard.result_.new == 3
    assert len(live_ids(db)) == len(before) + 3


@pytest.mark.usefixtures("chinese")
def test_the_failure_and_the_buttons_speak_chinese(qtbot: Any, db: Database, actor: Actor, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, db, actor)  # after the Chinese translator is installed
    to_confirm(wizard, write_xlsx(tmp_path / "台账.xlsx", new_operators(1)))
    RegistryService(db).delete(live_ids(db)[0], actor, "在另一个窗口删除")
    wizard.next()
    assert wizard.confirm_page.problem.text().startswith("台账已发生变化\n")
    assert "未导入任何内容" in wizard.confirm_page.problem.text()
    assert wizard.button(QWizardButton.NextButton).text() == "导入"
    assert wizard.button(QWizardButton.BackButton).text() == "< 重新预览"
    assert wizard.button(QWizardButton.CancelButton).text() == "取消"


def test_when_the_new_preview_fails_too_the_wizard_goes_back_to_the_columns(
    qtbot: Any, wizard: LedgerImportWizard, db: Database, actor: Actor, tmp_path: Path, monkeypatch: Any
) -> None:
    to_confirm(wizard, write_xlsx(tmp_path / "ledger.xlsx", new_operators(2)))
    RegistryService(db).delete(live_ids(db)[0], actor, "在另一个窗口删除")
    wizard.next()
    assert wizard.confirm_page.outdated

    def fails(*_args: Any) -> None:
        raise err.NoStation()

    monkeypatch.setattr(wizard.importer, "preview", fails)
    wizard.button(QWizardButton.BackButton).click()
    assert wizard.currentId() == wizard.MAPPING, "no outdated preview is ever shown"
    monkeypatch.undo()
    wizard.next()  # 下一步 on the columns makes the preview
    assert wizard.currentId() == wizard.PREVIEW and wizard.preview is not None
    wizard.next()
    wizard.next()
    assert wizard.result_ is not None and wizard.result_.new == 2


def _fill_the_disk(db: Database) -> Any:
    """Every new connection may not grow the file (SQLite answers SQLITE_FULL, as on a full disk); returns the hook
    that frees the disk again."""
    db.engine.dispose()

    def limit(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(db.engine, "connect", limit)
    return limit


def test_a_full_disk_keeps_import_as_a_retry(
    qtbot: Any, wizard: LedgerImportWizard, db: Database, tmp_path: Path
) -> None:
    to_confirm(wizard, write_xlsx(tmp_path / "many.xlsx", new_operators(400)))
    before = live_ids(db)
    hook = _fill_the_disk(db)

    wizard.next()  # 导入: the disk is full

    assert wizard.currentId() == wizard.CONFIRM and live_ids(db) == before
    problem = wizard.confirm_page.problem
    assert problem.isVisible() and "disk" in problem.text().lower()
    next_button = wizard.button(QWizardButton.NextButton)
    assert next_button.isVisible() and next_button.isEnabled() and next_button.text() == "Import"
    back = wizard.button(QWizardButton.BackButton)
    assert back.isVisible() and back.isEnabled() and back.text() != "< Make the preview again"

    event.remove(db.engine, "connect", hook)  # room on the disk again
    db.engine.dispose()
    next_button.click()  # try again
    assert wizard.currentId() == wizard.RESULT
    assert wizard.result_ is not None and wizard.result_.new == 400
    assert len(live_ids(db)) == len(before) + 400
