"""``python -m server admin …``: the province's command line (stations, users, proposals, rectification ledger,
epoch, retention).

It works on the same database as the running server (``--data-dir`` for the embedded SQLite, ``DATABASE_URL`` or
``--database-url`` for PostgreSQL) and is safe to run while the server runs. Passwords are read from a prompt (or
one line on standard input when it is not a terminal), so they appear neither in the shell history nor in the
process list; ``--password`` exists for scripts that accept that.

Not here yet (they come with later issues): importing the provincial registry from Excel/CSV, checklist templates,
双随机 tasks.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from server import province
from server.db import Database
from server.migrate import upgrade
from server.settings import Settings, default_data_dir


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m server admin", description="Administer the provincial server.")
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory (default: the per-user data dir)")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (default: $DATABASE_URL, else SQLite)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    station = commands.add_parser("create-station", help="create a station")
    station.add_argument("--code", required=True, help="unique short code, e.g. 530102-HG")
    station.add_argument("--name", required=True)
    station.add_argument("--region", default="", help="six-digit region code of the county")

    commands.add_parser("list-stations", help="list stations with their user and operator counts")

    user = commands.add_parser("create-user", help="create a user of a station")
    user.add_argument("--username", required=True)
    user.add_argument("--station", required=True, help="station code")
    user.add_argument("--password", default=None, help="visible to other users of this machine; prefer the prompt")

    reset = commands.add_parser("reset-password", help="set a new password and end all the user's sessions")
    reset.add_argument("--username", required=True)
    reset.add_argument("--password", default=None, help="visible to other users of this machine; prefer the prompt")

    proposals = commands.add_parser("list-proposals", help="list stations' registry proposals")
    proposals.add_argument("--station", default=None, help="only this station (code)")
    proposals.add_argument("--status", default="pending", choices=["pending", "accepted", "rejected", "all"])
    proposals.add_argument("--json", action="store_true", help="one JSON object per line, with all fields")

    rectifications = commands.add_parser("list-rectifications", help="list stations' orders to rectify (整改台账)")
    rectifications.add_argument("--station", default=None, help="only this station (code)")
    rectifications.add_argument("--state", default="open", choices=["open", "closed", "all"])
    rectifications.add_argument("--json", action="store_true", help="one JSON object per line, with all fields")

    accept = commands.add_parser("accept-proposal", help="apply a proposal to the provincial register")
    accept.add_argument("proposal_id")
    accept.add_argument("--reason", default="", help="note shown to the station")
    accept.add_argument("--by", default=os.environ.get("USER", "province"), help="who decides (recorded)")
    accept.add_argument("--force", action="store_true", help="accept although the operator changed since")

    reject = commands.add_parser("reject-proposal", help="refuse a proposal, with a reason the station sees")
    reject.add_argument("proposal_id")
    reject.add_argument("--reason", required=True)
    reject.add_argument("--by", default=os.environ.get("USER", "province"), help="who decides (recorded)")

    commands.add_parser("rotate-epoch", help="after restoring a backup: make every client resync in full")

    commands.add_parser("check-digests", help="recompute verify's counts and checksums and compare")

    prune = commands.add_parser("prune-tombstones", help="drop old deletions from the change log")
    prune.add_argument("--days", type=int, default=Settings().tombstone_retention_days)
    return parser


def _password(given: str | None) -> str:
    if given is not None:
        return given
    if sys.stdin.isatty():
        first = getpass.getpass("New password: ")
        if first != getpass.getpass("Repeat it: "):
            raise province.AdminError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def open_database(data_dir: Path | None, database_url: str | None) -> Database:
    settings = Settings(
        data_dir=data_dir or default_data_dir(), database_url=database_url or os.environ.get("DATABASE_URL")
    )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.url)
    upgrade(db, backup_dir=settings.data_dir / "backups")
    return db


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    db = open_database(args.data_dir, args.database_url)
    try:
        return _run(db, args)
    except province.AdminError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


def _run(db: Database, args: argparse.Namespace) -> int:
    command = args.command
    if command == "create-station":
        station_id = province.create_station(db, args.code, args.name, args.region)
        print(f"station {args.code} created: {station_id}")
    elif command == "list-stations":
        for code, name, station_id, users, operators in province.list_stations(db):
            print(f"{code}\t{name}\t{station_id}\tusers={users}\toperators={operators}")
    elif command == "create-user":
        province.create_user(db, args.username, args.station, _password(args.password))
        print(f"user {args.username} created for station {args.station}")
    elif command == "reset-password":
        province.reset_password(db, args.username, _password(args.password))
        print(f"password of {args.username} changed; all of its sessions were ended")
    elif command == "list-proposals":
        status = None if args.status == "all" else args.status
        for view in province.list_proposals(db, args.station, status):
            if args.json:
                print(json.dumps(view.__dict__, ensure_ascii=False))
                continue
            flag = " STALE" if view.stale else ""
            print(f"{view.id}  {view.station_code}  {view.kind:6}  {view.status}{flag}  {view.operator_name}")
            for name, value in view.fields.items():
                before = view.current_values.get(name, "")
                print(f"    {name}: {before!r} → {value!r}")
            if view.reason:
                print(f"    reason: {view.reason}")
    elif command == "list-rectifications":
        for order in province.list_rectifications(db, args.station, args.state):
            if args.json:
                print(json.dumps(order.__dict__, ensure_ascii=False))
                continue
            flag = " OVERDUE" if order.overdue else ""
            print(
                f"{order.id}  {order.station_code}  {order.state}{flag}  deadline {order.deadline}"
                f" (extended {order.extensions}×)  {order.operator_name}"
            )
            if order.closed_at:
                print(f"    closed {order.closed_at} by inspection {order.closed_by_inspection_id or '-'}")
    elif command == "accept-proposal":
        province.accept_proposal(db, args.proposal_id, args.by, args.reason, args.force)
        print(f"proposal {args.proposal_id} accepted")
    elif command == "reject-proposal":
        province.reject_proposal(db, args.proposal_id, args.reason, args.by)
        print(f"proposal {args.proposal_id} rejected")
    elif command == "rotate-epoch":
        print(f"new epoch: {province.rotate_epoch(db)}; clients will resync in full")
    elif command == "check-digests":
        problems = province.check_digests(db)
        for problem in problems:
            print(problem)
        print("digests match the records" if not problems else f"{len(problems)} mismatches")
        return 1 if problems else 0
    elif command == "prune-tombstones":
        print(f"{province.prune_tombstones(db, args.days)} change-log rows removed")
    return 0
