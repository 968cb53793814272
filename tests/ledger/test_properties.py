"""Properties over arbitrary cell values (hypothesis): the normalisers never fail, the import's fast paths agree
with the registry's own rules, and any text the register holds survives export and import unchanged."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from app.identifiers import normalize_code, resident_id_check_char, uscc_check_char
from app.ledger.export import export_registry
from app.ledger.fields import FIELDS, Kind
from app.ledger.normalise import fold_text, normalise_phone, normaliser
from app.ledger.parse import resolve_identifier
from app.ledger.rules import check_operator, identifier_findings, identifier_is_clean
from app.ledger.service import LedgerImportService
from app.pinyin import name_initials
from app.records import OperatorDraft
from app.registry_rules import validate_draft
from app.services.registry import RegistryService
from app.validation import Finding, IdentifierType, validate_identifier, validate_phone
from app.vocab import SubjectType
from localdb.database import Database

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
TEXTISH = st.text(alphabet=st.one_of(CJK, st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))), max_size=40)
CELLS = st.one_of(
    TEXTISH,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.just(""),
)
USCC_BODY = st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=9, max_size=9)


@st.composite
def valid_uscc(draw: st.DrawFn) -> str:
    from app.identifiers import org_code_check_char

    prefix = draw(st.sampled_from(["91", "92", "93", "12", "52"]))
    region = draw(st.sampled_from(["530102", "110105", "440300", "330100"]))
    body = draw(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8))
    first17 = prefix + region + body + org_code_check_char(body)
    return first17 + uscc_check_char(first17)


@st.composite
def valid_resident_id(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=date(1930, 1, 1), max_value=date(2010, 12, 31)))
    first17 = draw(st.sampled_from(["530102", "110105"])) + born.strftime("%Y%m%d") + f"{draw(st.integers(0, 999)):03d}"
    return first17 + resident_id_check_char(first17)


CODES = st.one_of(valid_uscc(), valid_resident_id(), st.text(alphabet="0123456789ABCDXYZ-", max_size=20))


def _renders(finding: Finding | None) -> None:
    if finding is not None:
        assert finding.render()  # the template and its parameters fit together


@settings(max_examples=300, deadline=None)
@given(kind_field=st.sampled_from([(f.key, f.kind) for f in FIELDS]), cell=CELLS)
def test_every_normaliser_takes_any_cell(kind_field: tuple[str, Kind], cell: Any) -> None:
    key, kind = kind_field
    value, finding = normaliser(key, kind)(key, cell)
    _renders(finding)
    if kind is Kind.DATE and value is not None:
        assert isinstance(value, date)
    if kind is Kind.FLAG and value is not None:
        assert isinstance(value, bool)
    if kind is Kind.TEXT and isinstance(value, str):
        assert value == fold_text(value) or "\n" in value, "text comes out folded"


@given(TEXTISH)
def test_folding_text_is_idempotent(text: str) -> None:
    assert fold_text(fold_text(text)) == fold_text(text)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(list(IdentifierType)), code=CODES)
@example(kind=IdentifierType.USCC, code="91350100M0001TGQXM")
@example(kind=IdentifierType.RESIDENT_ID, code="11010519491231002X")
def test_fast_identifier_check_agrees_with_validate_identifier(kind: IdentifierType, code: str) -> None:
    code = normalize_code(code)
    expected = validate_identifier(kind, code).findings
    assert identifier_findings(kind, code) == expected
    if identifier_is_clean(kind, code):
        assert expected == ()


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.from_regex(r"1[3-9]\d{9}", fullmatch=True),
        st.from_regex(r"0\d{2,3}-[0-9]\d{6,8}", fullmatch=True),
        st.from_regex(r"[0-9 +\-()转]{0,16}", fullmatch=True),
    )
)
def test_fast_phone_path_agrees_with_validate_phone(text: str) -> None:
    value, finding = normalise_phone("phone", text)
    result = validate_phone(text)
    assert value == result.normalized
    assert (finding is None) == (not result.errors)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(CJK, st.sampled_from("ABCabc123 ()（）·-&店有限公司重长行")), max_size=20))
def test_fast_initials_equal_the_registry_initials(name: str) -> None:
    reference = lazy_pinyin(name, style=Style.FIRST_LETTER)  # what pypinyin itself says, word by word
    assert name_initials(name) == "".join(part[0] for part in reference if part and part[0].isalnum()).lower()


@settings(max_examples=200, deadline=None)
@given(code=st.one_of(valid_uscc(), valid_resident_id()), column=st.sampled_from(
    ["identifier", "identifier.uscc", "identifier.resident_id"]))  # fmt: skip
def test_a_clean_code_is_taken_for_what_it_is(code: str, column: str) -> None:
    kind, resolved, _source = resolve_identifier({column: code}, None, None)
    assert resolved == code
    assert validate_identifier(IdentifierType(kind), code).ok


DRAFT_VALUES = st.fixed_dictionaries(
    {
        "name": st.one_of(st.just(""), st.just("  "), TEXTISH),
        "subject_type": st.sampled_from([*(s.value for s in SubjectType), "", "robot"]),
        "identifier_type": st.sampled_from([t.value for t in IdentifierType]),
        "identifier": st.one_of(st.just(""), CODES.map(normalize_code)),
        "credit_class": st.sampled_from(["", "A", "B", "C", "D", "E", "a"]),
        "founded_on": st.one_of(
            st.none(), st.dates(max_value=date.today() + timedelta(days=400), min_value=date(1950, 1, 1))
        ),
        "abnormal_listed": st.booleans(),
        "abnormal_reason": st.sampled_from(["", " ", "无法联系"]),
        "serious_violation": st.booleans(),
        "serious_violation_reason": st.sampled_from(["", "虚假材料"]),
    }
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=DRAFT_VALUES)
def test_import_rules_are_the_registry_rules(empty_db: Database, values: dict[str, Any]) -> None:
    draft = OperatorDraft(**values)
    with empty_db.reader() as session:
        _clean, expected = validate_draft(session, draft, None)
    assert check_operator(values) == expected


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(alphabet=st.one_of(CJK, st.sampled_from("ABC12（）·")), min_size=1, max_size=20),
    address=TEXTISH,
    notes=st.text(alphabet=st.one_of(CJK, st.sampled_from("ab =+-@\n\t12")), max_size=30),
    founded=st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2024, 12, 31))),
)
def test_register_text_survives_export_and_import(
    empty_db: Database, tmp_path: Path, name: str, address: str, notes: str, founded: date | None
) -> None:
    assume(name.strip())
    registry = RegistryService(empty_db)
    unique = f"{name}{datetime.now().timestamp()}"
    registry.create(
        OperatorDraft(
            name=unique, subject_type="other", identifier_type="none", business_address=address, notes=notes,
            founded_on=founded, phone="13800138000",
        ),
        officer_any(empty_db),
    )  # fmt: skip
    path = tmp_path / "roundtrip.xlsx"
    export_registry(empty_db, path, include_personal_data=True)
    preview = LedgerImportService(empty_db).dry_run(path)
    assert preview.counts().unchanged == registry.count(), [
        (i.status, i.name, [(c.field, c.before, c.after) for c in i.changes])
        for i in preview.items
        if i.status != "unchanged"
    ]


def officer_any(db: Database):  # type: ignore[no-untyped-def]
    from app.records import Actor
    from app.services.officers import OfficerService

    record = OfficerService(db).active_officers()[0]
    return Actor(record.id, record.name)
