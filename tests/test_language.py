"""Language detection in ingest: a speech in another language is flagged (`not_english`, the
`language` column) and still processed; English speeches, mojibake and hard-wrapped ones
included, are never flagged."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import config, ingest, language
from pipeline.readers import read_file
from pipeline.textclean import clean_paragraphs, normalise

FRENCH = """Monsieur le Président,

Je voudrais tout d'abord vous féliciter de votre élection à la présidence de cette session. La \
migration internationale est une réalité de notre temps : elle touche chacun de nos pays, qu'il \
soit pays d'origine, de transit ou de destination.

Le Pacte mondial pour des migrations sûres, ordonnées et régulières nous donne un cadre de \
coopération. Nous devons protéger les droits des migrants, lutter contre la traite des personnes \
et ouvrir des voies légales de migration. Mon pays s'engage à mettre en œuvre ses objectifs avec \
les collectivités locales et la société civile.

Je vous remercie."""

SPANISH = """Señor Presidente:

Permítame, en primer lugar, felicitarlo por su elección. La migración internacional es una \
realidad que afecta a todos nuestros países, ya sean de origen, de tránsito o de destino.

El Pacto Mundial para una Migración Segura, Ordenada y Regular nos ofrece un marco de \
cooperación. Debemos proteger los derechos de los migrantes, combatir la trata de personas y \
abrir vías legales para la migración. Mi país se compromete a cumplir sus objetivos junto con \
las autoridades locales y la sociedad civil.

Muchas gracias."""

ENGLISH_WITH_FRENCH = """Mr. President,

I will speak first in French. (spoke in French) La migration est une chance pour tous.

We welcome the Global Compact for Safe, Orderly and Regular Migration, which my Government \
supported from the start. Migrants contribute to the development of countries of origin and \
destination alike, and their rights must be protected wherever they are. We will work with \
local authorities, civil society and the private sector to implement its objectives, and we \
call on all States to open regular pathways for migration. Thank you."""


@pytest.mark.parametrize(("text", "code"), [
    (FRENCH, "fr"), (SPANISH, "es"), (ENGLISH_WITH_FRENCH, "en"),
    ("12 345 2018 4.5 % 17 " * 100, None),  # no words: no language
    ("Migration.", None),  # too short to tell
])
def test_detect_names_the_language_or_nothing(text: str, code: str | None) -> None:
    assert language.detect(text) == code


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("languages")
    raw = root / "raw"
    raw.mkdir()
    for path in sorted(config.RAW_DIR.glob("*.txt")):
        shutil.copy2(path, raw / path.name)
    (raw / "declaration.txt").write_text(FRENCH, encoding="utf-8")
    (raw / "discurso.txt").write_text(SPANISH, encoding="utf-8")
    (raw / "bilingual.txt").write_text(ENGLISH_WITH_FRENCH, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw), "--out",
                             str(root / "processed")], capture_output=True, text=True, check=False, timeout=120)
    return raw, root / "processed", result


def test_other_languages_are_flagged_and_still_ingested(mixed_run) -> None:
    _, processed, result = mixed_run
    assert result.returncode == 0, result.stderr
    speeches = pd.read_parquet(processed / "speeches.parquet").set_index("speech_id")
    assert speeches["language"].to_dict() == {**{p.stem: "en" for p in config.RAW_DIR.glob("*.txt")},
                                              "declaration": "fr", "discurso": "es", "bilingual": "en"}
    errors = pd.read_csv(processed / "ingest_errors.csv")
    assert errors[["file", "severity", "problem"]].values.tolist() == [
        ["declaration.txt", "warning", "not_english"], ["discurso.txt", "warning", "not_english"]]
    assert "reads as French ('fr'), not English" in errors["message"].iloc[0]
    assert f"declaration.txt: warning: {errors['message'].iloc[0]}" in result.stderr.splitlines()


def test_strict_stops_on_another_language(mixed_run, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert ingest.main(mixed_run[0], tmp_path, strict=True) == 1
    assert "--strict: 2 input problem(s)" in capsys.readouterr().err


def _hard_cases() -> list[Path]:
    """General Debate speeches the detector must read as English: every 1998 one (mojibake in
    some) and the 30 oldest (hard-wrapped lines, page-header leftovers)."""
    files = sorted(config.UNGD_DIR.glob("*.txt"), key=lambda p: (int(p.stem.split("_")[2]), p.name))
    return [p for p in files if p.stem.endswith("_1998")] + files[:30]


@pytest.mark.skipif(not config.UNGD_DIR.is_dir(), reason="needs ../shared/corpus/ungd")
def test_english_speeches_with_mojibake_or_hard_wraps_are_english() -> None:
    """Decoded and cleaned as ingest does (header parsing, which needs the model, aside)."""
    cases = _hard_cases()
    assert len(cases) >= 50
    found = {p.name: language.detect("\n\n".join(clean_paragraphs(normalise(read_file(p).text))))
             for p in cases}
    assert {name: code for name, code in found.items() if code != "en"} == {}
