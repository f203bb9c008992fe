"""One look for every chart: style, colour-blind-safe palettes, stable colours, saving.

Charts call `apply_style()` once, take colours from a `Palette` built over the
full, sorted set of keys (themes, speeches), so the same theme or speech has the
same colour in every chart, and save through `save_figure`, which fixes the
metadata and the SVG hash salt so that re-runs are byte-identical.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from pipeline.storage import atomic_path  # noqa: E402

# Okabe & Ito (2008): eight colours distinguishable under the common colour-vision
# deficiencies. Used for speeches (and groups of speeches).
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Paul Tol's "muted" qualitative scheme (colour-blind safe), for themes and topics,
# extended with Tol's "light" colours when there are more than nine keys.
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
             "#882255", "#AA4499")
TOL_LIGHT = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33",
             "#AAAA00", "#DDDDDD")
NEUTRAL = "#BBBBBB"
SEQUENTIAL_CMAP = "cividis"  # perceptually uniform and colour-blind safe
DIVERGING_CMAP = "RdBu_r"

FONT = "DejaVu Sans"  # ships with matplotlib: the same glyphs on every machine
DPI = 150
SVG_HASH_SALT = "speeches"
FIXED_METADATA = {"png": {"Software": None},
                  "svg": {"Date": None, "Creator": None},
                  "pdf": {"CreationDate": None, "Creator": None, "Producer": None}}

STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 9.5,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "axes.axisbelow": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8.5,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.15,
    "figure.facecolor": "white",
    "svg.hashsalt": SVG_HASH_SALT,
    "svg.fonttype": "path",
    "path.simplify": True,
}


def apply_style() -> None:
    """Set the project's rcParams (fonts, grid, sizes, hash salt) for every later figure."""
    plt.rcParams.update(STYLE)


@dataclass(frozen=True)
class Palette:
    """A stable key -> colour map: keys are sorted once, so colours never depend on order of use."""

    keys: tuple[str, ...]
    colours: tuple[str, ...]
    fallback: str = NEUTRAL
    _map: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        mapping = {k: self.colours[i % len(self.colours)] for i, k in enumerate(self.keys)}
        object.__setattr__(self, "_map", mapping)

    def __call__(self, key: str) -> str:
        return self._map.get(str(key), self.fallback)

    def many(self, keys: Iterable[str]) -> list[str]:
        """Colours for `keys`, in order."""
        return [self(k) for k in keys]


def palette(keys: Iterable[str], *, kind: str = "speech") -> Palette:
    """A `Palette` over the unique keys (sorted); `kind` is "speech" or "theme"."""
    unique = tuple(sorted({str(k) for k in keys}))
    colours = OKABE_ITO if kind == "speech" else TOL_MUTED + TOL_LIGHT
    return Palette(unique, colours)


def ordered_palette(keys: Iterable[str]) -> Palette:
    """A speech palette that keeps the given order (speeches in date order keep their colours)."""
    seen = tuple(dict.fromkeys(str(k) for k in keys))
    return Palette(seen, OKABE_ITO)


def wrap(text: str, width: int = 28, *, max_lines: int = 2) -> str:
    """Wrap a label onto at most `max_lines` lines, ending with an ellipsis when cut."""
    lines = textwrap.wrap(str(text), width=width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(0, width - 1)].rstrip() + "…"
    return "\n".join(lines)


def shorten(text: str, width: int = 40) -> str:
    """Cut `text` to `width` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def save_figure(fig: Figure, figures_dir: Path, name: str) -> tuple[Path, Path]:
    """Save `fig` as `<name>.png` and `<name>.svg` in `figures_dir`, atomically and reproducibly.

    Returns the two paths. The figure is closed afterwards.
    """
    figures_dir = Path(figures_dir)
    paths = []
    for ext in ("png", "svg"):
        path = figures_dir / f"{name}.{ext}"
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format=ext, metadata=FIXED_METADATA[ext])
        paths.append(path)
    plt.close(fig)
    return paths[0], paths[1]
