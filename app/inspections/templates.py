"""Checklist templates: shipped as JSON in resources/checklists, loaded into the database versioned and hashed.

A template version is immutable once loaded (database triggers refuse changes): its ``content`` is the canonical
JSON of the normalised document and ``content_hash`` its SHA-256. Every inspection pins the template row it was
started with (id, version and hash), so loading a newer version never re-interprets an existing draft. An old
version is removed only when no inspection or task refers to it any more.

Document format (``schema`` 1)::

    {"schema": 1, "code": "…", "version": 1, "title": "…", "subject": "…", "description": "…",
     "items": [{"code": "…", "question": "…", "legal_basis": [{"law": "…", "article": "第十五条"}],
                "methods": ["网络监测"], "answer_type": "conformity", "required": true,
                "evidence_required": true, "weight": 10, "guidance": "…"}]}
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.inspections.canonical import canonical_json, sha256_hex
from app.inspections.data import LegalBasis, TemplateDetail, TemplateInfo, TemplateItem, TemplateLoadReport
from app.inspections.errors import TemplateError
from app.inspections.vocabulary import METHODS, AnswerType
from localdb.database import Database
from localdb.inspection_models import ChecklistItem, ChecklistTemplate, Inspection, InspectionTask

SCHEMA = 1
ITEM_DEFAULTS: Mapping[str, Any] = {
    "methods": [],
    "required": True,
    "evidence_required": False,
    "weight": 1,
    "guidance": "",
}


def shipped_dir() -> Path:
    """resources/checklists in a checkout, or beside the executable in the PyInstaller folder."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parents[2]
    return base / "resources" / "checklists"


def _text(doc: Mapping[str, Any], key: str, problems: list[str], where: str, required: bool = True) -> str:
    value = doc.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(
            f"{where}: '{key}' must be a non-empty string" if required else f"{where}: '{key}' must be a string"
        )
        return ""
    return value.strip()


def normalize(doc: Mapping[str, Any], source: str = "template") -> dict[str, Any]:
    """Check a template document and return it with every optional field made explicit (what gets hashed).

    Raises :class:`TemplateError` listing every problem found.
    """
    problems: list[str] = []
    if doc.get("schema") != SCHEMA:
        problems.append(f"'schema' must be {SCHEMA}")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append("'version' must be a positive integer")
        version = 0
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "code": _text(doc, "code", problems, "template"),
        "version": version,
        "title": _text(doc, "title", problems, "template"),
        "subject": _text(doc, "subject", problems, "template", required=False),
        "description": _text(doc, "description", problems, "template", required=False),
        "items": [],
    }
    items = doc.get("items")
    if not isinstance(items, list) or not items:
        problems.append("'items' must be a non-empty list")
        items = []
    seen: set[str] = set()
    for index, raw in enumerate(items, start=1):
        where = f"item {index}"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}: must be an object")
            continue
        unknown = set(raw) - {"code", "question", "legal_basis", "answer_type", *ITEM_DEFAULTS}
        if unknown:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        item: dict[str, Any] = {**ITEM_DEFAULTS, **raw}
        code = _text(item, "code", problems, where)
        if code in seen:
            problems.append(f"{where}: duplicate code {code}")
        seen.add(code)
        basis = item.get("legal_basis")
        if not isinstance(basis, list) or not basis:
            problems.append(f"{where}: 'legal_basis' must list at least one law and article")
            basis = []
        clean_basis = []
        for entry in basis:
            if not isinstance(entry, Mapping) or set(entry) != {"law", "article"}:
                problems.append(f"{where}: each legal basis is {{'law': …, 'article': …}}")
                continue
            clean_basis.append(
                {"law": _text(entry, "law", problems, where), "article": _text(entry, "article", problems, where)}
            )
        methods = item["methods"]
        if not isinstance(methods, list) or any(m not in METHODS for m in methods):
            problems.append(f"{where}: 'methods' must be a list of {list(METHODS)}")
            methods = []
        if item.get("answer_type") not in {t.value for t in AnswerType}:
            problems.append(f"{where}: 'answer_type' must be one of {[t.value for t in AnswerType]}")
        for flag in ("required", "evidence_required"):
            if not isinstance(item[flag], bool):
                problems.append(f"{where}: '{flag}' must be true or false")
        if item["evidence_required"] is True and item.get("answer_type") != AnswerType.CONFORMITY:
            problems.append(f"{where}: 'evidence_required' applies to conformity items only")
        weight = item["weight"]
        if not isinstance(weight, int) or isinstance(weight, bool) or weight < 0:
            problems.append(f"{where}: 'weight' must be a non-negative integer")
        out["items"].append(
            {
                "code": code,
                "question": _text(item, "question", problems, where),
                "legal_basis": clean_basis,
                "methods": list(methods),
                "answer_type": item.get("answer_type"),
                "required": item["required"],
                "evidence_required": item["evidence_required"],
                "weight": weight,
                "guidance": _text(item, "guidance", problems, where, required=False),
            }
        )
    if problems:
        raise TemplateError(source, problems)
    return out


def content_hash(normalized: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a normalised template document."""
    return sha256_hex(canonical_json(normalized))


def info(row: ChecklistTemplate, item_count: int) -> TemplateInfo:
    return TemplateInfo(row.id, row.code, row.version, row.title, row.content_hash, item_count)


def item_record(item: ChecklistItem) -> TemplateItem:
    return TemplateItem(
        code=item.code,
        position=item.position,
        question=item.question,
        legal_basis=tuple(LegalBasis(b["law"], b["article"]) for b in json.loads(item.legal_basis)),
        methods=tuple(json.loads(item.methods)),
        answer_type=item.answer_type,
        required=item.required,
        evidence_required=item.evidence_required,
        weight=item.weight,
        guidance=item.guidance,
    )


def items_of(session: Session, template_id: str) -> list[ChecklistItem]:
    """The items of a template version, in order."""
    stmt = select(ChecklistItem).where(ChecklistItem.template_id == template_id).order_by(ChecklistItem.position)
    return list(session.scalars(stmt))


def latest_version(session: Session, code: str) -> ChecklistTemplate | None:
    """The newest loaded version of the template ``code``."""
    stmt = select(ChecklistTemplate).where(ChecklistTemplate.code == code, ChecklistTemplate.deleted_at.is_(None))
    return session.scalars(stmt.order_by(ChecklistTemplate.version.desc()).limit(1)).first()


class TemplateService:
    """Loads, lists and prunes checklist templates."""

    def __init__(self, db: Database, directory: Path | None = None) -> None:
        self._db = db
        self._dir = directory or shipped_dir()

    # -- loading ------------------------------------------------------------------------------------------------
    def load_shipped(self) -> TemplateLoadReport:
        """Load every ``*.json`` of the shipped folder (one transaction); call once after opening the database.

        A version already loaded with the same hash is left alone; one whose content changed without a new
        version number raises :class:`TemplateError` (a template version must never mean two things).
        """
        docs = []
        for path in sorted(self._dir.glob("*.json")):
            try:
                docs.append((str(path.name), json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError) as exc:
                raise TemplateError(path.name, [str(exc)]) from exc
        return self._load(docs, source="shipped")

    def load_document(self, doc: Mapping[str, Any], source: str = "custom") -> TemplateLoadReport:
        """Load one template document (a station's own checklist, or one issued by the province)."""
        return self._load([(str(doc.get("code", "template")), doc)], source=source)

    def _load(self, docs: Iterable[tuple[str, Mapping[str, Any]]], source: str) -> TemplateLoadReport:
        normalized = [normalize(doc, name) for name, doc in docs]
        added: list[TemplateInfo] = []
        unchanged = 0
        with self._db.transaction() as session:
            for doc in normalized:
                digest = content_hash(doc)
                existing = session.scalars(
                    select(ChecklistTemplate).where(
                        ChecklistTemplate.code == doc["code"], ChecklistTemplate.version == doc["version"]
                    )
                ).first()
                if existing is not None:
                    if existing.content_hash != digest:
                        raise TemplateError(
                            doc["code"],
                            [f"version {doc['version']} is already loaded with other content; raise the version"],
                        )
                    unchanged += 1
                    continue
                newest = latest_version(session, doc["code"])
                if newest is not None and newest.version > doc["version"]:
                    unchanged += 1  # an older build's template: the newer version stays current
                    continue
                added.append(self._insert(session, doc, digest, source))
            pruned = self._prune(session)
        return TemplateLoadReport(tuple(added), unchanged, pruned)

    @staticmethod
    def _insert(session: Session, doc: Mapping[str, Any], digest: str, source: str) -> TemplateInfo:
        row = ChecklistTemplate(
            code=doc["code"],
            version=doc["version"],
            title=doc["title"],
            content_hash=digest,
            content=canonical_json(doc),
            source=source,
        )
        session.add(row)
        session.flush()
        for position, item in enumerate(doc["items"], start=1):
            session.add(
                ChecklistItem(
                    template_id=row.id,
                    position=position,
                    code=item["code"],
                    question=item["question"],
                    legal_basis=canonical_json(item["legal_basis"]),
                    methods=canonical_json(item["methods"]),
                    answer_type=item["answer_type"],
                    required=item["required"],
                    evidence_required=item["evidence_required"],
                    weight=item["weight"],
                    guidance=item["guidance"],
                )
            )
        session.flush()
        return info(row, len(doc["items"]))

    # -- reading ------------------------------------------------------------------------------------------------
    def current(self) -> list[TemplateInfo]:
        """The newest version of every template, by title: what a new task or inspection uses."""
        with self._db.reader() as session:
            newest = (
                select(ChecklistTemplate.code, func.max(ChecklistTemplate.version).label("version"))
                .where(ChecklistTemplate.deleted_at.is_(None))
                .group_by(ChecklistTemplate.code)
                .subquery()
            )
            rows = session.scalars(
                select(ChecklistTemplate)
                .join(
                    newest,
                    (ChecklistTemplate.code == newest.c.code) & (ChecklistTemplate.version == newest.c.version),
                )
                .order_by(ChecklistTemplate.title)
            ).all()
            return [info(row, len(items_of(session, row.id))) for row in rows]

    def versions(self, code: str) -> list[TemplateInfo]:
        """Every loaded version of ``code``, newest first."""
        with self._db.reader() as session:
            rows = session.scalars(
                select(ChecklistTemplate)
                .where(ChecklistTemplate.code == code)
                .order_by(ChecklistTemplate.version.desc())
            ).all()
            return [info(row, len(items_of(session, row.id))) for row in rows]

    def detail(self, template_id: str) -> TemplateDetail:
        """A template version with its items."""
        with self._db.reader() as session:
            row = session.get(ChecklistTemplate, template_id)
            if row is None:
                raise NotFound(template_id)
            doc = json.loads(row.content)
            items = [item_record(i) for i in items_of(session, row.id)]
            return TemplateDetail(
                info(row, len(items)), doc.get("description", ""), doc.get("subject", ""), tuple(items)
            )

    # -- pruning ------------------------------------------------------------------------------------------------
    def prune_unused(self) -> int:
        """Remove old versions that no inspection or task uses; returns how many were removed."""
        with self._db.transaction() as session:
            return self._prune(session)

    @staticmethod
    def _prune(session: Session) -> int:
        newest = {
            code: version
            for code, version in session.execute(
                select(ChecklistTemplate.code, func.max(ChecklistTemplate.version)).group_by(ChecklistTemplate.code)
            )
        }
        used = set(session.scalars(select(Inspection.template_id).distinct())) | set(
            session.scalars(select(InspectionTask.template_id).distinct())
        )
        stale = [
            row.id
            for row in session.scalars(select(ChecklistTemplate))
            if row.version < newest[row.code] and row.id not in used
        ]
        if stale:
            session.execute(delete(ChecklistItem).where(ChecklistItem.template_id.in_(stale)))
            session.execute(delete(ChecklistTemplate).where(ChecklistTemplate.id.in_(stale)))
        return len(stale)
