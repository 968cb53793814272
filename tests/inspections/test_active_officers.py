"""The officers offered everywhere (start-up, new record, editor, conflicts) are the active ones that were not
deleted: an officer deleted while still marked active (a soft delete keeps the flag) is no longer offered, by the
same rule as the pool of the 双随机 draw."""

from __future__ import annotations

from app.inspections.tasks import officer_pool
from app.services.officers import OfficerService
from tests.inspections.conftest import Desk
from tests.inspections.test_recorder_and_limits import set_officer


def test_a_deleted_officer_still_marked_active_is_not_offered(desk: Desk) -> None:
    service = OfficerService(desk.db)
    removed, left = desk.officers[4], desk.officers[3]
    set_officer(desk, removed.id, active=True, deleted=True)
    set_officer(desk, left.id, active=False)

    offered = service.active_officers()
    ids = [o.id for o in offered]
    assert removed.id not in ids and left.id not in ids
    assert ids == [o.id for o in desk.officers if o.id not in (removed.id, left.id)], "the others, in name order"
    assert all(o.active for o in offered)
    with desk.db.reader() as session:
        pool = set(officer_pool(session))
    assert pool == {o.id for o in offered if o.cert_no.strip()}, "the same rule as the draw's pool"
