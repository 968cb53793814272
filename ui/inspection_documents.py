"""The official documents of the record in the inspection editor (打印 / PDF): the inspection record
(现场检查笔录), the electronic evidence record and the order to correct, each made from the record as saved now
and opened in the document window (preview, print, PDF)."""

from __future__ import annotations

from app.errors import NotFound
from app.inspections import documents as official
from ui.documents import DocumentWindow
from ui.inspection_editor_base import InspectionEditorBase


class DocumentActions(InspectionEditorBase):
    """The documents of the record (part of :class:`ui.inspection_editor.InspectionEditor`)."""

    def document(self, kind: str) -> official.OfficialDocument:
        """The official document ``record``, ``evidence`` or ``notice`` of the record as saved now."""
        self.flush()
        detail = self._svc.inspections.detail(self.inspection_id)
        authority = self._svc.officers.station_name()
        if kind == "evidence":
            return official.evidence_record(detail, authority=authority)
        if kind == "notice":
            return official.rectification_notice(detail, authority=authority)
        number = name = ""
        if detail.task_id:
            try:
                task = self._svc.tasks.detail(detail.task_id).row
                number, name = task.number, task.name
            except NotFound:
                pass
        recorder = ""
        if detail.recorder_id:
            names = {o.officer_id: o.name for o in detail.officers} | {o.id: o.name for o in self._officers}
            recorder = names.get(detail.recorder_id, "")
        return official.inspection_record(
            detail, authority=authority, task_number=number, task_name=name, recorder_name=recorder
        )

    def open_document(self, kind: str) -> None:
        self._show_dialog(DocumentWindow(self.document(kind), self))
