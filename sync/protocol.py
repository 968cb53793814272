"""The sync protocol, version 1: the wire schemas shared by the desktop client and the provincial server.

Pure pydantic and stdlib (no FastAPI, no SQLAlchemy, no Qt), so both sides import the same definitions. The prose
specification, with examples, is docs/sync-protocol.md; where the two disagree, this module is the contract and the
document is a bug.

Conventions:

* Request models forbid unknown fields (a typo is a 422, not silently ignored); response models ignore unknown
  fields, so an older client keeps working when a newer server adds one.
* Ids are client-generated UUIDs (text). Dates are ISO ``YYYY-MM-DD``; timestamps ISO 8601 UTC.
* Every record the server stores has an integer ``version``: 1 when created, +1 on every applied change (including
  the deletion that makes it a tombstone).
* Field ownership: ``OPERATOR_PROVINCE_FIELDS`` and ``CARRIER_PROVINCE_FIELDS`` belong to the province; a station
  changes them only through an ``operator_proposal``. The ``*_STATION_FIELDS`` are written by the station directly.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, model_validator
from typing_extensions import TypedDict

PROTOCOL_VERSION: Final = 1
"""The protocol version this module describes; the URL prefix carries it too."""
SUPPORTED_PROTOCOLS: Final = (1,)
API_PREFIX: Final = "/sync/v1"
PROTOCOL_HEADER: Final = "StationDesk-Protocol"
"""Request header with the protocol version the client speaks (optional; when present it must be supported)."""
CLIENT_HEADER: Final = "StationDesk-Client"
"""Request header with the client's version (``0.1.0``); too old a client gets 426."""

SHA256_PATTERN: Final = r"^[0-9a-f]{64}$"
VERSION_PATTERN: Final = r"^\d+(\.\d+){0,3}([.+-][0-9A-Za-z.+-]*)?$"
DEVICE_SEQ_MAX: Final = 2**62
"""Upper bound of ``seq``; keeps it inside a signed 64-bit column on every database."""


class Entity(StrEnum):
    """Kinds of record that travel through push and pull."""

    OPERATOR = "operator"
    """经营主体 (province-owned; a station may push only the station fields)."""
    CARRIER = "carrier"
    """载体 (province-owned, or station-owned when the station created it)."""
    LICENSE = "license"
    """许可证 (province-owned, pull only)."""
    OPERATOR_PROPOSAL = "operator_proposal"
    """A station's proposed change to a province operator, or a new operator it found."""
    INSPECTION = "inspection"
    """Station-owned inspection document (opaque JSON payload); finalized ones are immutable, but the rectification
    order a finalized one opened changes beside it (``rectify``)."""
    EVIDENCE = "evidence"
    """Metadata of an evidence file whose bytes were uploaded as a blob first; immutable once stored."""


PULL_ENTITIES: Final = tuple(Entity)
"""Every entity appears in pull and verify."""
PUSH_ENTITIES: Final = (Entity.OPERATOR, Entity.CARRIER, Entity.OPERATOR_PROPOSAL, Entity.INSPECTION, Entity.EVIDENCE)


class Op(StrEnum):
    """What a pushed mutation asks for."""

    UPSERT = "upsert"
    DELETE = "delete"
    PROPOSE = "propose"
    RECTIFY = "rectify"
    """``inspection`` only: the current state of the finalized inspection's rectification order (整改)."""


# --- field ownership -------------------------------------------------------------------------------------------------
OPERATOR_PROVINCE_FIELDS: Final = frozenset(
    {
        "subject_type",
        "identifier_type",
        "identifier",
        "name",
        "legal_representative",
        "registered_address",
        "business_scope",
        "founded_on",
        "registration_status",
        "registering_authority",
        "credit_class",
        "abnormal_listed",
        "abnormal_reason",
        "abnormal_date",
        "serious_violation",
        "serious_violation_reason",
        "serious_violation_date",
    }
)
"""Operator fields owned by the province (the client marks the same columns ``info={"owner": PROVINCE}``)."""
OPERATOR_STATION_FIELDS: Final = frozenset({"business_address", "phone", "notes"})
"""Operator fields a station writes directly with ``operator``/``upsert`` (last writer wins)."""
OPERATOR_REQUIRED_ON_CREATE: Final = frozenset({"subject_type", "identifier_type", "name"})

CARRIER_PROVINCE_FIELDS: Final = frozenset(
    {"operator_id", "kind", "platform", "shop_name", "shop_id", "url", "icp_filing", "first_seen"}
)
"""Carrier fields owned by the province when the carrier came from the province (``origin == "province"``)."""
CARRIER_STATION_FIELDS: Final = frozenset({"license_display", "last_verified", "status"})
"""Carrier fields a station may update on any carrier of its slice: what its officers observed."""
CARRIER_STATUSES: Final = frozenset({"active", "closed"})


# --- base models -----------------------------------------------------------------------------------------------------
class RequestModel(BaseModel):
    """A body the client sends: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ResponseModel(BaseModel):
    """A body the server sends: unknown fields are ignored by older clients."""

    model_config = ConfigDict(extra="ignore")


UUID_PATTERN: Final = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
Uuid = Annotated[StrictStr, Field(pattern=UUID_PATTERN)]
"""A UUID in its canonical lower-case 36-character text form (``str(uuid.uuid4())``)."""
Sha256 = Annotated[str, Field(pattern=SHA256_PATTERN)]
ShortText = Annotated[StrictStr, Field(max_length=200)]


# --- errors ----------------------------------------------------------------------------------------------------------
class ErrorCode(StrEnum):
    """The ``error`` field of every non-2xx response; the client maps it to a Chinese message."""

    INVALID_REQUEST = "invalid_request"  # 422: malformed JSON, wrong types, unknown fields, bad cursor
    PAYLOAD_TOO_LARGE = "payload_too_large"  # 413: body over the size limit
    BATCH_TOO_LARGE = "batch_too_large"  # 413: more mutations than max_batch
    UNAUTHORIZED = "unauthorized"  # 401: no, unknown, expired or revoked token; wrong password
    TOKEN_REUSED = "token_reused"  # 401: an already-rotated refresh token; its whole family is now revoked
    FORBIDDEN = "forbidden"  # 403: e.g. the push names another device than the token's
    NOT_FOUND = "not_found"  # 404
    DEVICE_CONFLICT = "device_conflict"  # 409: the server saw this device further ahead: copied database
    RESYNC_REQUIRED = "resync_required"  # 410: cursor from another epoch or older than retention
    HASH_MISMATCH = "hash_mismatch"  # 422: uploaded bytes do not hash to the URL's sha256
    UPGRADE_REQUIRED = "upgrade_required"  # 426: protocol or client version too old / unknown
    RATE_LIMITED = "rate_limited"  # 429: too many failed logins for this user from this address
    INTERNAL = "internal"  # 500


class ErrorBody(ResponseModel):
    """Body of every error response."""

    error: str
    message: str
    detail: Any = None


class RejectCode(StrEnum):
    """Why a pushed mutation was rejected (recorded; it will never apply as sent, and does not block the rest)."""

    INVALID_DATA = "invalid_data"  # the data does not match the entity's schema
    UNSUPPORTED = "unsupported"  # entity/op combination not allowed (e.g. pushing a license)
    NOT_FOUND = "not_found"  # the record (or the operator/inspection it refers to) is not in the station's slice
    ID_CONFLICT = "id_conflict"  # the id is taken by a record of another kind or another station
    PROVINCE_OWNED = "province_owned"  # tried to change province-owned fields directly: send a proposal
    VERSION_CONFLICT = "version_conflict"  # another device changed the record since base_version
    FINALIZED = "finalized"  # the inspection is final (immutable): push an amendment instead
    IMMUTABLE = "immutable"  # evidence metadata cannot change once stored
    BLOB_MISSING = "blob_missing"  # the evidence's blob was not uploaded (by this station) first
    VALIDATION = "validation"  # a field value fails a domain rule (identifier format, phone…)
    SEQ_OUT_OF_ORDER = "seq_out_of_order"  # seq at or below the device's last applied seq but never recorded


# --- auth ------------------------------------------------------------------------------------------------------------
class LoginRequest(RequestModel):
    username: Annotated[StrictStr, Field(min_length=1, max_length=64)]
    password: Annotated[StrictStr, Field(min_length=1, max_length=256)]
    device_id: Uuid
    """The client's installation id (one per data dir); tokens are bound to it."""
    device_name: Annotated[StrictStr, Field(max_length=100)] = ""
    client_version: Annotated[StrictStr, Field(pattern=VERSION_PATTERN, max_length=32)]


class RefreshRequest(RequestModel):
    refresh_token: Annotated[StrictStr, Field(min_length=1, max_length=200)]


class StationInfo(ResponseModel):
    id: str
    code: str
    name: str
    region_code: str


class TokenResponse(ResponseModel):
    token_type: Literal["bearer"] = "bearer"
    access_token: str
    access_expires_in: int
    """Seconds until the access token expires (server clock; the client should not compare with its own clock)."""
    refresh_token: str
    refresh_expires_in: int
    station: StationInfo
    username: str
    device_id: str


# --- hello -----------------------------------------------------------------------------------------------------------
class Limits(ResponseModel):
    max_batch: int
    """Most mutations one push may carry."""
    max_page: int
    """Largest ``limit`` pull accepts."""
    max_body_bytes: int
    """Largest JSON request body."""
    max_blob_bytes: int
    """Largest blob."""


class DeviceInfo(ResponseModel):
    device_id: str
    last_seq: int
    """Highest seq the server has applied (or rejected) for this device; 0 for a new device."""


class HelloResponse(ResponseModel):
    protocol_version: int
    supported_protocols: list[int]
    server_version: str
    min_client_version: str
    epoch: str
    """Random id of this server database; changes when it is restored from a backup (then: full resync)."""
    server_time: str
    """Informational only: client clocks are wrong, and ordering never uses time."""
    station: StationInfo
    username: str
    device: DeviceInfo
    counts: dict[str, int]
    """Live (not deleted) records of the station per entity; same numbers as verify."""
    limits: Limits


# --- push ------------------------------------------------------------------------------------------------------------
class Mutation(RequestModel):
    """One outbox entry. ``(device_id, seq)`` identifies it forever; a retry must resend it unchanged."""

    device_id: Uuid
    seq: Annotated[StrictInt, Field(ge=1, le=DEVICE_SEQ_MAX)]
    entity: Entity
    op: Op
    id: Uuid
    """The record's id (client-generated); for ``operator_proposal`` the proposal's own id."""
    base_version: Annotated[StrictInt, Field(ge=0)] | None = None
    """The server version the change was based on; ``None`` (or 0) when creating or when never pulled."""
    data: dict[str, Any] = Field(default_factory=dict)
    client_time: Annotated[StrictStr, Field(max_length=40)] | None = None
    """When the user did it, by the client's clock: stored as data, never used for ordering."""


class PushRequest(RequestModel):
    device_id: Uuid
    device_counter: Annotated[StrictInt, Field(ge=0, le=DEVICE_SEQ_MAX)]
    """The highest seq this client has ever assigned (its outbox counter), sent or not."""
    mutations: list[Mutation]
    """Strictly ascending seq; at most ``limits.max_batch``."""


class MutationResult(ResponseModel):
    seq: int
    entity: str
    id: str
    status: Literal["applied", "rejected"]
    already_applied: bool = False
    """True when this seq had been processed before: the result is the original one, nothing was stored twice."""
    version: int | None = None
    """The record's server version after the mutation (applied only)."""
    code: str | None = None
    """A :class:`RejectCode` value (rejected only)."""
    reason: str | None = None
    """Human-readable reason in English (rejected only); the client shows its own Chinese text for ``code``."""
    current_version: int | None = None
    """For ``version_conflict``: the server's version now, so the client can pull and show a diff."""


class PushResponse(ResponseModel):
    device_id: str
    last_seq: int
    results: list[MutationResult]


# --- entity payloads (``Mutation.data`` and pulled ``Change.data``) --------------------------------------------------
DATE_PATTERN: Final = r"^\d{4}-\d{2}-\d{2}$"
OptionalDate = Annotated[StrictStr, Field(pattern=DATE_PATTERN)] | None


def _calendar_date(value: str) -> str:
    date.fromisoformat(value)  # ValueError for 2026-02-30: pydantic reports it as a validation error
    return value


IsoDate = Annotated[StrictStr, Field(pattern=DATE_PATTERN), AfterValidator(_calendar_date)]
"""A real calendar date as ``YYYY-MM-DD``."""


class OperatorFields(RequestModel):
    """Operator fields as they travel in proposals and station updates; every field optional (partial)."""

    subject_type: Literal["enterprise", "individual", "cooperative", "natural_person", "other"] | None = None
    identifier_type: Literal["uscc", "org_code", "reg_no", "resident_id", "none"] | None = None
    identifier: Annotated[StrictStr, Field(max_length=32)] | None = None
    name: Annotated[StrictStr, Field(min_length=1, max_length=200)] | None = None
    legal_representative: Annotated[StrictStr, Field(max_length=64)] | None = None
    registered_address: Annotated[StrictStr, Field(max_length=300)] | None = None
    business_address: Annotated[StrictStr, Field(max_length=300)] | None = None
    phone: Annotated[StrictStr, Field(max_length=100)] | None = None
    business_scope: Annotated[StrictStr, Field(max_length=4000)] | None = None
    founded_on: OptionalDate = None
    registration_status: Annotated[StrictStr, Field(max_length=32)] | None = None
    registering_authority: Annotated[StrictStr, Field(max_length=200)] | None = None
    credit_class: Literal["", "A", "B", "C", "D"] | None = None
    abnormal_listed: StrictBool | None = None
    abnormal_reason: Annotated[StrictStr, Field(max_length=4000)] | None = None
    abnormal_date: OptionalDate = None
    serious_violation: StrictBool | None = None
    serious_violation_reason: Annotated[StrictStr, Field(max_length=4000)] | None = None
    serious_violation_date: OptionalDate = None
    notes: Annotated[StrictStr, Field(max_length=4000)] | None = None


class OperatorProposalData(RequestModel):
    """``data`` of ``operator_proposal``/``propose``."""

    kind: Literal["update", "create"]
    operator_id: Uuid
    """The operator concerned; for ``create`` the id the client gave the operator it found."""
    fields: dict[str, Any]
    """Proposed values, keyed by operator field (province fields; ``create`` may also carry station fields)."""
    base_values: dict[str, Any] = Field(default_factory=dict)
    """What the station saw before its change (for the reviewer's and the conflict view's diff)."""
    reason: Annotated[StrictStr, Field(max_length=2000)] = ""
    identifier_override: Annotated[StrictStr, Field(max_length=2000)] | None = None
    """Required when the proposed identifier fails only its check character: why it is right anyway."""


class CarrierFields(RequestModel):
    """``data`` of ``carrier``/``upsert`` (partial for updates; ``operator_id`` and ``kind`` needed to create)."""

    operator_id: Uuid | None = None
    kind: Literal["shop", "website", "wechat", "mini_program", "app", "live_stream", "local_life"] | None = None
    platform: Annotated[StrictStr, Field(max_length=32)] | None = None
    shop_name: Annotated[StrictStr, Field(max_length=200)] | None = None
    shop_id: Annotated[StrictStr, Field(max_length=100)] | None = None
    url: Annotated[StrictStr, Field(max_length=500)] | None = None
    icp_filing: Annotated[StrictStr, Field(max_length=64)] | None = None
    license_display: Literal["unchecked", "shown", "incomplete", "missing"] | None = None
    first_seen: OptionalDate = None
    last_verified: OptionalDate = None
    status: Literal["active", "closed"] | None = None


class InspectionData(RequestModel):
    """``data`` of ``inspection``/``upsert``: the whole document each time (no partial updates)."""

    status: Literal["draft", "final"]
    amends: Uuid | None = None
    """For an amendment: the id of the final inspection it corrects (set at creation, never changed)."""
    operator_id: Uuid | None = None
    """The inspected operator, when it is in the register (must be in the station's slice)."""
    payload: dict[str, Any]
    """The document itself, stored opaquely (the client defines its schema)."""


class RectificationData(RequestModel):
    """``data`` of ``inspection``/``rectify``: the whole current state of the order to rectify within a deadline
    (责令限期整改) that a finalized inspection opened, each time it changes (opened, extended, closed).

    The order is follow-up work on the inspection, not part of the finalized document: it travels beside it and
    changes while the document stays immutable (docs/sync-protocol.md, "`inspection` — `rectify`")."""

    id: Uuid
    """The order's own id (client-generated); one order per inspection, never changed."""
    item_codes: Annotated[list[Annotated[StrictStr, Field(max_length=64)]], Field(max_length=500)] = Field(
        default_factory=list
    )
    """Codes of the checklist items found 不符合: what the re-inspection checks again."""
    requirement: Annotated[StrictStr, Field(max_length=4000)] = ""
    """What the operator was ordered to do."""
    deadline: IsoDate
    """The current deadline (later than ``original_deadline`` once extended)."""
    original_deadline: IsoDate
    """The deadline the order was opened with; never changes."""
    extensions: Annotated[StrictInt, Field(ge=0, le=1000)] = 0
    state: Literal["open", "closed"] = "open"
    closed_at: Annotated[StrictStr, Field(max_length=40)] | None = None
    """When it was closed, by the client's clock (data only)."""
    closed_by_inspection_id: Uuid | None = None
    """The finalized re-inspection (复查) that closed it, when one did."""
    close_note: Annotated[StrictStr, Field(max_length=4000)] = ""

    @model_validator(mode="after")
    def _consistent(self) -> RectificationData:
        if self.deadline < self.original_deadline:
            raise ValueError("deadline is before original_deadline: a deadline is only ever extended")
        if self.state == "closed" and not self.closed_at:
            raise ValueError("a closed order needs closed_at")
        if self.state == "open" and (self.closed_at or self.closed_by_inspection_id):
            raise ValueError("an open order has no closed_at or closed_by_inspection_id")
        return self


class EvidenceData(RequestModel):
    """``data`` of ``evidence``/``upsert``: metadata of a file whose bytes were uploaded with PUT /blobs first."""

    inspection_id: Uuid
    sha256: Sha256
    size: Annotated[StrictInt, Field(ge=0)]
    media_type: Annotated[StrictStr, Field(max_length=100)] = "application/octet-stream"
    filename: Annotated[StrictStr, Field(max_length=255)] = ""
    captured_at: Annotated[StrictStr, Field(max_length=40)] | None = None
    source_url: Annotated[StrictStr, Field(max_length=2000)] = ""
    sm3: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    """Capture tool, method, officers… (the elements of the 电子数据提取笔录), stored opaquely."""


# --- pull ------------------------------------------------------------------------------------------------------------
class Change(TypedDict):
    """One pulled change. A typed dict, not a model: a page of 5,000 is validated straight from the response bytes
    into the plain dicts the client applies (half the time of models plus ``model_dump``, measured)."""

    entity: str
    id: str
    op: Literal["upsert", "delete"]
    version: int
    data: dict[str, Any] | None
    """The record's current state for ``upsert``; ``None`` for a tombstone."""


class PullHead(ResponseModel):
    """A page of ``GET /pull`` without its changes: what the client's engine reads (the store applies the changes
    from the body itself, localdb/pull_apply.py)."""

    epoch: str
    cursor: str
    """Opaque: store it with the page's rows in one local transaction and send it back unchanged."""
    has_more: bool
    position: int
    """Informational: the change sequence number the cursor stands at, for comparing with ``verify``."""


class PullResponse(PullHead):
    changes: list[Change]


# --- blobs and verify ------------------------------------------------------------------------------------------------
class BlobStored(ResponseModel):
    sha256: str
    size: int
    created: bool
    """False when this station already had the blob."""


MAX_BLOB_QUERY: Final = 1000
"""Most hashes one ``POST /blobs/missing`` may name (more: ``413 batch_too_large``); fixed for protocol v1."""


class MissingBlobsRequest(RequestModel):
    """``POST /blobs/missing``: which of these files does the server lack for my station?

    One request instead of a ``HEAD`` per file: a station with 2,000 photos asked 2,000 times before sending
    anything, and again after every interrupted sync."""

    sha256: list[Sha256]


class MissingBlobsResponse(ResponseModel):
    missing: list[str]
    """The hashes asked about that this station has not uploaded (each once, in the order asked): upload these."""


class EntityDigest(ResponseModel):
    count: int
    checksum: str
    """16 hex digits: XOR over the live records of :func:`record_digest`."""


class VerifyResponse(ResponseModel):
    epoch: str
    position: int
    """The newest change sequence number in the station's slice; compare only after pulling at least this far."""
    entities: dict[str, EntityDigest]


def record_digest(record_id: str, version: int) -> int:
    """The 64-bit contribution of one live record to its entity's checksum: sha256("{id}:{version}")[:8]."""
    digest = hashlib.sha256(f"{record_id}:{version}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def format_checksum(value: int) -> str:
    """A checksum as 16 lower-case hex digits (``0000000000000000`` for no records)."""
    return f"{value:016x}"


def checksum(records: list[tuple[str, int]] | tuple[tuple[str, int], ...]) -> str:
    """The checksum of ``(id, version)`` pairs, as verify reports it: order does not matter."""
    total = 0
    for record_id, version in records:
        total ^= record_digest(record_id, version)
    return format_checksum(total)


def mutation_fingerprint(mutation: Mutation) -> str:
    """SHA-256 of a mutation's canonical JSON (everything but ``client_time``): what makes a retry "the same"."""
    body = {
        "entity": mutation.entity.value,
        "op": mutation.op.value,
        "id": mutation.id.lower(),
        "base_version": mutation.base_version or 0,
        "data": mutation.data,
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def parse_version(text: str) -> tuple[int, ...]:
    """``"0.10.2"`` → ``(0, 10, 2)``, ignoring any suffix such as ``-dev``; used to compare client versions."""
    match = re.match(r"^(\d+(?:\.\d+){0,3})", text.strip())
    if match is None:
        return ()
    return tuple(int(part) for part in match.group(1).split("."))
