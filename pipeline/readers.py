"""Readers: one function per input format, raw bytes -> Decoded(text, encoding).

`read_file` picks the reader by suffix (`READERS`). Plain text goes through
`textclean.decode_bytes`; PDF (text layer, pypdf), Word (.docx, python-docx)
and HTML (BeautifulSoup + lxml) are turned into the same shape of text: one
line per line or paragraph, blank lines between paragraphs, so the ingest
stage cleans and parses every format the same way. Every reader raises
`InputError` with a message a user can act on when a file cannot be read.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.errors import InputError
from pipeline.textclean import Decoded, decode_bytes

Reader = Callable[[bytes], Decoded]

# pypdf logs every recoverable oddity of a PDF ("incorrect startxref pointer");
# the ingest stage reports what matters itself.
logging.getLogger("pypdf").setLevel(logging.ERROR)


# ------------------------------------------------------------------ text

def read_text_bytes(data: bytes) -> Decoded:
    """.txt / .md: decode with BOM detection, UTF-8, UTF-16, Windows-1252 fallback."""
    return decode_bytes(data)


# ------------------------------------------------------------------- PDF

# How many lines at the top and bottom of a page may be running headers or footers.
_EDGE_LINES = 2
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def _edge_key(line: str) -> str:
    """A line with its numbers masked, so "A/73/PV.5 27/09/2018" repeats on every page."""
    return _DIGITS.sub("#", " ".join(line.split())).lower()


def _page_lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _edges(lines: list[str]) -> Iterator[int]:
    """Indexes of the first and last `_EDGE_LINES` non-blank lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    yield from dict.fromkeys(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and running headers/footers from each page's lines.

    A line at the top or bottom of a page is dropped when it is a page number
    ("7", "- 7 -", "Page 7 of 12", "7/12"), or when the same line, numbers
    masked, sits at the edge of at least two pages and half of all pages.
    """
    counts = Counter(_edge_key(lines[i]) for lines in pages for i in set(_edges(lines)))
    repeated = {key for key, n in counts.items() if n >= max(2, len(pages) / 2)}
    cleaned = []
    for lines in pages:
        drop = {i for i in _edges(lines)
                if _PAGE_NUMBER.match(lines[i].strip()) or _edge_key(lines[i]) in repeated}
        cleaned.append(_page_lines("\n".join(line for i, line in enumerate(lines) if i not in drop)))
    return cleaned


def join_pages(pages: list[list[str]]) -> str:
    """Join pages into one text, continuing a paragraph that runs onto the next page.

    A page break becomes a paragraph break only when the page's last line ends a
    sentence well short of the text's usual line length.
    """
    widths = sorted(len(line.strip()) for lines in pages for line in lines if line.strip())
    width = widths[int(0.9 * (len(widths) - 1))] if widths else 0
    text = ""
    for lines in (p for p in pages if p):
        if text:
            last = text.rsplit("\n", 1)[-1].strip()
            ends_paragraph = _SENTENCE_END.search(last) and len(last) < 0.85 * width
            text += "\n\n" if ends_paragraph else "\n"
        text += "\n".join(lines)
    return text


def _pdf_reader(data: bytes):
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as err:  # pypdf raises many exception types on a damaged file
        raise InputError("corrupt_pdf", f"corrupt PDF, cannot be opened ({type(err).__name__}: {err})") from err
    if encrypted:
        try:
            opened = bool(reader.decrypt(""))
        except Exception:  # e.g. AES without the optional crypto library
            opened = False
        if not opened:
            raise InputError("encrypted_pdf", "PDF is encrypted; save an unprotected copy")
    try:
        return reader, len(reader.pages)
    except Exception as err:
        raise InputError("corrupt_pdf", f"corrupt PDF, pages cannot be read ({type(err).__name__}: {err})") from err


def _page_text(page) -> str:
    try:
        return page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode fails on some damaged pages; plain mode is more forgiving
        return page.extract_text()


def read_pdf_bytes(data: bytes) -> Decoded:
    """.pdf: the text layer, page by page, without running headers, footers and page numbers.

    Raises InputError "corrupt_pdf" (cannot be parsed), "encrypted_pdf", or
    "no_text_layer" (a scanned PDF: the pages are images with no text).
    """
    reader, n_pages = _pdf_reader(data)
    try:
        pages = [_page_lines(_page_text(page)) for page in reader.pages]
    except Exception as err:  # a damaged content stream
        raise InputError("corrupt_pdf", f"corrupt PDF, text cannot be extracted "
                         f"({type(err).__name__}: {err})") from err
    if not any(line.strip() for lines in pages for line in lines):
        raise InputError("no_text_layer", f"PDF has no text layer ({n_pages} page(s) of images, "
                         "a scan?); OCR it first (e.g. `ocrmypdf in.pdf out.pdf`)")
    return Decoded(join_pages(drop_running_lines(pages)), "pdf")


# ------------------------------------------------------------------ DOCX

def _docx_blocks(document) -> Iterator[str]:
    """Paragraph texts in document order, table cells included, one per block."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in dict.fromkeys(row.cells):  # merged cells repeat
                    yield from (p.text for p in cell.paragraphs)


def read_docx_bytes(data: bytes) -> Decoded:
    """.docx: one paragraph per Word paragraph (line breaks inside one are kept).

    Raises InputError "corrupt_docx" when the file is not a readable Word document.
    """
    import docx
    from docx.opc.exceptions import OpcError

    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n\n".join(_docx_blocks(document))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise InputError("corrupt_docx", f"corrupt or not a Word .docx file ({type(err).__name__}: "
                         f"{err}); open it in Word and save it again") from err
    except Exception as err:  # malformed XML inside the package (lxml errors)
        raise InputError("corrupt_docx", f"corrupt Word .docx file ({type(err).__name__}: {err})") from err
    return Decoded(text, "docx")


# ------------------------------------------------------------------ HTML

_INVISIBLE = ("script", "style", "noscript", "template", "head", "nav", "header", "footer",
              "aside", "form", "button", "svg", "iframe", "object", "select")
_BLOCKS = frozenset((
    "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tr", "ul",
    "caption", "td", "th", "body", "html",
))
_WHITESPACE = re.compile(r"\s+")


def _main_content(soup):
    """The element holding the page's main text: <main>, role=main, one <article>, else <body>."""
    for found in (soup.find("main"), soup.find(attrs={"role": "main"})):
        if found is not None:
            return found
    articles = soup.find_all("article")
    if len(articles) == 1:
        return articles[0]
    return soup.body or soup


def _html_text(element, out: list[str], *, pre: bool = False) -> None:
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    for child in element.children:
        if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            out.append(str(child) if pre else _WHITESPACE.sub(" ", str(child)))
        elif isinstance(child, Tag):
            if child.name == "br":
                out.append("\n")
                continue
            block = child.name in _BLOCKS
            if block:
                out.append("\n\n")
            _html_text(child, out, pre=pre or child.name == "pre")
            if block:
                out.append("\n\n")


def read_html_bytes(data: bytes) -> Decoded:
    """.html / .htm: the visible text of the page's main content, one block per paragraph.

    Scripts, styles, navigation, page headers and footers are dropped. The
    encoding comes from the byte-order mark, the <meta charset>, or detection.
    """
    from bs4 import BeautifulSoup

    if not data.strip():
        raise InputError("empty", "file is empty" if not data else "file holds only whitespace")
    soup = BeautifulSoup(data, "lxml")
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    for tag in soup.find_all(hidden=True):
        tag.decompose()
    out: list[str] = []
    _html_text(_main_content(soup), out)
    lines = (line.strip() for line in "".join(out).split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    encoding = (soup.original_encoding or "utf-8").lower()
    return Decoded(text, encoding)


# --------------------------------------------------------------- dispatch

READERS: dict[str, Reader] = {
    ".txt": read_text_bytes,
    ".md": read_text_bytes,
    ".pdf": read_pdf_bytes,
    ".docx": read_docx_bytes,
    ".html": read_html_bytes,
    ".htm": read_html_bytes,
}


def supported_suffixes() -> tuple[str, ...]:
    """File suffixes (lower case, with dot) that `read_file` can read."""
    return tuple(READERS)


def read_bytes(path: Path) -> bytes:
    """The raw bytes of `path`; InputError("unreadable") when the OS refuses.

    Only regular files are read: a FIFO, socket or device named like a speech
    would block or never end, so it is refused.
    """
    path = Path(path)
    try:
        if not path.is_file():
            what = "a folder" if path.is_dir() else "not a regular file (a pipe, socket or device)"
            if not path.exists():
                what = "a broken or looping link" if path.is_symlink() else "missing"
            raise InputError("unreadable", f"cannot be read: {what}")
        return path.read_bytes()
    except PermissionError as err:
        raise InputError("unreadable", f"cannot be read (permission denied): {err.strerror}") from err
    except OSError as err:
        raise InputError("unreadable", f"cannot be read: {err.strerror or err}") from err


def read_file(path: Path, data: bytes | None = None) -> Decoded:
    """Read a speech file of any supported format into text."""
    suffix = Path(path).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise InputError("unsupported", f"unsupported format '{suffix}'")
    return reader(read_bytes(path) if data is None else data)
