"""Classifying a ledger's rows against the register: the decisions of the dry run (:mod:`app.ledger.preview`).

Rows are keyed by identifier; natural persons (and operators without any code) by name plus phone, or by name
alone when the row has neither (with a warning). Rows with the same key are one operator (a ledger lists an
operator once per carrier); if they disagree on an operator field, or on a carrier, they are a *conflict*. Each
operator is then matched to the register and classified:

* **new** — no live operator has this key;
* **changed** — the ledger sets fields to other values, or brings carriers the register does not have; each
  change is listed field by field (``before → after``);
* **unchanged** — everything the ledger says is already in the register;
* **conflict** — duplicate rows disagreeing, several register entries matching, an ID number registered under
  another name, two rows aiming at the same register entry;
* **rejected** — a cell could not be read, or the result breaks the registry's rules (errors block the row;
  warnings — a failing check character — do not: the code is kept as the ledger prints it, with the import named
  as the reason, as a user would have to give one in the form).

Empty cells never clear a value (ledgers are often incomplete), and operators or carriers missing from the ledger
are left alone: an import adds and updates, it never deletes. The register is read once into memory (raw stored
values, so comparison and the before-images are exact).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any, Final

from app.i18n import QT_TRANSLATE_NOOP
from app.ledger.fields import CARRIER_FIELDS, FIELD_BY_KEY, OPERATOR_FIELDS, Kind
from app.ledger.normalise import normaliser
from app.ledger.parse import Issue, ParsedRow, ParsedSheet, infer_subject, resolve_identifier
from app.ledger.preview import DATE_FIELDS, CarrierPlan, FieldChange, PreviewItem, Status, from_raw, to_raw
from app.ledger.rules import check_operator
from app.ledger.snapshot import CARRIER_AT, SNAPSHOT_AT, SNAPSHOT_CARRIER, Snapshot, person_name, phones_of
from app.pinyin import name_initials
from app.progress import Progress
from app.validation import Finding, IdentifierType, Severity, validate_icp_filing
from app.vocab import LicenseDisplay, SubjectType

CARRIER_FIELD_SET: Final = frozenset(CARRIER_FIELDS)
OPERATOR_DEFAULTS: Final[dict[str, Any]] = {
    "name": "",
    "subject_type": "",
    "identifier_type": "none",
    "identifier": "",
    "legal_representative": "",
    "registered_address": "",
    "business_address": "",
    "phone": "",
    "business_scope": "",
    "founded_on": None,
    "registration_status": "存续",
    "registering_authority": "",
    "credit_class": "",
    "abnormal_listed": False,
    "abnormal_reason": "",
    "abnormal_date": None,
    "serious_violation": False,
    "serious_violation_reason": "",
    "serious_violation_date": None,
    "notes": "",
}
CARRIER_DEFAULTS: Final[dict[str, Any]] = {
    "kind": "",
    "platform": "",
    "shop_name": "",
    "shop_id": "",
    "url": "",
    "icp_filing": "",
    "license_display": LicenseDisplay.UNCHECKED.value,
    "first_seen": None,
    "last_verified": None,
    "status": "active",
}

T_CONFLICT_ROWS = QT_TRANSLATE_NOOP(
    "Validation",
    "Rows {rows} describe the same operator ({key}) with different values in {fields}. Keep one version of the "
    "row and import again.",
)
T_CONFLICT_CARRIER = QT_TRANSLATE_NOOP(
    "Validation",
    "Rows {rows} describe the same carrier ({carrier}) with different values in {fields}. Keep one version.",
)
T_CONFLICT_NAME = QT_TRANSLATE_NOOP(
    "Validation",
    "The register holds this ID number for {name}, not for the name in this row. Check the name and the number.",
)
T_CONFLICT_AMBIGUOUS = QT_TRANSLATE_NOOP(
    "Validation",
    "{count} operators in the register match this row ({names}), so it cannot be told which one is meant. Add the "
    "identifier to the row.",
)
T_CONFLICT_SAME_TARGET = QT_TRANSLATE_NOOP(
    "Validation",
    "Rows {rows} and rows {other} would both change {name} in the register. Keep one of them.",
)
T_NAME_ONLY = QT_TRANSLATE_NOOP(
    "Validation",
    "This natural person has neither an ID number nor a phone number, so the row is matched by name alone.",
)


def same_value(field_name: str, value: Any, raw: Any) -> bool:
    """Whether the ledger's (normalised) ``value`` says what the register already stores.

    Stored text typed in the form may hold what the importer folds (double spaces, full-width digits): the stored
    value is normalised the same way before comparing, so a ledger never "changes" a value into itself.
    """
    if to_raw(value) == raw:
        return True
    spec = FIELD_BY_KEY.get(field_name)
    if spec is None or spec.kind is not Kind.TEXT or not isinstance(raw, str) or not isinstance(value, str):
        return False
    folded, _problem = normaliser(field_name, spec.kind)(field_name, raw)
    return bool(folded == value)


def carrier_key(carrier: dict[str, Any]) -> tuple[str, ...]:
    """How a carrier is recognised within its operator: by shop id, else web address, ICP number, or name."""
    get = carrier.get
    return _carrier_key(get("kind"), get("platform"), get("shop_id"), get("url"), get("icp_filing"), get("shop_name"))


_STORED_KEY_FIELDS: Final = itemgetter(
    *(CARRIER_AT[name] for name in ("kind", "platform", "shop_id", "url", "icp_filing", "shop_name"))
)


def stored_carrier_key(row: tuple[Any, ...]) -> tuple[str, ...]:
    """:func:`carrier_key` of a register carrier read as a raw row (no dict built for it)."""
    return _carrier_key(*_STORED_KEY_FIELDS(row))


def _carrier_key(kind: Any, platform: Any, shop_id: Any, url: Any, icp_filing: Any, shop_name: Any) -> tuple[str, ...]:
    """The one rule behind :func:`carrier_key` and :func:`stored_carrier_key`."""
    kind, platform = str(kind or ""), str(platform or "")
    if shop_id:
        return (kind, platform, "id", str(shop_id))
    if url:
        return (kind, "url", str(url).strip().lower().rstrip("/"))
    if icp_filing:
        return (kind, "icp", str(icp_filing))
    return (kind, platform, "name", str(shop_name or ""))


def carrier_label(carrier: dict[str, Any]) -> str:
    """The platform and the shop's name (or web address, or id), as far as they are known."""
    platform = carrier.get("platform")
    shop = carrier.get("shop_name") or carrier.get("url") or carrier.get("shop_id")
    if platform and shop:
        return f"{platform!s} {shop!s}"
    return str(platform or shop or "")


def _header(field_name: str) -> str:
    key = field_name if field_name in FIELD_BY_KEY else f"carrier.{field_name}"
    return FIELD_BY_KEY[key].header if key in FIELD_BY_KEY else field_name


def _rows_text(rows: list[int]) -> str:
    return "、".join(str(r) for r in rows)


def _finding(template: str, severity: Severity = Severity.ERROR, **params: object) -> Finding:
    return Finding("", severity, "import.conflict", template, tuple((k, str(v)) for k, v in params.items()))


_FieldPickers = tuple[Callable[[Any], tuple[Any, ...]], Callable[[Any], tuple[Any, ...]], tuple[int, ...]]
"""Picks a ledger row's operator fields, picks the same fields from a register row, and where the dates are."""


@dataclass
class _Group:
    key: tuple[str, ...]
    rows: list[ParsedRow]


class PreviewBuilder:
    """Classifies parsed rows against a snapshot of the register."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.today = date.today()
        self._pickers: dict[tuple[str, ...], _FieldPickers | None] = {}
        """Per sequence of ledger fields: how :meth:`_same_fields` picks them from a row and from the register."""

    def build(self, parsed: ParsedSheet, progress: Progress | None = None) -> list[PreviewItem]:
        progress = progress or Progress.none()
        items: list[PreviewItem] = []
        groups: dict[tuple[str, ...], _Group] = {}
        for row in parsed.rows:
            if row.issues and row.has_errors:
                items.append(
                    PreviewItem(
                        Status.REJECTED,
                        [row.row],
                        str(row.values.get("name", "")),
                        str(row.values.get("identifier", "")),
                        issues=list(row.issues),
                    )
                )
                continue
            identifier = row.values.get("identifier", "")
            key = ("id", identifier) if identifier else self._key(row)
            group = groups.get(key)
            if group is None:
                groups[key] = _Group(key, [row])
            else:
                group.rows.append(row)
        self._person_overlaps(groups)
        targets: dict[str, list[PreviewItem]] = defaultdict(list)
        total = len(groups)
        for done, group in enumerate(groups.values()):
            if done % 2000 == 0:
                progress.step(done, total)
            item = self._item(group)
            items.append(item)
            if item.operator_id and item.status is not Status.CONFLICT:
                targets[item.operator_id].append(item)
        for operator_id, aiming in targets.items():
            if len(aiming) > 1:
                name = self.snapshot.operators[operator_id]["name"]
                for item in aiming:
                    others = [r for other in aiming if other is not item for r in other.rows]
                    item.status = Status.CONFLICT
                    item.issues.append(
                        Issue(
                            item.rows[0],
                            None,
                            _finding(
                                T_CONFLICT_SAME_TARGET, rows=_rows_text(item.rows), other=_rows_text(others), name=name
                            ),
                        )
                    )
        items.sort(key=lambda i: i.rows[0])
        progress.step(total, total)
        return items

    @staticmethod
    def _key(row: ParsedRow) -> tuple[str, ...]:
        identifier = row.values.get("identifier", "")
        if identifier:
            return ("id", identifier)
        return ("person", person_name(row.values.get("name", "")), str(row.values.get("phone", "")))

    def _person_overlaps(self, groups: dict[tuple[str, ...], _Group]) -> None:
        """A person listed once with an ID number and once without, same name and phone: one group, with the ID."""
        people = [k for k in groups if k[0] == "person"]
        wanted = {p for key in people for p in phones_of(key[2])}  # only these phones can join two groups
        with_id: dict[tuple[str, str], tuple[str, ...]] = {}
        for key, group in groups.items() if wanted else ():
            if key[0] == "id":
                values = group.rows[0].values
                phone = str(values.get("phone", "") or "")
                if ";" not in phone and phone.strip() not in wanted:
                    continue
                for one in phones_of(phone):
                    if one in wanted:
                        with_id.setdefault((person_name(values.get("name", "")), one), key)
        for key in people:
            target = next((with_id[(key[1], p)] for p in phones_of(key[2]) if (key[1], p) in with_id), None)
            if target is not None:
                groups[target].rows.extend(groups.pop(key).rows)

    # -- one operator -------------------------------------------------------------------------------------------
    def _item(self, group: _Group) -> PreviewItem:
        rows = group.rows
        first = rows[0]
        if len(rows) == 1:  # most operators: one row
            merged, conflict, numbers, issues = dict(first.values), None, [first.row], list(first.issues)
        else:
            merged, conflict = self._merge(group)
            numbers, issues = [r.row for r in rows], [issue for r in rows for issue in r.issues]
        name = str(merged.get("name", ""))
        item = PreviewItem(Status.NEW, numbers, name, str(merged.get("identifier", "")), issues=issues)
        if conflict is not None:
            item.status = Status.CONFLICT
            item.issues.append(Issue(first.row, None, conflict))
            return item
        file_carriers, carrier_conflict = self._carriers(rows)
        if carrier_conflict is not None:
            item.status = Status.CONFLICT
            item.issues.append(Issue(first.row, None, carrier_conflict))
            return item
        matches, match_problem = self._match(merged)
        if match_problem is not None:
            item.status = Status.CONFLICT
            item.issues.append(Issue(first.row, first.columns.get("name"), match_problem))
            return item
        if not merged.get("identifier") and not merged.get("phone") and self._is_person(merged, matches):
            item.issues.append(Issue(first.row, first.columns.get("name"), _finding(T_NAME_ONLY, Severity.WARNING)))
        if matches:
            self._existing(item, matches[0], merged, file_carriers, first)
        else:
            self._new(item, merged, file_carriers, first)
        return item

    def _is_person(self, merged: dict[str, Any], matches: list[str]) -> bool:
        subject = merged.get("subject_type")
        if subject is None and matches:
            subject = self.snapshot.operators[matches[0]]["subject_type"]
        return (subject or infer_subject(merged)) == SubjectType.NATURAL_PERSON

    def _merge(self, group: _Group) -> tuple[dict[str, Any], Finding | None]:
        if len(group.rows) == 1:
            return dict(group.rows[0].values), None
        merged: dict[str, Any] = {}
        differing: list[str] = []
        for row in group.rows:
            for name, value in row.values.items():
                if name not in merged:
                    merged[name] = value
                elif merged[name] != value and name not in differing:
                    differing.append(name)
        if differing:
            key = group.key[1] if group.key[0] == "id" else str(merged.get("name", ""))
            return merged, _finding(
                T_CONFLICT_ROWS,
                rows=_rows_text([r.row for r in group.rows]),
                key=key,
                fields="、".join(_header(f) for f in differing),
            )
        return merged, None

    @staticmethod
    def _carriers(rows: list[ParsedRow]) -> tuple[list[dict[str, Any]], Finding | None]:
        if len(rows) == 1 and len(rows[0].carriers) <= 1:  # nothing to compare
            return list(rows[0].carriers), None
        found: dict[tuple[str, ...], tuple[dict[str, Any], list[int]]] = {}
        for row in rows:
            for carrier in row.carriers:
                key = carrier_key(carrier)
                if key not in found:
                    found[key] = (carrier, [row.row])
                    continue
                known, where = found[key]
                where.append(row.row)
                differing = [
                    k for k in set(known) | set(carrier) if k in known and k in carrier and known[k] != carrier[k]
                ]
                if differing:
                    return [], _finding(
                        T_CONFLICT_CARRIER,
                        rows=_rows_text(where),
                        carrier=carrier_label(carrier),
                        fields="、".join(_header(f) for f in sorted(differing)),
                    )
                known.update({k: v for k, v in carrier.items() if k not in known})
        return [c for c, _ in found.values()], None

    def _match(self, merged: dict[str, Any]) -> tuple[list[str], Finding | None]:
        snapshot = self.snapshot
        if not snapshot.operators:  # an empty register: nothing to match
            return [], None
        identifier = merged.get("identifier", "")
        if identifier:
            matches = snapshot.by_identifier.get(identifier, [])
            if len(matches) == 1 and merged.get("identifier_type") == IdentifierType.RESIDENT_ID:
                row = snapshot.operators.row(matches[0])
                registered = row[SNAPSHOT_AT["name"]]
                if (
                    row[SNAPSHOT_AT["subject_type"]] == SubjectType.NATURAL_PERSON
                    and merged.get("name")
                    and person_name(registered) != person_name(merged["name"])
                ):
                    return matches, _finding(T_CONFLICT_NAME, name=registered)
            if not matches and snapshot.by_person:
                phones = phones_of(merged.get("phone", ""))
                name = person_name(merged.get("name", ""))
                candidates = {
                    m
                    for p in phones
                    for m in snapshot.by_person.get((name, p), [])
                    if not snapshot.operators[m]["identifier"]
                }
                matches = sorted(candidates)
        else:
            name = person_name(merged.get("name", ""))
            phones = phones_of(merged.get("phone", ""))
            if phones:
                matches = sorted({m for p in phones for m in snapshot.by_person.get((name, p), [])})
            else:
                matches = list(snapshot.by_person.get((name, ""), []))
        if len(matches) > 1:
            names = "、".join(
                f"{snapshot.operators[m]['name']} {snapshot.operators[m]['identifier']}".strip() for m in matches[:5]
            )
            return matches, _finding(T_CONFLICT_AMBIGUOUS, count=len(matches), names=names)
        return matches, None

    def _findings(self, item: PreviewItem, values: dict[str, Any], first: ParsedRow, check_identifier: bool) -> bool:
        """Validate the final values; add the findings to ``item``; True when nothing blocks the row."""
        ok = True
        for finding in check_operator(values, check_identifier=check_identifier, today=self.today):
            item.issues.append(Issue(first.row, first.columns.get(finding.field), finding))
            if finding.severity is Severity.ERROR:
                ok = False
            elif finding.field == "identifier":
                item.override = True
        if not ok:
            item.status = Status.REJECTED
        return ok

    @staticmethod
    def _carrier_findings(item: PreviewItem, first: ParsedRow) -> bool:
        """Check the ICP numbers that will be written (new carriers, changed numbers); False when one is wrong."""
        ok = True
        for plan in item.carriers:
            icp = plan.values.get("icp_filing")
            if not icp:
                continue
            for finding in validate_icp_filing(str(icp), "carrier.icp_filing").errors:
                item.issues.append(Issue(first.row, first.columns.get("carrier.icp_filing"), finding))
                ok = False
        if not ok:
            item.status = Status.REJECTED
        return ok

    def _new(self, item: PreviewItem, merged: dict[str, Any], carriers: list[dict[str, Any]], first: ParsedRow) -> None:
        values = {**OPERATOR_DEFAULTS, **merged}
        if "subject_type" not in merged:
            values["subject_type"] = infer_subject(values)
        if not merged.get("identifier") and "identifier_type" not in merged:
            values["identifier_type"], values["identifier"], _ = resolve_identifier({}, None, values["subject_type"])
        item.status = Status.NEW
        clean = first.identifier_clean and values.get("identifier") == first.values.get("identifier")
        if not self._findings(item, values, first, check_identifier=not clean):
            return
        item.carriers = [CarrierPlan(None, {**CARRIER_DEFAULTS, **c}, label=carrier_label(c)) for c in carriers]
        if not self._carrier_findings(item, first):
            return
        values["name_initials"] = name_initials(values["name"])
        item.values = values

    def _existing(
        self,
        item: PreviewItem,
        operator_id: str,
        merged: dict[str, Any],
        carriers: list[dict[str, Any]],
        first: ParsedRow,
    ) -> None:
        row = self.snapshot.operators.row(operator_id)
        item.operator_id = operator_id
        changed: dict[str, Any] = {}
        if not self._same_fields(merged, row):
            for name, value in merged.items():
                at = SNAPSHOT_AT.get(name)
                if at is None:  # not an operator field
                    continue
                raw = row[at]
                if (value == raw and isinstance(value, str)) or same_value(name, value, raw):  # text: the usual case
                    continue
                changed[name] = value
                item.changes.append(FieldChange(name, raw, to_raw(value)))
        item.carriers = self._carrier_plans(operator_id, carriers)
        if not changed and not item.carriers:
            item.status = Status.UNCHANGED
            return
        item.status = Status.CHANGED
        existing = self.snapshot.operators[operator_id]
        final = {name: from_raw(name, existing[name]) for name in OPERATOR_FIELDS}
        final.update(changed)
        code_changed = "identifier" in changed or "identifier_type" in changed
        if not self._findings(item, final, first, check_identifier=code_changed and not first.identifier_clean):
            return
        if not self._carrier_findings(item, first):
            return
        if "name" in changed:
            changed["name_initials"] = name_initials(str(changed["name"]))
        if code_changed and not item.override and existing["identifier_override"] is not None:
            item.clear_override = True
        item.values = changed

    def _same_fields(self, merged: dict[str, Any], row: tuple[Any, ...]) -> bool:
        """Whether every operator field of ``merged`` equals the stored value: one tuple comparison for the rows of
        next month's ledger that change nothing (most of them). Dates are compared as the ISO text SQLite stores;
        flags need nothing, as ``True == 1``. ``False`` only means "look field by field"; equal here implies
        :func:`same_value` for each field."""
        keys = tuple(merged)
        if keys in self._pickers:
            pickers = self._pickers[keys]
        else:
            names = [name for name in keys if name in SNAPSHOT_AT]
            dates = tuple(k for k, name in enumerate(names) if name in DATE_FIELDS)
            # itemgetter of one name gives a value, not a tuple: such rows are few and take the long way
            pickers = (
                (itemgetter(*names), itemgetter(*(SNAPSHOT_AT[n] for n in names)), dates) if len(names) > 1 else None
            )
            self._pickers[keys] = pickers
        if pickers is None:
            return False
        values_of, stored_of, dates = pickers
        values = values_of(merged)
        if dates:
            as_stored = list(values)
            for k in dates:
                if as_stored[k].__class__ is date:  # exactly a date: a datetime takes the long way, as to_raw differs
                    as_stored[k] = as_stored[k].isoformat()  # to_raw of a date
            values = tuple(as_stored)
        return bool(values == stored_of(row))

    def _carrier_plans(self, operator_id: str, carriers: list[dict[str, Any]]) -> list[CarrierPlan]:
        if not carriers:
            return []
        existing = {stored_carrier_key(row): row for row in self.snapshot.carrier_rows(operator_id)}
        plans: list[CarrierPlan] = []
        for carrier in carriers:
            known = existing.get(carrier_key(carrier))
            if known is None:
                plans.append(CarrierPlan(None, {**CARRIER_DEFAULTS, **carrier}, label=carrier_label(carrier)))
                continue
            changes = [
                FieldChange(name, known[CARRIER_AT[name]], to_raw(value))
                for name, value in carrier.items()
                if name in CARRIER_FIELD_SET
                and not (isinstance(value, str) and value == known[CARRIER_AT[name]])  # text: the usual case
                and not same_value(f"carrier.{name}", value, known[CARRIER_AT[name]])
            ]
            if changes:
                stored = dict(zip(SNAPSHOT_CARRIER, known, strict=True))
                plans.append(
                    CarrierPlan(
                        stored["id"],
                        {c.field: carrier[c.field] for c in changes},
                        changes,
                        carrier_label({**stored, **carrier}),
                    )
                )
        return plans


def build_items(snapshot: Snapshot, parsed: ParsedSheet, progress: Progress | None = None) -> list[PreviewItem]:
    """Classify every parsed row against ``snapshot``."""
    return PreviewBuilder(snapshot).build(parsed, progress)
