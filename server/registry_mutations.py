"""Mutations of the register: operators' station fields, proposals of province fields and new operators, carriers.

Province fields change only through proposals (the province decides, server/province.py); a station writes the
station fields of any operator or carrier of its slice directly (last writer wins) and owns the carriers it found
(version rule). Identifiers, phones and ICP numbers are checked with the shared rules of ``app.validation``.
"""

from __future__ import annotations

from sqlalchemy import select

from app.validation import IdentifierType, validate_icp_filing, validate_identifier, validate_phone
from server.models import Carrier, Operator, Proposal
from server.writes import (
    DATE_FIELDS,
    Writer,
    check_version,
    differs,
    parse,
    reason_of,
    reject,
    to_column,
)
from sync.protocol import (
    CARRIER_PROVINCE_FIELDS,
    OPERATOR_PROVINCE_FIELDS,
    OPERATOR_REQUIRED_ON_CREATE,
    OPERATOR_STATION_FIELDS,
    CarrierFields,
    Entity,
    Mutation,
    OperatorFields,
    OperatorProposalData,
    RejectCode,
)


def validated_identifier(identifier_type: str, identifier: str, override: str | None) -> str:
    result = validate_identifier(IdentifierType(identifier_type), identifier)
    if result.errors:
        reject(RejectCode.VALIDATION, "identifier: " + " ".join(f.render() for f in result.errors))
    if result.warnings and not (override and override.strip()):
        reject(
            RejectCode.VALIDATION,
            "identifier: "
            + " ".join(f.render() for f in result.warnings)
            + " (send identifier_override with a reason)",
        )
    return result.normalized


def validated_phone(phone: str) -> str:
    result = validate_phone(phone)
    if result.errors:
        reject(RejectCode.VALIDATION, "phone: " + " ".join(f.render() for f in result.errors))
    return result.normalized


def validated_icp(value: str) -> str:
    result = validate_icp_filing(value)
    if result.errors:
        reject(RejectCode.VALIDATION, "icp_filing: " + " ".join(f.render() for f in result.errors))
    return result.normalized


class RegistryMutations(Writer):
    """``operator``/``upsert``, ``operator_proposal``/``propose``, ``carrier``/``upsert`` and ``delete``."""

    # --- operators and proposals ----------------------------------------------------------------------------------
    def _operator_upsert(self, mutation: Mutation) -> int:
        fields = parse(OperatorFields, mutation.data).model_dump(exclude_unset=True)
        row = self._own(Operator, mutation.id)
        if row is None:
            reject(RejectCode.NOT_FOUND, "no such operator in this station's register; propose a new one instead")
        province = sorted(
            name for name in fields if name in OPERATOR_PROVINCE_FIELDS and differs(row, name, fields[name])
        )
        if province:
            reject(
                RejectCode.PROVINCE_OWNED,
                f"fields owned by the province cannot be changed directly: {', '.join(province)}; "
                "send an operator_proposal",
            )
        values = {name: value for name, value in fields.items() if name in OPERATOR_STATION_FIELDS}
        if "phone" in values:
            values["phone"] = validated_phone(values["phone"] or "")
        values = {name: "" if value is None else value for name, value in values.items()}
        values = {name: value for name, value in values.items() if differs(row, name, value)}
        if not values:
            return int(row.version)
        return self._update(Operator, row, values, Entity.OPERATOR)

    def _propose(self, mutation: Mutation) -> int:
        data: OperatorProposalData = parse(OperatorProposalData, mutation.data)
        proposed = parse(OperatorFields, data.fields).model_dump(exclude_unset=True)
        if self.conn.scalar(select(Proposal.id).where(Proposal.id == mutation.id)) is not None:
            reject(RejectCode.ID_CONFLICT, "a proposal with this id exists; every proposal needs a new id")
        if not proposed:
            reject(RejectCode.INVALID_DATA, "the proposal changes no field")
        if data.kind == "update":
            operator = self._live_operator(data.operator_id)
            station_fields = sorted(set(proposed) - OPERATOR_PROVINCE_FIELDS)
            if station_fields:
                reject(
                    RejectCode.INVALID_DATA,
                    f"{', '.join(station_fields)} belong to the station: send them as operator/upsert, not a proposal",
                )
            if "identifier" in proposed or "identifier_type" in proposed:
                kind = proposed.get("identifier_type") or operator.identifier_type
                value = proposed.get("identifier", operator.identifier) or ""
                proposed["identifier"] = validated_identifier(kind, value, data.identifier_override)
                proposed["identifier_type"] = kind
            if proposed.get("name") is None and "name" in proposed:
                reject(RejectCode.INVALID_DATA, "name cannot be empty")
        else:
            if self.conn.scalar(select(Operator.id).where(Operator.id == data.operator_id)) is not None:
                reject(RejectCode.ID_CONFLICT, "an operator with this id exists; a new operator needs a new id")
            missing = sorted(name for name in OPERATOR_REQUIRED_ON_CREATE if proposed.get(name) is None)
            if missing:
                reject(RejectCode.INVALID_DATA, f"a new operator needs: {', '.join(missing)}")
            proposed["identifier"] = validated_identifier(
                proposed["identifier_type"], proposed.get("identifier") or "", data.identifier_override
            )
            if proposed.get("phone"):
                proposed["phone"] = validated_phone(proposed["phone"])
            columns = {name: to_column(name, value) for name, value in proposed.items() if value is not None}
            self._insert(
                Operator,
                Entity.OPERATOR,
                {
                    **columns,
                    "id": data.operator_id,
                    "origin": "station",
                    "identifier_override": data.identifier_override,
                },
            )
        return self._insert(
            Proposal,
            Entity.OPERATOR_PROPOSAL,
            {
                "id": mutation.id,
                "device_pk": self.principal.device_pk,
                "user_id": self.principal.user_id,
                "kind": data.kind,
                "operator_id": data.operator_id,
                "base_version": mutation.base_version,
                "fields": proposed,
                "base_values": data.base_values,
                "reason": data.reason,
                "identifier_override": data.identifier_override,
                "status": "pending",
            },
        )

    # --- carriers -------------------------------------------------------------------------------------------------
    def _carrier_upsert(self, mutation: Mutation) -> int:
        fields = parse(CarrierFields, mutation.data).model_dump(exclude_unset=True)
        if fields.get("icp_filing"):
            fields["icp_filing"] = validated_icp(fields["icp_filing"])
        row = self._own(Carrier, mutation.id)
        if row is None:
            if not fields.get("operator_id") or not fields.get("kind"):
                reject(RejectCode.INVALID_DATA, "a new carrier needs operator_id and kind")
            self._live_operator(fields["operator_id"])
            values = {name: to_column(name, value) for name, value in fields.items() if value is not None}
            return self._insert(Carrier, Entity.CARRIER, {**values, "id": mutation.id, "origin": "station"})
        if row.origin == "province":
            province = sorted(
                name for name in fields if name in CARRIER_PROVINCE_FIELDS and differs(row, name, fields[name])
            )
            if province:
                reject(
                    RejectCode.PROVINCE_OWNED,
                    f"this carrier is in the provincial register; the station may only update "
                    f"license_display, last_verified and status, not: {', '.join(province)}",
                )
        else:
            check_version(row.version, row.writer_device_pk, mutation.base_version, self.principal)
            if fields.get("operator_id") and fields["operator_id"] != row.operator_id:
                self._live_operator(fields["operator_id"])
        # None clears a text or date field; for the required and vocabulary fields it means "leave as it is".
        keep = {"operator_id", "kind", "license_display", "status"}
        values = {
            name: to_column(name, "" if value is None and name not in DATE_FIELDS else value)
            for name, value in fields.items()
            if not (value is None and name in keep) and differs(row, name, value)
        }
        if not values:
            return int(row.version)
        return self._update(Carrier, row, values, Entity.CARRIER, refirst="operator_id" in values)

    def _carrier_delete(self, mutation: Mutation) -> int:
        row = self._own(Carrier, mutation.id, live=False)
        if row is None:
            reject(RejectCode.NOT_FOUND, "no such carrier in this station's register")
        if row.deleted_at is not None:
            return int(row.version)
        if row.origin == "province":
            reject(RejectCode.PROVINCE_OWNED, "carriers from the provincial register cannot be deleted by a station")
        check_version(row.version, row.writer_device_pk, mutation.base_version, self.principal)
        return self._soft_delete(Carrier, row, Entity.CARRIER, reason_of(mutation.data))
