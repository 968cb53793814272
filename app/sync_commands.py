"""``python -m app sync --server URL [--data-dir DIR] [--user U --password P]``: one sync, headless.

Credentials: ``--user``/``--password``, else ``STATIONDESK_USER``/``STATIONDESK_PASSWORD``, else the refresh token
stored for this data dir's device. Prints the receipt (the same lines the 同步 page shows; ``--json``: the stored
receipt as JSON on the last line); a known failure prints one Chinese message and exits 2 with
the outbox intact. app/cli.py adds the parser and app/__main__.py dispatches here.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
from typing import TYPE_CHECKING, Final

from app.services.sync import TITLE, SyncService, failure_message
from app.station_store import open_station_databases
from app.sync_receipt import receipt_lines
from app.sync_text import render

if TYPE_CHECKING:
    from app.cli import CliContext

COMMANDS: Final = frozenset({"sync"})
EXIT_USAGE: Final = 2
USER_ENV: Final = "STATIONDESK_USER"
PASSWORD_ENV: Final = "STATIONDESK_PASSWORD"


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    """Add ``sync`` to ``python -m app``."""
    parser = commands.add_parser("sync", parents=[common], help="sync with the provincial server")
    parser.add_argument("--server", required=True, help="server address, e.g. https://sync.example.gov.cn")
    parser.add_argument("--user", default=None)
    parser.add_argument("--password", default=None)
    parser.add_argument("--ca-bundle", default=None, help="PEM file of the CA that signed the server's certificate")
    parser.add_argument("--json", action="store_true", help="print the receipt as JSON on the last line")


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    user = args.user or os.environ.get(USER_ENV) or None
    password = args.password or os.environ.get(PASSWORD_ENV) or None
    db, evidence_db = open_station_databases(ctx.data_dir, ctx.key_choice, ctx.store)
    try:
        service = SyncService(db, evidence_db, ctx.store, ca_bundle=args.ca_bundle)
        try:
            service.run(args.server, user, password, device_name=socket.gethostname())
        except Exception as exc:
            known = failure_message(exc, args.server)
            if known is None:
                raise
            template, params = known
            print(ctx.translate("Sync", TITLE), file=ctx.err)
            print(ctx.translate("Sync", template).format(**params), file=ctx.err)
            return EXIT_USAGE
        record = service.last_receipt() or {}
        for line in render(receipt_lines(record), ctx.translate):
            print(line, file=ctx.out)
        if args.json:
            print(json.dumps(record, ensure_ascii=False), file=ctx.out)
        return 0
    finally:
        evidence_db.close()
        db.close()
