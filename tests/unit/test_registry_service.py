"""RegistryService on a real encrypted database: audited create / update / soft delete, the override policy for
codes that fail only their check character, and the rules that block saving (nothing is written then)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.errors import NeedsOverrideReason, NotFound, ValidationFailed
from app.pinyin import name_initials
from app.records import Actor, AuditEntry, OperatorDraft, OperatorFilter
from app.services.registry import RegistryService
from localdb.database import Database
from localdb.models import AuditLog, Operator
from tests.support.stations import OFFICER_NAME, add_station, memory_store, open_with_keyring

VALID_USCC = "914403001922038216"
PILOT_USCC = "91350100M0001TGQXM"
"""A real Fujian pilot code: its check character fails, so saving it needs a reason (domain.md)."""
PILOT_REASON = "营业执照原件即为此代码，已核对"


@dataclass
class Desk:
    db: Database
    registry: RegistryService
    actor: Actor

    def audit(self, operator_id: str | None = None) -> list[Any]:
        """The audit rows (plain rows with the columns as attributes), oldest first."""
        columns = [getattr(AuditLog, c.key) for c in AuditLog.__table__.columns]
        with self.db.reader() as session:
            stmt = select(*columns).order_by(AuditLog.id)
            if operator_id is not None:
                stmt = stmt.where(AuditLog.entity_id == operator_id)
            return list(session.execute(stmt).all())

    def operator_count(self) -> int:
        with self.db.reader() as session:
            return session.scalar(select(func.count()).select_from(Operator)) or 0


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    db = open_with_keyring(tmp_path / "station", memory_store())
    try:
        yield Desk(db, RegistryService(db), add_station(db))
    finally:
        db.close()


def enterprise(name: str = "昆明翠湖测试科技有限公司", **fields: object) -> OperatorDraft:
    values: dict[str, object] = {
        "subject_type": "enterprise",
        "identifier_type": "uscc",
        "identifier": VALID_USCC,
        "legal_representative": "李明",
        "phone": "0871-65123456",
        "business_address": "昆明市五华区翠湖南路 1 号",
        "credit_class": "B",
    }
    values.update(fields)
    return OperatorDraft(name=name, **values)  # type: ignore[arg-type]


def codes(exc: ValidationFailed | NeedsOverrideReason) -> set[str]:
    return {f.code for f in exc.findings}


# -- create / update / delete ---------------------------------------------------------------------------------
def test_create_saves_normalised_values_and_one_audit_entry(desk: Desk) -> None:
    op_id = desk.registry.create(
        enterprise(name="  昆明翠湖   测试科技有限公司 ", identifier=" 9144-0300 1922 0382 16 "), desk.actor
    )

    detail = desk.registry.detail(op_id)
    assert detail.draft.name == "昆明翠湖 测试科技有限公司"
    assert detail.draft.identifier == VALID_USCC
    assert detail.identifier_override is None
    [entry] = desk.audit(op_id)
    assert (entry.action, entry.field, entry.before, entry.after) == ("create", None, None, "昆明翠湖 测试科技有限公司")
    assert (entry.officer_id, entry.officer_name) == (desk.actor.officer_id, OFFICER_NAME)
    assert entry.entity_type == "operator"
    assert entry.reason is None
    [row] = desk.registry.rows([op_id])
    assert (row.identifier, row.flagged, row.deleted, row.carrier_count) == (VALID_USCC, False, False, 0)


def test_update_writes_one_entry_per_changed_field_with_before_and_after(desk: Desk) -> None:
    op_id = desk.registry.create(enterprise(), desk.actor)

    changed = desk.registry.update(
        op_id,
        enterprise(phone="13800138000", credit_class="C", abnormal_listed=True, abnormal_reason="住所无法联系"),
        desk.actor,
    )

    assert changed == 4
    updates = {e.field: e for e in desk.audit(op_id) if e.action == "update"}
    assert set(updates) == {"phone", "credit_class", "abnormal_listed", "abnormal_reason"}
    assert (updates["phone"].before, updates["phone"].after) == ("0871-65123456", "13800138000")
    assert (updates["credit_class"].before, updates["credit_class"].after) == ("B", "C")
    assert (updates["abnormal_listed"].before, updates["abnormal_listed"].after) == ("否", "是")
    assert (updates["abnormal_reason"].before, updates["abnormal_reason"].after) == ("", "住所无法联系")
    assert {e.officer_name for e in updates.values()} == {OFFICER_NAME}
    history = desk.registry.detail(op_id).history
    assert history[0].action == "update" and history[-1].action == "create", "history is newest first"
    assert all(isinstance(h, AuditEntry) for h in history)


def test_update_of_dates_and_name_is_audited_as_text(desk: Desk) -> None:
    op_id = desk.registry.create(enterprise(), desk.actor)
    desk.registry.update(op_id, enterprise(name="昆明翠湖新名称科技有限公司", founded_on=date(2020, 5, 17)), desk.actor)
    updates = {e.field: (e.before, e.after) for e in desk.audit(op_id) if e.action == "update"}
    assert updates == {
        "name": ("昆明翠湖测试科技有限公司", "昆明翠湖新名称科技有限公司"),
        "founded_on": (None, "2020-05-17"),
    }, "name_initials is derived, not audited"


def test_update_without_changes_writes_nothing(desk: Desk) -> None:
    op_id = desk.registry.create(enterprise(), desk.actor)
    assert desk.registry.update(op_id, enterprise(), desk.actor) == 0
    assert [e.action for e in desk.audit(op_id)] == ["create"]


def test_delete_is_soft_and_audited_with_its_reason(desk: Desk) -> None:
    op_id = desk.registry.create(enterprise(), desk.actor)

    desk.registry.delete(op_id, desk.actor, "  已注销，核实无经营  ")

    last = desk.audit(op_id)[-1]
    assert (last.action, last.before, last.after, last.reason) == (
        "delete",
        "昆明翠湖测试科技有限公司",
        None,
        "已注销，核实无经营",
    )
    assert last.officer_name == OFFICER_NAME
    assert desk.registry.list_ids(OperatorFilter()) == []
    assert desk.registry.count() == 0
    assert desk.registry.list_ids(OperatorFilter(include_deleted=True)) == [op_id]
    assert desk.registry.detail(op_id).deleted_reason == "已注销，核实无经营"
    assert desk.registry.rows([op_id])[0].deleted
    desk.registry.delete(op_id, desk.actor, "再删一次")  # already deleted: no second entry
    assert [e.action for e in desk.audit(op_id)] == ["create", "delete"]


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_delete_without_reason_fails_and_writes_nothing(desk: Desk, reason: str) -> None:
    op_id = desk.registry.create(enterprise(), desk.actor)
    with pytest.raises(ValidationFailed) as caught:
        desk.registry.delete(op_id, desk.actor, reason)
    assert codes(caught.value) == {"delete.reason"}
    assert desk.registry.list_ids(OperatorFilter()) == [op_id]
    assert [e.action for e in desk.audit(op_id)] == ["create"]


def test_identifier_of_a_deleted_operator_may_be_reused(desk: Desk) -> None:
    old = desk.registry.create(enterprise(), desk.actor)
    desk.registry.delete(old, desk.actor, "重复录入")
    new = desk.registry.create(enterprise(name="昆明翠湖重新登记科技有限公司"), desk.actor)
    assert desk.registry.search_ids(VALID_USCC, OperatorFilter()) == [new]


def test_unknown_operator_is_not_found(desk: Desk) -> None:
    with pytest.raises(NotFound):
        desk.registry.update("00000000-0000-4000-8000-000000000000", enterprise(), desk.actor)
    with pytest.raises(NotFound):
        desk.registry.delete("00000000-0000-4000-8000-000000000000", desk.actor, "理由")
    with pytest.raises(NotFound):
        desk.registry.detail("00000000-0000-4000-8000-000000000000")


# -- the override policy ----------------------------------------------------------------------------------------
def test_warning_only_code_needs_a_reason_and_nothing_is_written_without_one(desk: Desk) -> None:
    with pytest.raises(NeedsOverrideReason) as caught:
        desk.registry.create(enterprise(identifier=PILOT_USCC), desk.actor)
    assert codes(caught.value) == {"uscc.check_char"}
    with pytest.raises(NeedsOverrideReason):
        desk.registry.create(enterprise(identifier=PILOT_USCC), desk.actor, override_reason="   ")
    assert desk.operator_count() == 0
    assert desk.audit() == []


def test_warning_only_code_saves_with_a_reason_and_an_override_entry(desk: Desk) -> None:
    op_id = desk.registry.create(enterprise(identifier=PILOT_USCC), desk.actor, override_reason=PILOT_REASON)

    entries = desk.audit(op_id)
    assert [e.action for e in entries] == ["create", "override"]
    override = entries[1]
    assert (override.field, override.after, override.reason, override.officer_name) == (
        "identifier",
        PILOT_USCC,
        PILOT_REASON,
        OFFICER_NAME,
    )
    assert desk.registry.detail(op_id).identifier_override == PILOT_REASON
    assert desk.registry.rows([op_id])[0].flagged


def test_editing_another_field_does_not_ask_for_the_reason_again(desk: Desk) -> None:
    op_id = desk.registry.create(enterprise(identifier=PILOT_USCC), desk.actor, override_reason=PILOT_REASON)

    assert desk.registry.update(op_id, enterprise(identifier=PILOT_USCC, phone="13900139000"), desk.actor) == 1
    # typed differently (lower case, spaced) it is still the same, already accepted code
    assert desk.registry.update(op_id, enterprise(identifier="9135 0100 m000 1tgq xm", phone="13900139001"), desk.actor)

    assert desk.registry.detail(op_id).identifier_override == PILOT_REASON
    assert [e.action for e in desk.audit(op_id)] == ["create", "override", "update", "update"]


def test_changing_to_another_failing_code_asks_again(desk: Desk) -> None:
    op_id = desk.registry.create(enterprise(identifier=PILOT_USCC), desk.actor, override_reason=PILOT_REASON)
    other_failing = VALID_USCC[:-1] + "7"
    with pytest.raises(NeedsOverrideReason):
        desk.registry.update(op_id, enterprise(identifier=other_failing), desk.actor)
    assert desk.registry.detail(op_id).draft.identifier == PILOT_USCC


def test_correcting_the_code_clears_the_flag(desk: Desk) -> None:
    op_id = desk.registry.create(enterprise(identifier=PILOT_USCC), desk.actor, override_reason=PILOT_REASON)
    desk.registry.update(op_id, enterprise(identifier=VALID_USCC), desk.actor)
    assert desk.registry.detail(op_id).identifier_override is None
    assert not desk.registry.rows([op_id])[0].flagged


# -- errors block saving ----------------------------------------------------------------------------------------
def test_malformed_code_is_an_error_even_with_a_reason(desk: Desk) -> None:
    for reason in ("", "我坚持"):
        with pytest.raises(ValidationFailed) as caught:
            desk.registry.create(enterprise(identifier="12345"), desk.actor, override_reason=reason)
        assert "uscc.length" in codes(caught.value)
    assert desk.operator_count() == 0
    assert desk.audit() == []


def test_malformed_code_in_an_update_changes_nothing(desk: Desk) -> None:
    op_id = desk.registry.create(enterprise(), desk.actor)
    with pytest.raises(ValidationFailed):
        desk.registry.update(op_id, enterprise(identifier="12345", phone="13800138000"), desk.actor)
    detail = desk.registry.detail(op_id)
    assert (detail.draft.identifier, detail.draft.phone) == (VALID_USCC, "0871-65123456")
    assert [e.action for e in desk.audit(op_id)] == ["create"]


def test_duplicate_identifier_is_an_error(desk: Desk) -> None:
    first = desk.registry.create(enterprise(), desk.actor)
    with pytest.raises(ValidationFailed) as caught:
        desk.registry.create(enterprise(name="另一家公司", identifier=VALID_USCC.lower()), desk.actor)
    assert codes(caught.value) == {"identifier.duplicate"}
    assert "昆明翠湖测试科技有限公司" in str(caught.value)
    second = desk.registry.create(enterprise(name="另一家公司", identifier="91330100799655058B"), desk.actor)
    with pytest.raises(ValidationFailed) as caught:
        desk.registry.update(second, enterprise(name="另一家公司", identifier=VALID_USCC), desk.actor)
    assert codes(caught.value) == {"identifier.duplicate"}
    assert desk.registry.update(first, enterprise(phone="13800138000"), desk.actor) == 1, "not a duplicate of itself"
    assert desk.operator_count() == 2


def test_natural_person_with_a_credit_code_is_an_error(desk: Desk) -> None:
    person = OperatorDraft(
        name="无照网店店主甲", subject_type="natural_person", identifier_type="uscc", identifier=VALID_USCC
    )
    with pytest.raises(ValidationFailed) as caught:
        desk.registry.create(person, desk.actor)
    assert "identifier.type_mismatch" in codes(caught.value)
    fixed = replace(person, identifier_type="resident_id", identifier="11010519491231002X")
    ok = desk.registry.create(fixed, desk.actor)
    assert desk.registry.detail(ok).draft.subject_type == "natural_person"
    assert desk.operator_count() == 1


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"name": "   "}, "name.required"),
        ({"subject_type": ""}, "subject.required"),
        ({"credit_class": "E"}, "credit.invalid"),
        ({"abnormal_listed": True}, "abnormal.reason"),
        ({"serious_violation": True}, "serious.reason"),
        ({"founded_on": date(2999, 1, 1)}, "founded.future"),
        ({"phone": "12"}, None),
    ],
)
def test_other_errors_block_saving(desk: Desk, changes: dict[str, object], code: str | None) -> None:
    with pytest.raises(ValidationFailed) as caught:
        desk.registry.create(replace(enterprise(), **changes), desk.actor)  # type: ignore[arg-type]
    if code is not None:
        assert code in codes(caught.value)
    assert desk.operator_count() == 0
    assert desk.audit() == []


# -- pinyin initials --------------------------------------------------------------------------------------------
def test_name_initials() -> None:
    assert name_initials("昆明某某电子") == "kmmmdz"
    assert name_initials("昆明某某电子商务有限公司") == "kmmmdzswyxgs"
    assert name_initials("") == ""


def test_initials_are_stored_and_follow_renames(desk: Desk) -> None:
    op_id = desk.registry.create(enterprise(name="昆明某某电子商务有限公司"), desk.actor)
    assert desk.registry.search_ids("kmmmdz", OperatorFilter()) == [op_id]
    desk.registry.update(op_id, enterprise(name="春城网络科技有限公司"), desk.actor)
    assert desk.registry.search_ids("kmmmdz", OperatorFilter()) == []
    assert desk.registry.search_ids("ccwl", OperatorFilter()) == [op_id]
