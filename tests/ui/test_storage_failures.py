"""A full disk while saving: the dialog stays open with what was typed, says what to do, and nothing is lost."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from app.records import Actor
from app.services.registry import RegistryService
from localdb.database import Database
from tests.ui.conftest import KNOWN
from tests.ui.test_registry_view import id_of, open_editor, set_text
from ui.registry_view import RegistryView


def _fill_the_disk(db: Database) -> None:
    """From now on every connection may not grow the file: SQLite answers SQLITE_FULL, as on a full disk."""
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def limit(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")


def test_full_disk_keeps_the_dialog_and_the_data(
    qtbot: Any, db: Database, registry: RegistryService, actor: Actor
) -> None:
    view = RegistryView(registry, lambda: actor)
    qtbot.addWidget(view)
    view.show()
    operator_id = id_of(registry, KNOWN.valid_name)
    before = registry.detail(operator_id)
    dialog = open_editor(qtbot, view, KNOWN.valid_name)
    _fill_the_disk(db)
    dialog.scope_edit.setPlainText("经营范围很长" * 3000)  # the row no longer fits its page: new pages needed
    set_text(qtbot, dialog.name_edit, KNOWN.valid_name + "（更名）")
    dialog.save_button.click()
    assert dialog.isVisible(), "the dialog stays open with what was typed"
    assert "disk" in dialog.summary_label.text().lower()
    assert registry.detail(operator_id) == before
