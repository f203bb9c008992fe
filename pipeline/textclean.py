"""Decoding raw bytes and cleaning speech text into paragraphs.

Pure functions: bytes or str in, str out. The ingest stage calls them in the
order `decode_bytes` -> `normalise` -> (header split) -> `clean_body`.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from dataclasses import dataclass

import charset_normalizer
import ftfy
import ftfy.badness
from spacy.lang.en.stop_words import STOP_WORDS

from pipeline.errors import InputError
from pipeline.header import is_salutation

# ---------------------------------------------------------------- decoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Share of C0 control bytes (other than tab/newline/CR/FF) above which a file
# is treated as binary rather than text.
_BINARY_CONTROL_SHARE = 0.02


@dataclass(frozen=True)
class Decoded:
    """Text decoded from raw bytes and the encoding that decoded it."""

    text: str
    encoding: str


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(1, len(sample)) > _BINARY_CONTROL_SHARE


def _bom_decode(data: bytes) -> Decoded | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            payload = data if encoding == "utf-8-sig" else data[len(bom):]
            try:
                return Decoded(payload.decode(encoding), encoding.replace("-sig", "") + " (BOM)")
            except UnicodeDecodeError as err:
                raise InputError("undecodable", f"has a {encoding} byte-order mark but "
                                 f"invalid {encoding} at byte {err.start}") from err
    return None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a BOM shows NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    for share, codec in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        if share > 0.4:
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a text file's bytes.

    Order: byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without BOM; a
    binary check (NUL or control bytes); strict UTF-8; Windows-1252; finally
    charset-normalizer's best guess.
    Raises InputError ("empty", "binary", "undecodable") when no text comes out.
    """
    if not data.strip():
        raise InputError("empty", "file is empty" if not data else "file holds only whitespace")
    bom = _bom_decode(data)
    if bom is not None:
        return bom
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise InputError("binary", "binary content (NUL or control bytes), not a text file")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError("undecodable", "no text encoding decodes this file")
    return Decoded(str(best), best.encoding)


# ------------------------------------------------------------ normalising

_LINE_ENDINGS = re.compile(r"\r\n|\n\r|\r")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# The hyphen and the no-break hyphen that UN press pages write inside names and titles
# ("Muhammad\u2011Bande", "Secretary\u2011General") are the plain hyphen: the tokenizer splits a
# name at "-" as the recogniser was trained, and keeps "\u2011" inside one unknown word.
_HYPHENS = {ord("\u2010"): "-", ord("\u2011"): "-"}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, unescape_html=False)
_MAX_REPAIRS = 3


# Control (Cc) and invisible format (Cf) characters, except newline and tab.
_CONTROLS = re.compile(
    "[" + "".join(
        re.escape(chr(c)) for c in range(0x20000)
        if unicodedata.category(chr(c)) in ("Cc", "Cf") and chr(c) not in "\n\t"
        and not 0xE0000 <= c <= 0xE007F
    ) + "]"
)


def _drop_controls(text: str) -> str:
    return _CONTROLS.sub("", text)


def normalise(text: str) -> str:
    """Repair mojibake, unify line endings, drop control characters, tidy spaces.

    Mojibake ("â€™" for "'") is repaired with ftfy; curly quotes are kept. An
    apostrophe whose last two bytes were lost ("Peopleâs") and the "ti"/"tt"
    ligatures of some PDF fonts ("na:ons", "be>er") are restored (see
    `repair_lost_apostrophes`, `repair_ligatures`). Form feeds become paragraph
    breaks. Idempotent.
    """
    text = _tidy(ftfy.fix_text(_breaks(text), _FTFY_CONFIG))
    # Tidying can uncover mojibake that ftfy did not recognise in context (behind
    # a no-break space, say): repair again, to a fixed point, only when it looks bad.
    for _ in range(_MAX_REPAIRS):
        if not ftfy.badness.is_bad(text):
            break
        fixed = _tidy(ftfy.fix_text(text, _FTFY_CONFIG))
        if fixed == text:
            break
        text = fixed
    return repair_ligatures(repair_lost_apostrophes(text))


# "’" is UTF-8 e2 80 99; a copy that kept only the first byte and read it as Windows-1252 writes
# "â" where the apostrophe was ("Australiaâs", "Palestiniansâ confidence", "donât"). ftfy cannot
# restore it (the bytes are gone). Only between a letter and an English contraction or possessive
# ending, or after a letter and before a space or punctuation: "São" or "château" never match.
_LOST_APOSTROPHE = re.compile(r"(?<=[^\W\d_])â(?=(?:s|t|ll|re|ve|d|m)\b|[ \n,.;:!?])")


def repair_lost_apostrophes(text: str) -> str:
    """'Lao Peopleâs Democratic Republic' -> 'Lao People’s Democratic Republic'."""
    return _LOST_APOSTROPHE.sub("\u2019", text)


# Some PDF fonts (Calibri) draw "ti" and "tt" as one glyph that text extraction writes as another
# character: "na:ons", "jus=ce", "be>er", "commi>ed". Inside a lower-case word ":" never occurs in
# English prose, so a document where it does, often, has lost its ligatures: there (only there)
# ":" and "=" between lower-case letters are "ti", ">" is "tt".
_LIGATURE_SIGN = re.compile(r"(?<=[a-z]):(?=[a-z])")
_LIGATURE_MIN = 5
_LIGATURES = ((re.compile(r"(?<=[a-z])[:=](?=-?[a-z])"), "ti"), (re.compile(r"(?<=[a-z])>(?=[a-z])"), "tt"))


def repair_ligatures(text: str) -> str:
    """'the ci:zens of our Federa:on' -> 'the citizens of our Federation', in a text that shows
    the lost ligature at least five times (else the text is returned unchanged)."""
    if len(_LIGATURE_SIGN.findall(text)) < _LIGATURE_MIN:
        return text
    for pattern, letters in _LIGATURES:
        text = pattern.sub(letters, text)
    return text


def _breaks(text: str) -> str:
    text = _LINE_ENDINGS.sub("\n", text)
    return text.replace("\f", "\n\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def _tidy(text: str) -> str:
    text = _breaks(text).translate(_ZERO_WIDTH).translate(_HYPHENS)
    text = _drop_controls(text)
    text = unicodedata.normalize("NFC", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip("\n")


# ---------------------------------------------------------- markdown, noise

_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)|(?<=\S)(\*\*|__)|^(\*\*|__)|(\*\*|__)$", re.M)
# `*em*`, also across one line break (emphasis in a hard-wrapped paragraph).
_SINGLE_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])((?:[^*\n]|\n(?!\n))+?)(?<=[^\s*])\*(?![\w*])")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)
_RULE_LINE = re.compile(r"^\s*(?:[-*_=~#]\s*){2,}$")
# Page furniture left in UN verbatim records: "30/51 15-29431", "28/09/2015 A/70/PV.15",
# "A/70/PV.15 28/09/2015", lone page numbers, "- 12 -".
_PAGE_FURNITURE = (
    re.compile(r"^\d{1,3}/\d{1,3}\s+\d{2}-\d{4,6}(?:\s*\S{0,3})?$"),
    re.compile(r"^\d{2}-\d{4,6}\s+\d{1,3}/\d{1,3}$"),
    re.compile(r"^(?:\d{1,2}/\d{1,2}/\d{4}\s+)?A/(?:\d+/)?PV\.\d+(?:\s+\d{1,2}/\d{1,2}/\d{4})?$"),
    re.compile(r"^[-–—]?\s*\d{1,3}\s*[-–—]?$"),
    re.compile(r"^Page \d{1,3}(?:\s*(?:of|\||/)\s*\d{1,3})?$", re.I),
    # a document's job number alone or with the page: "11-50865", "11-50865 14", "13 11-50865", "62/91"
    re.compile(r"^(?:\d{1,3}\s+)?\d{2}-\d{5}(?:\s+\(E\))?(?:\s+\d{7}|\s+\d{1,3}(?:/\d{1,3})?)?$"),
    re.compile(r"^\d{1,3}/\d{1,3}$"),
    # the record's symbol and printing date alone on a line: "A/75/592/Add.8", "13/01/2021"
    re.compile(r"^A/\d{2,3}/\d{1,4}(?:/(?:Add|Rev|Corr)\.\d{1,3})*$"),
    re.compile(r"^\d{2}/\d{2}/\d{4}$"),
    re.compile(r"^[\[(]?\s*(?:please\s+)?check against delivery\s*[\])]?\.?$", re.I),
)
# The verbatim record's note at the foot of its first page, a paragraph of its own (often wrapped).
_FURNITURE_PARAGRAPH = re.compile(r"^This record contains the text of speeches delivered in English\b.*\bCorrections\b")


def strip_markdown(text: str) -> str:
    """Remove markdown emphasis (`**bold**`, `__bold__`, `*em*`), heading marks and rules."""
    text = _MD_HEADING.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _SINGLE_STAR.sub(r"\1", text)
    lines = ("" if _RULE_LINE.match(line) else line for line in text.split("\n"))
    return "\n".join(line.strip() for line in lines)


_GLUED_FURNITURE = re.compile(
    r"^\d{1,3}(?:/\d{1,3})?\s+\d{2}-\d{5}\s+(?=\S)"                        # "30/56 16-29296 ", "11 10-55109 "
    r"|^\d{2}-\d{5}\s+(?:\(E\)\s+\d{7}|\d{1,3}(?:/\d{1,3})?)\s+(?=\S)"     # "16-29667 3/58 ", "17-29597 (E) 1729597 "
    r"|(?<=\S)\s+\d{2}-\d{5}\s+\d{1,3}/\d{1,3}$")


def strip_glued_furniture(line: str) -> str:
    """Remove a page header such as `30/56 16-29296` or `16-29667 3/58` glued to the start or end
    of a line."""
    return _GLUED_FURNITURE.sub("", line)


def is_page_furniture(line: str) -> bool:
    """True for page-header leftovers such as `30/51 15-29431` or a lone page number."""
    line = line.strip()
    return bool(line) and any(p.match(line) for p in _PAGE_FURNITURE)


# ------------------------------------------------------------ paragraphs

_TERMINAL = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_ABBREVIATION_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|Art|Arts|para|paras|Prof|Sr|Jr|Messrs|H\.E|e\.g|i\.e|cf|vs)\.$")
_LIST_START = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]|[-•–*]\s)\s*", re.I)
_HYPHEN_END = re.compile(r"\w-$")
# Share of the wrap width below which a line without an end mark was broken on purpose.
_SHORT_LINE = 0.6


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def wrap_width(lines: list[str]) -> int | None:
    """The hard-wrap width of `lines`, or None when the text is not hard-wrapped.

    Text counts as hard-wrapped when most lines are short and similar in length
    (wrapped every 40-100 characters), as in older UN verbatim records.
    """
    lengths = [len(line) for line in lines if line.strip()]
    if len(lengths) < 8:
        return None
    short = [n for n in lengths if n <= 100]
    if len(short) / len(lengths) < 0.8:
        return None
    width = sorted(lengths)[int(0.9 * (len(lengths) - 1))]
    if not 30 <= width <= 100 or statistics.median(lengths) < 0.5 * width:
        return None
    return width


def _joins(prev: str, nxt: str, width: int | None) -> bool:
    """Whether line `nxt` continues the paragraph that line `prev` ends."""
    if _LIST_START.match(nxt) and _TERMINAL.search(prev):
        return False
    if width is None:
        return False
    if _ABBREVIATION_END.search(prev):
        return True
    first_word = nxt.split(" ", 1)[0]
    room = len(prev) + 1 + len(first_word)
    # A line without an end mark that stops far short of the margin is a
    # salutation ("Mr. President,") or a bracketed note ("(spoke in French)",
    # a citation), not a wrapped line.
    if not _TERMINAL.search(prev):
        deliberate = room <= _SHORT_LINE * width and (prev.endswith(")") or is_salutation(prev))
        return not deliberate
    # A line that ends a sentence well before the margin, where the next word
    # would have fitted, ends its paragraph.
    return room > width


def _join(a: str, b: str) -> str:
    return a + b if _HYPHEN_END.search(a) and (b[:1].islower() or _hyphen_continues(a, b)) else f"{a} {b}"


_STOP_WORDS = frozenset(STOP_WORDS) | {"vs", "versus"}
_WORD_BEFORE_HYPHEN = re.compile(r"([^\W_]+)-$")
_FIRST_WORD = re.compile(r"[^\W_]+")


def _hyphen_continues(before: str, after: str) -> bool:
    """Whether text ending `before` ("... the Secretary-", "self- ") and text starting `after`
    ("General's ...", "determination") are one hyphenated word: a word before the hyphen, a word
    after it that is not a stop word ("medium- and long-term", "pro- nor anti-": a suspended
    hyphen; "we need- one": a dash) and does not complete it ("navi- navigation", "s- soup": a
    stutter; "South- South" is a word)."""
    left = _WORD_BEFORE_HYPHEN.search(before.rstrip(" "))
    right = _FIRST_WORD.match(after)
    if left is None or right is None:
        return False
    word, part = right.group().lower(), left.group(1).lower()
    return word not in _STOP_WORDS and not (len(part) == 1 or len(word) > len(part) and word.startswith(part))


# A word hyphenated at a line end that the source joined back with a space: "self- determination",
# "Secretary- General", "post- 2015", "2022- 2024".
_SPACED_HYPHEN = re.compile(r"(?<=[^\W_])- (?=[^\W_])")
# A list marker opening a paragraph ("1- ", "b- ", "iv- ") is not part of a word.
_MARKER_BEFORE = re.compile(r"(?:^|\n)\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})$", re.I)


# A sentence end typed without its space ("together.The", "threats.We"): the tokenizer keeps it one
# token and the sentence splitter misses the boundary. After two lower-case letters only, so that
# initials ("U.S.A."), "Ph.D." or "St.Vincent" are not touched.
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")


def space_glued_sentences(text: str) -> str:
    """'we act together.The time is now' -> 'we act together. The time is now'."""
    return _GLUED_SENTENCE.sub(" ", text)


def join_spaced_hyphens(text: str) -> str:
    """'the right to self- determination' -> 'the right to self-determination' (see
    `_hyphen_continues` for what is left alone)."""
    def fix(m: re.Match) -> str:
        before, after = text[:m.start() + 1], text[m.end():]
        if _MARKER_BEFORE.search(before[:-1]) or not _hyphen_continues(before, after):
            return m.group()
        return "-"
    return _SPACED_HYPHEN.sub(fix, text)


def _paragraphs_of(block: list[str], width: int | None) -> list[str]:
    paras = [block[0]]
    for prev_line, line in itertools.pairwise(block):
        if _joins(prev_line, line, width):
            paras[-1] = _join(paras[-1], line)
        else:
            paras.append(line)
    return paras


def _continues(prev: str, nxt: str) -> bool:
    """A paragraph break inside a sentence (page break): no end mark, lowercase next; or inside
    a hyphenated word ("the Secretary-" / "General's report")."""
    if _HYPHEN_END.search(prev) and _hyphen_continues(prev, nxt):
        return True
    return not _TERMINAL.search(prev) and nxt[:1].islower()


def paragraphs(text: str) -> list[str]:
    """Split cleaned text into paragraphs.

    Blank lines separate paragraphs. Inside a block, hard-wrapped lines are
    re-joined; in text that is not hard-wrapped every line is a paragraph. A
    sentence split across a page break is re-joined.
    """
    lines = [strip_glued_furniture(line) for line in text.split("\n") if not is_page_furniture(line)]
    width = wrap_width(lines)
    paras: list[str] = []
    for block in _blocks("\n".join(lines)):
        for para in _paragraphs_of(block, width):
            if _FURNITURE_PARAGRAPH.match(para):
                continue
            if paras and _continues(paras[-1], para):
                paras[-1] = _join(paras[-1], para)
            else:
                paras.append(para)
    return paras


def clean_paragraphs(text: str) -> list[str]:
    """Normalised text -> markdown-free paragraphs.

    Markdown is stripped before the paragraphs are found and again after, for
    emphasis that a line or page break had split (`*wrapped\n\nline*`). A word
    hyphenated over a line break and rejoined with a space is made whole, and a
    sentence end typed without its space gets one.
    """
    paras = (space_glued_sentences(join_spaced_hyphens(strip_markdown(para).strip()))
             for para in paragraphs(strip_markdown(text)))
    return [para for para in paras if para]


def clean_body(text: str) -> str:
    """Normalised text -> markdown-free paragraphs separated by one blank line. Idempotent."""
    return "\n\n".join(clean_paragraphs(text))


_WORD = re.compile(r"[^\W_]\S*|\S+?[^\W_]\S*")


def count_words(text: str) -> int:
    """Whitespace-separated tokens that contain a letter or digit."""
    return len(_WORD.findall(text))
