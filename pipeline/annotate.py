"""Annotation tools: draft markup from the pipeline's output, compile it, compare passes.

    python -m pipeline.annotate draft SOURCE... --out DIR [--split train|dev]
                                 [--sections spans,lists,sentences,metadata]
    python -m pipeline.annotate compile MARKUP... --out FILE.jsonl
    python -m pipeline.annotate diff A.ann.md B.ann.md
    python -m pipeline.annotate agreement A.jsonl B.jsonl
    python -m pipeline.annotate check [--gold DIR]
    python -m pipeline.annotate realign [--gold DIR]

`draft` runs the normal stages (ingest, entities, features) on the raw files and
writes one `<speech_id>.ann.md` per speech with the pipeline's entities, lists,
sentence themes and header metadata filled in, for an annotator to correct.
`compile` turns corrected markup into JSONL documents (replacing documents of the
same speech_id in FILE). `diff` lists where two independent passes disagree;
`agreement` gives span F1 and the other agreement figures between two passes;
`check` validates the annotated corpus and says which documents no longer align
with the pipeline's current cleaning; `realign` moves them onto today's cleaned text
(what no longer aligns is dropped and listed).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from pipeline import annotations as ann
from pipeline import config

log = logging.getLogger(__name__)

DEFAULT_SECTIONS = ("spans", "lists", "sentences")
KIND_OF_FAMILY = {"ordinal": "ordinal", "number": "numbered", "letter": "lettered", "roman": "numbered",
                  "bullet": "bullet"}

# ------------------------------------------------------------------ splits

def ungd_split(path: Path, splits_path: Path = config.UNGD_SPLITS_PATH) -> str | None:
    """The split (train, dev, reserved) of a UNGD corpus file, None for other files."""
    if Path(path).resolve().parent != config.UNGD_DIR.resolve() or not Path(splits_path).exists():
        return None
    splits = pd.read_csv(splits_path, dtype=str).set_index("file")["split"]
    return splits.get(Path(path).name)


def relative_source(path: Path) -> str:
    """`path` as the documents store it: relative to the repository root."""
    import os

    return os.path.relpath(Path(path).resolve(), config.PROJ_ROOT)


# ------------------------------------------------------------------ draft

def draft_doc(row: pd.Series, entities: pd.DataFrame, priorities: pd.DataFrame,
              sentence_themes: pd.DataFrame, sentences: pd.DataFrame, *,
              source: str, split: str, sections: Sequence[str]) -> dict:
    """One document pre-filled with the pipeline's output for `row` (a speeches-table row)."""
    text = row["text"]
    doc: dict = {"text": text, "meta": {"speech_id": row["speech_id"], "source": source, "split": split}}
    if "spans" in sections:
        doc["spans"] = draft_spans(entities[entities["speech_id"] == row["speech_id"]])
    if "lists" in sections:
        doc["lists"] = draft_lists(text, priorities[priorities["speech_id"] == row["speech_id"]])
        if "spans" in doc:
            doc["spans"] = spans_outside_markers(doc["spans"], doc["lists"])
    if "sentences" in sections:
        themes = sentence_themes[sentence_themes["speech_id"] == row["speech_id"]]
        own = sentences[sentences["speech_id"] == row["speech_id"]].sort_values("sentence_id")
        doc["sentences"] = [draft_sentence(text, int(r.start_char), int(r.end_char), bool(r.migration), themes)
                            for r in own.itertuples()]
        doc["sentences"] = [s for s in doc["sentences"] if s["end"] > s["start"]]
    if "metadata" in sections:
        doc["metadata"] = {k: (None if pd.isna(row.get(k)) else str(row.get(k)))
                           for k in ann.METADATA_FIELDS}
    return doc


def draft_spans(rows: pd.DataFrame) -> list[dict]:
    """The pipeline's mentions in the text as spans (no overlaps; ids for the scored labels)."""
    spans, last_end = [], -1
    rows = rows[(rows["section"] == "text") & rows["label"].isin(ann.ENTITY_LABELS)]
    for r in rows.sort_values(["start_char", "end_char"]).itertuples():
        if r.start_char < last_end:
            continue
        span = {"start": int(r.start_char), "end": int(r.end_char), "label": r.label}
        if r.label in ann.ID_LABELS:
            span["entity_id"] = str(r.entity_id)
        spans.append(span)
        last_end = int(r.end_char)
    return spans


def spans_outside_markers(spans: list[dict], lists: list[dict]) -> list[dict]:
    """The spans that overlap no list marker: where the model took a marker for a mention (a "1."
    opening a line read as a name), the marker wins, and the draft's markup cannot overlap."""
    marks = [(it["marker_start"], it["marker_start"] + len(it["marker"])) for lst in lists for it in lst["items"]]
    return [s for s in spans if not any(s["start"] < end and start < s["end"] for start, end in marks)]


def draft_lists(text: str, rows: pd.DataFrame) -> list[dict]:
    """The pipeline's priority lists as annotated lists (marker found just before each item)."""
    lists = []
    for n, (_, items) in enumerate(rows.sort_values(["list_id", "rank"]).groupby("list_id", sort=True), 1):
        out = []
        for r in items.itertuples():
            marker = str(r.marker) if isinstance(r.marker, str) else ""
            # the marker ends before its item or opens it ("The first is ...": item and marker start together)
            at = text.rfind(marker, 0, int(r.start_char) + len(marker)) if marker else int(r.start_char)
            at = at if at >= 0 else int(r.start_char)
            out.append({"marker_start": at, "start": int(r.start_char), "end": int(r.end_char),
                        "marker": text[at:at + len(marker)]})
        kind = KIND_OF_FAMILY.get(str(getattr(items.iloc[0], "kind", "ordinal")), "ordinal")
        announced = items["announced"].iloc[0]
        lists.append({"list_id": n, "announced": None if pd.isna(announced) else int(announced),
                      "kind": kind, "items": out})
    return lists


def draft_sentence(text: str, start: int, end: int, migration: bool, themes: pd.DataFrame) -> dict:
    """A sentence (white space trimmed) with the pipeline's migration flag and themes."""
    inside = themes[(themes["start_char"] < end) & (themes["end_char"] > start)]
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end = start + len(piece.strip())
    return {"start": start, "end": end, "migration": migration, "themes": sorted(set(inside["theme"]))}


def draft(sources: Sequence[Path], out_dir: Path, *, split: str | None = None,
          sections: Sequence[str] = DEFAULT_SECTIONS, work_dir: Path | None = None) -> list[Path]:
    """Write a markup draft per source file into `out_dir`; return the files written."""
    from pipeline.evaluate import pipeline_tables

    sources = [Path(s).resolve() for s in sources]
    for s in sources:
        if ungd_split(s) == "reserved":
            raise SystemExit(f"{s.name}: in the reserved split, never annotated")
    # one work folder per set of sources, so that two drafts at once do not share one
    key = hashlib.sha1("\n".join(sorted(map(str, sources))).encode("utf-8")).hexdigest()[:12]
    work_dir = Path(work_dir or config.INTERIM_DIR / "annotate" / key)
    tables = pipeline_tables(sources, work_dir)
    speeches = tables["speeches"]
    by_name = {p.name: p for p in sources}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for _, row in speeches.iterrows():
        path = by_name[row["source_file"]]
        doc = draft_doc(row, tables["entities"], tables["priorities"], tables["sentence_themes"],
                        tables["sentences"], source=relative_source(path),
                        split=split or ungd_split(path) or "train", sections=sections)
        target = out_dir / f"{row['speech_id']}.ann.md"
        target.write_text(ann.render(doc), encoding="utf-8")
        written.append(target)
    return written


# ------------------------------------------------------------------ compile

def compile_markup(files: Sequence[Path], out: Path) -> int:
    """Parse markup files into `out` (replacing documents with the same speech_id)."""
    docs = {d["meta"]["speech_id"]: d for d in (ann.read_jsonl(out) if Path(out).exists() else [])}
    for f in files:
        doc = ann.parse(Path(f).read_text(encoding="utf-8"), where=str(f))
        docs[doc["meta"]["speech_id"]] = doc
    ann.write_jsonl([docs[k] for k in sorted(docs)], out)
    return len(files)


# ------------------------------------------------------------------ agreement

def _f1(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def _kappa(pairs: Sequence[tuple[bool, bool]]) -> float:
    n = len(pairs)
    if not n:
        return float("nan")
    agree = sum(x == y for x, y in pairs) / n
    pa, pb = sum(x for x, _ in pairs) / n, sum(y for _, y in pairs) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    return (agree - chance) / (1 - chance) if chance < 1 else 1.0


def agreement(a_docs: Sequence[dict], b_docs: Sequence[dict]) -> dict:
    """Agreement between two independent passes over the same documents."""
    b_by_id = {d["meta"]["speech_id"]: d for d in b_docs}
    spans_a, spans_b, per_label = set(), set(), {}
    ids_same = ids_total = 0
    mig_pairs, theme_a, theme_b, lists_a, lists_b = [], set(), set(), set(), set()
    docs = 0
    for a in a_docs:
        sid = a["meta"]["speech_id"]
        b = b_by_id.get(sid)
        if b is None:
            continue
        docs += 1
        sa = {(sid, s["start"], s["end"], s["label"]) for s in a.get("spans", [])}
        sb = {(sid, s["start"], s["end"], s["label"]) for s in b.get("spans", [])}
        spans_a |= sa
        spans_b |= sb
        ida = {(s["start"], s["end"]): s.get("entity_id") for s in a.get("spans", [])}
        for s in b.get("spans", []):
            if (s["start"], s["end"]) in ida and s["label"] in ann.ID_LABELS:
                ids_total += 1
                ids_same += ida[(s["start"], s["end"])] == s.get("entity_id")
        lists_a |= {(sid, tuple(i["marker_start"] for i in lst["items"])) for lst in a.get("lists", [])}
        lists_b |= {(sid, tuple(i["marker_start"] for i in lst["items"])) for lst in b.get("lists", [])}
        sb_by = {(s["start"], s["end"]): s for s in b.get("sentences", [])}
        for s in a.get("sentences", []):
            other = sb_by.get((s["start"], s["end"]))
            if other is None:
                continue
            mig_pairs.append((s["migration"], other["migration"]))
            theme_a |= {(sid, s["start"], t) for t in s["themes"]}
            theme_b |= {(sid, s["start"], t) for t in other["themes"]}
    for label in ann.ENTITY_LABELS:
        la = {x for x in spans_a if x[3] == label}
        lb = {x for x in spans_b if x[3] == label}
        if la or lb:
            per_label[label] = round(_f1(la, lb), 3)
    return {"documents": docs, "span_f1": round(_f1(spans_a, spans_b), 3), "span_f1_per_label": per_label,
            "spans_a": len(spans_a), "spans_b": len(spans_b),
            "entity_id_agreement": round(ids_same / ids_total, 3) if ids_total else None,
            "list_f1": round(_f1(lists_a, lists_b), 3), "lists_a": len(lists_a), "lists_b": len(lists_b),
            "sentences_compared": len(mig_pairs), "migration_kappa": round(_kappa(mig_pairs), 3),
            "theme_f1": round(_f1(theme_a, theme_b), 3)}


def _span_desc(s: dict) -> str:
    return f"{s['label']} {s.get('entity_id', '')}{' (optional)' if s.get('optional') else ''}"


def diff(a: dict, b: dict) -> list[str]:
    """Lines naming every disagreement between two passes over one document."""
    text = a["text"]
    if text != b["text"]:
        return ["the two passes have different texts: draft them from the same pipeline version"]
    out = []
    sa = {(s["start"], s["end"]): s for s in a.get("spans", [])}
    sb = {(s["start"], s["end"]): s for s in b.get("spans", [])}
    for key in sorted(set(sa) | set(sb)):
        x, y = sa.get(key), sb.get(key)
        surface = text[key[0]:key[1]]
        ctx = text[max(0, key[0] - 30):key[1] + 30].replace("\n", " ")
        if x is None or y is None:
            only = "A" if y is None else "B"
            s = x or y
            out.append(f"span only in {only}: '{surface}' {s['label']} {s.get('entity_id', '')}  ...{ctx}...")
        elif (x["label"], x.get("entity_id"), bool(x.get("optional"))) != \
                (y["label"], y.get("entity_id"), bool(y.get("optional"))):
            out.append(f"span '{surface}': A {_span_desc(x)} / B {_span_desc(y)}")
    la = {tuple(i["marker_start"] for i in lst["items"]): lst for lst in a.get("lists", [])}
    lb = {tuple(i["marker_start"] for i in lst["items"]): lst for lst in b.get("lists", [])}
    for key in sorted(set(la) ^ set(lb)):
        lst = la.get(key) or lb[key]
        who = "A" if key in la else "B"
        out.append(f"list only in {who}: {[i['marker'] for i in lst['items']]} at {key}")
    for key in sorted(set(la) & set(lb)):
        for field in ("announced", "kind"):
            if la[key].get(field) != lb[key].get(field):
                out.append(f"list at {key}: {field} A {la[key].get(field)} / B {lb[key].get(field)}")
        ends_a = [(i["marker"], i["end"]) for i in la[key]["items"]]
        ends_b = [(i["marker"], i["end"]) for i in lb[key]["items"]]
        if ends_a != ends_b:
            out.append(f"list at {key}: markers/ends A {ends_a} / B {ends_b}")
    sb_by = {(s["start"], s["end"]): s for s in b.get("sentences", [])}
    sa_keys = {(s["start"], s["end"]) for s in a.get("sentences", [])}
    out += [f"sentence [{k[0]}:{k[1]}] annotated only in B" for k in sorted(set(sb_by) - sa_keys)]
    for s in a.get("sentences", []):
        o = sb_by.get((s["start"], s["end"]))
        if o is None and "sentences" in b:
            out.append(f"sentence [{s['start']}:{s['end']}] annotated only in A")
        if o and (s["migration"], set(s["themes"]), s.get("gcm")) != (o["migration"], set(o["themes"]), o.get("gcm")):
            out.append(f"sentence [{s['start']}:{s['end']}]: A mig={s['migration']} {s['themes']} "
                       f"{s.get('gcm', '')} / B mig={o['migration']} {o['themes']} {o.get('gcm', '')}: "
                       f"{text[s['start']:s['end']][:90]}")
    for k in sorted(set(a.get("metadata", {})) | set(b.get("metadata", {}))):
        if a.get("metadata", {}).get(k) != b.get("metadata", {}).get(k):
            out.append(f"metadata {k}: A {a.get('metadata', {}).get(k)!r} / B {b.get('metadata', {}).get(k)!r}")
    return out


# ------------------------------------------------------------------ check

def check(root: Path = config.ANNOTATIONS_DIR) -> tuple[list[str], list[str]]:
    """(format problems, alignment problems) of the annotated corpus under `root`.

    Alignment re-reads each document's raw file with the ingest stage and compares
    the cleaned text with the annotated one.
    """
    from pipeline.ingest import ingest_file

    problems, misaligned = [], []
    for doc in ann.load_corpus(root):
        problems += ann.validate(doc)
        path = ann.source_path(doc)
        if ungd_split(path) == "reserved":
            problems.append(f"{doc['meta']['speech_id']}: {path.name} is in the reserved split")
        if not path.exists():
            misaligned.append(f"{doc['meta']['speech_id']}: source {doc['meta']['source']} not found")
            continue
        text = ingest_file(path)["text"]
        if text != doc["text"]:
            _, lost = ann.realign(doc, text)
            misaligned.append(f"{doc['meta']['speech_id']}: cleaning changed the text; "
                              f"{len(lost)} annotation(s) no longer align" + (f": {lost[:3]}" if lost else ""))
    return problems, misaligned


def realign_corpus(root: Path = config.ANNOTATIONS_DIR) -> list[str]:
    """Rewrite every document whose cleaned text changed onto today's text; return what was lost."""
    from pipeline.ingest import ingest_file

    lost_all = []
    for path in ann.annotation_files(root):
        docs, changed = [], False
        for doc in ann.read_jsonl(path):
            text = ingest_file(ann.source_path(doc))["text"]
            if text != doc["text"]:
                doc, lost = ann.realign(doc, text)
                lost_all += [f"{doc['meta']['speech_id']}: dropped {x}" for x in lost]
                changed = True
            docs.append(doc)
        if changed:
            ann.write_jsonl(docs, path)
    return lost_all


# ------------------------------------------------------------------ command line

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.annotate", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("draft", help="markup drafts from the pipeline's output")
    p.add_argument("sources", nargs="+", type=Path)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--split", choices=ann.SPLITS)
    p.add_argument("--sections", default=",".join(DEFAULT_SECTIONS))
    p = sub.add_parser("compile", help="markup files -> JSONL documents")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("diff", help="where two passes over one document disagree")
    p.add_argument("a", type=Path)
    p.add_argument("b", type=Path)
    p = sub.add_parser("agreement", help="agreement figures between two passes (JSONL files or folders)")
    p.add_argument("a", type=Path)
    p.add_argument("b", type=Path)
    p = sub.add_parser("check", help="validate the annotated corpus and its alignment")
    p.add_argument("--gold", type=Path, default=config.ANNOTATIONS_DIR)
    p = sub.add_parser("realign", help="move documents onto today's cleaned text")
    p.add_argument("--gold", type=Path, default=config.ANNOTATIONS_DIR)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        return _run(args)
    except ann.AnnotationError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


def _load_pass(path: Path) -> list[dict]:
    if path.suffix == ".md":
        return [ann.parse(path.read_text(encoding="utf-8"), where=str(path))]
    return ann.load_corpus(path)


def _run(args: argparse.Namespace) -> int:
    if args.command == "draft":
        sections = [s for s in args.sections.split(",") if s]
        for f in draft(args.sources, args.out, split=args.split, sections=sections):
            print(f)
    elif args.command == "compile":
        n = compile_markup(args.files, args.out)
        print(f"{n} document(s) -> {args.out}")
    elif args.command == "diff":
        lines = diff(_load_pass(args.a)[0], _load_pass(args.b)[0])
        print("\n".join(lines) if lines else "no disagreement")
    elif args.command == "agreement":
        import json

        print(json.dumps(agreement(_load_pass(args.a), _load_pass(args.b)), indent=2))
    elif args.command == "realign":
        for line in realign_corpus(args.gold):
            print(line)
    else:
        problems, misaligned = check(args.gold)
        for line in problems + misaligned:
            print(line)
        print(f"{len(problems)} format problem(s), {len(misaligned)} document(s) out of alignment")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
