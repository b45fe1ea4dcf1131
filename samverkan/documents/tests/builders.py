"""Real files made from text, for the tests: a PDF with a text layer (WeasyPrint), a
scanned PDF (the text drawn into an image with Pillow, wrapped in a PDF), a DOCX."""

from __future__ import annotations

import html
import io
import textwrap
from pathlib import Path

from django.conf import settings

SEEDS = Path(settings.BASE_DIR) / "refdata" / "seeds"
HAGERSTEN = "000_c9d36541caa8243d.txt"
VARMDO = "001_f31b7b253f84cf17.txt"
HUDDINGE = "002_fc9987c3ec8f5b60.txt"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def seed(name: str) -> str:
    return (SEEDS / name).read_text()


def _plain_lines(text: str) -> list[str]:
    return [line.replace("**", "").lstrip("# ").rstrip() for line in text.splitlines()]


def text_pdf(text: str, pages: int = 1) -> bytes:
    """A PDF with a text layer; `pages` > 1 repeats the text, each copy from a new page."""
    return text_pdf_pages([text] * pages)


def text_pdf_pages(texts: list[str]) -> bytes:
    """A PDF with a text layer, each text starting on a new page."""
    from weasyprint import HTML

    sections = []
    for index, text in enumerate(texts):
        body = "".join(f"<p>{html.escape(line) or '&nbsp;'}</p>" for line in _plain_lines(text))
        breaking = ' style="break-before: page"' if index else ""
        sections.append(f"<section{breaking}>{body}</section>")
    style = "font-family: DejaVu Sans; font-size: 10pt"
    return HTML(string=f"<html lang='sv'><body style='{style}'>{''.join(sections)}</body></html>").write_pdf()


def scanned_pdf(text: str, noise: bool = False) -> bytes:
    """A scan: the text drawn as pixels (no text layer), one or more A4 pages at 150 dpi."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(FONT, 22) if Path(FONT).exists() else ImageFont.load_default(size=22)
    width, height, margin, line_height = 1240, 1754, 90, 32
    lines: list[str] = []
    for line in _plain_lines(text):
        lines.extend(textwrap.wrap(line, 88) or [""])
    per_page = (height - 2 * margin) // line_height
    images = []
    for start in range(0, len(lines), per_page):
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        for index, line in enumerate(lines[start : start + per_page]):
            draw.text((margin, margin + index * line_height), line, fill=0, font=font)
        if noise:
            image = image.rotate(0.6, fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))
        images.append(image.convert("RGB"))
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=150, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def docx(text: str) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for line in _plain_lines(text):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def encrypted_pdf(text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(text))))
    writer.encrypt("hemligt")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
