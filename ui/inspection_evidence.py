"""The evidence part of the inspection editor: the gallery with thumbnails, the recorded elements of the selected
file (saved as they are typed), and adding evidence by file picker, drag-and-drop or Ctrl+V of a screenshot —
on a checklist item the evidence proves that item, elsewhere the record as a whole.

Thumbnails are made once per file content (SHA-256); a file that is missing or damaged in the evidence store is
shown with a warning instead of a picture, and says so in the gallery and the details.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Final

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QStyle, QWidget

from app.errors import ValidationFailed
from app.inspections.data import EvidenceAdded, EvidenceMeta, EvidenceRecord
from app.inspections.errors import EvidenceUnavailable, RecordDiscarded, RecordFinalized
from app.sync_status import SyncState
from app.validation import Finding
from ui.checklist_item_row import ItemRow
from ui.evidence_capture import FILE_COPY, SCREENSHOT, device_description, local_files, png_bytes
from ui.evidence_panel import THUMBNAIL
from ui.inspection_editor_base import RECORD_LEVEL, InspectionEditorBase
from ui.inspection_models import format_minute
from ui.operator_dialog import NOTE_COLOR
from ui.sync_column import sync_color, sync_text, sync_tooltip
from ui.ui_text import known_failure_text, translate_finding

IMAGE_TYPES: Final = frozenset({"image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp", "image/tiff"})


class EvidenceEditing(InspectionEditorBase):
    """Evidence of the record (part of :class:`ui.inspection_editor.InspectionEditor`)."""

    def evidence(self) -> list[EvidenceRecord]:
        return list(self._evidence)

    def _connect_evidence(self) -> None:
        """The gallery's buttons and the selected file's elements (saved as they are typed)."""
        panel = self.evidence_panel
        panel.paste_button.clicked.connect(lambda: self.paste_evidence(None))
        panel.add_button.clicked.connect(lambda: self.pick_files(None))
        panel.gallery.currentRowChanged.connect(self._on_evidence_selected)
        panel.remove_button.clicked.connect(self._remove_evidence)
        panel.export_button.clicked.connect(self._export_evidence)
        panel.item_combo.activated.connect(lambda _i: self._evidence_changed(now=True))
        panel.method_combo.activated.connect(lambda _i: self._evidence_changed(now=True))
        panel.captured_edit.changed.connect(lambda: self._evidence_changed(now=False))
        for line in (panel.url_edit, panel.device_edit, panel.description_edit):
            line.textEdited.connect(lambda _t: self._evidence_changed(now=False))
            line.editingFinished.connect(self.flush)
        method_edit = panel.method_combo.lineEdit()
        if method_edit is not None:
            method_edit.textEdited.connect(lambda _t: self._evidence_changed(now=False))

    def _icon(self, piece: EvidenceRecord) -> QIcon:
        cached = self._icons.get(piece.sha256)
        if cached is not None:
            return cached
        style = self.style()
        icon = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        if piece.media_type in IMAGE_TYPES:
            try:
                data = self._svc.evidence.read(piece.id)
            except EvidenceUnavailable as exc:
                self._problems[piece.sha256] = translate_finding(exc.finding)
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            else:
                image = QImage.fromData(data)
                if not image.isNull():
                    scaled = image.scaled(
                        THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                    )
                    icon = QIcon(QPixmap.fromImage(scaled))
        elif piece.media_type.startswith("video/"):
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._icons[piece.sha256] = icon
        return icon

    def _item_label(self, code: str | None) -> str:
        return code if code else self.tr("Whole record")

    def _show_evidence(self, select_id: str | None = None) -> None:
        panel = self.evidence_panel
        gallery = panel.gallery
        keep = select_id or self._selected_evidence_id()
        gallery.blockSignals(True)
        gallery.clear()
        problems: list[str] = []
        broken = self.tr("File missing or damaged")
        sync = self._svc.sync.evidence(piece.id for piece in self._evidence)
        for piece in self._evidence:
            icon = self._icon(piece)
            problem = self._problems.get(piece.sha256)
            name = piece.file_name or piece.sha256[:12]
            text = f"{name}\n{self._item_label(piece.item_code)}"
            if problem:
                text = name + "\n" + broken
                problems.append(problem)
            entry = QListWidgetItem(icon, text)
            entry.setData(Qt.ItemDataRole.UserRole, piece.id)
            status = sync.get(piece.id)
            about = f"{name}\n{format_minute(piece.captured_at)}\n{piece.source_url}"
            synced = self.tr("Sync: {state}. {explanation}").format(
                state=sync_text(status), explanation=sync_tooltip(status) or ""
            )
            entry.setToolTip(problem or f"{about}\n{synced}")
            if problem:
                entry.setForeground(Qt.GlobalColor.darkRed)
            elif status is not None and status.state == SyncState.REJECTED:
                entry.setForeground(sync_color(status) or Qt.GlobalColor.darkRed)
            gallery.addItem(entry)
        gallery.blockSignals(False)
        panel.empty_label.setVisible(not self._evidence)
        if problems:
            panel.problem_label.setText("\n".join(problems))
        by_item: dict[str, list[EvidenceRecord]] = {}
        for piece in self._evidence:
            by_item.setdefault(piece.item_code or "", []).append(piece)
        for code, row in self.item_rows.items():
            row.show_evidence(by_item.get(code, []), self._icon)
        row_index = next((n for n, p in enumerate(self._evidence) if p.id == keep), -1)
        gallery.blockSignals(True)
        gallery.setCurrentRow(row_index)
        gallery.blockSignals(False)
        self._fill_evidence_details()

    def _selected_evidence_id(self) -> str | None:
        entry = self.evidence_panel.gallery.currentItem()
        return str(entry.data(Qt.ItemDataRole.UserRole)) if entry is not None else None

    def _selected_evidence(self) -> EvidenceRecord | None:
        chosen = self._selected_evidence_id()
        return next((p for p in self._evidence if p.id == chosen), None)

    def _on_evidence_selected(self, _row: int) -> None:
        self.flush()  # the elements typed for the file selected before
        self._fill_evidence_details()

    def _fill_evidence_details(self) -> None:
        panel = self.evidence_panel
        piece = self._selected_evidence()
        panel.details_area.setVisible(piece is not None)
        if piece is None:
            return
        self._loading = True
        try:
            size = f"{piece.size / 1024:.1f} KB" if piece.size < 1024 * 1024 else f"{piece.size / 1048576:.1f} MB"
            panel.file_label.setText(f"{piece.file_name}  ({piece.media_type}, {size})")
            panel.sha256_edit.setText(piece.sha256)
            panel.sm3_edit.setText(piece.sm3)
            panel.sha256_edit.setCursorPosition(0)
            panel.sm3_edit.setCursorPosition(0)
            problem = self._problems.get(piece.sha256)
            panel.problem_label.setText(problem or "")
            panel.problem_label.setVisible(bool(problem))
            panel.item_combo.clear()
            panel.item_combo.addItem(self.tr("The whole record"), RECORD_LEVEL)
            for item in self.detail.items:
                panel.item_combo.addItem(f"{item.code}  {item.question[:24]}…", item.code)
            self._select(panel.item_combo, piece.item_code or RECORD_LEVEL)
            panel.captured_edit.set_value(piece.captured_at)
            panel.url_edit.setText(piece.source_url)
            panel.device_edit.setText(piece.device)
            panel.method_combo.setCurrentText(piece.method)
            panel.description_edit.setText(piece.description)
        finally:
            self._loading = False

    def _panel_meta(self, piece: EvidenceRecord) -> EvidenceMeta:
        panel = self.evidence_panel
        return EvidenceMeta(
            captured_at=panel.captured_edit.value(),
            source_url=panel.url_edit.text(),
            device=panel.device_edit.text(),
            method=panel.method_combo.currentText(),
            officer_id=piece.officer_id,
            description=panel.description_edit.text(),
            item_code=str(panel.item_combo.currentData() or "") or None,
            file_name=piece.file_name,
        )

    def _evidence_changed(self, *, now: bool) -> None:
        piece = self._selected_evidence()
        if piece is None:
            return
        evidence_id = piece.id

        def save() -> list[Finding]:
            current = next((p for p in self._evidence if p.id == evidence_id), None)
            if current is None:
                return []
            meta = self._panel_meta(current)
            self._svc.evidence.update(evidence_id, meta, self._actor())
            self._evidence = [
                replace(
                    p,
                    item_code=meta.item_code,
                    captured_at=meta.captured_at,
                    source_url=meta.source_url.strip(),
                    device=meta.device.strip(),
                    method=meta.method.strip(),
                    description=meta.description.strip(),
                )
                if p.id == evidence_id
                else p
                for p in self._evidence
            ]
            if meta.item_code != current.item_code:
                QTimer.singleShot(0, lambda: self._show_evidence(evidence_id))
            return []

        if now:
            self._autosave.now(f"evidence:{evidence_id}", ("evidence",), save)
        else:
            self._autosave.later(f"evidence:{evidence_id}", ("evidence",), save)

    def _refresh_evidence(self, select_id: str | None = None) -> None:
        self._evidence = self._svc.evidence.rows(self.inspection_id)
        self._show_evidence(select_id)

    def _add(self, add: Callable[[], object], name: str) -> str | None:
        """Run one add; returns the evidence id, or ``None`` with the reason shown under the gallery."""
        try:
            added = add()
        except (RecordFinalized, RecordDiscarded) as exc:
            self._feedback.replace(("evidence",), exc.findings)
            return None
        except ValidationFailed as exc:
            self._feedback.replace(("evidence",), exc.findings)
            self._feedback.not_saved(self.tr("{name} was not added: see the message under Evidence.").format(name=name))
            return None
        except Exception as exc:
            text = known_failure_text(exc)
            if text is None:
                raise
            self._feedback.not_saved(text)
            return None
        record = getattr(added, "record", None)
        return getattr(record, "id", None)

    def _meta(self, item_code: str | None, file_name: str, method: str) -> EvidenceMeta:
        return EvidenceMeta(
            captured_at=datetime.now().replace(microsecond=0),
            device=device_description(),
            method=method,
            officer_id=self._actor().officer_id,
            item_code=item_code,
            file_name=file_name,
        )

    def _add_file(self, path: Path, meta: EvidenceMeta) -> EvidenceAdded:
        return self._svc.evidence.add_file(self.inspection_id, path, meta, self._actor())

    def add_files(self, paths: Sequence[Path], item_code: str | None) -> int:
        """Attach files (file picker, drop, Explorer copy); returns how many were added."""
        if self.read_only or not paths:
            return 0
        self.flush()
        added: list[str] = []
        self._feedback.replace(("evidence",), [])
        for path in paths:
            evidence_id = self._add(
                partial(self._add_file, path, self._meta(item_code, path.name, FILE_COPY)), path.name
            )
            if evidence_id is None:
                break
            added.append(evidence_id)
        if added:
            self._saved_evidence(added[-1])
        return len(added)

    def paste_evidence(self, item_code: str | None) -> bool:
        """Attach the picture on the clipboard (a screenshot) — or files copied in Explorer — as evidence."""
        if self.read_only:
            return False
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        files = local_files(mime)
        if files:
            return self.add_files(files, item_code) > 0
        image = clipboard.image() if mime is not None and mime.hasImage() else QImage()
        if image.isNull():
            self._feedback.not_saved(
                self.tr(
                    "The clipboard holds no picture. Take a screenshot first (for example Win+Shift+S, or the "
                    "Print Screen key), then press Ctrl+V here."
                )
            )
            return False
        self.flush()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = self.tr("screenshot-{time}.png").format(time=stamp)
        data = png_bytes(image)
        meta = self._meta(item_code, name, SCREENSHOT)
        self._feedback.replace(("evidence",), [])
        evidence_id = self._add(lambda: self._svc.evidence.add(self.inspection_id, data, meta, self._actor()), name)
        if evidence_id is None:
            return False
        self._saved_evidence(evidence_id)
        return True

    def _saved_evidence(self, evidence_id: str) -> None:
        self._refresh_evidence(evidence_id)
        found = self._feedback.findings("evidence")
        if found:
            self._feedback.replace(("evidence",), found)
        self.save_state.setStyleSheet(f"color: {NOTE_COLOR};")
        self.save_state.setText(
            self.tr("\u2713 Evidence saved at {time}").format(time=datetime.now().strftime("%H:%M:%S"))
        )
        self.changed.emit(self.inspection_id)

    def pick_files(self, item_code: str | None) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add evidence files"),
            "",
            self.tr(
                "Evidence (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff *.pdf *.mp4 *.mov *.webm *.mkv);;"
                "All files (*)"
            ),
        )
        self.add_files([Path(p) for p in paths], item_code)

    def _remove_evidence(self) -> None:
        piece = self._selected_evidence()
        if piece is None or self.read_only:
            return
        try:
            self._svc.evidence.remove(piece.id, self._actor())
        except ValidationFailed as exc:
            self._feedback.replace(("evidence",), exc.findings)
            return
        self._refresh_evidence()
        self.changed.emit(self.inspection_id)

    def _export_evidence(self) -> None:
        piece = self._selected_evidence()
        if piece is None:
            return
        try:
            data = self._svc.evidence.read(piece.id)
        except EvidenceUnavailable as exc:
            self._feedback.replace(("evidence",), [exc.finding])
            return
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the evidence"), piece.file_name)
        if not path:
            return
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            self._feedback.not_saved(
                self.tr("The copy could not be written ({detail}). Choose another folder.").format(
                    detail=exc.strerror or type(exc).__name__
                )
            )

    def _target_of(self, widget: QWidget | None) -> str | None:
        """The checklist item a widget belongs to (evidence pasted there is attached to it), else ``None``."""
        while widget is not None and widget is not self:
            if isinstance(widget, ItemRow):
                return widget.item.code
            widget = widget.parentWidget()
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        mime = event.mimeData()
        if not self.read_only and (local_files(mime) or mime.hasImage()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if not self.read_only and (local_files(event.mimeData()) or event.mimeData().hasImage()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.handle_drop(event.mimeData(), event.position().toPoint())
        event.acceptProposedAction()

    def handle_drop(self, mime: QMimeData, pos: QPoint) -> int:
        """Files (or a dragged picture) dropped at ``pos``: on a checklist item they prove that item."""
        target = self._target_of(self.childAt(pos))
        files = local_files(mime)
        if files:
            return self.add_files(files, target)
        if mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                name = self.tr("picture-{time}.png").format(time=datetime.now().strftime("%Y%m%d-%H%M%S"))
                meta = self._meta(target, name, SCREENSHOT)
                data = png_bytes(image)
                evidence_id = self._add(
                    lambda: self._svc.evidence.add(self.inspection_id, data, meta, self._actor()), name
                )
                if evidence_id is not None:
                    self._saved_evidence(evidence_id)
                    return 1
        return 0
