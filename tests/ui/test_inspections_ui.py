"""The inspection screens with real widgets on real encrypted databases (station + evidence store): a whole
inspection from the operator to the amendment, Ctrl+V of a screenshot, the 双随机 draw, the printed record read
back from its PDF, rectification and the dashboard; bad input gives clear messages and loses nothing saved."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage, QInputMethodEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QPushButton, QWidget
from sqlalchemy import delete

from app.database_key import KeyChoice
from app.inspections.data import EvidenceMeta, InspectionFilter
from app.inspections.templates import TemplateService
from app.inspections.vocabulary import CONFORMS, FOLLOW_UP_RECTIFY, NONCONFORMS, NOT_APPLICABLE, AnswerType
from app.paths import DataDir
from app.records import Actor, OfficerRecord, OperatorFilter
from app.services.officers import OfficerService
from app.station_store import open_station_databases
from localdb.database import Database
from localdb.inspection_models import EvidenceBlob, EvidenceChunk
from sync.credentials import CredentialStore
from tests.ui.conftest import KEY_FILE, KNOWN, _copy_station
from ui.documents import DocumentWindow, PreviewDialog, save_pdf
from ui.evidence_capture import png_bytes
from ui.inspection_dashboard import ChartsDailyChart, DailyChart
from ui.inspection_editor import InspectionEditor
from ui.inspection_models import (
    InspectionServices,
    InspectionTableModel,
    RectificationTableModel,
    TargetTableModel,
    TaskTableModel,
)
from ui.inspections_view import InspectionsView
from ui.main_window import DashboardPage, MainWindow
from ui.new_inspection_dialog import NewInspectionDialog
from ui.reason_dialog import ReasonDialog
from ui.rectification_view import RectificationView
from ui.task_dialog import TaskDialog
from ui.tasks_page import TasksPage

LICENSE_DISPLAY = "ecommerce-license-display"
FAILING = "LZ-01"


# -- fixtures -------------------------------------------------------------------------------------------------------
@dataclass
class Desk:
    db: Database
    evidence_db: Database
    services: InspectionServices
    actor: Actor
    colleague: OfficerRecord
    """Another active officer with a 执法证号 (the second officer of a record)."""


@pytest.fixture
def desk(template_dir: Path, tmp_path: Path) -> Iterator[Desk]:
    """A private copy of the UI test station, opened with its evidence store and the shipped checklists."""
    root = tmp_path / "station"
    _copy_station(template_dir, root)
    db, evidence_db = open_station_databases(DataDir(root), KeyChoice(key_file=root / KEY_FILE), CredentialStore())
    TemplateService(db).load_shipped()
    officers = OfficerService(db).active_officers()
    me = next(o for o in officers if o.name == "张伟")
    colleague = next(o for o in officers if o.id != me.id and o.cert_no.strip())
    yield Desk(db, evidence_db, InspectionServices.wire(db, evidence_db), Actor(me.id, me.name), colleague)
    evidence_db.close()
    db.close()


@pytest.fixture
def view(qtbot: Any, desk: Desk) -> InspectionsView:
    widget = InspectionsView(desk.services, lambda: desk.actor)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def clipboard_image() -> Iterator[QImage]:
    """A screenshot on the clipboard, as the Snipping Tool leaves it."""
    image = QImage(160, 90, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 30, 30))
    QGuiApplication.clipboard().setImage(image)
    yield image
    QGuiApplication.clipboard().clear()


# -- helpers --------------------------------------------------------------------------------------------------------
def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type like a user: Latin text key by key, Chinese text as an input-method commit (see test_registry_view)."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def choose(combo: QComboBox, data: str) -> None:
    """Pick an entry as a user does (``activated`` is what the editor listens to)."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def template_id(desk: Desk, code: str = LICENSE_DISPLAY) -> str:
    return next(t.id for t in desk.services.templates.current() if t.code == code)


def finding_text(editor: InspectionEditor, field: str) -> str:
    label = editor.finding_label(field)
    return label.text() if label.isVisible() else ""


def click_dialog_button(dialog: QWidget, text: str) -> None:
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == text)
    button.click()


def start_inspection(qtbot: Any, view: InspectionsView, desk: Desk) -> InspectionEditor:
    """新建检查 from the register: search the operator, choose the checklist and two officers."""
    view.records.new_button.click()
    dialog = view.dialog
    assert isinstance(dialog, NewInspectionDialog)
    type_text(qtbot, dialog.search_edit, KNOWN.valid_name)
    qtbot.waitUntil(lambda: dialog.operator_list.count() == 1, timeout=3000)
    assert dialog.operator_list.currentRow() == 0
    dialog.template_combo.setCurrentIndex(dialog.template_combo.findData(template_id(desk)))
    assert dialog.officer_combos[0].currentData() == desk.actor.officer_id  # the current officer comes first
    dialog.officer_combos[1].setCurrentIndex(dialog.officer_combos[1].findData(desk.colleague.id))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: view.editor is not None, timeout=3000)
    assert view.editor is not None
    return view.editor


def answer_all(editor: InspectionEditor, failing: str | None = FAILING) -> None:
    for code, row in editor.item_rows.items():
        if row.item.answer_type == AnswerType.CONFORMITY and row.item.required:
            row.radios[NONCONFORMS if code == failing else CONFORMS].click()


def fill_record(qtbot: Any, editor: InspectionEditor) -> None:
    """Times, place and method: everything a finalized record needs besides answers, evidence and results."""
    editor.start_edit.set_now()
    editor.end_edit.set_now()
    type_text(qtbot, editor.place_edit, "护国市场监管所网络监测室")
    editor.method_checks["网络监测"].click()
    assert editor.flush()


def pdf_text(path: Path) -> str:
    """The text of every page, without white space (table cells wrap their lines anywhere)."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return "".join("".join(document.getAllText(page).text().split()) for page in range(document.pageCount()))


# -- the whole flow -------------------------------------------------------------------------------------------------
def test_a_whole_inspection_from_the_operator_to_the_amendment(
    qtbot: Any, view: InspectionsView, desk: Desk, clipboard_image: QImage, tmp_path: Path
) -> None:
    svc = desk.services
    editor = start_inspection(qtbot, view, desk)
    record_id = editor.inspection_id
    detail = svc.inspections.detail(record_id)
    assert detail.subject_name == KNOWN.valid_name
    assert [o.officer_id for o in detail.officers] == [desk.actor.officer_id, desk.colleague.id]
    assert detail.template.code == LICENSE_DISPLAY

    # answers save at once; one item 不符合
    answer_all(editor)
    answers = svc.inspections.detail(record_id).answers
    assert answers[FAILING].value == NONCONFORMS
    assert answers["LZ-02"].value == CONFORMS
    note = editor.item_row(FAILING).note_edit
    type_text(qtbot, note, "首页未见营业执照信息")
    qtbot.waitUntil(lambda: not editor.has_pending(), timeout=3000)  # saved after the typing pause
    assert svc.inspections.detail(record_id).answers[FAILING].note == "首页未见营业执照信息"
    assert "Saved automatically" in editor.save_state.text()
    fill_record(qtbot, editor)

    # finalize is refused: no evidence on the failed item, no result, no follow-up
    editor.finalize_button.click()
    assert editor.dialog is None
    assert "needs evidence" in finding_text(editor, f"answer:{FAILING}")
    assert "result" in finding_text(editor, "result_categories")
    assert "follow-up" in finding_text(editor, "follow_up")
    assert "Not finalized yet" in editor.blocking.text()
    assert svc.inspections.detail(record_id).state == "draft"

    # Ctrl+V of the screenshot inside the failed item attaches it to that item
    note.setFocus()
    qtbot.keyClick(note, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pieces = svc.evidence.rows(record_id)
    assert len(pieces) == 1 and pieces[0].item_code == FAILING and pieces[0].media_type == "image/png"
    assert note.text() == "首页未见营业执照信息"  # the picture did not end up as text
    gallery = editor.evidence_panel.gallery
    assert gallery.count() == 1
    assert not gallery.item(0).icon().isNull()
    assert QImage.fromData(svc.evidence.read(pieces[0].id)).size() == clipboard_image.size()  # kept byte-exact
    assert editor.item_row(FAILING).evidence_label.text().startswith("1")

    # results, follow-up with a deadline; the deadline is required for 责令限期整改
    editor.result_checks["未按规定公示应当公示的信息"].click()
    choose(editor.follow_up_combo, FOLLOW_UP_RECTIFY)
    type_text(qtbot, editor.follow_up_note_edit, "十五日内在首页显著位置公示营业执照信息")
    editor.finalize_button.click()
    assert "deadline" in finding_text(editor, "rectification_deadline")
    deadline = date.today() + timedelta(days=15)
    editor.deadline_edit.set_value(deadline)
    editor.deadline_edit.check.toggled.emit(True)
    assert editor.flush()
    assert svc.inspections.detail(record_id).rectification_deadline == deadline

    # finalize: confirm, then read-only
    editor.finalize_button.click()
    box = editor.dialog
    assert isinstance(box, QMessageBox)
    click_dialog_button(box, "Finalize")
    final = svc.inspections.detail(record_id)
    assert final.state == "finalized"
    assert editor.read_only
    assert editor.place_edit.isReadOnly()
    assert not editor.item_row("LZ-02").radios[NOT_APPLICABLE].isEnabled()
    assert not editor.finalize_button.isVisible() and editor.amend_button.isVisible()
    assert not editor.evidence_panel.paste_button.isVisible()
    qtbot.keyClick(editor.item_row("LZ-02").note_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(svc.evidence.rows(record_id)) == 1  # nothing can be added to a finalized record
    assert svc.rectifications.rows("open")[0].inspection_id == record_id

    # the printed record, read back from its PDF
    pdf = tmp_path / "record.pdf"
    assert save_pdf(editor.document("record"), pdf) >= 1
    text = pdf_text(pdf)
    for expected in (
        "现场检查笔录",
        KNOWN.valid_name,
        KNOWN.valid_uscc,
        "首页未见营业执照信息",
        desk.actor.name,
        desk.colleague.cert_no,
        "当事人签名",
        "第1页共",
    ):
        assert expected in text, expected
    evidence_pdf = tmp_path / "evidence.pdf"
    save_pdf(editor.document("evidence"), evidence_pdf)
    evidence_text = pdf_text(evidence_pdf)
    assert "电子数据提取笔录" in evidence_text
    assert pieces[0].sha256 in evidence_text and pieces[0].sm3 in evidence_text
    notice_pdf = tmp_path / "notice.pdf"
    save_pdf(editor.document("notice"), notice_pdf)
    notice_text = pdf_text(notice_pdf)
    assert "责令改正通知书" in notice_text and f"{deadline.year}年{deadline.month}月{deadline.day}日" in notice_text

    # amend with a reason: a new draft referencing the original, opened in the editor
    editor.amend_button.click()
    reason = editor.dialog
    assert isinstance(reason, ReasonDialog)
    assert not reason.ok_button.isEnabled()  # a reason is required
    reason.reason_edit.setPlainText("检查人员执法证号填写有误")
    reason.ok_button.click()
    qtbot.waitUntil(lambda: view.editor is not None and view.editor.inspection_id != record_id, timeout=3000)
    assert view.editor is not None
    amendment = svc.inspections.detail(view.editor.inspection_id)
    assert amendment.amends_id == record_id and amendment.state == "draft"
    assert amendment.amendment_reason == "检查人员执法证号填写有误"
    assert not view.editor.read_only
    assert "amends" in view.editor.banner.text()


def test_the_new_inspection_dialog_refuses_one_officer_or_the_same_twice(
    qtbot: Any, view: InspectionsView, desk: Desk
) -> None:
    view.records.new_button.click()
    dialog = view.dialog
    assert isinstance(dialog, NewInspectionDialog)
    dialog.start_button.click()
    assert "Choose the operator" in dialog.object_finding.text()
    type_text(qtbot, dialog.search_edit, KNOWN.valid_name)
    qtbot.waitUntil(lambda: dialog.operator_list.count() == 1, timeout=3000)
    dialog.start_button.click()  # one officer only
    assert "at least two officers" in dialog.officer_finding.text()
    dialog.officer_combos[1].setCurrentIndex(dialog.officer_combos[1].findData(desk.actor.officer_id))
    dialog.start_button.click()  # the same officer twice
    assert "chosen twice" in dialog.officer_finding.text()
    assert desk.services.inspections.rows() == []  # nothing was written
    assert dialog.isVisible()
    dialog.officer_combos[1].setCurrentIndex(dialog.officer_combos[1].findData(desk.colleague.id))
    dialog.start_button.click()
    assert len(desk.services.inspections.rows()) == 1
    assert not dialog.isVisible()


def test_bad_input_in_the_editor_gives_clear_messages_and_loses_nothing(
    qtbot: Any, view: InspectionsView, desk: Desk, tmp_path: Path
) -> None:
    svc = desk.services
    editor = start_inspection(qtbot, view, desk)
    record_id = editor.inspection_id
    fill_record(qtbot, editor)
    saved_start = svc.inspections.detail(record_id).started_at
    assert saved_start is not None

    # the same officer twice: refused, the two saved officers stay
    choose(editor.officer_combos[1], desk.actor.officer_id)
    assert "chosen twice" in finding_text(editor, "officers")
    assert "Not saved" in editor.save_state.text()
    assert [o.officer_id for o in svc.inspections.detail(record_id).officers] == [
        desk.actor.officer_id,
        desk.colleague.id,
    ]

    # one officer only: saved (it is a draft) with a warning; finalizing is refused
    choose(editor.officer_combos[1], "")
    assert "at least two officers" in finding_text(editor, "officers")
    assert len(svc.inspections.detail(record_id).officers) == 1
    editor.finalize_button.click()
    assert "at least two officers" in editor.blocking.text()

    # an end before the start: saved with a warning next to the end time
    editor.end_edit.set_value(saved_start - timedelta(hours=2))
    editor.end_edit.changed.emit()
    assert editor.flush()
    assert "before the start time" in finding_text(editor, "ended_at")
    assert svc.inspections.detail(record_id).started_at == saved_start
    editor.end_edit.set_now()
    assert editor.flush()
    assert finding_text(editor, "ended_at") == ""

    # a number item answered with text: refused next to the item, the place typed before stays saved
    number_row = editor.item_row("LZ-10")
    assert number_row.value_edit is not None
    type_text(qtbot, number_row.value_edit, "abc")
    assert not editor.flush()
    assert "is not a number" in finding_text(editor, "answer:LZ-10")
    detail = svc.inspections.detail(record_id)
    assert "LZ-10" not in detail.answers or detail.answers["LZ-10"].value == ""
    assert detail.place == "护国市场监管所网络监测室"

    # a file that is not a picture, dropped on the record: refused with the reason, nothing attached
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a screenshot", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(text_file))])
    assert editor.handle_drop(mime, QPoint(5, 5)) == 0
    assert "is not an image" in finding_text(editor, "evidence")
    assert svc.evidence.rows(record_id) == []

    # a real picture dropped on an item is attached to that item
    picture = tmp_path / "shop.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    assert image.save(str(picture))
    row = editor.item_row("LZ-04")
    editor.scroll_area.ensureWidgetVisible(row)  # a drop lands where the user sees the item
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(picture))])
    assert editor.handle_drop(mime, row.mapTo(editor, QPoint(10, 10))) == 1
    pieces = svc.evidence.rows(record_id)
    assert [(p.item_code, p.file_name) for p in pieces] == [("LZ-04", "shop.png")]
    assert pieces[0].sha256 and pieces[0].sm3 and picture.read_bytes() == svc.evidence.read(pieces[0].id)

    # Ctrl+V with no picture on the clipboard says what to do
    QGuiApplication.clipboard().setText("just text")
    assert not editor.paste_evidence(None)
    assert "no picture" in editor.general.text()
    QGuiApplication.clipboard().clear()


def test_evidence_elements_are_saved_and_a_missing_file_is_shown_as_such(
    qtbot: Any, view: InspectionsView, desk: Desk, clipboard_image: QImage
) -> None:
    editor = start_inspection(qtbot, view, desk)
    assert editor.paste_evidence(None)  # the 粘贴截图 button of the gallery: the record as a whole
    piece = desk.services.evidence.rows(editor.inspection_id)[0]
    assert piece.item_code is None and piece.method and piece.device and piece.captured_at is not None
    panel = editor.evidence_panel
    assert panel.details.isVisible()
    type_text(qtbot, panel.url_edit, "https://shop.example.com/1234")
    type_text(qtbot, panel.description_edit, "首页截图")
    choose(panel.item_combo, "LZ-02")
    assert editor.flush()
    piece = desk.services.evidence.rows(editor.inspection_id)[0]
    assert (piece.source_url, piece.description, piece.item_code) == (
        "https://shop.example.com/1234",
        "首页截图",
        "LZ-02",
    )

    # the bytes vanish from evidence.db: reopening shows a clear message instead of a thumbnail
    with desk.evidence_db.transaction() as session:
        session.execute(delete(EvidenceChunk))
        session.execute(delete(EvidenceBlob))
    view.open_record(editor.inspection_id)
    assert view.editor is not None
    reopened = view.editor
    entry = reopened.evidence_panel.gallery.item(0)
    assert "missing" in entry.toolTip()
    reopened.evidence_panel.gallery.setCurrentRow(0)
    assert "missing" in reopened.evidence_panel.problem_label.text()


# -- tasks and the draw ---------------------------------------------------------------------------------------------
def test_a_task_is_drawn_exported_verified_and_its_objects_inspected(
    qtbot: Any, view: InspectionsView, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = view.tasks
    page.new_button.click()
    dialog = page.dialog
    assert isinstance(dialog, TaskDialog)
    dialog.save_button.click()
    assert "task number" in dialog._labels["number"].text()  # nothing typed yet: refused next to the fields
    assert desk.services.tasks.rows() == []
    type_text(qtbot, dialog.number_edit, "2026-SJ-007")
    type_text(qtbot, dialog.name_edit, "网店亮照亮证亮标抽查")
    dialog.template_combo.setCurrentIndex(dialog.template_combo.findData(template_id(desk)))
    dialog.count_spin.setValue(3)
    dialog.save_button.click()
    assert not dialog.isVisible()
    task = page.current_task()
    assert task is not None and task.number == "2026-SJ-007" and task.state == "open"
    assert "Not drawn yet" in page.summary.text()

    page.draw_button.click()
    box = page.dialog
    assert isinstance(box, QMessageBox)
    click_dialog_button(box, "Draw")
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.draw is not None, timeout=5000)
    assert page.detail is not None and page.detail.draw is not None
    draw = page.detail.draw
    assert draw.seed in page.summary.text() and draw.pool_hash in page.summary.text()
    assert page.target_model.rowCount() == 3
    assert not page.draw_button.isEnabled()  # drawn once

    exported = tmp_path / "draw.json"
    monkeypatch.setattr("ui.tasks_page.QFileDialog.getSaveFileName", lambda *a, **k: (str(exported), ""))
    page.export_button.click()
    record = json.loads(exported.read_text(encoding="utf-8"))
    assert record["seed"] == draw.seed and record["pool_hash"] == draw.pool_hash and len(record["result"]) == 3

    page.verify_button.click()
    assert isinstance(page.dialog, QMessageBox) and "matches" in page.dialog.text()

    # start the inspection of a drawn object: its checklist and its two drawn officers
    page.targets.setCurrentIndex(page.target_model.index(0, 0))
    target = page.target_model.record_at(0)
    page.start_button.click()
    new = view.dialog
    assert isinstance(new, NewInspectionDialog)
    assert new.task_choice.isChecked()
    new.start_button.click()
    qtbot.waitUntil(lambda: view.editor is not None, timeout=3000)
    assert view.editor is not None
    detail = desk.services.inspections.detail(view.editor.inspection_id)
    assert detail.kind == "random" and detail.task_target_id == target.id
    assert [o.officer_id for o in detail.officers] == list(target.officer_ids)
    assert detail.operator_id == target.operator_id

    view.show_list()
    page.close_button.click()
    box = page.dialog
    assert isinstance(box, QMessageBox)
    click_dialog_button(box, "Close task")
    assert desk.services.tasks.rows() == []  # closed tasks are hidden by default
    page.show_closed.setChecked(True)
    assert page.model.rowCount() == 1 and page.model.record_at(0).state == "closed"


# -- rectification and the dashboard --------------------------------------------------------------------------------
def finalized_with_order(desk: Desk, deadline: date) -> str:
    """A record with one failed item and an order to rectify, finalized through the services."""
    svc, actor = desk.services, desk.actor
    operator_id = svc.registry.search_ids(KNOWN.valid_name, OperatorFilter())[0]
    record_id = svc.inspections.create_draft(
        operator_id, actor, template_code=LICENSE_DISPLAY, officer_ids=[actor.officer_id, desk.colleague.id]
    )
    finalize_with_order(svc, actor, record_id, deadline)
    return record_id


def finalize_with_order(svc: InspectionServices, actor: Actor, record_id: str, deadline: date) -> None:
    """Fill in a draft with two officers: one failed item with its evidence, an order to rectify; finalize it."""
    now = datetime.now().replace(second=0, microsecond=0)
    svc.inspections.set_times(record_id, now - timedelta(hours=1), now, actor)
    svc.inspections.set_place(record_id, "所内", actor)
    svc.inspections.set_methods(record_id, ["网络监测"], actor)
    for item in svc.inspections.detail(record_id).items:
        if item.required:
            svc.inspections.set_answer(record_id, item.code, NONCONFORMS if item.code == FAILING else CONFORMS, actor)
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    svc.evidence.add(record_id, png_bytes(image), EvidenceMeta(item_code=FAILING, file_name="a.png"), actor)
    svc.inspections.set_result_categories(record_id, ["未按规定公示应当公示的信息"], actor)
    svc.inspections.set_follow_up(record_id, FOLLOW_UP_RECTIFY, actor)
    svc.inspections.set_rectification_deadline(record_id, deadline, actor)
    svc.finalizer.finalize(record_id, actor)


def test_rectification_lists_orders_extends_with_a_reason_and_starts_the_reinspection(qtbot: Any, desk: Desk) -> None:
    today = date.today()
    record_id = finalized_with_order(desk, today + timedelta(days=3))
    page = RectificationView(desk.services, lambda: desk.actor, today=lambda: today)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 1
    rect = page.current()
    assert rect is not None and rect.inspection_id == record_id and rect.item_codes == (FAILING,)
    assert FAILING in page.detail_label.text()
    page.show_status("due_soon")
    assert page.model.rowCount() == 1
    page.show_status("overdue")
    assert page.model.rowCount() == 0
    page.show_status("open")

    assert not page.extend(rect.id, today + timedelta(days=20), "")  # no reason
    assert isinstance(page.dialog, QMessageBox) and "why the deadline is extended" in page.dialog.text()
    page.dialog.close()
    assert desk.services.rectifications.find(rect.id).deadline == rect.deadline
    assert page.extend(rect.id, today + timedelta(days=20), "平台需要时间修改页面")
    assert desk.services.rectifications.find(rect.id).deadline == today + timedelta(days=20)

    opened: list[str] = []
    page.open_inspection.connect(opened.append)
    page.reinspect_button.click()
    assert len(opened) == 1
    reinspection = desk.services.inspections.detail(opened[0])
    assert reinspection.kind == "reinspection" and reinspection.reinspection_of_id == rect.id
    page.reinspect_button.click()  # a second click continues the same draft
    assert opened[1] == opened[0]
    editor = InspectionEditor(desk.services, lambda: desk.actor, opened[0])
    qtbot.addWidget(editor)
    assert not editor.item_row(FAILING).previous_label.isHidden()  # the failed item is pointed out
    assert editor.item_row("LZ-02").previous_label.isHidden()
    assert "Re-inspection" in editor.banner.text()

    page.close_button.click()  # no finalized re-inspection yet: says how an order is closed
    assert isinstance(page.dialog, QMessageBox) and "finalized re-inspection" in page.dialog.text()


def test_the_dashboard_shows_todays_work_and_this_months_counts(qtbot: Any, desk: Desk) -> None:
    finalized_with_order(desk, date.today() + timedelta(days=3))
    desk.services.inspections.create_draft(
        desk.services.registry.search_ids(KNOWN.serious_name, OperatorFilter())[0],
        desk.actor,
        template_code=LICENSE_DISPLAY,
    )
    page = DashboardPage(desk.services.registry, "测试所", desk.actor, desk.services)
    qtbot.addWidget(page)
    page.show()
    panel = page.inspections
    assert panel is not None and panel.figures is not None
    figures = desk.services.dashboard.figures()
    assert figures.drafts == 1 and figures.month_inspections == 1 and figures.month_problems == 1
    assert figures.not_uploaded == 1 and figures.rectifications_due_soon == 1
    for key in (
        "drafts",
        "month_inspections",
        "month_problems",
        "month_operators",
        "not_uploaded",
        "rectifications_overdue",
        "rectifications_due_soon",
        "tasks_due",
    ):
        assert panel.values[key].text() == str(getattr(figures, key)), key
    assert len(panel.chart.days) == len(figures.daily)
    assert sum(day[1] for day in panel.chart.days) == 1
    targets: list[str] = []
    panel.go_to.connect(targets.append)
    tile = panel.values["drafts"].parentWidget()
    assert isinstance(tile, QPushButton)
    tile.click()
    assert targets == ["drafts"]


def test_both_charts_draw_the_days(qtbot: Any) -> None:
    days = [(date(2026, 3, d), d % 3, d % 2) for d in range(1, 16)]
    for chart in (DailyChart(), ChartsDailyChart()):
        qtbot.addWidget(chart)
        chart.resize(600, 220)
        chart.set_days(days)
        chart.show()
        image = chart.grab().toImage()
        assert not image.isNull() and chart.days == days


def test_the_main_window_opens_a_record_from_the_rectification_page(qtbot: Any, desk: Desk) -> None:
    record_id = finalized_with_order(desk, date.today() + timedelta(days=10))
    window = MainWindow(desk.services.registry, "测试所", desk.actor, "/data", inspections=desk.services)
    qtbot.addWidget(window)
    window.show()
    assert window.rectification_view is not None and window.inspections_view is not None
    window.navigation.setCurrentRow(3)
    assert window.pages.currentWidget() is window.rectification_view
    window.rectification_view.original_button.click()
    assert window.pages.currentWidget() is window.inspections_view
    assert window.inspections_view.editor is not None
    assert window.inspections_view.editor.inspection_id == record_id
    window.navigation.setCurrentRow(0)
    assert window.dashboard.inspections is not None
    window.dashboard.inspections.go_to.emit("drafts")
    assert window.pages.currentWidget() is window.inspections_view
    assert window.inspections_view.records.state_filter.currentData() == "draft"


def test_closing_the_window_saves_what_was_just_typed(qtbot: Any, desk: Desk) -> None:
    operator_id = desk.services.registry.search_ids(KNOWN.valid_name, OperatorFilter())[0]
    record_id = desk.services.inspections.create_draft(operator_id, desk.actor, template_code=LICENSE_DISPLAY)
    window = MainWindow(desk.services.registry, "测试所", desk.actor, "/data", inspections=desk.services)
    qtbot.addWidget(window)
    window.show()
    window.open_inspection(record_id)
    assert window.inspections_view is not None and window.inspections_view.editor is not None
    editor = window.inspections_view.editor
    type_text(qtbot, editor.people_edit, "当事人王某在场")
    assert editor.has_pending()  # typed a moment ago, not saved yet
    window.close()
    assert desk.services.inspections.detail(record_id).people_present == "当事人王某在场"


def test_the_document_window_previews_and_saves_a_pdf(qtbot: Any, desk: Desk, tmp_path: Path) -> None:
    record_id = finalized_with_order(desk, date.today() + timedelta(days=10))
    editor = InspectionEditor(desk.services, lambda: desk.actor, record_id)
    qtbot.addWidget(editor)
    editor.open_document("record")
    window = editor.dialog
    assert isinstance(window, DocumentWindow)
    assert KNOWN.valid_name in window.browser.toPlainText()
    window.show_preview()
    assert isinstance(window.preview, PreviewDialog)
    window.preview.close()
    target = tmp_path / "out"  # the suffix is added
    assert window.save_to(target)
    assert KNOWN.valid_name in pdf_text(tmp_path / "out.pdf")
    assert "out.pdf" in window.status.text()


# -- models ---------------------------------------------------------------------------------------------------------
def test_the_table_models_pass_the_model_tester(qtmodeltester: Any, desk: Desk) -> None:
    finalized_with_order(desk, date.today() + timedelta(days=10))
    svc = desk.services
    records = InspectionTableModel()
    records.set_rows(svc.inspections.rows(InspectionFilter(include_discarded=True)))
    qtmodeltester.check(records)
    tasks = TaskTableModel()
    tasks.set_rows(svc.tasks.rows(include_closed=True))
    qtmodeltester.check(tasks)
    rects = RectificationTableModel()
    rects.set_rows(svc.rectifications.rows())
    qtmodeltester.check(rects)
    assert rects.rowCount() == 1
    targets = TargetTableModel()
    qtmodeltester.check(targets)


def test_the_tasks_page_alone_shows_an_empty_state(qtbot: Any, desk: Desk) -> None:
    page = TasksPage(desk.services, lambda: desk.actor)
    qtbot.addWidget(page)
    assert "No task yet" in page.summary.text()
    assert not page.draw_button.isEnabled() and not page.export_button.isEnabled()


def test_files_are_picked_exported_and_removed_and_a_draft_discarded(
    qtbot: Any, view: InspectionsView, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = start_inspection(qtbot, view, desk)
    record_id = editor.inspection_id
    picture = tmp_path / "page.png"
    image = QImage(30, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    assert image.save(str(picture))
    monkeypatch.setattr(
        "ui.inspection_evidence.QFileDialog.getOpenFileNames", lambda *a, **k: ([str(picture), str(picture)], "")
    )
    editor.item_row("LZ-07").file_button.click()
    pieces = desk.services.evidence.rows(record_id)
    assert [(p.item_code, p.file_name) for p in pieces] == [("LZ-07", "page.png")]  # the same file is kept once

    copy = tmp_path / "copy.png"
    monkeypatch.setattr("ui.inspection_evidence.QFileDialog.getSaveFileName", lambda *a, **k: (str(copy), ""))
    editor.evidence_panel.gallery.setCurrentRow(0)
    editor.evidence_panel.export_button.click()
    assert copy.read_bytes() == picture.read_bytes()
    editor.evidence_panel.remove_button.click()
    assert desk.services.evidence.rows(record_id) == []
    assert editor.evidence_panel.gallery.count() == 0

    editor.discard_button.click()
    dialog = editor.dialog
    assert isinstance(dialog, ReasonDialog)
    dialog.reason_edit.setPlainText("误建")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: view.editor is None, timeout=3000)
    assert desk.services.inspections.rows() == []
    assert view.records.model.rowCount() == 0
    view.records.discarded_filter.setChecked(True)
    assert view.records.model.rowCount() == 1


def test_an_order_is_closed_by_hand_with_a_finalized_reinspection(qtbot: Any, desk: Desk) -> None:
    svc, actor = desk.services, desk.actor
    finalized_with_order(desk, date.today() + timedelta(days=5))
    rect = svc.rectifications.rows("open")[0]
    reinspection = svc.rectifications.start_reinspection(rect.id, actor)
    now = datetime.now().replace(second=0, microsecond=0)
    svc.inspections.set_times(reinspection, now - timedelta(minutes=30), now, actor)
    svc.inspections.set_place(reinspection, "所内", actor)
    svc.inspections.set_methods(reinspection, ["网络监测"], actor)
    for item in svc.inspections.detail(reinspection).items:
        if item.required:
            value = NOT_APPLICABLE if item.code == FAILING else CONFORMS  # not 符合: the order stays open
            svc.inspections.set_answer(reinspection, item.code, value, actor)
    svc.inspections.set_result_categories(reinspection, ["发现问题经责令已改正"], actor)
    svc.inspections.set_follow_up(reinspection, "无须后续处置", actor)
    svc.finalizer.finalize(reinspection, actor)
    assert svc.rectifications.find(rect.id).state == "open"

    page = RectificationView(svc, lambda: actor)
    qtbot.addWidget(page)
    page.show()
    assert page.reinspections.count() == 1
    page.close_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ReasonDialog)
    assert page.reinspection_combo.currentData() == reinspection
    dialog.reason_edit.setPlainText("首页已公示营业执照，复查确认")
    dialog.ok_button.click()
    closed = svc.rectifications.find(rect.id)
    assert closed.state == "closed" and closed.closed_by_inspection_id == reinspection
    assert page.model.rowCount() == 0  # the open list no longer shows it
    page.show_status("closed")
    assert page.model.rowCount() == 1 and not page.close_button.isEnabled()
