"""Ingest: decoding, cleaning, header parsing, role resolution, one end-to-end run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import config, ingest
from pipeline.errors import InputError
from pipeline.header import find_date, split_header
from pipeline.headerparse import parse_header
from pipeline.officeholders import load_roles, match_role, resolve_role
from pipeline.tables import columns
from pipeline.textclean import clean_body, decode_bytes, normalise, paragraphs, strip_markdown

GOLD = json.loads(config.GOLD_PATH.read_text(encoding="utf-8")) if config.GOLD_PATH.exists() else None

# ------------------------------------------------------------------ decoding

TEXT = "Migrants’ rights — “safe, orderly and regular” migration, café."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8 (BOM)"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le (BOM)"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be (BOM)"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_bytes_reads_each_encoding(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"", "empty"), (b"  \n\t\r\n ", "empty"), (bytes(range(256)) * 4, "binary"),
     (b"\x00\x01\x02PK\x03\x04 not text", "binary")],
)
def test_decode_bytes_refuses_non_text(data: bytes, kind: str) -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(data)
    assert err.value.kind == kind


def test_normalise_repairs_mojibake_and_line_endings() -> None:
    raw = "The â€œWhite Helmetsâ€\x9d initiative\r\nworks.\n\rNext\rline\x07 here."
    assert normalise(raw) == "The “White Helmets” initiative\nworks.\nNext\nline here."


def test_normalise_writes_no_break_hyphens_as_hyphens() -> None:
    # press pages put U+2011 inside names and titles; the tokenizer needs the plain hyphen
    assert normalise("I thank Ms. Adaeze Okoro\u2011Bello, Under\u2010Secretary\u2011General.") == \
        "I thank Ms. Adaeze Okoro-Bello, Under-Secretary-General."


def test_normalise_is_idempotent_on_real_text(raw_dir: Path) -> None:
    for path in sorted(raw_dir.glob("*.txt")):
        once = normalise(decode_bytes(path.read_bytes()).text)
        assert normalise(once) == once


# ------------------------------------------------------------------ cleaning

def test_strip_markdown_drops_emphasis_and_rules() -> None:
    text = "**Dear Director General Swing,\nDear Excellencies,**\n\n*** *** ***\n\nA *real* point."
    assert strip_markdown(text) == "Dear Director General Swing,\nDear Excellencies,\n\n\n\nA real point."


def test_paragraphs_rejoin_sentence_split_by_page_break() -> None:
    text = ("Many initiatives have shown that increased cooperation on international migration\n\n"
            "helps to build trust.\n\nCooperation exists on many levels.")
    assert paragraphs(text) == [
        "Many initiatives have shown that increased cooperation on international migration "
        "helps to build trust.",
        "Cooperation exists on many levels.",
    ]


HARD_WRAPPED = """Allow me, first of all, to congratulate you, Mr.
President, on your election to the presidency of the
General Assembly. Secondly, allow me to express the
profound regard and warm ties that unite Argentina and
Uruguay, an ongoing relationship that was already under
way at the beginning of the nineteenth century.
We also extend our appreciation to Ambassador
Udovenko for the courage, balance and impartiality he
exhibited during the course of his mandate.
30/51 15-29431
In a globalized world, peace and security, economic
stability and growth are more than ever indissolubly
linked. The economic and financial crisis that concerns us
today should boost our commitment to the economic
reform process which we are carrying out in our region."""


def test_paragraphs_rejoin_hard_wrapped_lines_and_drop_page_headers() -> None:
    paras = paragraphs(HARD_WRAPPED)
    assert len(paras) == 3
    assert paras[0].startswith("Allow me, first of all, to congratulate you, Mr. President, on your")
    assert paras[0].endswith("the nineteenth century.")
    assert paras[1] == ("We also extend our appreciation to Ambassador Udovenko for the courage, "
                        "balance and impartiality he exhibited during the course of his mandate.")
    assert "15-29431" not in " ".join(paras)


def test_paragraphs_keep_one_paragraph_per_line_in_unwrapped_text() -> None:
    text = "First paragraph, a long line of prose that is not wrapped at all.\nSecond one.\n\nThird."
    assert paragraphs(text) == [
        "First paragraph, a long line of prose that is not wrapped at all.", "Second one.", "Third."]


def test_clean_body_is_idempotent() -> None:
    once = clean_body(HARD_WRAPPED)
    assert clean_body(once) == once


# ------------------------------------------------------------------ headers

ROLE_HEADER = """THE DEPUTY SECRETARY-GENERAL

--

OPENING REMARKS AT INFORMAL INTERACTIVE
HEARINGS ON INTERNATIONAL MIGRATION AND DEVELOPMENT

New York, 15 July 2013

Mr. President,
Excellencies,
Ladies and gentlemen,

Thank you for inviting me to be with you today. This is the body of the speech.
"""

NAMED_HEADER = """CLOSING REMARKS

Jane Example, Director General of the International Organization for Migration
GLOBAL FORUM ON MIGRATION AND DEVELOPMENT

12 May 2020, Palais des Nations, Geneva
10:00 – 10:30am

Dear colleagues,

Thank you, all. The body starts here and goes on for a while.
"""


def test_split_header_keeps_header_out_of_body() -> None:
    blocks, body = split_header(ROLE_HEADER)
    assert body.strip().startswith("Thank you for inviting me")
    assert blocks[0] == ["THE DEPUTY SECRETARY-GENERAL"]


def test_split_header_finds_no_header_in_plain_prose() -> None:
    text = "It is with\nlegitimate pride that I address the General Assembly, a symbol of the\n" \
           "resolve of peoples to face the many challenges before it.\n\nNext paragraph."
    assert split_header(text) == ([], text)


def test_parse_header_resolves_role_to_officeholder_on_date() -> None:
    blocks, _ = split_header(ROLE_HEADER)
    header = parse_header(blocks)
    assert header.speaker == "Jan Eliasson"
    assert header.speaker_from_role
    assert header.speaker_role == "Deputy Secretary-General"
    assert header.date == "2013-07-15"
    assert header.place == "New York"
    assert header.event == "Informal interactive hearings on international migration and development"


def test_parse_header_reads_name_role_event_date_place() -> None:
    blocks, _ = split_header(NAMED_HEADER)
    header = parse_header(blocks)
    assert header.speaker == "Jane Example"
    assert header.speaker_role == "Director General of the International Organization for Migration"
    assert header.title == "Closing remarks"
    assert header.event is not None and header.event.lower() == "global forum on migration and development"
    assert header.date == "2020-05-12"
    assert header.place == "Geneva"


@pytest.mark.parametrize(
    ("role", "date", "person"),
    [
        ("THE DEPUTY SECRETARY-GENERAL", "2013-07-15", "Jan Eliasson"),
        ("Deputy Secretary-General", "2019-02-01", "Amina J. Mohammed"),
        ("the Secretary-General", "2010-06-30", "Ban Ki-moon"),
        ("Secretary-General", "2017-01-01", "António Guterres"),
        ("IOM Director General", "2018-03-27", "William Lacy Swing"),
        ("IOM Director General", "2018-10-01", "António Vitorino"),
        ("Secretary-General", "2016", "Ban Ki-moon"),
        ("Secretary-General", "2006-12", "Kofi Annan"),
    ],
)
def test_resolve_role_names_the_holder_on_the_date(role: str, date: str, person: str) -> None:
    found = match_role(role, load_roles())
    assert found is not None
    assert resolve_role(found, date) == person


def test_resolve_role_is_none_when_a_year_spans_two_holders() -> None:
    role = match_role("Secretary-General", load_roles())
    assert resolve_role(role, "2007") is None or resolve_role(role, "2007") == "Ban Ki-moon"
    assert resolve_role(role, "2016-12-31") == "Ban Ki-moon"
    assert resolve_role(match_role("Deputy Secretary-General"), None) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [("27 March 2018, UNHQ, New York", "2018-03-27"), ("New York, 15 July 2013", "2013-07-15"),
     ("March 27, 2018", "2018-03-27"), ("on 2019-12-10 in Marrakech", "2019-12-10"),
     ("September 2016", "2016-09"), ("no date here", None)],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text)[0] == iso


# ------------------------------------------------------------- default corpus

@pytest.mark.skipif(GOLD is None, reason="shared/eval/gold.json not available")
@pytest.mark.parametrize("field", ["speaker", "speaker_role", "event", "date", "place"])
def test_default_speeches_metadata_matches_gold(speeches: pd.DataFrame, field: str) -> None:
    for entry in GOLD["speeches"]:
        row = speeches.loc[Path(entry["file"]).stem]
        assert row[field] == entry["metadata"][field]


def test_default_speeches_body_has_no_header_or_markdown(speeches: pd.DataFrame) -> None:
    for row in speeches.itertuples():
        assert "**" not in row.text
        assert not row.text.startswith(("CLOSING", "THE DEPUTY", "Dear", "Mr."))
        assert "\n\n\n" not in row.text
    arbour = speeches.loc["000_8c50208df74ac3f9"]
    assert "international migration helps to build trust" in arbour.text
    assert arbour.label == "Arbour, 2018"
    assert speeches.loc["003_bc41e7fa16f890e8"].label == "Eliasson (Deputy Secretary-General), 2013"


# ------------------------------------------------------------------ end to end

def test_ingest_end_to_end_with_bad_files_and_metadata(tmp_path: Path, raw_dir: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in raw_dir.glob("*.txt"):
        (raw / path.name).write_bytes(path.read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    (raw / "garbage.txt").write_bytes(bytes(range(256)) * 10)
    (raw / "wrapped speech.txt").write_bytes(b"\xef\xbb\xbf" + HARD_WRAPPED.replace("\n", "\r\n").encode())
    (raw / "metadata.csv").write_text(
        "file,speaker,post,year,country,colour\n"
        "wrapped speech.txt,Guido Di Tella,Minister for Foreign Affairs,1998,Argentina,blue\n"
        "missing.txt,Nobody,,2000,,\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in raw.iterdir()}
    out = tmp_path / "processed"
    result = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw), "--out", str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "empty.txt: error: file is empty" in result.stderr
    assert "garbage.txt: error: binary" in result.stderr

    speeches = pd.read_parquet(out / "speeches.parquet").set_index("speech_id")
    assert sorted(speeches.index) == ["000_8c50208df74ac3f9", "003_bc41e7fa16f890e8", "wrapped speech"]
    wrapped = speeches.loc["wrapped speech"]
    assert (wrapped.speaker, wrapped.speaker_role, wrapped.date, wrapped.country) == \
        ("Guido Di Tella", "Minister for Foreign Affairs", "1998", "Argentina")
    assert wrapped.encoding == "utf-8 (BOM)"
    assert wrapped.text.count("\n\n") == 2 and "\r" not in wrapped.text
    csv = pd.read_csv(out / "speeches.csv", keep_default_na=False)
    assert csv["text"].tolist() == speeches["text"].tolist()

    errors = pd.read_csv(out / "ingest_errors.csv")
    problems = set(zip(errors.file, errors.problem, strict=True))
    assert {("empty.txt", "empty"), ("garbage.txt", "binary"), ("metadata.csv", "unknown_columns"),
            ("metadata.csv", "missing_file")} <= problems
    assert {p.name: p.read_bytes() for p in raw.iterdir()} == before, "RAW must never be written"

    strict = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw), "--out",
                             str(tmp_path / "strict"), "--strict"], capture_output=True, text=True, check=False)
    assert strict.returncode != 0
    assert "--strict" in strict.stderr


def test_ingest_module_main_returns_zero_and_writes_both_formats(tmp_path: Path, raw_dir: Path) -> None:
    assert ingest.main(raw_dir, tmp_path) == 0
    parquet = pd.read_parquet(tmp_path / "speeches.parquet")
    csv = pd.read_csv(tmp_path / "speeches.csv")
    assert list(parquet.columns) == list(csv.columns) == columns("speeches")
    assert len(parquet) == len(csv) == 2
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files left behind"


def test_a_delegations_statement_gets_its_country_from_the_office_in_its_header(tmp_path: Path) -> None:
    path = tmp_path / "statement_ghana.txt"
    path.write_text("Statement by\nHis Excellency Mr. Kwame Asante Boateng\nPresident of the Republic of Ghana\n"
                    "at the General Debate of the 74th Session\nof the United Nations General Assembly\n\n"
                    "New York, 25 September 2019\n\nMr. President,\n\n"
                    "Allow me to congratulate you on your election. Ghana welcomes the Global Compact.\n",
                    encoding="utf-8")
    row = ingest.ingest_file(path)
    assert (row["speaker"], row["speaker_role"]) == ("Kwame Asante Boateng", "President of the Republic of Ghana")
    assert (row["country"], row["iso3"]) == ("Ghana", "GHA")


def test_a_un_officials_statement_gets_no_country_from_its_office(tmp_path: Path) -> None:
    path = tmp_path / "sg.txt"
    path.write_text("Secretary-General's remarks to the Security Council on Iraq\n\nNew York, 12 May 2021\n\n"
                    "Mr. President,\n\nThank you for this opportunity to brief the Council.\n", encoding="utf-8")
    row = ingest.ingest_file(path)
    assert row["speaker_role"] == "Secretary-General"
    assert row.get("country") is None


def test_a_date_in_another_year_than_the_file_names_is_not_the_speechs(tmp_path: Path) -> None:
    path = tmp_path / "MCO_68_2013.txt"  # a General Debate file name: Monaco, 68th session, 2013
    path.write_text("Two decades ago \nI addressed for the first time the General \nAssembly. Some months "
                    "earlier, on 14 June 1993, \nMonaco had become a Member of the United Nations, \nthe newest "
                    "of its Members at that time. \n\nThat choice has not changed with the years. We still \n"
                    "carry our share of the common work. \n", encoding="utf-8")
    row = ingest.ingest_file(path)
    assert (row["country"], row["date"]) == ("Monaco", "2013")
    assert row["text"].startswith("Two decades ago") and row["header"] == ""  # a hard-wrapped opening, no header


@pytest.mark.parametrize(("written", "name"), [
    ("Mr. Tomas Ilves Example", "Tomas Ilves Example"),
    ("H.E. Ms. Amina Example-Diallo", "Amina Example-Diallo"),
    ("Mr.Ravi Example", "Ravi Example"),  # no space after the dot
    ("His Majesty King Letsie Example III", "King Letsie Example III"),  # a king is named so
    ("Sheikh Rahima Example", "Sheikh Rahima Example"),  # part of how the person is named
    ("Dragan Example", "Dragan Example"),  # "Dr" only as a word of its own
])
def test_a_metadata_csv_speaker_is_the_name_without_the_forms_of_address(tmp_path: Path, written: str,
                                                                         name: str) -> None:
    (tmp_path / "EST_70_2015.txt").write_text("We meet at a difficult time for the world.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(f'file,speaker,post\nEST_70_2015.txt,"{written}",President\n',
                                           encoding="utf-8")
    row = ingest.build_tables(tmp_path)["speeches"].iloc[0]
    assert (row.speaker, row.speaker_role, row.speaker_source) == (name, "President", "metadata.csv")
    assert (row.event, row.place, row.session) == ("General Debate of the 70th session of the General Assembly",
                                                   "New York", "70")


def test_a_headers_date_in_another_year_than_the_file_name_gives_way_to_it(tmp_path: Path) -> None:
    path = tmp_path / "KEN_73_2018.txt"
    path.write_text("Statement by H.E. Mr. Daniel Mwangi Otieno, President of the Republic of Kenya\n\n"
                    "New York, 25 September 2017\n\nMr. President,\n\nKenya thanks the Assembly.\n",
                    encoding="utf-8")
    row = ingest.ingest_file(path)
    assert (row["speaker"], row["date"], row["session"]) == ("Daniel Mwangi Otieno", "2018", "73")
