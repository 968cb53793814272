"""The inspection commands of ``python -m app``: ``inspections list``, ``verify`` and ``verify-draw TASK``.

Exit codes: 0 — done / everything matches; 1 — ``verify`` found a broken link or a missing or damaged evidence
file, or ``verify-draw`` found that the stored draw does not follow from its inputs; 2 — a known failure the user
can fix (no database, unknown task, wrong key…), with a Chinese message. app/cli.py adds the parsers and
app/__main__.py dispatches here.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.errors import NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.inspections.chain import ChainVerifier
from app.inspections.data import InspectionFilter
from app.inspections.evidence import EvidenceStore
from app.inspections.records import InspectionService
from app.inspections.tasks import DrawService
from app.inspections.vocabulary import RECORD_STATE_LABELS
from app.station_store import open_station_database, open_station_databases

if TYPE_CHECKING:
    from app.cli import CliContext

COMMANDS = frozenset({"inspections", "verify", "verify-draw"})
EXIT_MISMATCH = 1
EXIT_USAGE = 2

CHAIN_PROBLEMS = {
    "record_changed": QT_TRANSLATE_NOOP("Cli", "the finalized record was changed after it was sealed"),
    "link_changed": QT_TRANSLATE_NOOP("Cli", "the stored link does not match the record"),
    "prev_mismatch": QT_TRANSLATE_NOOP("Cli", "the link does not follow the previous one (a link was removed)"),
    "record_missing": QT_TRANSLATE_NOOP("Cli", "the sealed record is missing"),
    "not_linked": QT_TRANSLATE_NOOP("Cli", "the record is marked finalized but was never sealed"),
}
EVIDENCE_PROBLEMS = {
    "missing": QT_TRANSLATE_NOOP("Cli", "missing"),
    "damaged": QT_TRANSLATE_NOOP("Cli", "damaged (its bytes no longer match SHA-256/SM3)"),
}


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    """Add the inspection commands to ``python -m app``."""
    inspections = commands.add_parser("inspections", parents=[common], help="inspection records")
    actions = inspections.add_subparsers(dest="inspections_command", required=True)
    listing = actions.add_parser("list", parents=[common], help="print the inspection records, newest first")
    listing.add_argument("--state", choices=["draft", "finalized"], default=None)
    listing.add_argument("--limit", type=int, default=0, help="print at most this many (0: all)")
    commands.add_parser(
        "verify", parents=[common], help="check the hash chain of finalized records and every evidence file"
    )
    verify_draw = commands.add_parser(
        "verify-draw", parents=[common], help="recompute a task's random draw from what was stored and compare"
    )
    verify_draw.add_argument("task", help="task number or id")


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    """Run one of :data:`COMMANDS`."""
    if not ctx.data_dir.has_database():
        ctx.say(
            QT_TRANSLATE_NOOP("Cli", "There is no station database in {path}. Create one with: python -m app demo"),
            path=ctx.data_dir.root,
        )
        return EXIT_USAGE
    if args.command == "inspections":
        return run_list(ctx, args.state, args.limit)
    if args.command == "verify":
        return run_verify(ctx)
    return run_verify_draw(ctx, args.task)


def _print(ctx: CliContext, template: str, **params: object) -> None:
    print(ctx.translate("Cli", template).format(**params), file=ctx.out)


def run_list(ctx: CliContext, state: str | None, limit: int) -> int:
    """``inspections list``: id, state, date, operator, identifier, officers, results — tab-separated.

    On the command line ``--limit 0`` (the default) means all records; a negative limit is refused."""
    if limit < 0:
        ctx.say(QT_TRANSLATE_NOOP("Cli", "--limit must be 0 (all records) or more, not {limit}."), limit=limit)
        return EXIT_USAGE
    db = open_station_database(ctx.data_dir, ctx.key_choice, ctx.store)
    try:
        rows = InspectionService(db).rows(InspectionFilter(state=state), limit=limit or None)
        for row in rows:
            when = row.ended_at or row.started_at
            fields = [
                row.id,
                ctx.translate("Inspections", RECORD_STATE_LABELS.get(row.state, row.state)),
                when.strftime("%Y-%m-%d") if when else "",
                row.subject_name,
                row.subject_identifier,
                "、".join(row.officer_names),
                "；".join(row.result_categories),
            ]
            print("\t".join(fields), file=ctx.out)
        return 0
    finally:
        db.close()


def run_verify(ctx: CliContext) -> int:
    """``verify``: the whole hash chain, then every evidence file."""
    db, evidence_db = open_station_databases(ctx.data_dir, ctx.key_choice, ctx.store)
    try:
        report = ChainVerifier(db, EvidenceStore(evidence_db)).verify()
    finally:
        evidence_db.close()
        db.close()
    if report.first_broken is not None:
        broken = report.first_broken
        _print(
            ctx,
            QT_TRANSLATE_NOOP("Cli", "Hash chain broken at link {seq}, record {id}: {reason}."),
            seq=broken.seq if broken.seq is not None else "-",
            id=broken.inspection_id,
            reason=ctx.translate("Cli", CHAIN_PROBLEMS[broken.kind]),
        )
    else:
        _print(
            ctx,
            QT_TRANSLATE_NOOP("Cli", "Hash chain intact: {count} finalized records checked."),
            count=report.links_checked,
        )
    for problem in report.evidence_problems:
        _print(
            ctx,
            QT_TRANSLATE_NOOP("Cli", "Evidence file {sha256} of record {id} is {state}."),
            sha256=problem.sha256,
            id=problem.inspection_id,
            state=ctx.translate("Cli", EVIDENCE_PROBLEMS[problem.kind]),
        )
    if not report.evidence_problems:
        _print(
            ctx,
            QT_TRANSLATE_NOOP("Cli", "Evidence files intact: {count} checked against SHA-256 and SM3."),
            count=report.evidence_checked,
        )
    return 0 if report.ok else EXIT_MISMATCH


def run_verify_draw(ctx: CliContext, task: str) -> int:
    """``verify-draw TASK``: recompute the draw of a task (by number or id) and compare."""
    db = open_station_database(ctx.data_dir, ctx.key_choice, ctx.store)
    try:
        try:
            result = DrawService(db).verify(task)
        except NotFound:
            ctx.say(QT_TRANSLATE_NOOP("Cli", "There is no task with the number or id {task}."), task=task)
            return EXIT_USAGE
    finally:
        db.close()
    if result.matches:
        _print(
            ctx,
            QT_TRANSLATE_NOOP(
                "Cli", "The draw of task {number} matches: recomputed from its seed and pools, same result."
            ),
            number=result.task_number,
        )
    else:
        _print(ctx, QT_TRANSLATE_NOOP("Cli", "The draw of task {number} does NOT match:"), number=result.task_number)
        for problem in result.problems:
            print("  " + ctx.translate("Inspections", problem), file=ctx.out)
    if not result.registry_unchanged:
        _print(
            ctx,
            QT_TRANSLATE_NOOP(
                "Cli",
                "Note: the register has changed since the draw ({added} candidates added, {removed} removed); "
                "the draw is checked against the pool stored with it.",
            ),
            added=result.pool_added,
            removed=result.pool_removed,
        )
    return 0 if result.matches else EXIT_MISMATCH
