"""Readers: PDF, DOCX and HTML built by the tests from the .txt speeches ingest to the same text."""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

import matplotlib
import pytest
from PIL import Image

from pipeline import ingest
from pipeline.errors import InputError
from pipeline.readers import (
    drop_running_lines,
    join_pages,
    read_docx_bytes,
    read_file,
    read_html_bytes,
    read_pdf_bytes,
    supported_suffixes,
)

# A Unicode TrueType font that ships with matplotlib (curly quotes, dashes, accents).
FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
COMPARED = ("text", "header", "title", "speaker", "speaker_role", "event", "date", "place", "n_words")


def speech_blocks(path: Path) -> list[str]:
    """The blocks (paragraphs, or header groups of lines) of a .txt speech, markdown removed."""
    text = path.read_text(encoding="utf-8").replace("**", "")
    return [block.strip("\n") for block in text.split("\n\n") if block.strip()]


def make_pdf(blocks: list[str], *, running_header: str | None = None, page_numbers: bool = True) -> bytes:
    """A PDF with a text layer: one multi-line cell per block, optional running header and page numbers."""
    from fpdf import FPDF

    class Page(FPDF):
        def header(self) -> None:
            if running_header:
                self.set_font("DejaVu", size=8)
                self.cell(0, 5, running_header, new_x="LMARGIN", new_y="NEXT")
                self.ln(4)
                self.set_font("DejaVu", size=11)

        def footer(self) -> None:
            if page_numbers:
                self.set_y(-15)
                self.set_font("DejaVu", size=8)
                self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Page(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    for block in blocks:
        pdf.multi_cell(0, 6, block, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


def make_scanned_pdf() -> bytes:
    """A PDF whose only page is an image (what a scanner produces): no text layer."""
    from fpdf import FPDF

    image = Image.new("RGB", (200, 100), "white")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=100)
    return bytes(pdf.output())


def make_docx(blocks: list[str], *, table: list[list[str]] | None = None) -> bytes:
    """A Word document: one paragraph per block, the block's lines joined by line breaks."""
    import docx

    document = docx.Document()
    for block in blocks:
        paragraph = document.add_paragraph()
        lines = block.split("\n")
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_html(blocks: list[str]) -> str:
    paras = "".join(f"<p>{html.escape(b).replace(chr(10), '<br>' + chr(10))}</p>\n" for b in blocks)
    return ("<!DOCTYPE html><html><head><title>Statement</title><style>p {color: red}</style>"
            "<script>var tracking = 1;</script></head><body><nav><a href='/'>Home</a> | About</nav>"
            f"<header>United Nations</header><main>{paras}</main><footer>Copyright UN</footer></body></html>")


@pytest.fixture(scope="module")
def speech_files(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict[str, Path]]]:
    """For each default speech: its .txt and the same text as .pdf, .docx and .html."""
    out = tmp_path_factory.mktemp("formats")
    made = []
    for txt in sorted(raw_dir.glob("*.txt")):
        blocks = speech_blocks(txt)
        files = {".pdf": out / f"{txt.stem}.pdf", ".docx": out / f"{txt.stem}.docx",
                 ".html": out / f"{txt.stem}.html"}
        files[".pdf"].write_bytes(make_pdf(blocks, running_header="A/73/PV.5 27/09/2018 Statement"))
        files[".docx"].write_bytes(make_docx(blocks))
        files[".html"].write_text(make_html(blocks), encoding="utf-8")
        made.append((txt, files))
    return made


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html"])
def test_other_formats_ingest_to_the_same_speech_as_the_txt(speech_files, suffix: str) -> None:
    assert speech_files, "no default speeches"
    for txt, files in speech_files:
        expected = ingest.ingest_file(txt)
        got = ingest.ingest_file(files[suffix])
        for field in COMPARED:
            assert got[field] == expected[field], f"{files[suffix].name}: {field} differs"
        assert got["format"] == suffix.lstrip(".")


def test_pdf_fixture_spans_pages_with_running_header_and_numbers(speech_files) -> None:
    import pypdf

    for _txt, files in speech_files:
        reader = pypdf.PdfReader(files[".pdf"])
        assert len(reader.pages) >= 2, "the fixture must test page joining"
        assert "A/73/PV.5" in reader.pages[1].extract_text()
        text = read_pdf_bytes(files[".pdf"].read_bytes()).text
        assert "A/73/PV.5" not in text


@pytest.mark.parametrize("suffix", [".txt", ".md", ".pdf", ".docx", ".html", ".htm"])
def test_supported_suffixes_cover_every_format(suffix: str) -> None:
    assert suffix in supported_suffixes()


# ------------------------------------------------------------------ PDF details

@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        # running header and footer with changing numbers, on every page
        ([["A/73/PV.5 27/09/2018", "First page text.", "18-29943 1/3"],
          ["A/73/PV.5 27/09/2018", "Second page text.", "18-29943 2/3"],
          ["A/73/PV.5 27/09/2018", "Third page text.", "18-29943 3/3"]],
         [["First page text."], ["Second page text."], ["Third page text."]]),
        # lone page numbers at the bottom, in several styles
        ([["Text one.", "1"], ["Text two.", "- 2 -"], ["Text three.", "Page 3 of 3"]],
         [["Text one."], ["Text two."], ["Text three."]]),
        # a line that repeats but only in the middle of pages is kept
        ([["Opening.", "Line.", "A.", "Thank you.", "B.", "More.", "Closing."],
          ["Start.", "Next.", "C.", "Thank you.", "D.", "Then.", "Finish."]],
         [["Opening.", "Line.", "A.", "Thank you.", "B.", "More.", "Closing."],
          ["Start.", "Next.", "C.", "Thank you.", "D.", "Then.", "Finish."]]),
        # a one-page document keeps its first and last lines unless they are page numbers
        ([["Statement by the President", "Body.", "Thank you"]],
         [["Statement by the President", "Body.", "Thank you"]]),
    ],
)
def test_drop_running_lines(pages: list[list[str]], expected: list[list[str]]) -> None:
    assert drop_running_lines(pages) == expected


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        # a sentence that runs onto the next page continues the paragraph
        ([["a long line of text that goes all the way to the margin of the page", "and the sentence"],
          ["goes on to the next page."]],
         "a long line of text that goes all the way to the margin of the page\nand the sentence\n"
         "goes on to the next page."),
        # a short line ending a sentence ends the paragraph at the page break
        ([["a long line of text that goes all the way to the margin of the page", "It ends."],
          ["New paragraph."]],
         "a long line of text that goes all the way to the margin of the page\nIt ends.\n\nNew paragraph."),
        ([[], ["Only page."]], "Only page."),
    ],
)
def test_join_pages(pages: list[list[str]], expected: str) -> None:
    assert join_pages(pages) == expected


def test_scanned_pdf_is_refused_with_ocr_advice() -> None:
    with pytest.raises(InputError) as err:
        read_pdf_bytes(make_scanned_pdf())
    assert err.value.kind == "no_text_layer"
    assert "OCR it first" in err.value.message


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", b"not a pdf at all", b"%PDF-1.7\n" + bytes(range(256)) * 8],
)
def test_corrupt_pdf_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        read_pdf_bytes(data)
    assert err.value.kind == "corrupt_pdf"


def test_truncated_pdf_is_refused_or_read_without_crashing() -> None:
    whole = make_pdf(["First paragraph of a speech.", "Second paragraph."])
    try:
        text = read_pdf_bytes(whole[: len(whole) // 2]).text
    except InputError as err:
        assert err.kind in {"corrupt_pdf", "no_text_layer"}
    else:
        assert "First paragraph" in text


def test_password_protected_pdf_is_refused() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Confidential statement.")
    with pytest.raises(InputError) as err:
        read_pdf_bytes(bytes(pdf.output()))
    assert err.value.kind == "encrypted_pdf"


# ------------------------------------------------------------------ DOCX details

def test_docx_keeps_paragraphs_line_breaks_and_tables() -> None:
    data = make_docx(["Mr. President,\nExcellencies,", "First paragraph."],
                     table=[["Objective 1", "Data"], ["Objective 2", "Documentation"]])
    assert read_docx_bytes(data).text == ("Mr. President,\nExcellencies,\n\nFirst paragraph.\n\n"
                                          "Objective 1\n\nData\n\nObjective 2\n\nDocumentation")


def _docx_with(part: str, content: bytes) -> bytes:
    good = zipfile.ZipFile(io.BytesIO(make_docx(["Text."])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for item in good.infolist():
            out.writestr(item, content if item.filename == part else good.read(item))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04 truncated zip", b"plain text saved as .docx", b"",
     _docx_with("word/document.xml", b"<w:document><unclosed"),
     _docx_with("[Content_Types].xml", b"not xml")],
)
def test_corrupt_docx_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        read_docx_bytes(data)
    assert err.value.kind == "corrupt_docx"


# ------------------------------------------------------------------ HTML details

def test_html_reads_main_content_only() -> None:
    page = make_html(["Mr. President,\nExcellencies,", "PARAGRAPH"]).replace("PARAGRAPH", "We   must\n act   now.")
    assert read_html_bytes(page.encode()).text == "Mr. President,\nExcellencies,\n\nWe must act now."


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("<html><body><div>Menu</div><article><h1>Title</h1><p>One &amp; two.</p></article></body></html>",
         "Title\n\nOne & two."),
        ("<p>No html or body tags, <b>bold</b> <i>inline</i> text.</p><p hidden>secret</p>",
         "No html or body tags, bold inline text."),
        ("<body><p>Keep</p><pre>  two\n  lines</pre><!-- a comment --></body>", "Keep\n\ntwo\nlines"),
        ("<body><ul><li>first item</li><li>second item</li></ul></body>", "first item\n\nsecond item"),
    ],
)
def test_html_visible_text(document: str, expected: str) -> None:
    assert read_html_bytes(document.encode()).text == expected


def test_html_uses_declared_charset() -> None:
    data = ('<html><head><meta charset="windows-1252"></head><body><p>Migrants’ café</p></body></html>'
            .encode("cp1252"))
    decoded = read_html_bytes(data)
    assert decoded.text == "Migrants’ café"
    assert decoded.encoding == "windows-1252"


def test_read_file_refuses_unknown_suffix(tmp_path: Path) -> None:
    path = tmp_path / "speech.rtf"
    path.write_text("{\\rtf1 hello}")
    with pytest.raises(InputError) as err:
        read_file(path)
    assert err.value.kind == "unsupported"
