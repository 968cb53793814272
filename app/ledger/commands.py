"""The ledger commands of ``python -m app``: ``import`` and ``export``.

``import FILE [--dry-run] [--sheet NAME] [--json] [--error-report FILE] [--officer NAME]`` prints the preview
(counts, then the first problems with their row and column) and commits unless ``--dry-run``; with ``--json`` the
last line of stdout is one JSON object with the integer keys ``new``, ``changed``, ``unchanged``, ``conflicts``,
``rejected`` and ``warnings``. ``export KIND FILE [--month YYYY-MM] [--include-personal-data]`` writes a ledger;
``--task NUMBER`` narrows the draw record to one task. Exit codes: 0 done; 2 a known failure (a file that cannot be
imported, no database, a malformed month, a task without a draw, a file that cannot be written…), with a Chinese
message on stderr and nothing changed.
app/cli.py adds the parsers and app/__main__.py dispatches here.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Final

from app.i18n import QT_TRANSLATE_NOOP
from app.ledger import errors as err
from app.ledger.export_service import EXPORT_KINDS, PERSONAL_KINDS, BadMonth, LedgerExports, check_month
from app.ledger.preview import Preview, Status
from app.ledger.reader import column_letter
from app.ledger.service import LedgerImportService
from app.records import Actor
from app.services.officers import OfficerService
from app.station_store import open_station_database
from localdb.database import Database

if TYPE_CHECKING:
    from app.cli import CliContext

COMMANDS: Final = frozenset({"import", "export"})
EXIT_USAGE: Final = 2
SHOWN_PROBLEMS: Final = 20

STATUS_WORDS: Final = {
    Status.REJECTED: QT_TRANSLATE_NOOP("Cli", "rejected"),
    Status.CONFLICT: QT_TRANSLATE_NOOP("Cli", "conflict"),
    Status.NEW: QT_TRANSLATE_NOOP("Cli", "warning"),
    Status.CHANGED: QT_TRANSLATE_NOOP("Cli", "warning"),
    Status.UNCHANGED: QT_TRANSLATE_NOOP("Cli", "warning"),
}


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    """Add ``import`` and ``export`` to ``python -m app``."""
    importing = commands.add_parser(
        "import", parents=[common], help="import a ledger (.xlsx, .xls, .csv) into the register"
    )
    importing.add_argument("file", type=Path)
    importing.add_argument("--dry-run", action="store_true", help="only show what would change")
    importing.add_argument("--sheet", default=None, help="the sheet to import (when the file has several)")
    importing.add_argument("--json", action="store_true", help="end with the counts as one JSON line")
    importing.add_argument("--error-report", type=Path, default=None, help="write the problem rows to this .xlsx")
    importing.add_argument("--officer", default=None, help="the officer doing the import (for the audit log)")
    exporting = commands.add_parser("export", parents=[common], help="export a ledger to .xlsx")
    exporting.add_argument("kind", choices=EXPORT_KINDS)
    exporting.add_argument("file", type=Path)
    exporting.add_argument("--month", default=None, help="YYYY-MM (monthly report; ignored by the registry)")
    exporting.add_argument(
        "--include-personal-data", action="store_true", help="do not mask ID and phone numbers (audited)"
    )
    exporting.add_argument("--task", default=None, help="task number (draw record; every drawn task when omitted)")
    exporting.add_argument("--officer", default=None, help="the officer doing the export (for the audit log)")


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    """Run ``import`` or ``export``; known ledger failures become a Chinese message and exit code 2."""
    if args.command == "export" and args.month is not None:
        try:
            check_month(args.month)
        except BadMonth:
            ctx.say(QT_TRANSLATE_NOOP("Cli", "--month must look like 2024-05, not {month}."), month=args.month)
            return EXIT_USAGE
    if not ctx.data_dir.has_database():
        ctx.say(
            QT_TRANSLATE_NOOP("Cli", "There is no station database in {path}. Create one with: python -m app demo"),
            path=ctx.data_dir.root,
        )
        return EXIT_USAGE
    db = open_station_database(ctx.data_dir, ctx.key_choice, ctx.store)
    try:
        actor = _actor(ctx, db, args.officer)
        if actor is None:
            return EXIT_USAGE
        if args.command == "import":
            return run_import(ctx, db, actor, args)
        return run_export(ctx, db, actor, args)
    except err.LedgerError as exc:
        print(exc.render(ctx.translate), file=ctx.err)
        return EXIT_USAGE
    finally:
        db.close()


def _actor(ctx: CliContext, db: Database, officer: str | None) -> Actor | None:
    if officer is None:
        return Actor("", ctx.translate("Cli", QT_TRANSLATE_NOOP("Cli", "command line")))
    for record in OfficerService(db).active_officers():
        if record.name == officer:
            return Actor(record.id, record.name)
    ctx.say(QT_TRANSLATE_NOOP("Cli", "There is no active officer named {name}."), name=officer)
    return None


def _out(ctx: CliContext, template: str, **params: object) -> None:
    print(ctx.translate("Cli", template).format(**params), file=ctx.out)


def problem_lines(ctx: CliContext, preview: Preview, limit: int = SHOWN_PROBLEMS) -> list[str]:
    """The first problems, each naming its row and, where it applies, its column."""
    lines: list[str] = []
    for item in preview.problem_items():
        for issue in item.issues:
            message = issue.finding.render(ctx.translate)
            status = ctx.translate("Cli", STATUS_WORDS[item.status])
            if issue.column is None:
                text = ctx.translate("Cli", QT_TRANSLATE_NOOP("Cli", "Row {row} ({status}): {message}")).format(
                    row=issue.row, status=status, message=message
                )
            else:
                label = preview.labels[issue.column] if issue.column < len(preview.labels) else ""
                text = ctx.translate(
                    "Cli", QT_TRANSLATE_NOOP("Cli", "Row {row}, column {column} {label} ({status}): {message}")
                ).format(row=issue.row, column=column_letter(issue.column), label=label, status=status, message=message)
            lines.append(text)
            if len(lines) >= limit:
                return lines
    return lines


def run_import(ctx: CliContext, db: Database, actor: Actor, args: argparse.Namespace) -> int:
    service = LedgerImportService(db, ctx.translate)
    ledger = service.open(args.file)
    loaded = service.choose_sheet(ledger, args.sheet)
    preview = service.preview(loaded)
    counts = preview.counts()
    _out(
        ctx,
        QT_TRANSLATE_NOOP(
            "Cli",
            "{file}, sheet {sheet}: {new} new, {changed} changed, {unchanged} unchanged, {conflicts} conflicting, "
            "{rejected} rejected, {warnings} with warnings.",
        ),
        file=preview.file_name,
        sheet=preview.sheet,
        **counts.as_dict(),
    )
    problems = problem_lines(ctx, preview)
    for line in problems:
        print(line, file=ctx.out)
    total_problems = sum(len(item.issues) for item in preview.problem_items())
    if total_problems > len(problems):
        _out(
            ctx,
            QT_TRANSLATE_NOOP("Cli", "… and {count} more problems; write them all with --error-report FILE."),
            count=total_problems - len(problems),
        )
    if args.error_report is not None:
        written = service.error_report(args.error_report, loaded, preview)
        _out(
            ctx,
            QT_TRANSLATE_NOOP("Cli", "The error report lists {count} rows: {path}"),
            count=written,
            path=args.error_report,
        )
    if args.dry_run:
        _out(ctx, QT_TRANSLATE_NOOP("Cli", "Dry run: nothing was changed."))
    elif not preview.writes:
        _out(ctx, QT_TRANSLATE_NOOP("Cli", "Nothing to import: the register already holds everything that can be."))
    else:
        result = service.commit(preview, actor)
        service.finish_backlogs()
        _out(
            ctx,
            QT_TRANSLATE_NOOP(
                "Cli",
                "Imported: {new} new and {changed} changed operators, {carriers} carriers added. The import can be "
                "undone in the register view (Undo last import).",
            ),
            new=result.new,
            changed=result.changed,
            carriers=result.carriers_added,
        )
    if args.json:
        print(json.dumps(counts.as_dict()), file=ctx.out)
    return 0


def run_export(ctx: CliContext, db: Database, actor: Actor, args: argparse.Namespace) -> int:
    """Export one ledger; an unknown task or a file that cannot be written ends in a LedgerError (exit 2)."""
    result = LedgerExports(db, ctx.translate).export(
        args.kind,
        args.file,
        month=args.month,
        task=args.task,
        include_personal_data=args.include_personal_data,
        actor=actor,
    )
    if result.operators is not None:
        _out(
            ctx,
            QT_TRANSLATE_NOOP("Cli", "Exported {rows} rows ({operators} operators) to {path}."),
            rows=result.rows,
            operators=result.operators,
            path=result.path,
        )
    else:
        _out(ctx, QT_TRANSLATE_NOOP("Cli", "Exported {rows} rows to {path}."), rows=result.rows, path=result.path)
    if args.kind not in PERSONAL_KINDS:
        return 0
    if not result.masked:
        _out(ctx, QT_TRANSLATE_NOOP("Cli", "Personal data is included; the export was recorded in the audit log."))
    elif args.kind == "registry":
        _out(
            ctx,
            QT_TRANSLATE_NOOP(
                "Cli",
                "ID numbers and phone numbers are masked. Add --include-personal-data to export them in full (the "
                "export is then recorded in the audit log).",
            ),
        )
    else:
        _out(
            ctx,
            QT_TRANSLATE_NOOP(
                "Cli",
                "Resident ID numbers are masked. Add --include-personal-data to export them in full (the export "
                "is then recorded in the audit log).",
            ),
        )
    return 0
