"""Reading files: the type from the bytes, the text from a PDF's text layer, from
OCR of scanned pages (Tesseract, Swedish model), from DOCX or from plain text.

Nothing here executes anything from the file: PDFs are parsed by pdfium (text
and rendering only), DOCX by python-docx (XML), images go to Tesseract as PNG.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from samverkan.lib import archives

# A page with fewer characters than this in its text layer is taken as a scan.
MIN_TEXT_CHARS_PER_PAGE = 25
OCR_DPI = 300
OCR_TIMEOUT_SECONDS = 180
INSTALL_COMMAND = "apt-get install tesseract-ocr tesseract-ocr-swe"

IMAGE_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"BM": "BMP",
    b"RIFF": "WebP",
}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class UnreadableDocument(Exception):
    """The file can not be accepted; the message says why, in Swedish."""


@dataclass(frozen=True)
class Sniffed:
    format: str  # pdf, docx, text (Document.Format)
    content_type: str
    pages: int = 0
    needs_ocr: bool = False


@dataclass(frozen=True)
class ExtractedText:
    text: str
    method: str  # Document.Method
    pages: int


def tesseract_cmd() -> str:
    return getattr(settings, "TESSERACT_CMD", "tesseract")


_OCR_READY: set[str] = set()


def ocr_problem() -> str | None:
    """None when Tesseract with the Swedish model is installed; otherwise what to do, in Swedish."""
    if tesseract_cmd() in _OCR_READY:
        return None
    binary = shutil.which(tesseract_cmd())
    if binary is None:
        return _(
            "Textigenkänning (OCR) är inte installerad på servern, så inskannade dokument kan inte läsas. "
            "Be driften installera Tesseract med den svenska modellen: %(command)s"
        ) % {"command": INSTALL_COMMAND}
    try:
        result = subprocess.run(  # noqa: S603 - fixed arguments
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return _("Textigenkänningen (Tesseract) svarar inte. Be driften kontrollera installationen: %(command)s") % {
            "command": INSTALL_COMMAND
        }
    languages = {line.strip() for line in (result.stdout + result.stderr).splitlines()}
    if "swe" not in languages:
        return _(
            "Tesseract saknar den svenska modellen, så inskannade dokument kan inte läsas. "
            "Be driften installera den: %(command)s"
        ) % {"command": INSTALL_COMMAND}
    # Only a working installation is remembered: one installed later is found without a restart.
    _OCR_READY.add(tesseract_cmd())
    return None


def _pdf(data: bytes):
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)


def _looks_like_text(data: bytes) -> str | None:
    if b"\x00" in data[:4096]:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:20000])
        if printable >= 0.97 * min(len(text), 20000):
            return text
    return None


def sniff(data: bytes) -> Sniffed:
    """The document's type from its bytes (never its name); refuses what can not be read."""
    if not data or not data.strip():
        raise UnreadableDocument(_("Filen är tom."))
    max_bytes = settings.UPLOAD_MAX_BYTES
    if len(data) > max_bytes:
        raise UnreadableDocument(
            _("Filen är för stor (%(size)s MB). Största tillåtna storlek är %(max)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "max": round(max_bytes / 1024 / 1024)}
        )
    for signature, name in IMAGE_SIGNATURES.items():
        if data.startswith(signature):
            raise UnreadableDocument(
                _(
                    "Filen är en bild (%(kind)s), inte ett dokument. Ladda upp beslutet som PDF (gärna med "
                    "textlager), Word-fil (DOCX) eller text. Ett inskannat beslut går bra som PDF."
                )
                % {"kind": name}
            )
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return _sniff_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if data.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf")):
        raise UnreadableDocument(
            _("Filen är i ett äldre Word-format (DOC eller RTF). Spara den som DOCX eller PDF och försök igen.")
        )
    if _looks_like_text(data) is not None:
        return Sniffed("text", "text/plain")
    raise UnreadableDocument(_("Filtypen känns inte igen. Ladda upp en PDF, en Word-fil (DOCX) eller en textfil."))


def _sniff_pdf(data: bytes) -> Sniffed:
    import pypdfium2 as pdfium

    if b"/Encrypt" in data:
        # pdfium opens PDFs with an empty user password silently; any encryption is refused.
        raise UnreadableDocument(_("PDF-filen är krypterad eller lösenordsskyddad. Ladda upp en version utan skydd."))
    try:
        pdf = _pdf(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower() or "security" in str(exc).lower():
            raise UnreadableDocument(
                _("PDF-filen är krypterad eller lösenordsskyddad. Ladda upp en version utan skydd.")
            ) from exc
        raise UnreadableDocument(_("PDF-filen är skadad och kan inte öppnas.")) from exc
    try:
        pages = len(pdf)
        if pages == 0:
            raise UnreadableDocument(_("PDF-filen har inga sidor."))
        needs_ocr = False
        for index in range(pages):
            page = pdf[index]
            text = page.get_textpage().get_text_range()
            if len(text.strip()) < MIN_TEXT_CHARS_PER_PAGE and _has_image(page):
                needs_ocr = True
                break
    finally:
        pdf.close()
    return Sniffed("pdf", "application/pdf", pages=pages, needs_ocr=needs_ocr)


def _sniff_zip(data: bytes) -> Sniffed:
    try:
        archives.check_expanded_size(data)
    except archives.ArchiveTooLarge as exc:
        raise UnreadableDocument(str(exc)) from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "EncryptedPackage" in names:
                raise UnreadableDocument(_("Word-filen är krypterad. Ladda upp en version utan lösenord."))
            if "word/document.xml" not in names:
                raise UnreadableDocument(
                    _("Filen är ett ZIP-arkiv men inte ett Word-dokument. Ladda upp beslutet som PDF eller DOCX.")
                )
            if archive.testzip() is not None:
                raise UnreadableDocument(_("Word-filen är skadad och kan inte öppnas."))
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument(_("Filen är skadad och kan inte öppnas.")) from exc
    return Sniffed("docx", DOCX_TYPE)


ProgressFn = Callable[[int, int], None]


def extract(data: bytes, sniffed: Sniffed, progress: ProgressFn | None = None) -> ExtractedText:
    """The document's text; scanned PDF pages go through OCR, page by page, reporting progress."""
    if sniffed.format == "text":
        return ExtractedText(_looks_like_text(data) or "", "plain", 1)
    if sniffed.format == "docx":
        return ExtractedText(_docx_text(data), "docx", 1)
    return _pdf_text(data, progress)


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise UnreadableDocument(_("Word-filen är skadad och kan inte öppnas.")) from exc
    lines: list[str] = []
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            lines.append(paragraph.text)
    for paragraph in document.paragraphs:
        lines.append(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                if cell.text not in cells:
                    cells.append(cell.text)
            lines.append("\n".join(cells))
    return "\n".join(lines)


def _pdf_text(data: bytes, progress: ProgressFn | None) -> ExtractedText:
    pdf = _pdf(data)
    try:
        pages = len(pdf)
        texts: list[str] = []
        used_ocr = False
        for index in range(pages):
            page = pdf[index]
            text = page.get_textpage().get_text_range()
            if len(text.strip()) < MIN_TEXT_CHARS_PER_PAGE and _has_image(page):
                text = ocr_page(page)
                used_ocr = True
            texts.append(text.replace("\r\n", "\n").replace("\r", "\n"))
            if progress:
                progress(index + 1, pages)
    finally:
        pdf.close()
    return ExtractedText("\n\f\n".join(texts), "ocr" if used_ocr else "text_layer", pages)


def _has_image(page) -> bool:
    """A page without text is a scan only if it holds a picture; a blank page needs no OCR."""
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def ocr_page(page) -> str:
    """One PDF page rendered to an image and read by Tesseract's Swedish model."""
    problem = ocr_problem()
    if problem:
        raise UnreadableDocument(problem)
    image = page.render(scale=OCR_DPI / 72, grayscale=True).to_pil()
    return ocr_image(image)


def ocr_image(image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    try:
        result = subprocess.run(  # noqa: S603 - fixed arguments, the image on stdin
            [tesseract_cmd(), "stdin", "stdout", "-l", "swe", "--psm", "3"],
            input=buffer.getvalue(),
            capture_output=True,
            # One thread per page: Tesseract's OpenMP threads fight each other on a busy server
            # and make a page several times slower.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            timeout=OCR_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UnreadableDocument(_("Textigenkänningen av en sida misslyckades eller tog för lång tid.")) from exc
    if result.returncode != 0:
        raise UnreadableDocument(_("Textigenkänningen misslyckades: %(error)s") % {"error": result.stderr[-300:]})
    return result.stdout.decode("utf-8", errors="replace")
