"""The annotated corpus: one JSON object per document, and the markup annotators edit.

A document (one line of a `data/annotations/*.jsonl` file) is

    {"text": ..., "meta": {"speech_id", "source", "split"},
     "spans": [{"start", "end", "label", "entity_id"[, "optional"]}],
     "lists": [{"list_id", "announced", "kind",
                "items": [{"marker_start", "start", "end", "marker"}]}],
     "sentences": [{"start", "end", "migration", "themes"[, "gcm"]}],
     "metadata": {"speaker", "speaker_role", "date", "place", "event", "delivered_by"}}

Offsets index `text`, which is the pipeline's cleaned text (`speeches.text`) of the
raw file `meta.source` (a path relative to the repository root). A field the
document does not annotate is absent; an annotated metadata field with nothing to
find is null. Everything here is pure: reading, writing, checking and the markup
round trip; `pipeline.annotate` drafts documents from the pipeline's output.

The markup (`*.ann.md`) keeps the text readable while it is corrected:

    [[United Nations|ORG|un]]         an entity span: surface text, label, entity id
    [[Chad|GPE]]                      places and nationalities need no id
    [[Vision 2030|AGENDA|vision_2030|?]]   optional (neither rewarded nor punished)
    {{1.2|Secondly,}}                 item 2 of list 1 starts with the marker "Secondly,"
    {{/1.2}}                          (optional) where item 1.2 ends, when not at the
                                      next item or the end of its paragraph
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import yaml

from pipeline import config
from pipeline.storage import write_text

ENTITY_LABELS = ("PERSON", "ORG", "AGENDA", "EVENT", "GPE", "LOC", "NORP")
SCORED_LABELS = ("PERSON", "ORG", "AGENDA", "EVENT")
ID_LABELS = frozenset(SCORED_LABELS)  # labels whose spans need an entity_id
METADATA_FIELDS = ("speaker", "speaker_role", "date", "place", "event", "delivered_by")
LIST_KINDS = ("ordinal", "numbered", "lettered", "bullet")
SPLITS = ("train", "dev")
SECTIONS = ("spans", "lists", "sentences", "metadata")
N_GCM_OBJECTIVES = 23

_SPAN = re.compile(r"\[\[([^\[\]|]+)\|([A-Z]+)(?:\|([^\[\]|]*))?(?:\|(\?))?\]\]")
_ITEM = re.compile(r"\{\{(\d+)\.(\d+)\|([^{}]*)\}\}")
_ITEM_END = re.compile(r"\{\{/(\d+)\.(\d+)\}\}")
_MARKUP = re.compile(rf"{_SPAN.pattern}|{_ITEM.pattern}|{_ITEM_END.pattern}")
_SECTION = re.compile(r"^=== (\w+)\s*$", re.M)
_SENTENCE = re.compile(r"^s(\d+) \[(\d+):(\d+)\] mig=([yn?])(?: themes=(\S*))?(?: gcm=(\S*))?\s*$")
_LIST_HEAD = re.compile(r"^(\d+)(?: announced=(\d+|-))?(?: kind=(\w+))?\s*$")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
NEWLINE_SHOWN = "⏎"


class AnnotationError(ValueError):
    """A document or markup file that breaks the format; the message names the place."""


# ------------------------------------------------------------------ files

def read_jsonl(path: Path) -> list[dict]:
    """The documents of one JSONL file, in order. Raises AnnotationError on a bad line."""
    docs = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            docs.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise AnnotationError(f"{path}:{n}: not JSON: {err}") from err
    return docs


def write_jsonl(docs: Iterable[dict], path: Path) -> None:
    """Write documents one per line, keys in a stable order (diffs stay small)."""
    lines = [json.dumps(ordered(d), ensure_ascii=False) for d in docs]
    write_text(Path(path), "\n".join(lines) + "\n" if lines else "")


def ordered(doc: dict) -> dict:
    """`doc` with its keys in the documented order."""
    keys = ("text", "meta", *SECTIONS)
    return {k: doc[k] for k in (*keys, *sorted(set(doc) - set(keys))) if k in doc}


def annotation_files(root: Path = config.ANNOTATIONS_DIR) -> list[Path]:
    """The adjudicated corpus: every `*.jsonl` directly in `root` (passes live in sub-folders)."""
    root = Path(root)
    return sorted(root.glob("*.jsonl")) if root.is_dir() else [root]


def load_corpus(root: Path = config.ANNOTATIONS_DIR, *, split: str | None = None) -> list[dict]:
    """Every annotated document under `root` (a folder or one JSONL file), optionally of one split."""
    docs = [d for p in annotation_files(root) for d in read_jsonl(p)]
    return [d for d in docs if split in (None, "all") or d["meta"].get("split") == split]


def source_path(doc: dict, root: Path = config.PROJ_ROOT) -> Path:
    """The raw file a document was annotated from (meta.source, relative to the repository)."""
    return (Path(root) / doc["meta"]["source"]).resolve()


# ------------------------------------------------------------------ checks

def validate(doc: dict) -> list[str]:
    """Every problem of one document, as readable lines (empty when it is well-formed)."""
    sid = doc.get("meta", {}).get("speech_id", "?")
    text = doc.get("text")
    if not isinstance(text, str) or not text:
        return [f"{sid}: no text"]
    problems = [f"{sid}: meta.{k} missing" for k in ("speech_id", "source", "split")
                if not doc.get("meta", {}).get(k)]
    if doc.get("meta", {}).get("split") not in (*SPLITS, None):
        problems.append(f"{sid}: split must be one of {SPLITS}")
    problems += [f"{sid}: {p}" for p in _span_problems(text, doc.get("spans", []))]
    problems += [f"{sid}: {p}" for p in _list_problems(text, doc.get("lists", []))]
    problems += [f"{sid}: {p}" for p in _sentence_problems(text, doc.get("sentences", []))]
    unknown = set(doc.get("metadata", {})) - set(METADATA_FIELDS)
    if unknown:
        problems.append(f"{sid}: unknown metadata fields {sorted(unknown)}")
    empty = [k for k in SECTIONS if k in doc and doc[k] in ({},) and k == "metadata"]
    problems += [f"{sid}: {k} is empty (leave it out instead)" for k in empty]
    return problems


@functools.cache
def theme_ids(path: Path = config.THEMES_PATH) -> frozenset[str]:
    """The theme ids of the lexicon (a sentence's themes must be among them)."""
    return frozenset(t["id"] for t in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["themes"])


def _inside(text: str, start: object, end: object) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def _span_problems(text: str, spans: Sequence[dict]) -> Iterator[str]:
    last_end = -1
    for s in sorted(spans, key=lambda s: (s.get("start", -1), s.get("end", -1))):
        where = f"span {s.get('start')}-{s.get('end')}"
        if not _inside(text, s.get("start"), s.get("end")):
            yield f"{where} is outside the text"
            continue
        surface = text[s["start"]:s["end"]]
        if surface != surface.strip():
            yield f"{where} '{surface}' starts or ends with white space"
        if s.get("label") not in ENTITY_LABELS:
            yield f"{where} '{surface}' has unknown label {s.get('label')}"
        if s.get("label") in ID_LABELS and not s.get("entity_id"):
            yield f"{where} '{surface}' ({s.get('label')}) has no entity_id"
        if s["start"] < last_end:
            yield f"{where} '{surface}' overlaps the span before it"
        last_end = max(last_end, s["end"])


def _list_problems(text: str, lists: Sequence[dict]) -> Iterator[str]:
    for lst in lists:
        items = lst.get("items", [])
        if len(items) < 2:
            yield f"list {lst.get('list_id')} has fewer than two items"
        if lst.get("kind") not in LIST_KINDS:
            yield f"list {lst.get('list_id')} has unknown kind {lst.get('kind')}"
        prev = -1
        for n, it in enumerate(items, 1):
            ok = _inside(text, it.get("marker_start"), it.get("end")) and \
                it["marker_start"] <= it.get("start", -1) < it["end"]
            if not ok:
                yield f"list {lst.get('list_id')} item {n} has bad offsets"
                continue
            if text[it["marker_start"]:it["marker_start"] + len(it.get("marker", ""))] != it.get("marker", ""):
                yield f"list {lst.get('list_id')} item {n}: marker does not slice the text"
            if it["marker_start"] < prev:
                yield f"list {lst.get('list_id')} item {n} starts before the item before it"
            prev = it["end"]


def _sentence_problems(text: str, sentences: Sequence[dict]) -> Iterator[str]:
    known = theme_ids()
    for s in sentences:
        where = f"sentence {s.get('start')}-{s.get('end')}"
        if not _inside(text, s.get("start"), s.get("end")):
            yield f"{where} is outside the text"
            continue
        if not isinstance(s.get("migration"), bool):
            yield f"{where} has no migration flag"
        unknown = set(s.get("themes", [])) - known
        if unknown:
            yield f"{where} has unknown themes {sorted(unknown)}"
        bad_gcm = [g for g in s.get("gcm", []) if not (isinstance(g, int) and 1 <= g <= N_GCM_OBJECTIVES)]
        if bad_gcm:
            yield f"{where} has GCM objectives outside 1-{N_GCM_OBJECTIVES}: {bad_gcm}"


# ------------------------------------------------------------------ markup

def render(doc: dict) -> str:
    """The markup file for `doc` (see the module docstring); `parse(render(d)) == d`."""
    meta = doc["meta"]
    head = [f"# speech_id: {meta['speech_id']}", f"# source: {meta['source']}", f"# split: {meta['split']}",
            f"# annotates: {' '.join(k for k in SECTIONS if k in doc)}"]
    parts = ["\n".join(head), "=== text\n" + _render_text(doc)]
    if "lists" in doc:
        parts.append("=== lists\n" + "\n".join(
            f"{lst['list_id']} announced={lst.get('announced') if lst.get('announced') is not None else '-'}"
            f" kind={lst['kind']}" for lst in doc["lists"]))
    if "sentences" in doc:
        parts.append("=== sentences\n" + "\n".join(_render_sentence(doc["text"], s, n)
                                                  for n, s in enumerate(doc["sentences"], 1)))
    if "metadata" in doc:
        parts.append("=== metadata\n" + "\n".join(
            f"{k}: {'-' if v is None else v}" for k, v in doc["metadata"].items()))
    return "\n\n".join(parts) + "\n"


def _render_text(doc: dict) -> str:
    text = doc["text"]
    # (start, end, markup): spans and item markers replace their text; item ends insert.
    edits: list[tuple[int, int, str]] = []
    for s in doc.get("spans", []):
        fields = [text[s["start"]:s["end"]], s["label"]]
        if s.get("entity_id") or s.get("optional"):
            fields.append(s.get("entity_id") or "")
        if s.get("optional"):
            fields.append("?")
        edits.append((s["start"], s["end"], "[[" + "|".join(fields) + "]]"))
    for lst in doc.get("lists", []):
        for n, it in enumerate(lst["items"], 1):
            end = it["marker_start"] + len(it["marker"])
            edits.append((it["marker_start"], end, f"{{{{{lst['list_id']}.{n}|{it['marker']}}}}}"))
            if it["end"] != _default_end(text, lst["items"], n - 1):
                edits.append((it["end"], it["end"], f"{{{{/{lst['list_id']}.{n}}}}}"))
    out, pos = [], 0
    for start, end, mark in sorted(edits, key=lambda e: (e[0], e[1] > e[0])):
        if start < pos:
            raise AnnotationError(f"{doc['meta']['speech_id']}: markup overlaps at {start} "
                                  f"('{text[start:end][:30]}')")
        out.append(text[pos:start] + mark)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _render_sentence(text: str, s: dict, n: int) -> str:
    flag = {True: "y", False: "n"}.get(s.get("migration"), "?")
    line = f"s{n} [{s['start']}:{s['end']}] mig={flag} themes={','.join(s.get('themes', []))}"
    if "gcm" in s:
        line += f" gcm={','.join(str(g) for g in s['gcm'])}"
    return line + "\n    " + text[s["start"]:s["end"]].replace("\n", NEWLINE_SHOWN)


def parse(markup: str, *, where: str = "markup") -> dict:
    """The document a markup file describes. Raises AnnotationError naming the problem."""
    head, sections = _split_sections(markup, where)
    text, spans, items, ends = _parse_text(sections.get("text", ""), where)
    doc: dict = {"text": text, "meta": {k: head[k] for k in ("speech_id", "source", "split") if k in head}}
    annotates = head.get("annotates", "").split()
    if "spans" in annotates:
        doc["spans"] = spans
    if "lists" in annotates:
        doc["lists"] = _lists(text, sections.get("lists", ""), items, ends, where)
    if "sentences" in annotates:
        doc["sentences"] = _sentences(text, sections.get("sentences", ""), where)
    if "metadata" in annotates:
        doc["metadata"] = _metadata(sections.get("metadata", ""), where)
    problems = validate(doc)
    if problems:
        raise AnnotationError(f"{where}: " + "; ".join(problems))
    return doc


def _split_sections(markup: str, where: str) -> tuple[dict[str, str], dict[str, str]]:
    pieces = _SECTION.split(markup)
    head = {}
    for line in pieces[0].splitlines():
        if line.startswith("# ") and ":" in line:
            key, value = line[2:].split(":", 1)
            head[key.strip()] = value.strip()
    sections = {}
    for name, body in zip(pieces[1::2], pieces[2::2], strict=True):
        if name not in ("text", "lists", "sentences", "metadata"):
            raise AnnotationError(f"{where}: unknown section '=== {name}'")
        sections[name] = body.strip("\n") if name == "text" else body.strip()
    if "text" not in sections:
        raise AnnotationError(f"{where}: no '=== text' section")
    # the text section ends with the blank line render() puts before the next section
    return head, sections


def _parse_text(marked: str, where: str) -> tuple[str, list[dict], dict, dict]:
    out, spans, items, ends = [], [], {}, {}
    pos, length = 0, 0
    for m in _MARKUP.finditer(marked):
        plain = marked[pos:m.start()]
        if "[[" in plain or "{{" in plain or "]]" in plain or "}}" in plain:
            raise AnnotationError(f"{where}: broken markup near '{plain[-40:]}'")
        out.append(plain)
        length += len(plain)
        if m.group(1) is not None:
            surface, label, eid, opt = m.group(1), m.group(2), m.group(3), m.group(4)
            span = {"start": length, "end": length + len(surface), "label": label}
            if eid:
                span["entity_id"] = eid
            if opt:
                span["optional"] = True
            spans.append(span)
            out.append(surface)
            length += len(surface)
        elif m.group(5) is not None:
            key = (int(m.group(5)), int(m.group(6)))
            if key in items:
                raise AnnotationError(f"{where}: item {key[0]}.{key[1]} marked twice")
            items[key] = (length, m.group(7))
            out.append(m.group(7))
            length += len(m.group(7))
        else:
            ends[(int(m.group(8)), int(m.group(9)))] = length
        pos = m.end()
    tail = marked[pos:]
    if "[[" in tail or "{{" in tail:
        raise AnnotationError(f"{where}: broken markup near '{tail[:40]}'")
    out.append(tail)
    return "".join(out), spans, items, ends


def _default_end(text: str, items: Sequence[dict], i: int) -> int:
    """Where item `i` ends unless marked: the next item's marker or its paragraph's end."""
    start = items[i]["start"]
    brk = _PARAGRAPH_BREAK.search(text, start)
    end = brk.start() if brk else len(text)
    if i + 1 < len(items):
        end = min(end, items[i + 1]["marker_start"])
    return len(text[:end].rstrip())


def _content_start(text: str, marker_start: int, marker: str) -> int:
    """Where an item's text starts: after its marker, white space and the marker's punctuation."""
    pos = marker_start + len(marker)
    while pos < len(text) and text[pos] in " \t\n,:;.)\u2014\u2013-":
        pos += 1
    return pos


def _lists(text: str, section: str, items: dict, ends: dict, where: str) -> list[dict]:
    heads = {}
    for line in filter(None, (x.strip() for x in section.splitlines())):
        m = _LIST_HEAD.match(line)
        if not m:
            raise AnnotationError(f"{where}: bad list line '{line}' (want: 1 announced=5 kind=ordinal)")
        heads[int(m.group(1))] = (None if m.group(2) in (None, "-") else int(m.group(2)), m.group(3) or "ordinal")
    ids = sorted({k[0] for k in items} | set(heads))
    lists = []
    for lid in ids:
        keys = sorted(k for k in items if k[0] == lid)
        if [k[1] for k in keys] != list(range(1, len(keys) + 1)):
            raise AnnotationError(f"{where}: list {lid} items are not numbered 1..n: {[k[1] for k in keys]}")
        entries = [{"marker_start": items[k][0], "marker": items[k][1],
                    "start": _content_start(text, *items[k])} for k in keys]
        for n, k in enumerate(keys):
            entries[n]["end"] = ends.get(k, _default_end(text, entries, n))
        announced, kind = heads.get(lid, (None, "ordinal"))
        lists.append({"list_id": lid, "announced": announced, "kind": kind,
                      "items": [{k: e[k] for k in ("marker_start", "start", "end", "marker")} for e in entries]})
    return lists


def _sentences(text: str, section: str, where: str) -> list[dict]:
    out = []
    lines = [x for x in section.splitlines() if x.strip()]
    for line in lines:
        if line.startswith((" ", "\t")):
            continue  # the sentence's text, shown for reading
        m = _SENTENCE.match(line.strip())
        if not m:
            raise AnnotationError(f"{where}: bad sentence line '{line[:80]}' "
                                  "(want: s12 [100:180] mig=y themes=a,b gcm=2)")
        if m.group(4) == "?":
            continue  # not annotated
        s = {"start": int(m.group(2)), "end": int(m.group(3)), "migration": m.group(4) == "y",
             "themes": [t for t in (m.group(5) or "").split(",") if t]}
        if m.group(6) is not None:
            s["gcm"] = sorted({int(g) for g in m.group(6).split(",") if g})
        out.append(s)
    return out


def _metadata(section: str, where: str) -> dict:
    out: dict = {}
    for line in filter(None, (x.strip() for x in section.splitlines())):
        key, sep, value = line.partition(":")
        if not sep or key.strip() not in METADATA_FIELDS:
            raise AnnotationError(f"{where}: bad metadata line '{line}' (fields: {', '.join(METADATA_FIELDS)})")
        value = value.strip()
        out[key.strip()] = None if value in ("", "-") else value
    return out


# ------------------------------------------------------------------ alignment

class OffsetMap:
    """Maps character offsets of an annotated text onto the pipeline's current text.

    Built from a character diff; `map(i)` is None when the character at `i` was
    changed or removed, so a span that no longer aligns can be reported.
    """

    def __init__(self, old: str, new: str) -> None:
        self.same = old == new
        self.blocks: list[tuple[int, int, int]] = []
        if not self.same:
            matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
            self.blocks = [(a, b, n) for a, b, n in matcher.get_matching_blocks() if n]
            self._starts = [a for a, _, _ in self.blocks]

    def map(self, i: int) -> int | None:
        if self.same:
            return i
        k = bisect_right(self._starts, i) - 1
        if k < 0:
            return None
        a, b, n = self.blocks[k]
        return b + (i - a) if i < a + n else None

    def span(self, start: int, end: int, *, trim: bool = False) -> tuple[int, int] | None:
        """The span's new offsets, or None when either end character moved out of alignment.

        With `trim`, characters the cleaning removed at either end of the span (page
        furniture before a sentence: "17-29281 13/24 There is ...") are left out, as long as
        most of the span is kept.
        """
        s, e = self.map(start), self.map(end - 1)
        if trim and (s is None or e is None):
            kept = [j for i in range(start, end) if (j := self.map(i)) is not None]
            if len(kept) * 2 > end - start:
                s, e = kept[0], kept[-1]
        return None if s is None or e is None else (s, e + 1)


def realign(doc: dict, new_text: str) -> tuple[dict, list[str]]:
    """`doc` re-expressed on `new_text` (the pipeline's text now), and what no longer aligns."""
    if doc["text"] == new_text:
        return doc, []
    omap = OffsetMap(doc["text"], new_text)
    lost: list[str] = []
    out = {**doc, "text": new_text}

    def move(item: dict, keys: tuple[str, str], what: str) -> dict | None:
        moved = omap.span(item[keys[0]], item[keys[1]], trim=what == "sentence")
        if moved is None:
            lost.append(f"{what} '{doc['text'][item[keys[0]]:item[keys[1]]][:40]}'")
            return None
        return {**item, keys[0]: moved[0], keys[1]: moved[1]}

    if "spans" in doc:
        out["spans"] = [m for s in doc["spans"] if (m := move(s, ("start", "end"), "span"))]
    if "sentences" in doc:
        out["sentences"] = [m for s in doc["sentences"] if (m := move(s, ("start", "end"), "sentence"))]
    if "lists" in doc:
        lists = []
        for lst in doc["lists"]:
            items = [move(it, ("marker_start", "end"), "list item") for it in lst["items"]]
            if all(items):
                for it, old in zip(items, lst["items"], strict=True):
                    it["start"] = omap.map(old["start"]) or it["marker_start"]
                lists.append({**lst, "items": items})
        out["lists"] = lists
    return out, lost


# ------------------------------------------------------------------ derived views

def doc_entities(doc: dict) -> list[dict]:
    """Document-level gold entities (the shape of ../shared/eval/gold.json) from the spans:
    one per (label, entity_id) among the scored labels, its surface forms as aliases."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for s in doc.get("spans", []):
        if s["label"] in SCORED_LABELS:
            groups.setdefault((s["label"], s["entity_id"]), []).append(s)
    out = []
    for (label, eid), spans in groups.items():
        forms = sorted({doc["text"][s["start"]:s["end"]] for s in spans}, key=lambda f: (-len(f), f))
        out.append({"label": label, "canonical": forms[0], "aliases": forms, "entity_id": eid,
                    "mentions": len(spans), "optional": all(s.get("optional") for s in spans)})
    return out
