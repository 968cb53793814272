"""Electronic evidence: files kept byte-for-byte, content-addressed (SHA-256 + SM3), encrypted at rest.

The bytes live in a second SQLCipher file, ``evidence.db`` in the data directory, opened with the same key as the
station database (:func:`open_evidence_database`). That keeps the station database and its backups small, and the
evidence file commits atomically through its own WAL. The station database holds only the link rows
(:class:`localdb.inspection_models.InspectionEvidence`) with each file's hashes and the elements the 电子数据取证
rules ask for (source URL, capture time, device, method, officer, description).

Order of writes when adding: the bytes commit to evidence.db first, then the link row to the station database. A
crash in between leaves an unreferenced blob (harmless; :meth:`EvidenceService.prune_orphans` removes it), never a
link without bytes. The same bytes added twice are stored once; adding the original again repairs a damaged blob.
A missing or damaged blob is reported (:class:`EvidenceUnavailable`, ``verify``), never a crash.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, event, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from app.audit import audit
from app.errors import ValidationFailed
from app.inspections import findings as f
from app.inspections.canonical import DualHasher
from app.inspections.common import get
from app.inspections.data import EvidenceAdded, EvidenceMeta, EvidenceRecord
from app.inspections.errors import EvidenceUnavailable, RecordDiscarded, RecordFinalized
from app.records import Actor
from app.validation import Finding
from localdb.database import Database
from localdb.engine import create_station_engine
from localdb.errors import NewerSchemaError
from localdb.inspection_models import (
    DRAFT,
    EVIDENCE_CHUNK_BYTES,
    EVIDENCE_SCHEMA_VERSION,
    ChecklistItem,
    EvidenceBase,
    EvidenceBlob,
    EvidenceChunk,
    Inspection,
    InspectionEvidence,
)
from localdb.models import Officer

EVIDENCE_FILE = "evidence.db"
"""Name of the evidence store in the data directory."""

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
"""Largest evidence file accepted (a few minutes of screen recording); a constructor argument of the service."""

EVIDENCE_CACHE_KIB = 8 * 1024
"""Page cache per evidence connection: blobs are read once, so the station database's large cache would only
hold decrypted video pages in memory."""

TEXT_LIMITS = {"source_url": 2000, "device": 200, "method": 64, "description": 2000}

OK = "ok"
MISSING = "missing"
DAMAGED = "damaged"

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124}


def sniff_media_type(head: bytes) -> str | None:
    """The media type of a file from its first bytes (magic numbers), or ``None`` if it is not an image, a PDF
    or a video. The file name's extension is never trusted."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:2] == b"BM" and len(head) >= 18 and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES:
        return "image/bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if b"%PDF-" in head[:1024]:
        return "application/pdf"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIF_BRANDS:
            return "image/heic"
        if brand in (b"avif", b"avis"):
            return "image/avif"
        if brand == b"qt  ":
            return "video/quicktime"
        if brand.startswith(b"3g"):
            return "video/3gpp"
        return "video/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "video/webm" if b"webm" in head[:64] else "video/x-matroska"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "video/x-msvideo"
    if head[:3] == b"FLV":
        return "video/x-flv"
    if head[:8] == b"\x30\x26\xb2\x75\x8e\x66\xcf\x11":
        return "video/x-ms-wmv"
    return None


# --- the evidence store (evidence.db) ----------------------------------------------------------------------------
def _small_cache(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA cache_size=-{EVIDENCE_CACHE_KIB}")
    finally:
        cursor.close()


def ensure_evidence_schema(engine: Engine, path: Path) -> None:
    """Create the evidence tables in a new file; refuse a file written by a newer StationDesk."""
    with engine.begin() as conn:
        version = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        if version > EVIDENCE_SCHEMA_VERSION:
            raise NewerSchemaError(path, f"evidence schema {version}")
        if version == 0:
            EvidenceBase.metadata.create_all(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {EVIDENCE_SCHEMA_VERSION}")


def open_evidence_database(path: Path, key: bytes) -> Database:
    """Open (creating when absent) the evidence store at ``path`` with the station's key.

    Raises the same known errors as the station database (wrong key, foreign file, newer schema).
    """
    engine = create_station_engine(path, key)
    try:
        engine.dispose()  # the first pooled connection was opened with the station database's large cache
        event.listen(engine, "connect", _small_cache)
        ensure_evidence_schema(engine, path)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine=engine, path=path, outbox=False)


class EvidenceStore:
    """Content-addressed, chunked blobs in evidence.db."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def path(self) -> Path:
        return self._db.path

    def put(self, data: bytes, media_type: str) -> tuple[str, str, bool]:
        """Store ``data`` unless an intact copy is already there; returns ``(sha256, sm3, stored_new)``."""
        hasher = DualHasher()
        hasher.update(data)
        sha256, sm3 = hasher.hexdigests()
        with self._db.transaction() as session:
            existing = session.get(EvidenceBlob, sha256)
            if existing is not None:
                if self._status(session, existing.sha256, existing.sm3) == OK:
                    return sha256, sm3, False
                session.execute(delete(EvidenceChunk).where(EvidenceChunk.sha256 == sha256))
                session.delete(existing)
                session.flush()
            chunks = max(1, -(-len(data) // EVIDENCE_CHUNK_BYTES))
            session.add(EvidenceBlob(sha256=sha256, sm3=sm3, size=len(data), media_type=media_type, chunks=chunks))
            session.flush()
            for seq in range(chunks):
                piece = data[seq * EVIDENCE_CHUNK_BYTES : (seq + 1) * EVIDENCE_CHUNK_BYTES]
                session.add(EvidenceChunk(sha256=sha256, seq=seq, data=piece))
                session.flush()
        return sha256, sm3, True

    @staticmethod
    def _chunks(session: Session, sha256: str) -> Iterator[bytes]:
        stmt = select(EvidenceChunk.data).where(EvidenceChunk.sha256 == sha256).order_by(EvidenceChunk.seq)
        for (piece,) in session.execute(stmt.execution_options(yield_per=4)):
            yield bytes(piece)

    def _status(self, session: Session, sha256: str, sm3: str | None) -> str:
        blob = session.get(EvidenceBlob, sha256)
        if blob is None:
            return MISSING
        hasher = DualHasher()
        for piece in self._chunks(session, sha256):
            hasher.update(piece)
        got_sha, got_sm3 = hasher.hexdigests()
        if got_sha != sha256 or got_sm3 != blob.sm3 or (sm3 is not None and got_sm3 != sm3) or hasher.size != blob.size:
            return DAMAGED
        return OK

    def status(self, sha256: str, sm3: str | None = None) -> str:
        """``ok``, ``missing`` or ``damaged`` (the bytes no longer hash to their SHA-256 / SM3)."""
        try:
            with self._db.reader() as session:
                return self._status(session, sha256, sm3)
        except DatabaseError as exc:  # an unreadable page is damage to report, not a crash
            if "locked" in str(exc.orig).lower():
                raise
            return DAMAGED

    def read(self, sha256: str, sm3: str | None = None) -> tuple[str, bytes]:
        """``(status, bytes)``; the bytes are returned only when the status is ``ok``."""
        try:
            with self._db.reader() as session:
                blob = session.get(EvidenceBlob, sha256)
                if blob is None:
                    return MISSING, b""
                stored_sm3 = blob.sm3
                data = b"".join(self._chunks(session, sha256))
        except DatabaseError as exc:
            if "locked" in str(exc.orig).lower():
                raise
            return DAMAGED, b""
        hasher = DualHasher()
        hasher.update(data)
        got_sha, got_sm3 = hasher.hexdigests()
        if got_sha != sha256 or got_sm3 != stored_sm3 or (sm3 is not None and got_sm3 != sm3):
            return DAMAGED, b""
        return OK, data

    def hashes(self) -> set[str]:
        """SHA-256 of every stored blob."""
        with self._db.reader() as session:
            return set(session.scalars(select(EvidenceBlob.sha256)))

    def delete_except(self, keep: set[str]) -> int:
        """Remove every blob not in ``keep``; returns how many were removed."""
        with self._db.transaction() as session:
            stale = [sha for sha in session.scalars(select(EvidenceBlob.sha256)) if sha not in keep]
            for sha in stale:
                session.execute(delete(EvidenceChunk).where(EvidenceChunk.sha256 == sha))
                session.execute(delete(EvidenceBlob).where(EvidenceBlob.sha256 == sha))
            return len(stale)


# --- the service the record form uses -----------------------------------------------------------------------------
def evidence_record(row: InspectionEvidence) -> EvidenceRecord:
    return EvidenceRecord(
        id=row.id,
        inspection_id=row.inspection_id,
        item_code=row.item_code,
        sha256=row.sha256,
        sm3=row.sm3,
        size=row.size,
        media_type=row.media_type,
        file_name=row.file_name,
        captured_at=row.captured_at,
        source_url=row.source_url,
        device=row.device,
        method=row.method,
        officer_id=row.officer_id,
        description=row.description,
        added_at=row.added_at,
    )


def live_evidence(session: Session, inspection_id: str) -> list[InspectionEvidence]:
    """The evidence rows of a record, in the order they were added."""
    stmt = (
        select(InspectionEvidence)
        .where(InspectionEvidence.inspection_id == inspection_id, InspectionEvidence.deleted_at.is_(None))
        .order_by(InspectionEvidence.added_at, InspectionEvidence.id)
    )
    return list(session.scalars(stmt))


def editable(session: Session, inspection_id: str) -> Inspection:
    """The record if it may still be changed, else :class:`RecordFinalized` / :class:`RecordDiscarded`."""
    record = get(session, Inspection, inspection_id)
    if record.state != DRAFT:
        raise RecordFinalized(inspection_id)
    if record.deleted_at is not None:
        raise RecordDiscarded(inspection_id)
    return record


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


class EvidenceService:
    """Adds, lists, reads and removes evidence on inspection records."""

    def __init__(self, db: Database, store: EvidenceStore, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self._db = db
        self._store = store
        self.max_bytes = max_bytes

    def check_bytes(self, data: bytes, name: str = "") -> tuple[str | None, list[Finding]]:
        """The media type of ``data`` and the findings that refuse it (empty, too large, not an image/PDF/video)."""
        label = name or "?"
        if not data:
            return None, [f.error("evidence", "evidence.empty", f.T_EVIDENCE_EMPTY, name=label)]
        if len(data) > self.max_bytes:
            return None, [self._too_large(label, len(data))]
        media_type = sniff_media_type(data[:1024])
        if media_type is None:
            return None, [f.error("evidence", "evidence.type", f.T_EVIDENCE_TYPE, name=label)]
        return media_type, []

    def _too_large(self, name: str, size: int) -> Finding:
        return f.error(
            "evidence",
            "evidence.too_large",
            f.T_EVIDENCE_TOO_LARGE,
            name=name,
            size=_megabytes(size),
            limit=_megabytes(self.max_bytes),
        )

    def add_file(self, inspection_id: str, path: Path, meta: EvidenceMeta, actor: Actor) -> EvidenceAdded:
        """Add a file from disk (file picker, drag-and-drop); its size is checked before it is read."""
        name = meta.file_name or path.name
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                raise ValidationFailed([self._too_large(name, size)])
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationFailed(
                [
                    f.error(
                        "evidence",
                        "evidence.unreadable",
                        f.T_EVIDENCE_UNREADABLE,
                        name=name,
                        detail=exc.strerror or type(exc).__name__,
                    )
                ]
            ) from exc
        if meta.file_name:
            return self.add(inspection_id, data, meta, actor)
        return self.add(inspection_id, data, replace(meta, file_name=path.name), actor)

    def add(self, inspection_id: str, data: bytes, meta: EvidenceMeta, actor: Actor) -> EvidenceAdded:
        """Add evidence bytes (e.g. a screenshot pasted from the clipboard) to a draft record or one of its items.

        Raises :class:`ValidationFailed` (nothing stored) for an empty, oversized or wrong-type file, an unknown
        item or officer, an over-long text, and :class:`RecordFinalized` for a finalized record.
        """
        media_type, problems = self.check_bytes(data, meta.file_name)
        with self._db.reader() as session:
            self._check_meta(session, inspection_id, meta, problems)
        if problems or media_type is None:
            raise ValidationFailed(problems)
        sha256, sm3, stored_new = self._store.put(data, media_type)
        with self._db.transaction() as session:
            editable(session, inspection_id)
            existing = session.scalars(
                select(InspectionEvidence).where(
                    InspectionEvidence.inspection_id == inspection_id,
                    InspectionEvidence.sha256 == sha256,
                    InspectionEvidence.item_code.is_(None)
                    if meta.item_code is None
                    else InspectionEvidence.item_code == meta.item_code,
                    InspectionEvidence.deleted_at.is_(None),
                )
            ).first()
            if existing is not None:
                return EvidenceAdded(evidence_record(existing), stored_new, already_attached=True)
            row = InspectionEvidence(
                inspection_id=inspection_id,
                item_code=meta.item_code,
                sha256=sha256,
                sm3=sm3,
                size=len(data),
                media_type=media_type,
                file_name=(meta.file_name or "")[-255:],
                captured_at=meta.captured_at,
                source_url=meta.source_url.strip(),
                device=meta.device.strip(),
                method=meta.method.strip(),
                officer_id=meta.officer_id,
                description=meta.description.strip(),
                added_at=datetime.now(),
            )
            session.add(row)
            session.flush()
            audit(session, actor, "inspection", inspection_id, "evidence", meta.item_code, None, sha256, None)
            return EvidenceAdded(evidence_record(row), stored_new, already_attached=False)

    @staticmethod
    def _check_meta(session: Session, inspection_id: str, meta: EvidenceMeta, problems: list[Finding]) -> None:
        record = editable(session, inspection_id)
        if meta.item_code is not None:
            known = session.scalar(
                select(ChecklistItem.id).where(
                    ChecklistItem.template_id == record.template_id, ChecklistItem.code == meta.item_code
                )
            )
            if known is None:
                problems.append(f.error("evidence", "answer.unknown_item", f.T_ITEM_UNKNOWN, code=meta.item_code))
        if meta.officer_id is not None and session.get(Officer, meta.officer_id) is None:
            problems.append(f.error("evidence", "officers.unknown", f.T_OFFICER_UNKNOWN))
        for name, limit in TEXT_LIMITS.items():
            value = getattr(meta, name)
            if len(value) > limit:
                problems.append(f.error(name, "text.too_long", f.T_TEXT_TOO_LONG, actual=len(value), limit=limit))

    def update(self, evidence_id: str, meta: EvidenceMeta, actor: Actor) -> None:
        """Change the recorded elements of a piece of evidence on a draft (never its bytes). Like other draft
        edits it is not audited field by field; the finalized record seals the result."""
        with self._db.transaction() as session:
            row = get(session, InspectionEvidence, evidence_id)
            problems: list[Finding] = []
            self._check_meta(session, row.inspection_id, meta, problems)
            if problems:
                raise ValidationFailed(problems)
            row.item_code = meta.item_code
            row.captured_at = meta.captured_at
            row.source_url = meta.source_url.strip()
            row.device = meta.device.strip()
            row.method = meta.method.strip()
            row.officer_id = meta.officer_id
            row.description = meta.description.strip()
            if meta.file_name:
                row.file_name = meta.file_name[-255:]
            if row.change_state == "synced":
                row.change_state = "modified"

    def remove(self, evidence_id: str, actor: Actor) -> None:
        """Detach a piece of evidence from a draft (the bytes go when nothing refers to them any more)."""
        with self._db.transaction() as session:
            row = get(session, InspectionEvidence, evidence_id)
            editable(session, row.inspection_id)
            if row.deleted_at is None:
                row.deleted_at = datetime.now()
                row.deleted_reason = "removed from draft"
                if row.server_version is not None:
                    row.change_state = "deleted"
                audit(
                    session,
                    actor,
                    "inspection",
                    row.inspection_id,
                    "evidence_removed",
                    row.item_code,
                    row.sha256,
                    None,
                    None,
                )

    def rows(self, inspection_id: str) -> list[EvidenceRecord]:
        """The evidence of a record (gallery order: as added)."""
        with self._db.reader() as session:
            return [evidence_record(row) for row in live_evidence(session, inspection_id)]

    def read(self, evidence_id: str) -> bytes:
        """The original bytes, checked against both hashes; :class:`EvidenceUnavailable` if missing or damaged."""
        with self._db.reader() as session:
            row = get(session, InspectionEvidence, evidence_id)
            sha256, sm3, name = row.sha256, row.sm3, row.file_name or row.sha256[:12]
        status, data = self._store.read(sha256, sm3)
        if status == OK:
            return data
        raise EvidenceUnavailable(evidence_id, status, unavailable_finding(status, name))

    def status(self, evidence_id: str) -> str:
        """``ok``, ``missing`` or ``damaged``."""
        with self._db.reader() as session:
            row = get(session, InspectionEvidence, evidence_id)
            sha256, sm3 = row.sha256, row.sm3
        return self._store.status(sha256, sm3)

    def prune_orphans(self) -> int:
        """Remove stored bytes no live evidence row refers to (after drafts lost evidence); returns the count."""
        with self._db.reader() as session:
            keep = set(
                session.scalars(
                    select(InspectionEvidence.sha256).where(InspectionEvidence.deleted_at.is_(None)).distinct()
                )
            )
            # Bytes of finalized records stay even if a row was tampered with: keep everything a finalized or
            # chained record ever referenced.
            keep |= set(
                session.scalars(
                    select(InspectionEvidence.sha256)
                    .join(Inspection, Inspection.id == InspectionEvidence.inspection_id)
                    .where(Inspection.state != DRAFT)
                    .distinct()
                )
            )
        return self._store.delete_except(keep)


def unavailable_finding(status: str, name: str) -> Finding:
    """The finding for a missing or damaged evidence file."""
    if status == MISSING:
        return f.error("evidence", "evidence.missing", f.T_EVIDENCE_MISSING, name=name)
    return f.error("evidence", "evidence.damaged", f.T_EVIDENCE_DAMAGED, name=name)
