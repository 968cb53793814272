"""The single entry point and composition root: ``python -m app``.

Wires the objects (data directory, credential store, translations) and hands them to the command or to the GUI
through constructors; nothing below this module looks anything up globally. It is also the only module outside
ui/ that may import PySide6 — for the translator the CLI prints Chinese with, and to start the GUI.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from collections.abc import Sequence

from app import cli, crash, sync_commands
from app.inspections import commands as inspection_commands
from app.ledger import commands as ledger_commands
from app.paths import DataDir
from sync.credentials import CredentialStore


def _translator() -> cli.Translate:
    """A translate function backed by the zh_CN catalogue (Qt's, so CLI and GUI share one set of strings)."""
    from ui.i18n import load_core_translator

    return load_core_translator()


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    return input(question).strip().lower() in {"y", "yes", "是", "好"}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the command (or the GUI); returns the process exit code."""
    multiprocessing.freeze_support()  # the frozen build re-enters here in demo-data worker processes
    args = cli.build_parser().parse_args(argv)
    # Commands print only their result or one Chinese message; the GUI logs more (to the console it runs from).
    level = logging.WARNING if args.command or args.self_test else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    store = CredentialStore()
    if args.self_test:
        from ui.self_test import run_self_test

        return run_self_test()
    translate = _translator()
    ctx = cli.context_from_args(args, translate, store)
    try:
        if args.command == "demo":
            return cli.run_demo(ctx, args.operators, args.seed, args.force, _confirm)
        if args.command == "search":
            return cli.run_search(ctx, args.text, args.limit)
        if args.command in inspection_commands.COMMANDS:
            return inspection_commands.run(ctx, args)
        if args.command in ledger_commands.COMMANDS:
            return ledger_commands.run(ctx, args)
        if args.command in sync_commands.COMMANDS:
            return sync_commands.run(ctx, args)
    except Exception as exc:  # known failures become a Chinese message and exit code 2; others re-raise
        return cli.report(ctx, exc)
    return _run_gui(ctx.data_dir, ctx)


def _run_gui(data_dir: DataDir, ctx: cli.CliContext) -> int:
    previous_crash = crash.take_previous_report(data_dir.crash_log) if data_dir.crash_log.exists() else None
    try:
        data_dir.ensure_writable()
        crash.install(data_dir.crash_log)
    except Exception as exc:
        return cli.report(ctx, exc)
    from ui.application import run_gui

    return run_gui(data_dir, ctx.key_choice, ctx.store, previous_crash=previous_crash)


if __name__ == "__main__":
    sys.exit(main())
