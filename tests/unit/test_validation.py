"""Tests for app.validation and app.identifiers.

The fixed vectors come from /work/shared/domain.md ("Operators (主体) and carriers (载体)"); the hypothesis properties
check the two promises the policy relies on: a correctly built code produces no finding at all, and any single
mistyped character is noticed (as an ERROR or at least as an overridable WARNING).
"""

from __future__ import annotations

import ast
import string
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import app.validation as validation_module
from app import identifiers as ids
from app.validation import (
    Finding,
    IdentifierType,
    Severity,
    ValidationResult,
    guess_identifier_type,
    normalize_code,
    org_code_check_char,
    reg_no_check_digit,
    resident_id_check_char,
    uscc_check_char,
    validate_icp_filing,
    validate_identifier,
    validate_phone,
)

VALID_USCCS = [
    "914403001922038216",
    "9144030071526726XG",
    "91330100799655058B",
    "91110108551385082Q",
    "91310110666007217T",
    "92340602MA2PBMEM24",
    "91620105L015101280",
    "9133112274100878X3",
    "91330201MA282EP65X",
    "121200004013590816",
    "12100000400002259P",  # national-level authority: region code 100000
]
VALID_REG_NOS = ["330203000030639", "440301105984804"]
VALID_RESIDENT_ID = "11010519491231002X"


def codes(result: ValidationResult) -> list[str]:
    return [finding.code for finding in result.findings]


def params(finding: Finding) -> dict[str, str]:
    return dict(finding.params)


# --- fixed vectors ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("code", VALID_USCCS)
def test_valid_uscc_has_no_findings(code: str) -> None:
    result = validate_identifier(IdentifierType.USCC, code)
    assert result == ValidationResult(code, ())
    assert result.ok
    assert guess_identifier_type(code) is IdentifierType.USCC


@pytest.mark.parametrize(
    ("code", "expected", "actual"), [("91110000600037341N", "L", "N"), ("914403001922038217", "6", "7")]
)
def test_wrong_uscc_check_char_is_an_overridable_warning(code: str, expected: str, actual: str) -> None:
    result = validate_identifier(IdentifierType.USCC, code)
    assert result.ok
    assert result.errors == ()
    [warning] = result.warnings
    assert warning.code == "uscc.check_char"
    assert warning.severity is Severity.WARNING
    assert params(warning) == {"expected": expected, "actual": actual}
    assert uscc_check_char(code[:17]) == expected


def test_forbidden_uscc_characters_are_an_error() -> None:
    result = validate_identifier(IdentifierType.USCC, "9111000060003IOZSV")
    assert not result.ok
    [error] = result.errors
    assert error.code == "uscc.forbidden_chars"
    assert params(error)["chars"].split() == ["I", "O", "Z", "S", "V"]
    assert guess_identifier_type("9111000060003IOZSV") is None


def test_short_uscc_is_a_length_error() -> None:
    result = validate_identifier(IdentifierType.USCC, "12345")
    assert codes(result) == ["uscc.length"]
    assert params(result.errors[0]) == {"expected": "18", "actual": "5"}
    assert guess_identifier_type("12345") is None


def test_fujian_pilot_code_gives_warnings_but_no_errors() -> None:
    result = validate_identifier(IdentifierType.USCC, "91350100M0001TGQXM")
    assert result.ok
    assert result.warnings
    assert result.errors == ()
    assert codes(result) == ["uscc.check_char"]  # its embedded organisation code (M0001TGQ-X) is fine
    assert params(result.warnings[0]) == {"expected": "1", "actual": "M"}


@pytest.mark.parametrize(
    ("code", "expected_code"),
    [
        ("B1330100799655058B", "uscc.registration_authority"),  # B is in the alphabet but no authority
        ("94330100799655058B", "uscc.type"),  # 工商 only issues types 1, 2 and 3
        ("Y2330100799655058B", "uscc.type"),  # 其他 is always type 1
        ("913A0100799655058B", "uscc.region_digits"),
        ("91990100799655058B", "uscc.province"),
        ("91000100799655058B", "uscc.province"),
    ],
)
def test_uscc_structure_errors(code: str, expected_code: str) -> None:
    result = validate_identifier(IdentifierType.USCC, code)
    assert codes(result) == [expected_code]
    assert not result.ok


@pytest.mark.parametrize("province", ["71", "81", "82", "10"])
def test_taiwan_hong_kong_macau_and_national_prefixes_are_accepted(province: str) -> None:
    first17 = f"91{province}0000" + "79965505" + org_code_check_char("79965505")
    assert validate_identifier(IdentifierType.USCC, first17 + uscc_check_char(first17)).findings == ()


def test_embedded_org_code_mismatch_is_a_warning() -> None:
    first17 = "9133010079965505" + "9"  # the embedded organisation code should end in 8
    result = validate_identifier(IdentifierType.USCC, first17 + uscc_check_char(first17))
    assert result.ok
    assert codes(result) == ["uscc.org_code_check_char"]
    assert params(result.warnings[0]) == {"expected": "8", "actual": "9"}


@pytest.mark.parametrize("code", VALID_REG_NOS)
def test_valid_reg_no(code: str) -> None:
    assert validate_identifier(IdentifierType.REG_NO, code) == ValidationResult(code, ())
    assert reg_no_check_digit(code[:14]) == code[14]
    assert guess_identifier_type(code) is IdentifierType.REG_NO


def test_reg_no_problems() -> None:
    assert codes(validate_identifier(IdentifierType.REG_NO, "330203000030638")) == ["reg_no.check_digit"]
    assert codes(validate_identifier(IdentifierType.REG_NO, "33020300003063")) == ["reg_no.length"]
    assert codes(validate_identifier(IdentifierType.REG_NO, "33020300003063A")) == ["reg_no.digits"]


def test_valid_org_code_is_stored_without_dash() -> None:
    result = validate_identifier(IdentifierType.ORG_CODE, "74218321-3")
    assert result == ValidationResult("742183213", ())
    assert org_code_check_char("74218321") == "3"
    assert guess_identifier_type("74218321-3") is IdentifierType.ORG_CODE


def test_org_code_problems() -> None:
    wrong = validate_identifier(IdentifierType.ORG_CODE, "74218321-4")
    assert codes(wrong) == ["org_code.check_char"] and wrong.ok
    assert params(wrong.warnings[0]) == {"expected": "3", "actual": "4"}
    assert codes(validate_identifier(IdentifierType.ORG_CODE, "7421832-3")) == ["org_code.length"]
    assert codes(validate_identifier(IdentifierType.ORG_CODE, "7421832_-3")) == ["org_code.chars"]


@pytest.mark.parametrize(
    ("body", "check"), [("MA2PBMEM", "2"), ("M0001TGQ", "X"), ("L0151012", "8"), ("79965505", "8")]
)
def test_org_code_check_char_with_letters_x_and_zero(body: str, check: str) -> None:
    assert org_code_check_char(body) == check


def test_org_code_check_values_ten_and_eleven() -> None:
    assert org_code_check_char("00000000") == "0"  # 11 - 0 = 11 is written 0
    assert org_code_check_char("00000001") == "9"  # 11 - 2 = 9
    assert org_code_check_char("00000010") == "7"  # 11 - 4 = 7
    assert org_code_check_char("00000100") == "3"  # 11 - 8 = 3
    assert org_code_check_char("00000006") == "X"  # 12 mod 11 = 1, 11 - 1 = 10 is written X


def test_org_code_cannot_see_letter_substitutions_eleven_apart() -> None:
    """GB 11714's MOD 11 misses e.g. 4 -> F (values 4 and 15); inside a USCC the outer MOD 31 check catches it."""
    assert validate_identifier(IdentifierType.ORG_CODE, "7F218321-3").findings == ()
    typo = "913301007F2183213" + uscc_check_char("91330100742183213")
    assert codes(validate_identifier(IdentifierType.USCC, typo)) == ["uscc.check_char"]


def test_valid_resident_id() -> None:
    result = validate_identifier(IdentifierType.RESIDENT_ID, VALID_RESIDENT_ID)
    assert result == ValidationResult(VALID_RESIDENT_ID, ())
    assert resident_id_check_char(VALID_RESIDENT_ID[:17]) == "X"
    assert guess_identifier_type(VALID_RESIDENT_ID.lower()) is IdentifierType.RESIDENT_ID


def _resident_id(birth: str) -> str:
    first17 = "110105" + birth + "002"
    return first17 + resident_id_check_char(first17)


@pytest.mark.parametrize(
    "birth", ["18991231", "19490230", "19491301", (date.today() + timedelta(days=1)).strftime("%Y%m%d")]
)
def test_resident_id_birth_date_must_be_real_and_not_future(birth: str) -> None:
    result = validate_identifier(IdentifierType.RESIDENT_ID, _resident_id(birth))
    assert codes(result) == ["resident_id.birth_date"]
    assert params(result.errors[0]) == {"actual": birth}


def test_resident_id_edge_dates_are_accepted() -> None:
    for birth in ("19000101", date.today().strftime("%Y%m%d"), "20000229"):
        assert validate_identifier(IdentifierType.RESIDENT_ID, _resident_id(birth)).findings == ()


def test_resident_id_problems() -> None:
    wrong = validate_identifier(IdentifierType.RESIDENT_ID, "110105194912310021")
    assert codes(wrong) == ["resident_id.check_char"] and wrong.ok
    assert params(wrong.warnings[0]) == {"expected": "X", "actual": "1"}
    assert codes(validate_identifier(IdentifierType.RESIDENT_ID, "1101051949123100X2")) == ["resident_id.chars"]
    assert codes(validate_identifier(IdentifierType.RESIDENT_ID, "11010519491231002Y")) == ["resident_id.chars"]
    assert codes(validate_identifier(IdentifierType.RESIDENT_ID, "11010519491231002")) == ["resident_id.length"]


def test_legacy_15_digit_resident_id_is_accepted_with_a_warning() -> None:
    result = validate_identifier(IdentifierType.RESIDENT_ID, "110105491231002")
    assert result.ok and codes(result) == ["resident_id.legacy_15"]
    assert codes(validate_identifier(IdentifierType.RESIDENT_ID, "110105491331002")) == ["resident_id.birth_date"]


@pytest.mark.parametrize("identifier_type", [t for t in IdentifierType if t is not IdentifierType.NONE])
@pytest.mark.parametrize("raw", ["", "   ", "\u3000", " - "])
def test_empty_identifier_is_required(identifier_type: IdentifierType, raw: str) -> None:
    result = validate_identifier(identifier_type, raw, field="uscc")
    assert codes(result) == ["identifier.required"]
    assert result.errors[0].field == "uscc"


def test_natural_person_without_identifier() -> None:
    assert validate_identifier(IdentifierType.NONE, " ") == ValidationResult("", ())
    assert codes(validate_identifier(IdentifierType.NONE, VALID_RESIDENT_ID)) == ["identifier.not_allowed"]


@pytest.mark.parametrize("function", [uscc_check_char, org_code_check_char, reg_no_check_digit, resident_id_check_char])
@pytest.mark.parametrize("bad", ["", "1", "I" * 17, "-" * 14])
def test_check_functions_reject_malformed_input(function: Callable[[str], str], bad: str) -> None:
    with pytest.raises(ValueError, match="needs"):
        function(bad)


# --- normalisation ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw",
    [
        "９１４４０３００１９２２０３８２１６",
        " 914403001922038216\n",
        "9144 0300 1922 0382 16",
        "9144\u30000300\u3000192203821\u30006",
        "91440300-19220382-16",
        "91440300－19220382—16",
        "91440300\u201019220382\u201316",
    ],
)
def test_normalisation(raw: str) -> None:
    assert normalize_code(raw) == "914403001922038216"
    assert validate_identifier(IdentifierType.USCC, raw) == ValidationResult("914403001922038216", ())


def test_normalisation_upper_cases() -> None:
    assert normalize_code("91330100799655058b") == "91330100799655058B"
    assert normalize_code("ｍａ２ｐｂｍｅｍ２") == "MA2PBMEM2"
    assert validate_identifier(IdentifierType.USCC, "92340602ma2pbmem24").normalized == "92340602MA2PBMEM24"


def test_non_ascii_digits_are_not_digits() -> None:
    arabic_indic = "٣٣٠٢٠٣٠٠٠٠٣٠٦٣٩"  # NFKC leaves these alone; str.isdigit() would accept them
    assert codes(validate_identifier(IdentifierType.REG_NO, arabic_indic)) == ["reg_no.digits"]


# --- guessing -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", IdentifierType.NONE),
        ("  ", IdentifierType.NONE),
        ("91350100M0001TGQXM", IdentifierType.USCC),
        ("91110000600037341N", IdentifierType.USCC),  # wrong check char, still clearly a USCC
        ("11010519491231002X", IdentifierType.RESIDENT_ID),
        ("110105194912310021", IdentifierType.RESIDENT_ID),  # all digits, fits both; neither check passes
        ("121200004013590816", IdentifierType.USCC),  # all digits, but 00401359 is no birth date
        ("330203000030639", IdentifierType.REG_NO),
        ("74218321-3", IdentifierType.ORG_CODE),
        ("MA2PBMEM2", IdentifierType.ORG_CODE),
        ("12345", None),
        ("Z1330100799655058B", None),
        ("京ICP备12345678号", None),
    ],
)
def test_guess_identifier_type(raw: str, expected: IdentifierType | None) -> None:
    assert guess_identifier_type(raw) is expected


def test_guess_prefers_the_type_whose_check_passes() -> None:
    """Both shapes fit an all-digit code with a plausible birth date; the passing check character decides."""
    candidates = (f"11010519491231{n:03d}" for n in range(1000))
    first17 = next(
        c for c in candidates if uscc_check_char(c).isdigit() and uscc_check_char(c) != resident_id_check_char(c)
    )
    assert guess_identifier_type(first17 + uscc_check_char(first17)) is IdentifierType.USCC
    assert guess_identifier_type(first17 + resident_id_check_char(first17)) is IdentifierType.RESIDENT_ID


# --- rendering ----------------------------------------------------------------------------------------------------
def test_render_without_translation_formats_the_english_template() -> None:
    finding = validate_identifier(IdentifierType.USCC, "91110000600037341N").warnings[0]
    assert finding.render() == (
        "The check character should be L, not N. Check the code against the licence; "
        "if the code is really printed like this, you may save it with a reason."
    )


def test_render_translates_before_formatting() -> None:
    seen: list[tuple[str, str]] = []
    catalogue = {validation_module.T_CHECK_CHAR: "校验码应为 {expected}，而不是 {actual}。"}

    def fake_translate(context: str, text: str) -> str:
        seen.append((context, text))
        return catalogue.get(text, text)

    finding = validate_identifier(IdentifierType.USCC, "914403001922038217").warnings[0]
    assert finding.render(fake_translate) == "校验码应为 6，而不是 7。"
    assert seen == [("Validation", validation_module.T_CHECK_CHAR)]


def test_every_template_is_marked_for_lupdate_and_renders() -> None:
    tree = ast.parse(Path(validation_module.__file__).read_text(encoding="utf-8"))
    marked = {
        node.targets[0].id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id.startswith("T_")
    }
    assert len(marked) > 20
    for name, call in marked.items():
        assert isinstance(call, ast.Call) and isinstance(call.func, ast.Name), name
        assert call.func.id == "QT_TRANSLATE_NOOP", name
        assert isinstance(call.args[0], ast.Constant) and call.args[0].value == "Validation", name
        template = getattr(validation_module, name)
        fields = {fname for _, fname, _, _ in string.Formatter().parse(template) if fname}
        Finding("f", Severity.ERROR, "x", template, tuple((f, "v") for f in fields)).render()


# --- phones -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("", ""),
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("13800138000.0", "13800138000"),
        ("1.3800138E10", "13800138000"),
        ("1.3800138e+10", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("+8613800138000", "13800138000"),
        ("0086-13800138000", "13800138000"),
        ("8613800138000", "13800138000"),
        ("010-62345678", "010-62345678"),
        ("01062345678", "010-62345678"),
        ("021 62345678", "021-62345678"),
        ("(0755)82345678", "0755-82345678"),
        ("（0755）82345678", "0755-82345678"),
        ("0571-8765-4321", "0571-87654321"),
        ("0571-8765432", "0571-8765432"),
        ("05718765432", "0571-8765432"),
        ("0571-87654321转123", "0571-87654321转123"),
        ("0571-87654321-123", "0571-87654321转123"),
        ("0571 87654321 ext. 8", "0571-87654321转8"),
        ("+86 10 6234 5678", "010-62345678"),
        ("+86-571-87654321", "0571-87654321"),
        ("400-810-8888", "4008108888"),
        ("800 820 8820", "8008208820"),
        ("13800138000、010-62345678；4008108888", "13800138000; 010-62345678; 4008108888"),
        ("13800138000,13900139000;", "13800138000; 13900139000"),
        ("13800138000，13900139000", "13800138000; 13900139000"),
    ],
)
def test_valid_phones(raw: str, normalized: str) -> None:
    result = validate_phone(raw)
    assert result == ValidationResult(normalized, ())


@pytest.mark.parametrize(
    ("raw", "expected_codes"),
    [
        ("abc", ["phone.format"]),
        ("1380013800", ["phone.mobile_length"]),
        ("138001380000", ["phone.mobile_length"]),
        ("12800138000", ["phone.format"]),  # no mobile network starts 12
        ("62345678", ["phone.missing_area_code"]),
        ("010-623", ["phone.format"]),
        ("0571-87654321-1234567", ["phone.format"]),
        ("13800138000转12", ["phone.format"]),
        ("13800138000; abc; 62345678", ["phone.format", "phone.missing_area_code"]),
        ("1088888888.0", ["phone.mobile_length"]),  # Excel ate the leading 0 of 010-88888888: cannot be guessed
    ],
)
def test_invalid_phones(raw: str, expected_codes: list[str]) -> None:
    result = validate_phone(raw, field="contact_phone")
    assert codes(result) == expected_codes
    assert all(f.severity is Severity.ERROR and f.field == "contact_phone" for f in result.findings)
    assert not result.ok


def test_invalid_phone_keeps_the_text_and_names_it() -> None:
    result = validate_phone("13800138000; abc")
    assert result.normalized == "13800138000; abc"
    assert params(result.errors[0]) == {"number": "abc"}
    assert "abc" in result.errors[0].render()


# --- ICP filing numbers -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("", ""),
        ("京ICP备12345678号", "京ICP备12345678号"),
        ("京ICP备12345678号-1", "京ICP备12345678号-1"),
        ("粤ICP备2021012345号-3A", "粤ICP备2021012345号-3A"),
        ("沪ICP备10201234号X", "沪ICP备10201234号X"),
        ("京ICP证123456号", "京ICP证123456号"),
        ("京ICP证030173号-1", "京ICP证030173号-1"),
        ("京icp备12345678号-1", "京ICP备12345678号-1"),
        (" 浙ＩＣＰ备 １２３４５６７８号－２ ", "浙ICP备12345678号-2"),
        ("粤ICP备2021012345号—3a", "粤ICP备2021012345号-3A"),
    ],
)
def test_valid_icp_filings(raw: str, normalized: str) -> None:
    assert validate_icp_filing(raw) == ValidationResult(normalized, ())


@pytest.mark.parametrize(
    ("raw", "expected_codes"),
    [
        ("ICP备12345678号", ["icp_filing.format"]),
        ("京ICP12345678号", ["icp_filing.format"]),
        ("京ICP备12345678号-0", ["icp_filing.format"]),
        ("京ICP备12345678号-1B", ["icp_filing.format"]),
        ("https://example.com", ["icp_filing.format"]),
        ("港ICP备12345678号", ["icp_filing.province"]),
        ("京ICP备1234567号", ["icp_filing.digits"]),
        ("京ICP备123456789号", ["icp_filing.digits"]),
        ("京ICP证12345678号", ["icp_filing.digits"]),
        ("京ICP证123456号A", ["icp_filing.format"]),
        ("京ICP备12345678-1", ["icp_filing.missing_hao"]),
    ],
)
def test_invalid_icp_filings(raw: str, expected_codes: list[str]) -> None:
    result = validate_icp_filing(raw)
    assert codes(result) == expected_codes
    assert not result.ok


def test_missing_hao_suggests_the_corrected_form() -> None:
    [error] = validate_icp_filing("粤ICP备2021012345-3A").errors
    assert params(error) == {"suggestion": "粤ICP备2021012345号-3A"}


# --- properties ---------------------------------------------------------------------------------------------------
@st.composite
def valid_usccs(draw: st.DrawFn) -> str:
    authority = draw(st.sampled_from(sorted(ids.USCC_AUTHORITY_TYPES)))
    kind = draw(st.sampled_from(sorted(ids.USCC_AUTHORITY_TYPES[authority])))
    province = draw(st.sampled_from(sorted(ids.PROVINCE_CODES)))
    region = province + draw(st.text(string.digits, min_size=4, max_size=4))
    org_body = draw(st.text(ids.USCC_ALPHABET, min_size=8, max_size=8))
    first17 = authority + kind + region + org_body + org_code_check_char(org_body)
    return first17 + uscc_check_char(first17)


@st.composite
def valid_resident_ids(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=ids.EARLIEST_BIRTH_DATE, max_value=date.today() - timedelta(days=1)))
    digits = st.text(string.digits, min_size=3, max_size=3)
    first17 = draw(digits) + draw(digits) + born.strftime("%Y%m%d") + draw(digits)
    return first17 + resident_id_check_char(first17)


@st.composite
def valid_reg_nos(draw: st.DrawFn) -> str:
    first14 = draw(st.text(string.digits, min_size=14, max_size=14))
    return first14 + reg_no_check_digit(first14)


@st.composite
def valid_org_codes(draw: st.DrawFn) -> str:
    body = draw(st.text(ids.ORG_CODE_ALPHABET, min_size=8, max_size=8))
    return body + org_code_check_char(body)


def mutate(data: st.DataObject, code: str, alphabet: str) -> str:
    position = data.draw(st.integers(0, len(code) - 1), label="position")
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != code[position]]), label="replacement")
    return code[:position] + replacement + code[position + 1 :]


@given(valid_usccs())
def test_generated_uscc_is_clean(code: str) -> None:
    assert validate_identifier(IdentifierType.USCC, code) == ValidationResult(code, ())
    assert guess_identifier_type(code) in {IdentifierType.USCC, IdentifierType.RESIDENT_ID}


@given(valid_usccs(), st.data())
def test_any_single_uscc_typo_is_caught(code: str, data: st.DataObject) -> None:
    assert validate_identifier(IdentifierType.USCC, mutate(data, code, ids.USCC_ALPHABET)).findings


@given(valid_resident_ids())
def test_generated_resident_id_is_clean(code: str) -> None:
    assert validate_identifier(IdentifierType.RESIDENT_ID, code) == ValidationResult(code, ())
    assert guess_identifier_type(code) is IdentifierType.RESIDENT_ID


@given(valid_resident_ids(), st.data())
def test_any_single_resident_id_typo_is_caught(code: str, data: st.DataObject) -> None:
    assert validate_identifier(IdentifierType.RESIDENT_ID, mutate(data, code, string.digits + "X")).findings


@given(valid_reg_nos())
def test_generated_reg_no_is_clean(code: str) -> None:
    assert validate_identifier(IdentifierType.REG_NO, code) == ValidationResult(code, ())


@given(valid_reg_nos(), st.data())
def test_any_single_reg_no_typo_is_caught(code: str, data: st.DataObject) -> None:
    assert validate_identifier(IdentifierType.REG_NO, mutate(data, code, string.digits)).findings


@given(valid_org_codes())
def test_generated_org_code_is_clean(code: str) -> None:
    assert validate_identifier(IdentifierType.ORG_CODE, code[:8] + "-" + code[8]) == ValidationResult(code, ())


@given(valid_org_codes(), st.data())
def test_any_single_org_code_typo_is_caught(code: str, data: st.DataObject) -> None:
    """Every typo is caught except a body letter swapped for one worth 11 more or less (see the blind-spot test)."""
    position = data.draw(st.integers(0, len(code) - 1), label="position")
    old = ids.ORG_CODE_ALPHABET.index(code[position])

    def visible(c: str) -> bool:
        return c != code[position] and (position == len(code) - 1 or (ids.ORG_CODE_ALPHABET.index(c) - old) % 11 != 0)

    replacement = data.draw(st.sampled_from([c for c in ids.ORG_CODE_ALPHABET if visible(c)]), label="replacement")
    mutated = code[:position] + replacement + code[position + 1 :]
    assert validate_identifier(IdentifierType.ORG_CODE, mutated).findings


@given(valid_org_codes(), st.data())
def test_any_single_digit_typo_in_a_numeric_org_code_is_caught(code: str, data: st.DataObject) -> None:
    """Bodies are mostly digits in practice, and then MOD 11 sees every single substitution."""
    numeric = "".join(c if c in string.digits else "0" for c in code[:8])
    numeric += org_code_check_char(numeric)
    position = data.draw(st.integers(0, len(numeric) - 1), label="position")
    alphabet = string.digits + ("X" if position == len(numeric) - 1 else "")
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != numeric[position]]), label="replacement")
    mutated = numeric[:position] + replacement + numeric[position + 1 :]
    assert validate_identifier(IdentifierType.ORG_CODE, mutated).findings


@given(valid_usccs(), st.data())
def test_uscc_survives_messy_typing(code: str, data: st.DataObject) -> None:
    messy = "".join(
        data.draw(st.sampled_from([c, c.lower(), chr(ord(c) + 0xFEE0), c + " ", c + "-", "\u3000" + c])) for c in code
    )
    assert validate_identifier(IdentifierType.USCC, messy) == ValidationResult(code, ())


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.sampled_from(["", " ", "-"]))
def test_mobile_numbers_normalise_to_digits(mobile: str, separator: str) -> None:
    typed = separator.join([mobile[:3], mobile[3:7], mobile[7:]])
    assert validate_phone(typed) == ValidationResult(mobile, ())


def test_icp_numbers_use_the_miit_province_abbreviations() -> None:
    """Yunnan's ICP numbers read 滇ICP备…, Sichuan's 蜀, Guizhou's 黔, Gansu's 陇 (the demo county is in Yunnan)."""
    for number in ("滇ICP备2021012345号-1", "蜀ICP备12345678号", "黔ICP备12345678号-2", "陇ICP备12345678号"):
        assert validate_icp_filing(number).ok, number
