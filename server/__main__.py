"""``python -m server [--host H] [--port P] [--data-dir DIR] [--demo]`` runs the server; ``… admin …`` administers it.

``DATABASE_URL`` (``postgresql://user:password@host/db``) selects PostgreSQL; without it the embedded SQLite in the
data dir is used. The evidence blobs always live in the data dir (``blobs/``).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from server import __version__, admin, demo
from server.api import create_app
from server.settings import DEFAULT_PORT, Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server",
        description="StationDesk provincial server (sync protocol v1). Administer with: python -m server admin --help",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default: %(default)s)")
    parser.add_argument("--data-dir", type=Path, default=None, help="database and blobs (default: per-user data dir)")
    parser.add_argument("--demo", action="store_true", help="seed two demo stations and users demo1/demo2")
    parser.add_argument(
        "--demo-operators",
        type=int,
        default=demo.DEFAULT_OPERATORS,
        help="operators per demo station (default: %(default)s)",
    )
    parser.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="proxies trusted for X-Forwarded-For, so the login rate limit sees the real client address",
    )
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["admin"]:
        return admin.main(argv[1:])
    args = _parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env(args.data_dir)
    app = create_app(settings)
    server = app.state.server
    print(f"StationDesk server {__version__}: database {server.db.describe()}, blobs in {settings.blob_dir}")
    if args.demo:
        started = time.perf_counter()
        for station, created in demo.seed_demo(server.db, args.demo_operators):
            state = f"created with {args.demo_operators} operators" if created else "already present"
            print(f"demo station {station.code} {station.name}: {state}")
        print(f"demo data ready in {time.perf_counter() - started:.1f} s")
        for station in demo.DEMO_STATIONS:
            print(f"  user {station.username!r} (station {station.code}), password {demo.DEMO_PASSWORD!r}")
    print(f"serving sync protocol v1 on http://{args.host}:{args.port}/sync/v1 (OpenAPI: /openapi.json)")
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
