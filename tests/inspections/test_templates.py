"""Checklist templates: the shipped ones load with their legal basis and hash; versions are pinned by drafts and
immutable; a changed template without a new version is refused."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.errors import ValidationFailed
from app.inspections.canonical import canonical_json, sha256_hex
from app.inspections.errors import TemplateError
from app.inspections.templates import normalize, shipped_dir
from tests.inspections.conftest import LICENSE_DISPLAY, Desk


def shipped(code: str) -> dict[str, Any]:
    for path in shipped_dir().glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc["code"] == code:
            return dict(doc)
    raise AssertionError(code)


def test_shipped_templates_are_loaded_with_hash_and_legal_basis(desk: Desk) -> None:
    current = {t.code: t for t in desk.templates.current()}
    assert set(current) == {"ecommerce-license-display", "enterprise-disclosure", "platform-responsibility"}
    for code, info in current.items():
        assert info.content_hash == sha256_hex(canonical_json(normalize(shipped(code))))
        detail = desk.templates.detail(info.id)
        assert detail.items and all(item.legal_basis for item in detail.items)
        assert all(b.law and b.article for item in detail.items for b in item.legal_basis)
    license_items = desk.templates.detail(current[LICENSE_DISPLAY].id).items
    articles = {(b.law, b.article) for item in license_items for b in item.legal_basis}
    assert ("中华人民共和国电子商务法", "第十五条第一款") in articles
    assert ("中华人民共和国电子商务法", "第十六条") in articles
    assert {item.answer_type for item in license_items} == {"conformity", "text", "number", "date"}
    disclosure = desk.templates.detail(current["enterprise-disclosure"].id).items
    assert all(b.law.startswith("企业") for item in disclosure for b in item.legal_basis)
    # loading again changes nothing
    report = desk.templates.load_shipped()
    assert report.added == () and report.unchanged == 3


def test_a_newer_template_never_reinterprets_an_existing_draft(desk: Desk) -> None:
    v1 = desk.template_id()
    operator_id, _ = desk.operator(3)
    draft_id = desk.inspections.create_draft(operator_id, desk.actor, template_code=LICENSE_DISPLAY)
    desk.inspections.set_answer(draft_id, "LZ-01", "不符合", desk.actor)
    before = desk.inspections.detail(draft_id)

    doc = copy.deepcopy(shipped(LICENSE_DISPLAY))
    doc["version"] = 2
    doc["items"][0]["question"] = "（第二版）" + doc["items"][0]["question"]
    doc["items"][0]["answer_type"] = "text"  # what 不符合 means for LZ-01 changes in v2
    doc["items"][0]["evidence_required"] = False
    doc["items"].append(dict(doc["items"][1], code="LZ-99", question="第二版新增事项"))
    report = desk.templates.load_document(doc, source="shipped")
    assert [a.version for a in report.added] == [2]

    after = desk.inspections.detail(draft_id)
    assert after.template == before.template and after.template.id == v1 and after.template.version == 1
    assert after.items == before.items
    assert after.answers["LZ-01"].value == "不符合"
    with pytest.raises(ValidationFailed) as refused:
        desk.inspections.set_answer(draft_id, "LZ-99", "符合", desk.actor)
    assert refused.value.findings[0].code == "answer.unknown_item"
    desk.inspections.set_answer(draft_id, "LZ-02", "符合", desk.actor)  # the draft keeps working on v1

    fresh = desk.inspections.create_draft(operator_id, desk.actor, template_code=LICENSE_DISPLAY)
    assert desk.inspections.detail(fresh).template.version == 2
    # v1 stays while a draft uses it
    assert desk.templates.prune_unused() == 0
    assert [t.version for t in desk.templates.versions(LICENSE_DISPLAY)] == [2, 1]


def test_unused_old_versions_are_pruned(desk: Desk) -> None:
    doc = copy.deepcopy(shipped("platform-responsibility"))
    doc["version"] = 2
    doc["description"] += "（修订）"
    report = desk.templates.load_document(doc)
    assert report.pruned == 1
    assert [t.version for t in desk.templates.versions("platform-responsibility")] == [2]


def test_changed_content_without_a_new_version_is_refused(desk: Desk) -> None:
    doc = copy.deepcopy(shipped(LICENSE_DISPLAY))
    doc["items"][0]["weight"] = 99
    with pytest.raises(TemplateError, match="raise the version"):
        desk.templates.load_document(doc)


def test_loaded_versions_are_immutable_in_the_database(desk: Desk) -> None:
    with pytest.raises(DBAPIError, match="never changes"), desk.db.transaction() as session:
        session.execute(text("UPDATE checklist_item SET question = 'x' WHERE code = 'LZ-01'"))
    with pytest.raises(DBAPIError, match="never changes"), desk.db.transaction() as session:
        session.execute(text("UPDATE checklist_template SET content = '{}'"))


def test_malformed_documents_are_refused_with_every_problem() -> None:
    doc = copy.deepcopy(shipped(LICENSE_DISPLAY))
    doc["items"][0]["answer_type"] = "yes/no"
    doc["items"][1]["legal_basis"] = []
    doc["items"][2]["methods"] = ["看一看"]
    doc["items"][3]["code"] = doc["items"][4]["code"]
    with pytest.raises(TemplateError) as refused:
        normalize(doc)
    text_ = " ".join(refused.value.problems)
    for expected in ("answer_type", "legal_basis", "methods", "duplicate code"):
        assert expected in text_
