"""Stage 5: one self-contained HTML report (figures embedded), readable from disk or by mail.

The page holds the speeches and their metadata, every chart of FIGURES/charts.json
with its one-line reading guide, the priority lists as tables, and, for each
theme and the most-named entities, a few keyword-in-context lines as evidence.
"""

from __future__ import annotations

import base64
import html
import json
import logging
import re
import time
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pipeline import explore
from pipeline.charts import INDEX_NAME, NUMERIC_LABELS, theme_names
from pipeline.storage import write_text

log = logging.getLogger(__name__)

MAX_SPEECH_ROWS = 60
MAX_LISTS = 20
EVIDENCE_PER_THEME = 3
TOP_EVIDENCE_ENTITIES = 8
EVIDENCE_PER_ENTITY = 3
SPEECH_COLUMNS = (("label", "Speech"), ("speaker", "Speaker"), ("speaker_role", "Role"), ("event", "Event"),
                  ("date", "Date"), ("place", "Place"), ("n_words", "Words"))

CSS = """
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1.2em;
color:#222;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em} h2{margin-top:2.2em;border-bottom:2px solid #0072B2;padding-bottom:.2em}
h3{margin:1.6em 0 .3em} .lead{color:#555} nav a{margin-right:1em}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.6em 0}
th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f3f6fa} td.num{text-align:right}
figure{margin:1.2em 0 2em} figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{color:#444;font-size:.95em;margin-top:.4em} .guide{font-style:italic}
.kwic{font-size:.85em;table-layout:fixed} .kwic td:nth-child(1){width:18%} .kwic td:nth-child(3){width:14%}
.kwic td:nth-child(2){text-align:right;color:#555} .kwic td:nth-child(4){color:#555}
mark{background:#FFE9A8;padding:0 .1em} .who{color:#0072B2;font-weight:bold}
.mismatch{color:#D55E00;font-weight:bold} .note{color:#666;font-size:.9em}
"""


def esc(value: object) -> str:
    """HTML-escaped text; missing values become an empty string."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return html.escape(str(value))


def table_html(rows: Iterable[Iterable[str]], header: Iterable[str], *, cls: str = "",
               numeric: Iterable[int] = ()) -> str:
    """A <table> from already-escaped cells."""
    numeric = set(numeric)
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                   for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def speeches_section(speeches: pd.DataFrame, *, max_rows: int = MAX_SPEECH_ROWS) -> str:
    """The speeches and their metadata, in date order."""
    ordered = speeches.set_index("speech_id").loc[explore.speech_order(speeches)].reset_index()
    rows = [[esc(r[c]) for c, _ in SPEECH_COLUMNS] for _, r in ordered.head(max_rows).iterrows()]
    note = ""
    if len(ordered) > max_rows:
        note = f'<p class="note">The first {max_rows} of {len(ordered)} speeches by date.</p>'
    words = int(ordered["n_words"].sum())
    intro = f"<p>{len(ordered)} speeches, {words:,} words.</p>"
    return ("<h2 id='speeches'>The speeches</h2>" + intro
            + table_html(rows, [n for _, n in SPEECH_COLUMNS], numeric=[len(SPEECH_COLUMNS) - 1]) + note)


def figure_html(entry: dict, figures_dir: Path) -> str:
    """One chart, its PNG embedded as base64, with the title and the reading guide."""
    data = base64.b64encode((figures_dir / entry["png"]).read_bytes()).decode("ascii")
    return (f"<figure id='{esc(entry['name'])}'>"
            f"<img alt='{esc(entry['title'])}' src='data:image/png;base64,{data}'>"
            f"<figcaption><span class='guide'>How to read it:</span> {esc(entry['guide'])}</figcaption></figure>")


def charts_section(index: list[dict], figures_dir: Path) -> str:
    """Every chart of the index, in order."""
    if not index:
        return "<h2 id='charts'>Charts</h2><p class='note'>No charts were drawn.</p>"
    return "<h2 id='charts'>Charts</h2>" + "".join(figure_html(e, figures_dir) for e in index)


def priorities_section(priorities: pd.DataFrame, speeches: pd.DataFrame, theme_labels: dict[str, str],
                       *, max_lists: int = MAX_LISTS) -> str:
    """Each priority list as a table: rank, marker, item, themes; announced vs found."""
    head = "<h2 id='priorities'>Priority lists</h2>"
    if priorities.empty:
        return head + "<p class='note'>No enumerated priority lists were found.</p>"
    labels = explore.speech_labels(speeches)
    order = {sid: i for i, sid in enumerate(explore.speech_order(speeches))}
    lists = priorities.assign(_o=priorities["speech_id"].map(order)).sort_values(
        ["_o", "list_id", "rank"], kind="stable")
    parts = [head]
    groups = list(lists.groupby(["_o", "speech_id", "list_id"], sort=True))
    for (_, sid, list_id), items in groups[:max_lists]:
        announced = items["announced"].iloc[0]
        found = len(items)
        mismatch = not pd.isna(announced) and int(announced) != found
        count = (f"announced {int(announced)}, found {found}" if not pd.isna(announced)
                 else f"no number announced, found {found}")
        parts.append(f"<h3><span class='who'>{esc(labels.get(sid, sid))}</span> · {esc(items['kind'].iloc[0])} "
                     f"list {esc(list_id)} "
                     f"<span class='{'mismatch' if mismatch else 'note'}'>({count})</span></h3>")
        rows = [[esc(r["rank"]), esc(r["marker"]), esc(r["text"]),
                 esc(", ".join(theme_labels.get(t, t) for t in explore.split_list(r["themes"])))]
                for _, r in items.iterrows()]
        parts.append(table_html(rows, ["#", "Marker", "Item", "Themes"]))
    if len(groups) > max_lists:
        parts.append(f"<p class='note'>The first {max_lists} of {len(groups)} lists.</p>")
    return "".join(parts)


def highlight(sentence: str, terms: Iterable[str]) -> str:
    """`sentence` escaped, with each matched term wrapped in <mark>."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return esc(sentence)
    rx = re.compile("|".join(r"\b" + re.escape(t) + r"\b" for t in terms), re.IGNORECASE)
    out, last = [], 0
    for m in rx.finditer(sentence):
        out += [esc(sentence[last:m.start()]), f"<mark>{esc(m.group())}</mark>"]
        last = m.end()
    return "".join(out) + esc(sentence[last:])


def theme_evidence_section(sentence_themes: pd.DataFrame, speeches: pd.DataFrame,
                           theme_labels: dict[str, str], *, per_theme: int = EVIDENCE_PER_THEME) -> str:
    """For each theme (most sentences first), a few sentences with the matched terms marked."""
    head = "<h2 id='themes'>Evidence: themes in context</h2>"
    if sentence_themes.empty:
        return head + "<p class='note'>No sentence was coded with a theme.</p>"
    labels = explore.speech_labels(speeches)
    counts = sentence_themes["theme"].value_counts()
    themes = sorted(counts.index, key=lambda t: (-counts[t], str(t)))
    parts = [head, "<p class='lead'>Sentences coded with each theme; the words that matched are marked.</p>"]
    for theme in themes:
        parts.append(f"<h3>{esc(theme_labels.get(theme, theme))} <span class='note'>"
                     f"({counts[theme]} sentence{'s' if counts[theme] != 1 else ''})</span></h3><ul>")
        for row in explore.iter_theme_evidence(sentence_themes, theme, limit=per_theme):
            parts.append(f"<li><span class='who'>{esc(labels.get(row['speech_id'], row['speech_id']))}</span>: "
                         f"{highlight(row['sentence'], explore.split_list(row['matched_terms']))}</li>")
        parts.append("</ul>")
    return "".join(parts)


def entity_evidence_section(entities: pd.DataFrame, speeches: pd.DataFrame, *,
                            top: int = TOP_EVIDENCE_ENTITIES, per_entity: int = EVIDENCE_PER_ENTITY) -> str:
    """Keyword in context for the most-mentioned entities (people, organisations, agendas first)."""
    head = "<h2 id='entities'>Evidence: top entities in context</h2>"
    if entities.empty:
        return head + "<p class='note'>No entities were found.</p>"
    labels = explore.speech_labels(speeches)
    entities = entities[~entities["label"].isin(NUMERIC_LABELS)]
    counts = entities.groupby(["entity_name", "label"]).size().reset_index(name="n")
    counts = counts.sort_values(["n", "entity_name"], ascending=[False, True], kind="stable").head(top)
    parts = [head]
    for _, ent in counts.iterrows():
        rows = entities[(entities["entity_name"] == ent["entity_name"]) & (entities["label"] == ent["label"])]
        rows = rows.sort_values(["speech_id", "start_char"], kind="stable").head(per_entity)
        lines = explore.span_contexts(rows, speeches, width=70, sections=rows["section"])
        parts.append(f"<h3>{esc(ent['entity_name'])} <span class='note'>({esc(ent['label'])}, {ent['n']} mentions)</span></h3>")
        cells = [[f"<span class='who'>{esc(labels.get(r['speech_id'], r['speech_id']))}</span>",
                  esc(r["left"]), f"<mark>{esc(r['match'])}</mark>", esc(r["right"])]
                 for _, r in lines.iterrows()]
        parts.append(table_html(cells, ["Speech", "Before", "Mention", "After"], cls="kwic"))
    return "".join(parts)


def render(tables: dict[str, pd.DataFrame], index: list[dict], figures_dir: Path) -> str:
    """The whole HTML page as a string (deterministic: no timestamps)."""
    speeches = tables["speeches"]
    theme_labels = theme_names(tables["themes"])
    sections = [
        speeches_section(speeches),
        charts_section(index, figures_dir),
        priorities_section(tables["priorities"], speeches, theme_labels),
        theme_evidence_section(tables["sentence_themes"], speeches, theme_labels),
        entity_evidence_section(tables["entities"], speeches),
    ]
    nav = " ".join(f"<a href='#{a}'>{t}</a>" for a, t in (("speeches", "Speeches"), ("charts", "Charts"),
                                                           ("priorities", "Priority lists"),
                                                           ("themes", "Themes in context"),
                                                           ("entities", "Entities in context")))
    title = "Speeches on international migration"
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{title}</title>"
            f"<style>{CSS}</style></head><body><h1>{title}</h1>"
            "<p class='lead'>Entities, themes, priority lists, actors and distinctive vocabulary, "
            "drawn from the speeches below by the pipeline.</p>"
            f"<nav>{nav}</nav>" + "".join(sections) + "</body></html>\n")


def main(processed_dir: Path, figures_dir: Path, out_path: Path) -> int:
    """Write the report to `out_path` from the tables and FIGURES/charts.json."""
    start = time.perf_counter()
    figures_dir = Path(figures_dir)
    tables = explore.load_tables(processed_dir)
    index = json.loads((figures_dir / INDEX_NAME).read_text(encoding="utf-8"))
    page = render(tables, index, figures_dir)
    write_text(Path(out_path), page)
    speeches = tables["speeches"]
    words = int(speeches["n_words"].sum())
    seconds = time.perf_counter() - start
    log.info("report: %d speeches, %d words, %d charts, %.1f s, %.0f words/s, %d kB -> %s", len(speeches),
             words, len(index), seconds, words / max(seconds, 1e-9), len(page) // 1024, out_path)
    return 0
