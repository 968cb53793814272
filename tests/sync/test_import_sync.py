"""A ledger import reaches the province over real HTTP: its new rows' outbox entries, left to the outbox backlog
by the commit (localdb/outbox_backlog.py), are written by the sync before it sends, and the server takes every
entry in order — also when one import both changes rows and adds rows."""

from __future__ import annotations

from pathlib import Path

from app.ledger.service import LedgerImportService
from tests.ledger.files import rows_basic, write_xlsx
from tests.server.harness import SyncClient
from tests.sync.conftest import ACTOR, Client


def test_imports_are_sent_whole_and_in_order(client: Client, server_view: SyncClient, tmp_path: Path) -> None:
    client.run()  # the station's register from the province
    before = server_view.hello()["counts"]
    service = LedgerImportService(client.db)
    rows = rows_basic()
    service.commit(service.dry_run(write_xlsx(tmp_path / "五月.xlsx", rows)), ACTOR)
    assert client.db.outbox_waiting(), "the entries wait in the backlog until the sync comes"

    receipt = client.run(user=None)
    assert receipt.rejected == [], receipt.rejected
    assert receipt.applied == 3 + 2, "three create proposals and two carrier upserts"
    assert server_view.hello()["counts"]["operator_proposal"] == before["operator_proposal"] + 3

    rows[1][4] = "0571-11112222"  # changed
    rows.append([4, "昆明市新开商行", "", "赵新", "13700137000", None, "", "", ""])  # new
    preview = service.dry_run(write_xlsx(tmp_path / "六月.xlsx", rows))
    assert (preview.counts().changed, preview.counts().new) == (1, 1)
    service.commit(preview, ACTOR)
    receipt = client.run(user=None)
    assert receipt.rejected == [], receipt.rejected
    assert receipt.applied >= 2 and receipt.verified is True
    assert not client.db.outbox_waiting()
    assert client.run(user=None).pushed == 0, "nothing left behind"
