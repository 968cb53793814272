"""The ledger use cases over an open station database: import (dry run, commit, undo) and export.

Long steps are plain methods taking a :class:`app.progress.Progress`; the wizard runs them off the GUI thread,
the CLI and the benchmarks call them directly. Messages that end up in the database (audit reasons) are
translated with the ``translate`` function handed in by the caller (Qt's, from the UI or the CLI).
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from app.ledger import errors as err
from app.ledger.classify import build_items
from app.ledger.commit import CommitResult, commit_preview, remember_mapping, remembered_mapping
from app.ledger.error_report import write_error_report
from app.ledger.errors import Translate, untranslated
from app.ledger.export import ExportResult, export_registry, write_template
from app.ledger.headers import HeaderLayout, Mapping, check_mapping, detect_header
from app.ledger.parse import parse_sheet
from app.ledger.preview import Preview
from app.ledger.reader import LedgerFile, SheetGrid
from app.ledger.snapshot import Snapshot, load_snapshot, read_mark
from app.ledger.sniff import open_ledger
from app.ledger.undo import LastImport, UndoResult, last_import, undo_last_import
from app.progress import Progress
from app.records import Actor
from localdb.database import Database
from localdb.search_backlog import BULK_CHUNK, drain_backlog

SCALE: Final = 1000

log = logging.getLogger(__name__)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Switch Python's cyclic garbage collector off for the duration of a bulk step.

    A ledger of 100,000 rows makes millions of small lists and dicts (none of them in reference cycles, so
    reference counting frees them); the cyclic collector would walk them all again and again as they are made,
    which costs a third to a half of the dry run. It is switched back on (if it was on) when the step ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def scaled(parent: Progress, low: float, high: float) -> Progress:
    """A progress token reporting into ``parent``'s range ``low``–``high`` (fractions); cancelling the parent
    stops the child's next step."""

    def report(done: int, total: int) -> None:
        parent.step(int(SCALE * (low + (high - low) * min(done, total) / max(total, 1))), SCALE)

    return Progress(report)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class LoadedSheet:
    """One sheet read and its header found: what the mapping page shows and the preview parses."""

    ledger: LedgerFile
    grid: SheetGrid
    layout: HeaderLayout
    mapping: Mapping
    """The mapping to use: the one remembered for this header layout, else the automatic one."""
    remembered: bool
    file_sha256: str
    snapshot: Snapshot | None = None
    """The register as it was when the sheet was read; the preview uses it while the register is unchanged."""

    @property
    def sheet(self) -> str:
        return self.grid.sheet


class RegisterRead:
    """The register read on a helper thread while sheets are read (calamine lets go of the GIL while it parses),
    for the preview to match against if the register has not changed by then.

    Leaving the ``with`` block does not wait for a read still running (a sheet without a header is reported at
    once); that read ends on its own and its result is dropped."""

    def __init__(self, db: Database) -> None:
        self._helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ledger-register")
        self._snapshot = self._helper.submit(self._read, db)

    def __enter__(self) -> RegisterRead:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._helper.shutdown(wait=False)

    def result(self) -> Snapshot | None:
        """The register as a detached snapshot, or ``None`` when it could not be read (the preview reads it)."""
        return self._snapshot.result()

    @staticmethod
    def _read(db: Database) -> Snapshot | None:
        try:
            with db.engine.connect() as conn:
                snapshot = load_snapshot(conn)
                snapshot.detach()
                conn.rollback()
        except Exception:  # any failure only costs the preview its own read of the register
            log.warning("could not read the register ahead of the preview", exc_info=True)
            return None
        return snapshot


@dataclass(frozen=True)
class SheetCandidate:
    name: str
    visible: bool
    looks_like_ledger: bool


class LedgerImportService:
    """Import of ledgers into the register."""

    def __init__(self, db: Database, translate: Translate = untranslated) -> None:
        self._db = db
        self._translate = translate

    # -- file and sheet ------------------------------------------------------------------------------------
    @staticmethod
    def open(path: Path) -> LedgerFile:
        """Open and check the file (raises :class:`app.ledger.errors.LedgerError`)."""
        return open_ledger(path)

    def candidates(self, ledger: LedgerFile, progress: Progress | None = None) -> list[SheetCandidate]:
        """Every sheet, hidden ones marked; visible ones checked for a header when there are several."""
        progress = progress or Progress.none()
        sheets = ledger.sheets()
        visible = [s for s in sheets if s.visible]
        result: list[SheetCandidate] = []
        for index, sheet in enumerate(sheets):
            looks = sheet.visible
            if sheet.visible and len(visible) > 1:
                try:
                    detect_header(ledger.read(sheet.name, scaled(progress, index / len(sheets), index / len(sheets))))
                except err.LedgerError as exc:
                    if isinstance(exc, err.TooManyRows | err.PasswordProtected | err.DamagedWorkbook):
                        raise
                    looks = False
            result.append(SheetCandidate(sheet.name, sheet.visible, looks))
        return result

    def choose_sheet(self, ledger: LedgerFile, sheet: str | None, progress: Progress | None = None) -> LoadedSheet:
        """The sheet to import without asking: the named one, the only visible one, or the only one with a header.

        Raises :class:`~app.ledger.errors.SeveralSheets` when several sheets look like ledgers.
        """
        progress = progress or Progress.none()
        visible = ledger.visible_sheets()
        if sheet is None and not visible:
            raise err.NoSheets(file=ledger.name)
        with RegisterRead(self._db) as register:  # once, whichever sheets are read
            if sheet is not None:
                return self._load(ledger, sheet, progress, register)
            if len(visible) == 1:
                return self._load(ledger, visible[0], progress, register)
            loaded: list[LoadedSheet] = []
            first_problem: err.LedgerError | None = None
            for name in visible:
                try:
                    loaded.append(self._load(ledger, name, progress, register))
                except (err.NoHeader, err.EmptySheet) as exc:
                    first_problem = first_problem or exc
        if len(loaded) == 1:
            return loaded[0]
        if not loaded:
            assert first_problem is not None
            raise first_problem
        raise err.SeveralSheets(file=ledger.name, sheets="、".join(s.sheet for s in loaded))

    def load(self, ledger: LedgerFile, sheet: str, progress: Progress | None = None) -> LoadedSheet:
        """Read ``sheet``, find its header and the mapping to propose."""
        with RegisterRead(self._db) as register:
            return self._load(ledger, sheet, progress or Progress.none(), register)

    def _load(self, ledger: LedgerFile, sheet: str, progress: Progress, register: RegisterRead) -> LoadedSheet:
        with paused_gc():  # the helper thread builds the register's millions of tuples meanwhile
            grid = ledger.read(sheet, progress)
            layout = detect_header(grid)
            snapshot = register.result()
        mapping = dict(layout.mapping)
        remembered = False
        with self._db.engine.connect() as conn:
            stored = remembered_mapping(conn, layout.layout_hash)
            conn.rollback()
        width = max(len(layout.labels), grid.width)  # measured once: a pass over every row
        if stored is not None and all(0 <= c < width for c in stored):
            mapping, remembered = stored, True
        return LoadedSheet(ledger, grid, layout, mapping, remembered, file_digest(ledger.path), snapshot)

    # -- dry run and commit --------------------------------------------------------------------------------
    def preview(self, loaded: LoadedSheet, mapping: Mapping | None = None, progress: Progress | None = None) -> Preview:
        """What importing ``loaded`` with ``mapping`` would do; writes nothing."""
        progress = progress or Progress.none()
        mapping = dict(loaded.mapping if mapping is None else mapping)
        check_mapping(loaded.grid, mapping)
        with paused_gc():
            return self._preview(loaded, mapping, progress)

    def _preview(self, loaded: LoadedSheet, mapping: Mapping, progress: Progress) -> Preview:
        parsed = parse_sheet(
            loaded.grid, mapping, loaded.layout.data_start, scaled(progress, 0.0, 0.4), loaded.layout.labels
        )
        with self._db.engine.connect() as conn:
            snapshot = loaded.snapshot
            if snapshot is None or snapshot.mark != read_mark(conn):
                snapshot = load_snapshot(conn)
            if not snapshot.station_id:
                raise err.NoStation()
            progress.step(int(SCALE * 0.5), SCALE)
            items = build_items(snapshot, parsed, scaled(progress, 0.5, 1.0))
            conn.rollback()
        return Preview(
            file_name=loaded.ledger.name,
            sheet=loaded.sheet,
            file_sha256=loaded.file_sha256,
            layout_hash=loaded.layout.layout_hash,
            labels=loaded.layout.labels,
            mapping=mapping,
            items=items,
            mark=snapshot.mark,
            station_id=snapshot.station_id,
            skipped_notes=parsed.skipped_notes,
        )

    def dry_run(self, path: Path, sheet: str | None = None, progress: Progress | None = None) -> Preview:
        """Open, choose the sheet, use the remembered or automatic mapping, and preview (the CLI's path)."""
        progress = progress or Progress.none()
        ledger = self.open(path)
        loaded = self.choose_sheet(ledger, sheet, scaled(progress, 0.0, 0.5))
        return self.preview(loaded, None, scaled(progress, 0.5, 1.0))

    def commit(self, preview: Preview, actor: Actor | None, progress: Progress | None = None) -> CommitResult:
        """Write the preview in one transaction (nothing is written when it is cancelled or fails)."""
        with paused_gc():
            return commit_preview(self._db, preview, actor, self._translate, progress)

    def finish_backlogs(self, progress: Progress | None = None) -> int:
        """Write what the commit left for later now: its outbox entries (localdb/outbox_backlog.py), then its search
        entries (the CLI, before it exits; the app does both in the background, ui/backlog_worker.py). Returns how
        many operators were indexed."""
        progress = progress or Progress.none()
        self._db.settle_outbox(should_stop=lambda: progress.cancelled)
        return drain_backlog(self._db, progress.step, lambda: progress.cancelled, chunk=BULK_CHUNK)

    def remember(self, loaded: LoadedSheet, mapping: Mapping) -> None:
        """Remember ``mapping`` for ledgers with the same header layout (done on commit as well)."""
        with self._db.bulk_transaction() as conn:
            remember_mapping(
                conn, loaded.layout.layout_hash, loaded.layout.labels, mapping, datetime.now().isoformat(sep=" ")
            )

    def error_report(self, path: Path, loaded: LoadedSheet, preview: Preview) -> int:
        """Write the error report workbook; returns how many rows it lists (0: nothing to report, no file)."""
        return write_error_report(path, loaded.grid, loaded.layout, preview, self._translate)

    # -- undo ----------------------------------------------------------------------------------------------
    def last_import(self) -> LastImport | None:
        return last_import(self._db)

    def undo_last(self, actor: Actor | None, progress: Progress | None = None) -> UndoResult:
        with paused_gc():
            return undo_last_import(self._db, actor, self._translate, progress)


class LedgerExportService:
    """Export of the register and the blank import template."""

    def __init__(self, db: Database, translate: Translate = untranslated) -> None:
        self._db = db
        self._translate = translate

    def station_name(self) -> str:
        with self._db.engine.connect() as conn:
            name = conn.exec_driver_sql("SELECT name FROM station LIMIT 1").scalar()
            conn.rollback()
        return str(name or "")

    def export_registry(
        self,
        path: Path,
        *,
        include_personal_data: bool,
        actor: Actor | None,
        progress: Progress | None = None,
    ) -> ExportResult:
        return export_registry(
            self._db,
            path,
            include_personal_data=include_personal_data,
            actor=actor,
            station_name=self.station_name(),
            translate=self._translate,
            progress=progress,
        )

    def write_template(self, path: Path) -> Path:
        return write_template(path, self._translate)
