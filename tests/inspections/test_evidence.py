"""Evidence: byte-for-byte, content-addressed by SHA-256 and SM3, encrypted at rest in evidence.db, stored once;
wrong-type, empty, huge, unreadable files refused; a missing or damaged blob reported, never a crash."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.errors import ValidationFailed
from app.inspections.canonical import sm3_hex
from app.inspections.data import EvidenceMeta
from app.inspections.errors import EvidenceUnavailable
from app.inspections.evidence import EVIDENCE_FILE, EvidenceService, sniff_media_type
from localdb.inspection_models import EVIDENCE_CHUNK_BYTES, EvidenceBlob
from tests.inspections.conftest import LICENSE_DISPLAY, Desk, open_desk, png_bytes
from tests.support.stations import PLAINTEXT_SQLITE_HEADER


def draft(desk: Desk, index: int = 0) -> str:
    operator_id, _ = desk.operator(index)
    return desk.inspections.create_draft(operator_id, desk.actor, template_code=LICENSE_DISPLAY)


def meta(**fields: object) -> EvidenceMeta:
    values: dict[str, object] = {
        "captured_at": datetime(2026, 3, 2, 9, 30),
        "source_url": "https://shop.example.com/item/1",
        "device": "所内电脑 Chrome",
        "method": "截图",
        "description": "店铺首页",
        "file_name": "shot.png",
    }
    values.update(fields)
    return EvidenceMeta(**values)  # type: ignore[arg-type]


def blob_count(desk: Desk) -> int:
    with desk.evidence_db.reader() as session:
        return session.scalar(select(func.count()).select_from(EvidenceBlob)) or 0


def test_sm3_matches_the_standard_vectors() -> None:
    # GB/T 32905-2016, appendix A
    assert sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert sm3_hex(b"abcd" * 16) == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


def test_kept_byte_for_byte_and_stored_once(desk: Desk) -> None:
    image = png_bytes(40, 30)
    first, second = draft(desk, 0), draft(desk, 1)
    added = desk.evidence.add(first, image, meta(item_code="LZ-01", officer_id=desk.officers[0].id), desk.actor)
    assert added.stored_new and not added.already_attached
    record = added.record
    assert record.sha256 == hashlib.sha256(image).hexdigest() and record.sm3 == sm3_hex(image)
    assert record.media_type == "image/png" and record.size == len(image) and record.item_code == "LZ-01"
    assert record.source_url == "https://shop.example.com/item/1" and record.method == "截图"
    assert desk.evidence.read(record.id) == image

    again = desk.evidence.add(first, image, meta(item_code="LZ-01"), desk.actor)
    assert again.already_attached and again.record.id == record.id
    elsewhere = desk.evidence.add(second, image, meta(), desk.actor)
    assert not elsewhere.stored_new and not elsewhere.already_attached
    assert blob_count(desk) == 1
    assert [e.id for e in desk.evidence.rows(first)] == [record.id]


def test_large_files_are_chunked_and_still_exact(desk: Desk, tmp_path: Path) -> None:
    video = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * (EVIDENCE_CHUNK_BYTES // 256 * 2 + 7)
    path = tmp_path / "录屏.mp4"
    path.write_bytes(video)
    added = desk.evidence.add_file(draft(desk), path, meta(file_name="", method="录屏"), desk.actor)
    assert added.record.media_type == "video/mp4" and added.record.file_name == "录屏.mp4"
    assert desk.evidence.read(added.record.id) == video


def test_evidence_is_encrypted_at_rest(desk: Desk) -> None:
    secret = png_bytes(8, 8, seed=99) + "独一无二的取证内容".encode()
    desk.evidence.add(draft(desk), secret, meta(), desk.actor)
    desk.close()
    raw = (desk.root / EVIDENCE_FILE).read_bytes()
    assert not raw.startswith(PLAINTEXT_SQLITE_HEADER)
    assert "独一无二的取证内容".encode() not in raw and b"IHDR" not in raw


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "evidence.empty"),
        ("这只是一段文字，不是图片".encode(), "evidence.type"),
        (b"MZ\x90\x00" + b"\x00" * 100, "evidence.type"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048, "evidence.too_large"),
    ],
    ids=["empty", "text", "exe", "huge"],
)
def test_bad_files_are_refused_and_nothing_is_stored(desk: Desk, data: bytes, code: str) -> None:
    inspection_id = draft(desk)
    kept = desk.evidence.add(inspection_id, png_bytes(), meta(), desk.actor).record
    small = EvidenceService(desk.db, desk.store, max_bytes=1024)
    with pytest.raises(ValidationFailed) as refused:
        small.add(inspection_id, data, meta(file_name="x.png"), desk.actor)
    assert [f.code for f in refused.value.findings] == [code]
    assert "x.png" in refused.value.findings[0].render()
    assert blob_count(desk) == 1
    assert [e.id for e in desk.evidence.rows(inspection_id)] == [kept.id]


def test_a_huge_file_on_disk_is_refused_before_it_is_read(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "huge.mp4"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse: costs no disk
    small = EvidenceService(desk.db, desk.store, max_bytes=50 * 1024 * 1024)
    with pytest.raises(ValidationFailed) as refused:
        small.add_file(draft(desk), path, meta(file_name=""), desk.actor)
    assert [f.code for f in refused.value.findings] == ["evidence.too_large"]
    assert "50.0" in refused.value.findings[0].render()
    with pytest.raises(ValidationFailed) as gone:
        desk.evidence.add_file(draft(desk), tmp_path / "nowhere.png", meta(file_name=""), desk.actor)
    assert [f.code for f in gone.value.findings] == ["evidence.unreadable"]


def test_unknown_item_and_long_texts_are_refused(desk: Desk) -> None:
    inspection_id = draft(desk)
    with pytest.raises(ValidationFailed) as refused:
        desk.evidence.add(inspection_id, png_bytes(), meta(item_code="ZZ-9", description="长" * 2001), desk.actor)
    assert {f.code for f in refused.value.findings} == {"answer.unknown_item", "text.too_long"}
    assert blob_count(desk) == 0


def test_magic_bytes_decide_the_type() -> None:
    assert sniff_media_type(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"
    assert sniff_media_type(b"%PDF-1.7\n") == "application/pdf"
    assert sniff_media_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_media_type(b"\x00\x00\x00\x20ftypisom") == "video/mp4"
    assert sniff_media_type(b"\x00\x00\x00\x18ftypheic") == "image/heic"
    assert sniff_media_type(b"\x1a\x45\xdf\xa3\x01\x00\x00\x00\x42\x82\x84webm") == "video/webm"
    assert sniff_media_type(b"<html><body>") is None
    assert sniff_media_type(b"PK\x03\x04") is None


def test_a_missing_blob_is_reported_and_the_original_repairs_it(desk: Desk) -> None:
    inspection_id = draft(desk)
    image = png_bytes(seed=5)
    record = desk.evidence.add(inspection_id, image, meta(item_code="LZ-01"), desk.actor).record
    with desk.evidence_db.transaction() as session:
        session.execute(text("DELETE FROM evidence_chunk"))
        session.execute(text("DELETE FROM evidence_blob"))
    with pytest.raises(EvidenceUnavailable) as unavailable:
        desk.evidence.read(record.id)
    assert unavailable.value.kind == "missing" and "shot.png" in unavailable.value.finding.render()
    assert desk.evidence.status(record.id) == "missing"
    assert "evidence.missing" in {f.code for f in desk.finalizer.check(inspection_id)}
    assert desk.inspections.detail(inspection_id).evidence[0].id == record.id, "the record itself is intact"

    repaired = desk.evidence.add(inspection_id, image, meta(item_code="LZ-01"), desk.actor)
    assert repaired.stored_new and repaired.already_attached
    assert desk.evidence.read(record.id) == image


def test_a_damaged_blob_is_reported(desk: Desk) -> None:
    record = desk.evidence.add(draft(desk), png_bytes(seed=6), meta(), desk.actor).record
    with desk.evidence_db.transaction() as session:
        session.execute(text("UPDATE evidence_chunk SET data = substr(data, 1, length(data) - 1) || x'00'"))
    with pytest.raises(EvidenceUnavailable) as unavailable:
        desk.evidence.read(record.id)
    assert unavailable.value.kind == "damaged"
    assert desk.evidence.status(record.id) == "damaged"


def test_a_deleted_evidence_file_on_disk_is_reported_not_a_crash(desk: Desk) -> None:
    inspection_id = draft(desk)
    record = desk.evidence.add(inspection_id, png_bytes(seed=8), meta(), desk.actor).record
    desk.close()
    (desk.root / EVIDENCE_FILE).unlink()
    for suffix in ("-wal", "-shm"):
        (desk.root / (EVIDENCE_FILE + suffix)).unlink(missing_ok=True)
    reopened = open_desk(desk.root, desk.key_file)
    try:
        assert reopened.evidence.status(record.id) == "missing"
        report = reopened.verifier.verify()
        assert [p.kind for p in report.evidence_problems] == ["missing"] and not report.ok
        assert reopened.inspections.detail(inspection_id).evidence[0].sha256 == record.sha256
    finally:
        reopened.close()


def test_removing_evidence_from_a_draft_and_pruning(desk: Desk) -> None:
    inspection_id = draft(desk)
    record = desk.evidence.add(inspection_id, png_bytes(seed=9), meta(), desk.actor).record
    desk.evidence.remove(record.id, desk.actor)
    assert desk.evidence.rows(inspection_id) == []
    assert desk.evidence.prune_orphans() == 1 and blob_count(desk) == 0
