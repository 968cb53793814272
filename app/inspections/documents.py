"""The official documents of an inspection, built as HTML from plain records (Qt-free; ui/documents.py renders
them for print preview and PDF).

The wording of these documents is data, kept here verbatim in Chinese: the titles (随机抽查情况记录表, 现场检查笔录,
电子数据提取笔录, 责令改正通知书), the field captions, the signature lines and the notice's standard paragraphs are the
forms officers sign and hand to the party; they are never translated. Every value from a record is HTML-escaped.

Each builder returns an :class:`OfficialDocument`: its title, the body HTML and a footer template with ``{page}`` and
``{pages}`` that the renderer prints at the bottom of every page (第 页 共 页, with the signature reminder the
forms carry on each page).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Final

from app.inspections.data import EvidenceRecord, InspectionDetail, LegalBasis, TemplateItem
from app.inspections.vocabulary import (
    ALL_RESULTS,
    FOLLOW_UP_RECTIFY,
    FOLLOW_UPS,
    METHODS,
    NONCONFORMS,
    NOT_APPLICABLE,
    InspectionKind,
)

RECORD_TITLE_RANDOM: Final = "随机抽查情况记录表"
RECORD_TITLE_ON_SITE: Final = "现场检查笔录"
EVIDENCE_TITLE: Final = "电子数据提取笔录"
NOTICE_TITLE: Final = "责令改正通知书"

GAP: Final = "&nbsp;" * 6
"""Room to write by hand inside a line (HTML collapses ordinary and full-width spaces)."""
BLANK: Final = GAP * 2
"""A blank to fill in by hand."""
INDENT: Final = '<span style="white-space: pre">　　</span>'
"""Two full-width spaces at the start of a paragraph, kept (HTML would collapse them)."""
LINE: Final = "＿" * 10
"""A signature line."""

CHECKED: Final = "☑"
UNCHECKED: Final = "☐"

IDENTIFIER_CAPTIONS: Final[Mapping[str, str]] = {
    "uscc": "统一社会信用代码",
    "org_code": "组织机构代码",
    "reg_no": "注册号",
    "resident_id": "身份证号码",
    "none": "统一社会信用代码（注册号）",
}
"""The caption an identifier is printed under, by identifier type."""

KIND_CAPTIONS: Final[Mapping[str, str]] = {
    InspectionKind.RANDOM: "双随机抽查",
    InspectionKind.TARGETED: "重点检查",
    InspectionKind.COMPLAINT: "投诉举报核查",
    InspectionKind.CAMPAIGN: "专项检查",
    InspectionKind.REINSPECTION: "复查",
}
"""检查类别 as printed on the record."""

PAGE_FOOTER: Final = "当事人签名：＿＿＿＿＿＿　　检查人员签名：＿＿＿＿＿＿　　第 {page} 页 共 {pages} 页"
"""Every page of a 笔录 carries the signatures (the party and the officers sign each page) and its page number."""
NOTICE_FOOTER: Final = "第 {page} 页 共 {pages} 页"

STYLE: Final = """
body { font-size: 10.5pt; }
h1 { font-size: 18pt; font-weight: bold; text-align: center; margin-bottom: 2pt; }
p.authority { font-size: 12pt; text-align: center; margin-bottom: 0; }
p.docno { text-align: right; margin-top: 0; }
p.note { font-size: 9pt; color: #333333; }
p.draft { text-align: center; color: #a00000; font-weight: bold; }
table.grid { border-collapse: collapse; }
table.grid td, table.grid th { border: 1px solid #000000; padding: 3px; vertical-align: top; }
th { font-weight: bold; background-color: #f0f0f0; }
td.caption { font-weight: bold; white-space: nowrap; }
td.hash { font-family: monospace; font-size: 8.5pt; }
p.sign { margin-top: 10pt; }
"""


@dataclass(frozen=True)
class OfficialDocument:
    """One document, ready for rendering."""

    title: str
    html: str
    footer: str
    """Template for every page's footer, with ``{page}`` and ``{pages}``."""
    file_stem: str
    """A file name (without extension) for saving, e.g. ``现场检查笔录-某某公司``."""


# --- small formatting helpers ---------------------------------------------------------------------------------------
def _e(value: object) -> str:
    return escape(str(value), quote=True)


def cn_date(value: date | None) -> str:
    """``2026年3月2日``; blanks to fill in by hand when unknown."""
    if value is None:
        return f"{GAP}年{GAP}月{GAP}日"
    return f"{value.year}年{value.month}月{value.day}日"


def cn_time(value: datetime | None) -> str:
    """``2026年3月2日9时05分``; blanks when unknown."""
    if value is None:
        return f"{GAP}年{GAP}月{GAP}日{GAP}时{GAP}分"
    return f"{cn_date(value.date())}{value.hour}时{value.minute:02d}分"


def _boxes(options: Iterable[str], chosen: Iterable[str]) -> str:
    picked = set(chosen)
    return "　".join(f"{CHECKED if o in picked else UNCHECKED}{_e(o)}" for o in options)


def _basis(bases: Sequence[LegalBasis]) -> str:
    return "；".join(f"《{b.law}》{b.article}" for b in bases)


GRID_WIDTHS: Final = (17, 33, 15, 35)
"""Column widths (percent) of the four-column caption/value tables."""


def _row(*cells: tuple[str, str]) -> str:
    """A table row of (caption, value) pairs; values are already escaped HTML."""
    parts = []
    for n, (caption, value) in enumerate(cells):
        parts.append(
            f'<td class="caption" width="{GRID_WIDTHS[2 * n]}%">{_e(caption)}</td>'
            f'<td width="{GRID_WIDTHS[2 * n + 1]}%">{value}</td>'
        )
    return "<tr>" + "".join(parts) + "</tr>"


def _wide(caption: str, value: str, span: int = 3) -> str:
    return f'<tr><td class="caption">{_e(caption)}</td><td colspan="{span}">{value}</td></tr>'


def _page(title: str, body: str, *, authority: str = "", doc_no: str = "", draft: bool = False) -> str:
    """The whole document; ``doc_no`` is markup (its blanks are entities), everything else is escaped here."""
    head = f'<p class="authority">{_e(authority)}</p>' if authority else ""
    head += f"<h1>{_e(title)}</h1>"
    if doc_no:
        head += f'<p class="docno">{doc_no}</p>'
    if draft:
        head += '<p class="draft">（草稿，尚未定稿）</p>'
    return f"<html><head><style>{STYLE}</style></head><body>{head}{body}</body></html>"


def _stem(title: str, name: str) -> str:
    safe = "".join(ch for ch in name if ch not in '\\/:*?"<>|').strip()
    return f"{title}-{safe}" if safe else title


def _officer_lines(detail: InspectionDetail) -> str:
    if not detail.officers:
        return f"{BLANK}执法证号：{BLANK}"
    return "<br/>".join(f"{_e(o.name)}　执法证号：{_e(o.cert_no) or BLANK}" for o in detail.officers)


def _subject_rows(detail: InspectionDetail) -> str:
    caption = IDENTIFIER_CAPTIONS.get(detail.subject_identifier_type, IDENTIFIER_CAPTIONS["none"])
    rows = [
        _wide("检查对象名称", _e(detail.subject_name)),
        _row((caption, _e(detail.subject_identifier) or BLANK), ("联系电话", _e(detail.subject_phone) or BLANK)),
        _wide("住所（经营场所）", _e(detail.subject_address) or BLANK),
        _row(
            ("法定代表人（负责人）", _e(detail.subject_legal_representative) or BLANK),
            ("联络员", BLANK),
        ),
    ]
    if detail.carrier_summary:
        rows.append(_wide("网店（网站、账号）", _e(detail.carrier_summary)))
    return "".join(rows)


# --- 随机抽查情况记录表 / 现场检查笔录 ----------------------------------------------------------------------
def record_title(detail: InspectionDetail) -> str:
    """随机抽查情况记录表 for a random inspection, 现场检查笔录 otherwise."""
    return RECORD_TITLE_RANDOM if detail.kind == InspectionKind.RANDOM else RECORD_TITLE_ON_SITE


def inspection_record(
    detail: InspectionDetail,
    *,
    authority: str,
    task_number: str = "",
    task_name: str = "",
    recorder_name: str = "",
) -> OfficialDocument:
    """The inspection record with every field of domain.md, the item table, signatures and page numbers."""
    title = record_title(detail)
    head = [
        _row(
            ("抽查任务名称", _e(task_name) or "／"),
            ("任务编号", _e(task_number) or "／"),
        ),
        _row(
            ("检查类别", _e(KIND_CAPTIONS.get(detail.kind, detail.kind))),
            ("检查表", _e(f"{detail.template.title}（第{detail.template.version}版）")),
        ),
        _subject_rows(detail),
        _row(("检查开始时间", cn_time(detail.started_at)), ("检查结束时间", cn_time(detail.ended_at))),
        _wide("检查地点", _e(detail.place) or BLANK),
        _wide("核查方式", _boxes(METHODS, detail.methods)),
        _wide("在场人员", _e(detail.people_present) or BLANK),
        _wide("检查人员", _officer_lines(detail)),
        _wide("记录人", _e(recorder_name) or BLANK),
    ]
    items = [
        '<tr><th width="8%">序号</th><th width="35%">检查事项</th><th width="21%">依据</th>'
        '<th width="8%">是否检查</th><th width="9%">检查情况</th><th width="19%">发现问题及处理</th></tr>'
    ]
    for item in detail.items:
        answer = detail.answers.get(item.code)
        value = answer.value if answer else ""
        note = answer.note if answer else ""
        checked = "否" if not value or value == NOT_APPLICABLE else "是"
        items.append(
            f"<tr><td>{_e(item.code)}</td><td>{_e(item.question)}</td><td>{_e(_basis(item.legal_basis))}</td>"
            f"<td>{checked}</td><td>{_e(value) if value else '未检查'}</td><td>{_e(note)}</td></tr>"
        )
    follow_up = _boxes(FOLLOW_UPS, [detail.follow_up] if detail.follow_up else [])
    if detail.follow_up_note:
        follow_up += f"<br/>说明：{_e(detail.follow_up_note)}"
    if detail.follow_up == FOLLOW_UP_RECTIFY:
        follow_up += f"<br/>整改期限：{cn_date(detail.rectification_deadline)}前"
    result = [
        _wide("检查结果", _boxes(ALL_RESULTS, detail.result_categories)),
        _wide("后续处置措施", follow_up),
        _wide("当事人意见", _e(detail.party_opinion) or "<br/><br/><br/>"),
    ]
    if detail.notes:
        result.append(_wide("备注", _e(detail.notes)))
    amendment = ""
    if detail.amends_id:
        amendment = (
            f'<p class="note">本记录为对原记录（编号 {_e(detail.amends_id)}）的更正，'
            f"更正理由：{_e(detail.amendment_reason)}</p>"
        )
    intro = (
        '<p class="note">检查人员已向当事人出示执法证件，告知了检查依据和当事人的权利义务，'
        "当事人对检查人员的身份无异议，无申请回避情形。</p>"
    )
    signatures = (
        f'<p class="sign">以上记录已经当事人核对（已向当事人宣读），与事实相符。</p>'
        f'<p class="sign">当事人（签名或者盖章）：{LINE}　　　　{cn_date(None)}</p>'
        f'<p class="sign">当事人拒绝签名的，见证人（签名）：{LINE}　　拒签情况：{LINE}</p>'
        f'<p class="sign">检查人员（签名）：{LINE}　{LINE}　　　　{cn_date(None)}</p>'
        f'<p class="sign">记录人（签名）：{LINE}</p>'
    )
    body = (
        intro
        + '<table class="grid" width="100%" cellspacing="0" cellpadding="3">'
        + "".join(head)
        + "</table><p></p>"
        + '<table class="grid" width="100%" cellspacing="0" cellpadding="3">'
        + "".join(items)
        + "</table><p></p>"
        + '<table class="grid" width="100%" cellspacing="0" cellpadding="3">'
        + "".join(result)
        + "</table>"
        + amendment
        + signatures
    )
    html = _page(title, body, authority=authority, draft=detail.state != "finalized")
    return OfficialDocument(title, html, PAGE_FOOTER, _stem(title, detail.subject_name))


# --- 电子数据提取笔录 ------------------------------------------------------------------------------------------------
def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} 字节"


def evidence_record(
    detail: InspectionDetail,
    *,
    authority: str,
    evidence: Sequence[EvidenceRecord] | None = None,
    officer_names: Mapping[str, str] | None = None,
) -> OfficialDocument:
    """One row per evidence file with its source, capture time, method, device and both hashes (SHA-256, SM3)."""
    pieces = list(detail.evidence if evidence is None else evidence)
    names = dict(officer_names or {})
    names.update({o.officer_id: o.name for o in detail.officers})
    questions = {item.code: item.question for item in detail.items}
    head = [
        _subject_rows(detail),
        _row(("提取时间", cn_time(detail.started_at)), ("至", cn_time(detail.ended_at))),
        _wide("提取地点", _e(detail.place) or BLANK),
        _wide("提取人员", _officer_lines(detail)),
    ]
    rows = [
        '<tr><th width="5%">序号</th><th width="17%">文件名称</th><th width="28%">电子数据来源（网址）</th>'
        '<th width="16%">提取时间</th><th width="9%">提取方法</th><th width="15%">设备、工具</th>'
        '<th width="10%">大小</th></tr>'
    ]
    for n, piece in enumerate(pieces, start=1):
        about = questions.get(piece.item_code or "", "")
        description = piece.description
        if piece.item_code:
            description = f"（检查事项 {piece.item_code}：{about}）{description}"
        officer = names.get(piece.officer_id or "", "")
        rows.append(
            f'<tr><td rowspan="4">{n}</td><td>{_e(piece.file_name or piece.sha256[:12])}</td>'
            f"<td>{_e(piece.source_url) or '／'}</td><td>{cn_time(piece.captured_at)}</td>"
            f"<td>{_e(piece.method) or '／'}</td><td>{_e(piece.device) or '／'}</td><td>{_size(piece.size)}</td></tr>"
            f'<tr><td colspan="6" class="hash">SHA-256：{piece.sha256}</td></tr>'
            f'<tr><td colspan="6" class="hash">SM3：{piece.sm3}</td></tr>'
            f'<tr><td colspan="6">说明：{_e(description) or "／"}　提取人：{_e(officer) or "／"}</td></tr>'
        )
    if not pieces:
        rows.append('<tr><td colspan="7">（无电子数据）</td></tr>')
    intro = (
        '<p class="note">依据《市场监督管理行政执法电子数据取证暂行规定》，对下列电子数据进行了提取，'
        "提取过程未对原始数据进行修改。每个文件的完整性校验值（哈希值）以 SHA-256 和 SM3 算法计算，"
        "可用于核对文件未被改动。</p>"
    )
    signatures = (
        f'<p class="sign">以上电子数据共 {len(pieces)} 个文件，经当事人核对无误。</p>'
        f'<p class="sign">当事人（签名或者盖章）：{LINE}　　　　{cn_date(None)}</p>'
        f'<p class="sign">当事人拒绝签名的，见证人（签名）：{LINE}</p>'
        f'<p class="sign">提取人员（签名）：{LINE}　{LINE}　　　　{cn_date(None)}</p>'
    )
    body = (
        intro
        + '<table class="grid" width="100%" cellspacing="0" cellpadding="3">'
        + "".join(head)
        + "</table><p></p>"
        + '<table class="grid" width="100%" cellspacing="0" cellpadding="3">'
        + "".join(rows)
        + "</table>"
        + signatures
    )
    html = _page(EVIDENCE_TITLE, body, authority=authority, draft=detail.state != "finalized")
    return OfficialDocument(EVIDENCE_TITLE, html, PAGE_FOOTER, _stem(EVIDENCE_TITLE, detail.subject_name))


# --- 责令改正通知书 ------------------------------------------------------------------------------------------------
def failed_items(detail: InspectionDetail) -> list[tuple[TemplateItem, str]]:
    """The items answered 不符合, with their notes."""
    out = []
    for item in detail.items:
        answer = detail.answers.get(item.code)
        if answer is not None and answer.value == NONCONFORMS:
            out.append((item, answer.note))
    return out


NUMERALS: Final = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    return NUMERALS[n - 1] if 1 <= n <= len(NUMERALS) else str(n)


def rectification_notice(detail: InspectionDetail, *, authority: str) -> OfficialDocument:
    """The order to correct (责令改正通知书) for a record whose follow-up is 责令限期整改."""
    failed = failed_items(detail)
    if failed:
        problems = "".join(
            f"<p>{INDENT}（{_numeral(n)}）检查事项 {_e(item.code)}：{_e(item.question)}"
            f"检查情况：{NONCONFORMS}{'，' + _e(note) if note else ''}。</p>"
            for n, (item, note) in enumerate(failed, start=1)
        )
    else:
        problems = f"<p>{INDENT}{_e('、'.join(detail.result_categories)) or BLANK}。</p>"
    bases: list[str] = []
    for item, _note in failed:
        for basis in item.legal_basis:
            text = f"《{basis.law}》{basis.article}"
            if text not in bases:
                bases.append(text)
    basis_text = _e("、".join(bases)) if bases else BLANK
    requirement = f"（整改要求：{_e(detail.follow_up_note)}）" if detail.follow_up_note else ""
    when = cn_date(detail.ended_at.date() if detail.ended_at else None)
    carrier = f"（{_e(detail.carrier_summary)}）" if detail.carrier_summary else ""
    body = (
        f"<p><b>{_e(detail.subject_name)}</b>：</p>"
        f"<p>{INDENT}{when}，本机关执法人员依法对你（单位）{carrier}进行了检查，"
        "发现你（单位）存在以下问题：</p>"
        f"{problems}"
        f"<p>{INDENT}上述行为不符合{basis_text}的规定。</p>"
        f"<p>{INDENT}现责令你（单位）于<b>{cn_date(detail.rectification_deadline)}</b>前改正上述问题"
        f"{requirement}，并将整改情况书面报告本机关。逾期不改正的，本机关将依法处理。</p>"
        f"<p>{INDENT}如不服本通知，可以在收到本通知书之日起六十日内依法申请行政复议，"
        "或者在六个月内依法向人民法院提起行政诉讼。</p>"
        f'<p class="sign">检查人员：{"、".join(_e(o.name) for o in detail.officers) or BLANK}</p>'
        f'<p class="sign" align="right">{_e(authority)}（印章）</p>'
        f'<p align="right">{cn_date(None)}</p>'
        f'<p class="sign">当事人签收：{LINE}{GAP}签收日期：{cn_date(None)}</p>'
        '<p class="note">本通知书一式两份，一份交当事人，一份存档。</p>'
    )
    html = _page(
        NOTICE_TITLE,
        body,
        authority=authority,
        doc_no=f"〔{GAP}〕第{GAP}号",
        draft=detail.state != "finalized",
    )
    return OfficialDocument(NOTICE_TITLE, html, NOTICE_FOOTER, _stem(NOTICE_TITLE, detail.subject_name))


def needs_notice(detail: InspectionDetail) -> bool:
    """Whether the record orders rectification (the notice applies)."""
    return detail.follow_up == FOLLOW_UP_RECTIFY
