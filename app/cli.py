"""The command line: argument parsing and the Qt-free commands (``demo``, ``search``).

The command names and options are a contract other checks rely on (README, CI): keep them. Messages are English
templates marked for translation; ``app/__main__.py`` passes in a ``translate`` function backed by the zh_CN
catalogue, so the commands print Chinese without importing Qt themselves.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from app import sync_commands
from app.database_key import KeyChoice
from app.errors import user_message
from app.i18n import QT_TRANSLATE_NOOP
from app.inspections import commands as inspection_commands
from app.ledger import commands as ledger_commands
from app.paths import DataDir, default_data_dir
from app.records import OperatorFilter
from app.services.demo import create_demo_station, holds_inspection_work
from app.services.officers import OfficerService
from app.services.registry import RegistryService
from app.settings import Settings
from app.station_store import open_station_database
from localdb.migrate import backup_database
from sync.credentials import CredentialStore

Translate = Callable[[str, str], str]
EXIT_USAGE = 2
"""Exit code for a known failure the user can fix (bad input, locked or foreign database…)."""

PASSPHRASE_ENV = "STATIONDESK_PASSPHRASE"
"""Where the CLI takes the passphrase from when the user chose one (the GUI asks for it instead)."""


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m app`` argument parser; global options are accepted before or after the command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help="station data directory")
    common.add_argument(
        "--key-file",
        type=Path,
        default=argparse.SUPPRESS,
        help="keep the database key in this file instead of the OS credential store (anyone holding the file "
        "can read the data)",
    )
    parser = argparse.ArgumentParser(prog="python -m app", description="StationDesk 基层监管工作台", parents=[common])
    parser.add_argument("--self-test", action="store_true", help="open a temporary database, render the window, exit")
    commands = parser.add_subparsers(dest="command")
    demo = commands.add_parser("demo", parents=[common], help="create or replace the demo station")
    demo.add_argument("--operators", type=int, default=20_000)
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--force", action="store_true", help="replace existing data without asking (a backup is kept)")
    search = commands.add_parser("search", parents=[common], help="search the register")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=20)
    inspection_commands.add_parsers(commands, common)
    ledger_commands.add_parsers(commands, common)
    sync_commands.add_parsers(commands, common)
    return parser


@dataclass
class CliContext:
    """What every command needs, wired by the composition root."""

    data_dir: DataDir
    key_choice: KeyChoice
    store: CredentialStore
    translate: Translate
    out: TextIO = sys.stdout
    err: TextIO = sys.stderr

    def say(self, template: str, **params: object) -> None:
        print(self.translate("Cli", template).format(**params), file=self.err)


def context_from_args(args: argparse.Namespace, translate: Translate, store: CredentialStore) -> CliContext:
    """Resolve the data directory and the key choice (command line, then the directory's settings)."""
    data_dir = DataDir(getattr(args, "data_dir", None) or default_data_dir())
    settings = Settings.load(data_dir.settings)
    key_file = getattr(args, "key_file", None) or (Path(settings.key_file) if settings.key_file else None)
    passphrase = os.environ.get(PASSPHRASE_ENV) if settings.use_passphrase and key_file is None else None
    return CliContext(data_dir, KeyChoice(key_file=key_file, passphrase=passphrase), store, translate)


def remember_key_file(ctx: CliContext) -> None:
    """Store the chosen key file's path in the settings, so later starts find the key without the option."""
    if ctx.key_choice.key_file is None:
        return
    settings = Settings.load(ctx.data_dir.settings)
    wanted = str(ctx.key_choice.key_file.resolve())
    if settings.key_file != wanted:
        settings.key_file = wanted
        settings.save(ctx.data_dir.settings)


def report(ctx: CliContext, exc: BaseException) -> int:
    """Print the Chinese message of a known failure and return the exit code; re-raise anything unknown."""
    message = user_message(exc)
    if message is None:
        raise exc
    params = dict(message.params)
    print(ctx.translate("Errors", message.title), file=ctx.err)
    print(ctx.translate("Errors", message.body).format(**params), file=ctx.err)
    return EXIT_USAGE


def run_demo(ctx: CliContext, operators: int, seed: int, force: bool, confirm: Callable[[str], bool]) -> int:
    """``demo``: create the demo station, replacing existing data only after asking (or with ``--force``)."""
    if operators < 1:
        ctx.say(QT_TRANSLATE_NOOP("Cli", "--operators must be at least 1."))
        return EXIT_USAGE
    db = open_station_database(ctx.data_dir, ctx.key_choice, ctx.store)
    try:
        officers = OfficerService(db)
        if officers.has_station() and holds_inspection_work(db):
            ctx.say(
                QT_TRANSLATE_NOOP(
                    "Cli",
                    "The data directory {path} holds inspection records, which are legal records: the demo will not "
                    "replace them. Nothing was changed. Use another data directory (--data-dir) for the demo.",
                ),
                path=ctx.data_dir.root,
            )
            return EXIT_USAGE
        if officers.has_station():
            question = ctx.translate(
                "Cli", "The data directory {path} already holds the station {name}. Replace it with demo data? [y/N] "
            ).format(path=ctx.data_dir.root, name=officers.station_name())
            if not force and not confirm(question):
                ctx.say(QT_TRANSLATE_NOOP("Cli", "Nothing was changed."))
                return EXIT_USAGE
            backup = backup_database(db.engine, db.path, ctx.data_dir.backups, reason="before-demo")
            ctx.say(QT_TRANSLATE_NOOP("Cli", "The previous data was backed up to {path}."), path=backup)
        remember_key_file(ctx)
        create_demo_station(db, operators, seed=seed)
        ctx.say(
            QT_TRANSLATE_NOOP("Cli", "Demo station created in {path} with {count} operators."),
            path=ctx.data_dir.root,
            count=operators,
        )
        return 0
    finally:
        db.close()


def run_search(ctx: CliContext, text: str, limit: int) -> int:
    """``search``: print matching operators, identifier then name, tab-separated, best first."""
    if not ctx.data_dir.has_database():
        ctx.say(
            QT_TRANSLATE_NOOP("Cli", "There is no station database in {path}. Create one with: python -m app demo"),
            path=ctx.data_dir.root,
        )
        return EXIT_USAGE
    db = open_station_database(ctx.data_dir, ctx.key_choice, ctx.store)
    try:
        registry = RegistryService(db)
        for row in registry.rows(registry.search_ids(text, OperatorFilter(), limit=max(limit, 1))):
            print(f"{row.identifier}\t{row.name}", file=ctx.out)
        return 0
    finally:
        db.close()
