"""Rendering the official documents (built as HTML by app/inspections/documents.py): a window showing the
document, print preview (QPrintPreviewDialog) and saving as PDF (QPdfWriter), all offline.

Pages are laid out by QTextDocument at the printer's resolution and painted one by one, each with the document's
footer (signature line and 第 页 共 页) — QTextDocument.print_ would only print a bare page number.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.inspections.documents import OfficialDocument
from ui.ui_text import known_failure_text

DOCUMENT_FONTS: Final = [
    "SimSun",
    "NSimSun",
    "Songti SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
]
"""Official forms are set in 宋体; the first family installed wins (Windows: SimSun; Linux: WenQuanYi).

Noto CJK comes last on purpose: Qt's PDF writer maps some of its glyphs back to the wrong characters (人 becomes
the radical ⼈, digits get lost), so the text of a PDF set in it cannot be searched or copied correctly."""

BODY_POINTS: Final = 10.5
"""五号字, the size of official forms."""
MARGINS_MM: Final = QMarginsF(20, 18, 20, 15)
PDF_RESOLUTION: Final = 300


def document_font(points: float = BODY_POINTS) -> QFont:
    font = QFont()
    font.setFamilies(DOCUMENT_FONTS)
    font.setPointSizeF(points)
    return font


def text_document(document: OfficialDocument) -> QTextDocument:
    """The document's HTML in a QTextDocument with the forms' font; long hashes may wrap anywhere."""
    doc = QTextDocument()
    doc.setDefaultFont(document_font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setHtml(document.html)
    return doc


def setup_page(device: QPagedPaintDevice) -> None:
    """A4 portrait with the forms' margins."""
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )


def paint(document: OfficialDocument, device: QPagedPaintDevice) -> int:
    """Lay out ``document`` for ``device`` (a printer or a PDF writer) and paint every page with its footer.

    Returns the number of pages.
    """
    doc = text_document(document)
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    area = device.pageLayout().paintRectPixels(device.logicalDpiX())
    footer_font = document_font(9)
    metrics = QFontMetricsF(footer_font, device)
    footer_height = metrics.height() * 2
    body_height = area.height() - footer_height
    doc.setPageSize(QSizeF(area.width(), body_height))
    pages = max(1, doc.pageCount())
    painter = QPainter(device)
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * body_height)
            doc.drawContents(painter, QRectF(0, page * body_height, area.width(), body_height))
            painter.restore()
            painter.setFont(footer_font)
            footer = document.footer.format(page=page + 1, pages=pages)
            painter.drawText(
                QRectF(0, body_height, area.width(), footer_height),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                footer,
            )
    finally:
        painter.end()
    return pages


def save_pdf(document: OfficialDocument, path: Path) -> int:
    """Write ``document`` as a PDF file; returns the number of pages."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(document.title)
    writer.setCreator("StationDesk")
    setup_page(writer)
    pages = paint(document, writer)
    del writer  # closes the file
    return pages


class PreviewDialog(QPrintPreviewDialog):
    """A print preview of one document; printing from it paints the same pages."""

    def __init__(self, document: OfficialDocument, parent: QWidget | None = None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document.title)
        setup_page(printer)
        super().__init__(printer, parent)
        self._owned_printer = printer  # the dialog does not own it: keep it alive as long as the dialog
        self.document = document
        self.pages = 0
        self.setWindowTitle(document.title)
        self.paintRequested.connect(self._paint)
        self.resize(900, 1000)

    def _paint(self, printer: QPrinter) -> None:
        self.pages = paint(self.document, printer)


class DocumentWindow(QDialog):
    """Shows a document as it will print, with print preview and save-as-PDF."""

    def __init__(self, document: OfficialDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(document.title)
        self.browser = QTextBrowser(self)
        self.browser.setDocument(text_document(document))
        self.browser.setOpenLinks(False)
        note = QLabel(
            self.tr(
                "This is how the document will be printed. Print it for the signatures, or save it as a PDF file "
                "to keep or send. Each page shows its number and the signature lines."
            ),
            self,
        )
        note.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("Print preview…"), self)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.preview_button.clicked.connect(self.show_preview)
        self.pdf_button.clicked.connect(self.ask_and_save_pdf)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.preview: PreviewDialog | None = None
        self.resize(860, 900)

    def show_preview(self) -> None:
        self.preview = PreviewDialog(self.document, self)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.finished.connect(self._preview_closed)
        self.preview.open()

    def _preview_closed(self, _result: int) -> None:
        self.preview = None

    def ask_and_save_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save as PDF"),
            self.document.file_stem + ".pdf",
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Save the PDF to ``path`` and say so; a failure is shown, not raised."""
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            pages = save_pdf(self.document, path)
            if not path.exists() or path.stat().st_size == 0:
                raise OSError(path)
        except OSError as exc:
            text = known_failure_text(exc) or self.tr(
                "The PDF could not be written to {path}. Choose another folder (for example Documents) and try again."
            ).format(path=str(path))
            QMessageBox.warning(self, self.tr("Not saved"), text)
            return False
        self.status.setText(self.tr("Saved {pages} pages to {path}.").format(pages=pages, path=str(path)))
        return True
