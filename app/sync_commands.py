"""``python -m app sync --server URL [--data-dir DIR] [--user U --password P]``: one sync, headless.

Credentials: ``--user``/``--password``, else ``STATIONDESK_USER``/``STATIONDESK_PASSWORD``, else the refresh token
stored for this data dir's device. Prints the receipt; a known failure prints one Chinese message and exits 2 with
the outbox intact. app/cli.py adds the parser and app/__main__.py dispatches here.
"""

from __future__ import annotations

import argparse
import os
import socket
from typing import TYPE_CHECKING, Final

from app.i18n import QT_TRANSLATE_NOOP
from app.services.sync import TITLE, SyncService, failure_message
from app.station_store import open_station_databases
from sync.engine import Receipt

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


def receipt_lines(receipt: Receipt) -> list[tuple[str, dict[str, object]]]:
    """The receipt as translatable lines (context ``Sync``)."""
    lines: list[tuple[str, dict[str, object]]] = [
        (
            QT_TRANSLATE_NOOP("Sync", "Synced with {server} ({station})."),
            {"server": receipt.server, "station": receipt.station},
        ),
        (
            QT_TRANSLATE_NOOP("Sync", "Sent: {pushed} changes ({applied} accepted, {rejected} refused)."),
            {"pushed": receipt.pushed, "applied": receipt.applied, "rejected": len(receipt.rejected)},
        ),
        (
            QT_TRANSLATE_NOOP("Sync", "Evidence files: {uploaded} uploaded ({mb:.1f} MB), {skipped} already there."),
            {"uploaded": receipt.blobs_uploaded, "mb": receipt.blob_bytes / 1e6, "skipped": receipt.blobs_skipped},
        ),
        (
            QT_TRANSLATE_NOOP("Sync", "Received: {pulled} changes ({applied} applied)."),
            {"pulled": receipt.pulled_changes, "applied": receipt.applied_changes},
        ),
        (
            QT_TRANSLATE_NOOP("Sync", "Traffic: {sent:.1f} KB sent, {received:.1f} KB received; {seconds:.1f} s."),
            {"sent": receipt.bytes_sent / 1e3, "received": receipt.bytes_received / 1e3, "seconds": receipt.seconds},
        ),
    ]
    if receipt.full_resync:
        lines.append((QT_TRANSLATE_NOOP("Sync", "A full download from the server was done."), {}))
    if receipt.verified is True:
        lines.append((QT_TRANSLATE_NOOP("Sync", "Checked: this computer matches the server."), {}))
    elif receipt.verified is False:
        lines.append((QT_TRANSLATE_NOOP("Sync", "Check failed: this computer differs from the server."), {}))
    for rejection in receipt.rejected:
        lines.append(
            (
                QT_TRANSLATE_NOOP("Sync", "Refused: {entity} {id}: {code} ({reason})"),
                {"entity": rejection.entity, "id": rejection.id, "code": rejection.code, "reason": rejection.reason},
            )
        )
    return lines


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    user = args.user or os.environ.get(USER_ENV) or None
    password = args.password or os.environ.get(PASSWORD_ENV) or None
    db, evidence_db = open_station_databases(ctx.data_dir, ctx.key_choice, ctx.store)
    try:
        service = SyncService(db, evidence_db, ctx.store, ca_bundle=args.ca_bundle)
        try:
            receipt = service.run(args.server, user, password, device_name=socket.gethostname())
        except Exception as exc:
            known = failure_message(exc, args.server)
            if known is None:
                raise
            template, params = known
            print(ctx.translate("Sync", TITLE), file=ctx.err)
            print(ctx.translate("Sync", template).format(**params), file=ctx.err)
            return EXIT_USAGE
        for line, values in receipt_lines(receipt):
            print(ctx.translate("Sync", line).format(**values), file=ctx.out)
        if args.json:
            print(receipt.to_json(), file=ctx.out)
        return 0
    finally:
        evidence_db.close()
        db.close()
